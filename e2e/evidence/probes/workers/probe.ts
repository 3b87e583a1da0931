// Worker: runs the evidence probes (electron/core/evidence/probes) with the real addon inside
// a lab namespace, normally the client as the unprivileged user. argv[2] is a JSON array of
// cases, run concurrently; prints one JSON line `{ results: { [name]: CaseOutcome } }`.
//
//   { "name": "tcp-v4", "probe": "tcp", "request": { "target": "10.200.2.2", "port": 8080 },
//     "abortAfterMs": 300 }            (optional: abort the call's signal after this long)
//     "abortBefore": true              (optional: the signal is already aborted)
//     "request" may be any JSON, to feed hostile input; "requestIsUndefined": true sends undefined.
//     "exitGraceMs": 5000              (optional: a host-name lookup the case abandons may hold the
//                                       process this long: getaddrinfo cannot be cancelled, and
//                                       Node's exit waits for it)
//   { "name": "slow-dns", "probe": "resolve", "request": { "target": "x.lab", "deadlineMs": 500 } }
//     resolves a target the way every probe does, with a short deadline (result: a Result).
//   { "name": "ids", "probe": "echoIds", "request": { "v4": "10.200.2.2", "v6": "fd00:200:2::2" } }
//     a TTL-1 echo to each on one probe session: the session's echo ids before and after, and
//     the ids the two errors quote (value: EchoIdsReport).

import { probeIcmp, probePathMtu, probeTcp, probeTransparency } from '../../../../electron/core/evidence/probes/index';
import { resolveProbeTarget } from '../../../../electron/core/evidence/probes/probe-target';
import { openProbeSession, runProbeJob } from '../../../../electron/core/evidence/probes/probe-session';
import type { CallOptions } from '../../../../contract/api';
import type { Gathered } from '../../../../contract/evidence';
import type { ProbeEvent } from '../../../../native/index';

export type ProbeName = 'tcp' | 'icmp' | 'pathMtu' | 'transparency' | 'resolve' | 'echoIds';

export interface EchoIdsReport {
  before: { v4: number | null; v6: number | null };
  after: { v4: number | null; v6: number | null };
  quoted: { v4: number | null; v6: number | null };
}

export interface ProbeCase {
  name: string;
  probe: ProbeName;
  request: unknown;
  requestIsUndefined?: boolean;
  abortAfterMs?: number;
  abortBefore?: boolean;
  exitGraceMs?: number;
}

export interface CaseOutcome {
  /** A Gathered value (a Result for 'resolve'); null when the case threw or hung. */
  result: Gathered<unknown> | null;
  /** Probe events streamed through onProbe, in order. */
  streamed: ProbeEvent[];
  /** Set when the probe threw (it must not) or outlived the case deadline. */
  threw: string | null;
}

export interface WorkerOutput {
  results: Record<string, CaseOutcome>;
}

/**
 * A case must end well within this, whatever its probes' timeouts: a cancelled probe that
 * does not end is reported here, not by a hung test.
 */
const CASE_DEADLINE_MS = 20_000;
const EXIT_GRACE_MS = 2_000;
const STILL_ALIVE_EXIT = 70;

type AnyProbe = (request: never, options: CallOptions) => Promise<Gathered<unknown>>;
const PROBES: Record<ProbeName, AnyProbe> = {
  tcp: probeTcp as AnyProbe,
  icmp: probeIcmp as AnyProbe,
  pathMtu: probePathMtu as AnyProbe,
  transparency: probeTransparency as AnyProbe,
  resolve: (async (request: { target: string; deadlineMs: number }, options: CallOptions) => {
    const resolved = await resolveProbeTarget(request.target, options.signal, request.deadlineMs);
    // Shaped like a Gathered so the test reads every case the same way.
    return { ...resolved, source: 'resolveProbeTarget', at: new Date().toISOString() } as Gathered<unknown>;
  }) as AnyProbe,
  echoIds: (async (request: { v4: string; v6: string }) => {
    const opened = openProbeSession();
    if (!opened.ok) return { ...opened, source: 'openProbeSession', at: '' };
    const session = opened.value;
    const ids = (): EchoIdsReport['before'] => ({ v4: session.echoId(4), v6: session.echoId(6) });
    const quotedId = async (target: string): Promise<number | null> => {
      const job = await runProbeJob(session, { target, ttl: 1, count: 1, timeoutMs: 1000 });
      return job.ok ? (job.value.probes[0]?.error?.original?.id ?? null) : null;
    };
    const before = ids();
    const quoted = { v4: await quotedId(request.v4), v6: await quotedId(request.v6) };
    const report: EchoIdsReport = { before, after: ids(), quoted };
    session.close();
    return { ok: true, value: report, source: 'openProbeSession', at: new Date().toISOString() };
  }) as AnyProbe,
};

async function run(c: ProbeCase): Promise<CaseOutcome> {
  const streamed: ProbeEvent[] = [];
  const controller = new AbortController();
  if (c.abortBefore) controller.abort();
  const abortTimer = c.abortAfterMs === undefined ? undefined : setTimeout(() => controller.abort(), c.abortAfterMs);
  let deadline: NodeJS.Timeout | undefined;
  try {
    const probe = PROBES[c.probe];
    const request = (c.requestIsUndefined ? undefined : c.request) as never;
    const call = probe(request, { signal: controller.signal, onProbe: (event) => streamed.push(event) });
    const late = new Promise<null>((resolve) => {
      deadline = setTimeout(() => resolve(null), CASE_DEADLINE_MS);
    });
    const result = await Promise.race([call, late]);
    return { result, streamed, threw: result === null ? `still running after ${CASE_DEADLINE_MS} ms` : null };
  } catch (error) {
    return { result: null, streamed, threw: error instanceof Error ? (error.stack ?? error.message) : String(error) };
  } finally {
    clearTimeout(abortTimer);
    clearTimeout(deadline);
  }
}

const cases = JSON.parse(process.argv[2] ?? '[]') as ProbeCase[];
const outcomes = await Promise.all(cases.map(async (c) => [c.name, await run(c)] as const));
process.stdout.write(`${JSON.stringify({ results: Object.fromEntries(outcomes) } satisfies WorkerOutput)}\n`);
// Every probe closed its session; if something still keeps Node alive, say so.
const grace = Math.max(EXIT_GRACE_MS, ...cases.map((c) => c.exitGraceMs ?? 0));
setTimeout(() => {
  process.stderr.write(`still alive ${grace} ms after the last case: a probe left a socket, timer or session open\n`);
  process.exit(STILL_ALIVE_EXIT);
}, grace).unref();
