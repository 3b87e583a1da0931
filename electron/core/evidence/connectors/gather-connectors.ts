// Finds the connectors running on this host (cloudflared, Twingate's connector, Firezone's
// gateway) through /proc, and for each: who it runs as, where (network namespace, container),
// the environment that steers it, and ping_group_range as *it* sees it — the value that
// decides whether its ICMP proxy can open sockets.

import { readdir } from 'node:fs/promises';
import type { ConnectorKind, ConnectorProcess, Gathered } from '../../../../contract/evidence';
import type { Message } from '../../../../contract/message';
import { msg } from '../../../../renderer/i18n/messages/message';
import { describeError, gathered, notGathered } from '../gathered';
import { selectEnvironment } from './connector-environment';
import { connectorKindOf } from './connector-kinds';
import { cgroupPath, containerFromCgroup } from './container-hint';
import { CONNECTOR_CHECK_COMMAND, readConnectorRange } from './namespace-range';
import { ProcessVanished, readProcFile, readProcLink } from './proc-files';
import { CAP_SYS_ADMIN, CAP_SYS_PTRACE, hasCapability, parseProcStatus } from './proc-status';
import { procHidesOtherUsers } from './proc-visibility';
import { readTwingateOwnLog, type TwingateOwnLogOptions } from './twingate-own-log';

export interface GatherConnectorsOptions {
  signal?: AbortSignal;
  /** Where a Twingate connector's journal is read (default: the system journal); null: never. */
  journal?: TwingateOwnLogOptions['journal'];
}

const PROC = '/proc';
/** Enough for any real command line; a longer one is cut, never read whole. */
const CMDLINE_LIMIT = 64 * 1024;
const ENVIRON_LIMIT = 256 * 1024;
const SMALL_FILE_LIMIT = 16 * 1024;
/** Processes examined at once: enough to be quick, few enough to stay far from the fd limit. */
const SCAN_BATCH = 32;

interface Candidate {
  pid: number;
  kind: ConnectorKind;
  argv: string[];
}

interface Self {
  pid: number;
  netns: string | null;
  mayEnterNamespaces: boolean;
  mayReadOthers: boolean;
}

interface ScanTally {
  candidates: Candidate[];
  scanned: number;
  denied: number;
}

function argvOf(cmdline: string): string[] {
  const parts = cmdline.split('\0');
  if (parts.at(-1) === '') parts.pop();
  return parts;
}

async function examineSelf(): Promise<Self> {
  const status = await readProcFile(`${PROC}/self/status`, SMALL_FILE_LIMIT).catch(() => null);
  const parsed = status?.ok ? parseProcStatus(status.value) : null;
  const netns = await readProcLink(`${PROC}/self/ns/net`).catch(() => null);
  return {
    pid: process.pid,
    netns: netns?.ok ? netns.value : null,
    mayEnterNamespaces: hasCapability(parsed?.capEff ?? null, CAP_SYS_ADMIN),
    mayReadOthers: hasCapability(parsed?.capEff ?? null, CAP_SYS_PTRACE),
  };
}

/** The target of /proc/PID/exe, or '' when we may not read it (another user's process without CAP_SYS_PTRACE). */
async function executableOf(pid: number): Promise<string> {
  const exe = await readProcLink(`${PROC}/${pid}/exe`);
  return exe.ok ? exe.value : '';
}

/** Is `pid` a connector? Reads cmdline, and comm and exe only when argv[0] does not decide. */
async function classify(pid: number, tally: ScanTally): Promise<void> {
  try {
    const cmdline = await readProcFile(`${PROC}/${pid}/cmdline`, CMDLINE_LIMIT);
    tally.scanned += 1;
    if (!cmdline.ok) {
      if (cmdline.denied) tally.denied += 1;
      return;
    }
    const argv = argvOf(cmdline.value);
    // Kernel threads and zombies have an empty command line; neither is a connector.
    if (argv.length === 0) return;
    let kind = connectorKindOf(argv, '');
    if (kind === null) {
      const comm = await readProcFile(`${PROC}/${pid}/comm`, 64);
      kind = connectorKindOf(argv, comm.ok ? comm.value.trim() : '', await executableOf(pid));
    }
    if (kind !== null) tally.candidates.push({ pid, kind, argv });
  } catch (error) {
    if (!(error instanceof ProcessVanished)) throw error;
  }
}

function environmentDenied(pid: number, uid: number): Message {
  return msg('gather.connector.environ-denied', { pid, uid, checkCommand: CONNECTOR_CHECK_COMMAND });
}

