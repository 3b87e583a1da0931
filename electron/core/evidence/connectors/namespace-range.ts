// ping_group_range as a connector sees it: the sysctl belongs to its network namespace, so
// ours says nothing about a connector in a container or pod. Same namespace: read our own.
// Another one: a file under /proc/sys/net shows the namespace of the process that opens it,
// so a child enters the connector's namespace (`nsenter --net=/proc/PID/ns/net`, util-linux)
// and reads it there. Entering needs CAP_SYS_ADMIN (and, to open /proc/PID/ns/net at all,
// the connector's user or CAP_SYS_PTRACE): root. Without it we say so, and what to run.

import { execFile } from 'node:child_process';
import type { ConnectorProcess, Gathered, PingGroupRange } from '../../../../contract/evidence';
import type { Message } from '../../../../contract/message';
import { msg } from '../../../../renderer/i18n/messages/message';
import { describeError, gathered, notGathered } from '../gathered';
import { PING_GROUP_RANGE_PATH, parsePingGroupRangeValue, readPingGroupRangeFile } from '../local/ping-group-range';

export const CONNECTOR_CHECK_COMMAND = 'sudo icmp-doctor check --connector';
const NSENTER_TIMEOUT_MS = 5_000;

export interface NamespaceRangeRequest {
  pid: number;
  kind: ConnectorProcess['kind'];
  /** The connector's netns link, or null when we may not read it. */
  netns: string | null;
  ownNetns: string | null;
  /** Whether we hold CAP_SYS_ADMIN (setns into another network namespace). */
  mayEnterNamespaces: boolean;
  signal?: AbortSignal;
}

function nsenterArgv(pid: number): string[] {
  return [`--net=/proc/${pid}/ns/net`, '--', 'cat', PING_GROUP_RANGE_PATH];
}

/** The command a person can run as root to see the same value. */
export function manualCommand(pid: number): string {
  return `sudo nsenter ${nsenterArgv(pid).join(' ')}`;
}

function deniedMessage(request: NamespaceRangeRequest): Message {
  const { pid, kind } = request;
  const why =
    request.netns === null
      ? msg('gather.connector.netns-unseen', { pid })
      : msg('gather.connector.netns-other', { netns: request.netns, ownNetns: request.ownNetns });
  return msg('gather.connector.range-denied', { kind, pid, why, checkCommand: CONNECTOR_CHECK_COMMAND, manualCommand: manualCommand(pid) });
}

interface ChildOutcome {
  code: number | string | null;
  stdout: string;
  stderr: string;
  error: Error | null;
}

function runNsenter(pid: number, signal: AbortSignal | undefined): Promise<ChildOutcome> {
  return new Promise((resolve) => {
    execFile(
      'nsenter',
      nsenterArgv(pid),
      { timeout: NSENTER_TIMEOUT_MS, killSignal: 'SIGKILL', maxBuffer: 4096, encoding: 'utf8', ...(signal ? { signal } : {}) },
      (error, stdout, stderr) => {
        const code = error === null ? 0 : ((error as NodeJS.ErrnoException & { code?: number | string }).code ?? null);
        resolve({ code, stdout, stderr, error });
      },
    );
  });
}

async function readThroughNsenter(request: NamespaceRangeRequest): Promise<Gathered<PingGroupRange>> {
  const { pid } = request;
  const source = msg('source.netns-range', { command: `nsenter ${nsenterArgv(pid).join(' ')}`, pid, netns: request.netns ?? '' });
  const outcome = await runNsenter(pid, request.signal);
  if (request.signal?.aborted) return notGathered('CANCELLED', msg('gather.connector.netns-cancelled'), source);
  if (outcome.error === null) {
    const parsed = parsePingGroupRangeValue(outcome.stdout);
    return parsed.ok ? gathered(parsed.value, source) : notGathered('UNPARSEABLE', parsed.reason, source);
  }
  const stderr = outcome.stderr.trim();
  if (outcome.code === 'ENOENT') {
    return notGathered('FAILED', msg('gather.connector.no-nsenter', { pid, manualCommand: manualCommand(pid) }), source);
  }
  if ((outcome.error as { killed?: boolean }).killed) {
    return notGathered('TIMEOUT', msg('gather.connector.nsenter-timeout', { ms: NSENTER_TIMEOUT_MS }), source);
  }
  if (/no such file|no such process/i.test(stderr)) {
    return notGathered('NOT_FOUND', msg('gather.connector.exited', { pid }), source);
  }
  if (/permission denied|operation not permitted/i.test(stderr)) {
    return notGathered('PERMISSION_DENIED', msg('gather.connector.range-denied-nsenter', { denied: deniedMessage(request), stderr }), source);
  }
  return notGathered('FAILED', msg('gather.connector.nsenter-failed', { detail: stderr || describeError(outcome.error) }), source);
}

/** ping_group_range inside the connector's network namespace, or why it could not be read. Never throws. */
export async function readConnectorRange(request: NamespaceRangeRequest): Promise<Gathered<PingGroupRange>> {
  const { pid, netns, ownNetns } = request;
  if (netns !== null && netns === ownNetns) {
    return readPingGroupRangeFile(PING_GROUP_RANGE_PATH, msg('source.shared-netns-range', { path: PING_GROUP_RANGE_PATH, pid, netns }));
  }
  if (netns === null || !request.mayEnterNamespaces) {
    return notGathered('PERMISSION_DENIED', deniedMessage(request), `/proc/${pid}/ns/net`);
  }
  return readThroughNsenter(request);
}
