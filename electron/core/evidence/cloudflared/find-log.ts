// Where cloudflared's log is and what it says: the file the user gave (and only that), else
// the --logfile / --log-directory / TUNNEL_LOGFILE of the running process or its config,
// else the systemd journal (`cloudflared service install` on systemd), else the files the
// SysV and OpenRC services write (/var/log/cloudflared.err gets cloudflared's stderr: its log).

import { join } from 'node:path';
import type { CloudflaredConfig } from './config-file';
import type { CloudflaredInvocation } from './connector-invocation';
import type { LogScan } from './log-scanner';
import { pathsAsSeenBy } from './process-paths';
import type { Message } from '../../../../contract/message';
import { msg } from '../../../../renderer/i18n/messages/message';
import { refusal } from '../gathered';
import type { Problem } from './problems';
import { readCloudflaredJournal, type JournalOptions } from './read-journal';
import { readCloudflaredLogFile, type LogReadOptions } from './read-log-file';

/** The log files of cloudflared's SysV and OpenRC services (linux_service.go). */
export const SERVICE_LOG_PATHS: readonly string[] = ['/var/log/cloudflared.err', '/var/log/cloudflared.log'];
/** The file cloudflared writes in --log-directory (logger/configuration.go). */
const LOG_DIRECTORY_FILE = 'cloudflared.log';

export interface LogSearch {
  scan: LogScan | null;
  description: Message | null;
  problems: Problem[];
  /** Every file (and the journal command) looked at, found or not (CloudflaredEvidence.places). */
  looked: string[];
}

export interface LogSearchOptions extends LogReadOptions {
  /** null: do not read the journal. */
  journal: JournalOptions | null;
  defaultLogPaths: readonly string[];
}

interface Lead {
  paths: string[];
  /** Where the path came from (gather.lead.*). */
  label: Message;
}

/** Reads the first of `lead.paths` that exists. */
export async function followLogLead(lead: Lead, options: LogReadOptions, problems: Problem[]): Promise<LogSearch | null> {
  for (const path of lead.paths) {
    const outcome = await readCloudflaredLogFile(path, options);
    if (outcome.ok) return { scan: outcome.scan, description: msg('source.cloudflared.log-via', { log: outcome.description, lead: lead.label }), problems, looked: [path] };
    if (outcome.code !== 'NOT_FOUND') {
      problems.push(refusal(outcome.code, msg('gather.lead.at', { problem: outcome.reason, lead: lead.label })));
      return null;
    }
  }
  problems.push(refusal('NOT_FOUND', msg('gather.log.lead-missing', { path: lead.paths[0] ?? '', lead: lead.label })));
  return null;
}

function leadsFrom(invocations: readonly CloudflaredInvocation[], config: CloudflaredConfig | null): Lead[] {
  const leads: Lead[] = [];
  for (const invocation of invocations) {
    const seen = (path: string): string[] => pathsAsSeenBy(invocation.pid, path, invocation.home);
    if (invocation.logFile) leads.push({ paths: seen(invocation.logFile), label: msg('gather.lead.logfile-flag', { pid: invocation.pid }) });
    if (invocation.logDirectory) {
      leads.push({ paths: seen(join(invocation.logDirectory, LOG_DIRECTORY_FILE)), label: msg('gather.lead.log-directory-flag', { pid: invocation.pid }) });
    }
  }
  if (config) {
    const first = invocations[0];
    const seen = (path: string): string[] => (first ? pathsAsSeenBy(first.pid, path, first.home) : [path]);
    if (config.logFile) leads.push({ paths: seen(config.logFile), label: msg('gather.lead.config-key', { key: 'logfile', path: config.path }) });
    if (config.logDirectory) leads.push({ paths: seen(join(config.logDirectory, LOG_DIRECTORY_FILE)), label: msg('gather.lead.config-key', { key: 'log-directory', path: config.path }) });
  }
  return leads;
}

export async function findCloudflaredLog(
  givenPath: string | null,
  invocations: readonly CloudflaredInvocation[],
  config: CloudflaredConfig | null,
  options: LogSearchOptions,
): Promise<LogSearch> {
  const problems: Problem[] = [];
  const looked: string[] = [];
  const done = (scan: LogScan | null, description: Message | null): LogSearch => ({ scan, description, problems, looked });
  if (givenPath) {
    looked.push(givenPath);
    return (await followLogLead({ paths: [givenPath], label: msg('gather.lead.log-given') }, options, problems)) ?? done(null, null);
  }
  for (const lead of leadsFrom(invocations, config)) {
    if (lead.paths[0]) looked.push(lead.paths[0]);
    const found = await followLogLead(lead, options, problems);
    if (found) return { ...found, looked };
  }
  if (options.journal !== null) {
    looked.push('journalctl -u cloudflared');
    const journal = await readCloudflaredJournal({ ...options.journal, signal: options.signal });
    if (journal.ok) return done(journal.scan, journal.description);
    problems.push(journal);
  }
  const missing: string[] = [];
  for (const path of options.defaultLogPaths) {
    looked.push(path);
    const outcome = await readCloudflaredLogFile(path, options);
    if (outcome.ok) return done(outcome.scan, outcome.description);
    if (outcome.code === 'NOT_FOUND') missing.push(path);
    else problems.push(outcome);
  }
  if (missing.length > 0) problems.push(refusal('NOT_FOUND', msg('gather.log.no-service-log', { paths: missing })));
  return done(null, null);
}