/** Everything about one connector; throws ProcessVanished when it exits meanwhile. */
async function examineConnector(candidate: Candidate, self: Self, signal: AbortSignal | undefined): Promise<ConnectorProcess | null> {
  const { pid, kind } = candidate;
  const statusRead = await readProcFile(`${PROC}/${pid}/status`, SMALL_FILE_LIMIT);
  const status = statusRead.ok ? parseProcStatus(statusRead.value) : null;
  // status is world-readable; without it (hidepid) there is nothing to judge the process by.
  if (status === null) return null;
  const cgroup = await readProcFile(`${PROC}/${pid}/cgroup`, SMALL_FILE_LIMIT);
  const netnsRead = await readProcLink(`${PROC}/${pid}/ns/net`);
  const netns = netnsRead.ok ? netnsRead.value : null;
  const environRead = await readProcFile(`${PROC}/${pid}/environ`, ENVIRON_LIMIT);
  const environSource = `${PROC}/${pid}/environ`;
  const environment: Gathered<Record<string, string>> = environRead.ok
    ? gathered(selectEnvironment(kind, environRead.value), environSource)
    : environRead.denied
      ? notGathered('PERMISSION_DENIED', environmentDenied(pid, status.uids[0]), environSource)
      : notGathered('FAILED', msg('gather.connector.environ-unreadable', { path: environSource, errno: environRead.errno }), environSource);
  const pingGroupRange = await readConnectorRange({
    pid,
    kind,
    netns,
    ownNetns: self.netns,
    mayEnterNamespaces: self.mayEnterNamespaces,
    ...(signal ? { signal } : {}),
  });
  if (!pingGroupRange.ok && pingGroupRange.reason?.key === 'gather.connector.exited') {
    throw new ProcessVanished('exited while its namespace was read');
  }
  return {
    kind,
    pid,
    command: candidate.argv,
    uids: status.uids,
    gids: status.gids,
    groups: status.groups,
    netns,
    sameNetnsAsUs: netns !== null && netns === self.netns,
    pingGroupRange,
    environment,
    container: cgroup.ok ? containerFromCgroup(cgroup.value) : null,
    cgroup: cgroup.ok ? cgroupPath(cgroup.value) : null,
  };
}

function nothingVisible(self: Self, tally: ScanTally, hidden: boolean): Message | null {
  if (self.mayReadOthers) return null;
  if (hidden) return msg('gather.connector.hidepid', { checkCommand: CONNECTOR_CHECK_COMMAND });
  if (tally.denied > 0) {
    return msg('gather.connector.processes-denied', { denied: tally.denied, scanned: tally.scanned, checkCommand: CONNECTOR_CHECK_COMMAND });
  }
  return null;
}

async function scan(options: GatherConnectorsOptions): Promise<Gathered<ConnectorProcess[]>> {
  const signal = options.signal;
  const cancelled = () => notGathered<ConnectorProcess[]>('CANCELLED', msg('gather.connector.scan-cancelled'), PROC);
  let entries: string[];
  try {
    entries = await readdir(PROC);
  } catch (error) {
    return notGathered('FAILED', msg('gather.connector.proc-unlisted', { path: PROC, detail: describeError(error) }), PROC);
  }
  const self = await examineSelf();
  const pids = entries.filter((name) => /^\d+$/.test(name)).map(Number).filter((pid) => pid !== self.pid);
  const tally: ScanTally = { candidates: [], scanned: 0, denied: 0 };
  for (let start = 0; start < pids.length; start += SCAN_BATCH) {
    if (signal?.aborted) return cancelled();
    await Promise.all(pids.slice(start, start + SCAN_BATCH).map((pid) => classify(pid, tally)));
  }
  const found: ConnectorProcess[] = [];
  for (const candidate of tally.candidates.sort((a, b) => a.pid - b.pid)) {
    if (signal?.aborted) return cancelled();
    try {
      const connector = await examineConnector(candidate, self, signal);
      if (connector !== null) {
        // Its own log, per process: the journal only of the unit it runs in, else its own output file.
        const ownLog = await readTwingateOwnLog(connector, { journal: options.journal, ...(signal ? { signal } : {}) });
        found.push(ownLog ? { ...connector, ownLog } : connector);
      }
    } catch (error) {
      if (!(error instanceof ProcessVanished)) throw error;
    }
  }
  if (signal?.aborted) return cancelled();
  const source = msg('source.proc-scan', { path: PROC, count: tally.scanned });
  if (found.length === 0) {
    const reason = nothingVisible(self, tally, await procHidesOtherUsers());
    if (reason !== null) return notGathered('PERMISSION_DENIED', reason, source);
  }
  return gathered(found, source);
}

/**
 * Connector processes on this host. Processes that exit mid-scan are left out; facts we may
 * not read are PERMISSION_DENIED values naming the privilege. Never throws.
 */
export async function gatherConnectors(options: GatherConnectorsOptions = {}): Promise<Gathered<ConnectorProcess[]>> {
  if (process.platform !== 'linux') {
    return notGathered('NOT_APPLICABLE', msg('gather.connector.not-linux', { platform: process.platform }), PROC);
  }
  try {
    return await scan(options);
  } catch (error) {
    return notGathered('FAILED', msg('gather.connector.scan-failed', { detail: describeError(error) }), PROC);
  }
}
