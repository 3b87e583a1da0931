// Which config.yml the running cloudflared uses and what it says: its --config (as the
// process sees the path), else the path the user gave, else cloudflared's own search of its
// default locations. A tunnel run with --token may have no config file at all.

import type { CloudflaredInvocation } from './connector-invocation';
import { readCloudflaredConfig, type CloudflaredConfig } from './config-file';
import { pathsAsSeenBy } from './process-paths';
import type { Message } from '../../../../contract/message';
import { msg } from '../../../../renderer/i18n/messages/message';
import { refusal } from '../gathered';
import type { Problem } from './problems';

export interface ConfigSearch {
  config: CloudflaredConfig | null;
  notes: Message[];
  problems: Problem[];
  /** Every path looked at, found or not (CloudflaredEvidence.places). */
  looked: string[];
}

interface Lead {
  paths: string[];
  /** Where the path came from (gather.lead.*). */
  label: Message;
  /** The path the user gave, rather than one the process uses. */
  given: boolean;
}

/** Reads the first of `lead.paths` that exists; a file that exists but fails ends the lead. */
async function follow(lead: Lead, problems: Problem[]): Promise<CloudflaredConfig | null> {
  for (const path of lead.paths) {
    const outcome = await readCloudflaredConfig(path);
    if (outcome.ok) return outcome.config;
    if (outcome.code !== 'NOT_FOUND') {
      problems.push(refusal(outcome.code, msg('gather.lead.at', { problem: outcome.reason, lead: lead.label })));
      return null;
    }
  }
  problems.push(refusal('NOT_FOUND', msg('gather.config.lead-missing', { path: lead.paths[0] ?? '', lead: lead.label })));
  return null;
}

export async function findCloudflaredConfig(
  invocations: readonly CloudflaredInvocation[],
  givenPath: string | null,
  defaultPaths: readonly string[],
): Promise<ConfigSearch> {
  const notes: Message[] = [];
  const problems: Problem[] = [];
  const looked: string[] = [];
  const leads: Lead[] = invocations
    .filter((invocation) => invocation.configFlag !== null)
    .map((invocation) => ({
      paths: pathsAsSeenBy(invocation.pid, invocation.configFlag!, invocation.home),
      label: msg('gather.lead.config-flag', { pid: invocation.pid }),
      given: false,
    }));
  if (givenPath) leads.push({ paths: [givenPath], label: msg('gather.lead.config-given'), given: true });

  for (const lead of leads) {
    if (lead.paths[0]) looked.push(lead.paths[0]);
    const config = await follow(lead, problems);
    if (!config) continue;
    if (givenPath && !lead.given && !lead.paths.includes(givenPath)) {
      notes.push(msg('source.cloudflared.config-not-used', { given: givenPath, used: config.path }));
    }
    return { config, notes, problems, looked };
  }
  if (leads.length > 0) return { config: null, notes, problems, looked };

  for (const path of defaultPaths) {
    looked.push(path);
    const outcome = await readCloudflaredConfig(path);
    if (outcome.ok) return { config: outcome.config, notes, problems, looked };
    if (outcome.code !== 'NOT_FOUND') {
      problems.push(outcome);
      return { config: null, notes, problems, looked };
    }
  }
  problems.push(refusal('NOT_FOUND', msg('gather.config.none', { paths: defaultPaths })));
  return { config: null, notes, problems, looked };
}
