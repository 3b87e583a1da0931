// Worker: runs PingSession / PingJob / collectPing cases with the real addon, inside a lab
// namespace (normally the client, as the unprivileged user), all at once, each on its own
// session. Prints one JSON line `{ results: { [case]: outcome } }`; the test asserts on it.
//
//   two-jobs            two concurrent jobs to one destination on one session (one TTL 1)
//   buffered            a job left alone until it has finished, then iterated
//   waiting             the consumer waits in next() before each probe arrives (netem link)
//   abort               an AbortSignal aborted after the 2nd probe of a count-0 job (collectPing)
//   aborted-before      a signal that is already aborted when the job starts
//   break               leaving a `for await` after the first probe
//   close               close() with two running jobs and one nobody iterates yet
//   collect-replies     collectPing over 3 replies (netem link): probes, onProbe, summary
//   collect-errors      collectPing over 2 admin-prohibited errors
//   bound               device and source that exist here: the binding works
//   no-such-device      device "nosuch0": NO_SUCH_DEVICE at start
//   source-unavailable  source 198.51.100.7: SOURCE_NOT_AVAILABLE at start
//   invalid-request     ttl 0: INVALID_REQUEST, and the session still works afterwards
//   invalid-binding     a 16-character device: INVALID_BINDING at open
//   denied              (denied namespace) start to 127.0.0.1 and ::1: ICMP_SOCKET_DENIED

import { performance } from 'node:perf_hooks';
import { collectPing } from '../../../electron/core/ping/collect-ping';
import type { PingJob, PingJobEvent } from '../../../electron/core/ping/ping-job';
import { openPingSession } from '../../../electron/core/ping/ping-session';
import type { OpenSessionOptions, PingSession, StartPingOptions } from '../../../electron/core/ping/ping-session';
import type { PingRequest } from '../../../native/index';
import { ADDRESSES, INTERFACES } from '../../lab/topology';

const SERVER4 = ADDRESSES.server.main.v4;
const SERVER6 = ADDRESSES.server.main.v6;
const NETEM4 = ADDRESSES.server.netem.v4;
const PROHIBIT4 = ADDRESSES.routes.prohibit.v4;
const BLACKHOLE4 = ADDRESSES.routes.blackhole.v4;

/** What a case prints when it throws instead of returning. */
export interface CaseThrew {
  threw: string;
}

export interface WorkerOutput {
  results: Record<string, unknown>;
}

/** A case must finish well within this; otherwise something waits for an event that never comes. */
const CASE_DEADLINE_MS = 10_000;
const EXIT_GRACE_MS = 2_000;
/** Exit code when the process does not end by itself after printing. */
const STILL_ALIVE_EXIT = 70;

function open(options: OpenSessionOptions = {}): PingSession {
  const opened = openPingSession(options);
  if (!opened.ok) throw new Error(`openPingSession failed: ${opened.code}: ${opened.message}`);
  return opened.value;
}

function start(session: PingSession, request: PingRequest, options?: StartPingOptions): PingJob {
  const started = session.start(request, options);
  if (!started.ok) throw new Error(`start failed: ${started.code}: ${started.message}`);
  return started.value;
}

async function drain(job: PingJob, onEvent?: (event: PingJobEvent) => void): Promise<PingJobEvent[]> {
  const events: PingJobEvent[] = [];
  for await (const event of job) {
    events.push(event);
    onEvent?.(event);
  }
  return events;
}

/** True if `promise` has not settled by the next turn of the event loop. */
function isPending(promise: Promise<unknown>): Promise<boolean> {
  return Promise.race([promise.then(() => false), new Promise<boolean>((resolve) => setImmediate(() => resolve(true)))]);
}

const CASES: Record<string, () => Promise<unknown>> = {
  async 'two-jobs'() {
    const session = open();
    const a = start(session, { target: SERVER4, count: 3, intervalMs: 20 });
    const b = start(session, { target: SERVER4, count: 2, intervalMs: 20, ttl: 1 });
    const [aEvents, bEvents] = await Promise.all([drain(a), drain(b)]);
    session.close();
    return { a: { id: a.id, events: aEvents }, b: { id: b.id, events: bEvents } };
  },

  async buffered() {
    const session = open();
    const job = start(session, { target: SERVER4, count: 2, intervalMs: 10 });
    const end = await job.finished;
    const endedBeforeIterating = job.ended;
    const events = await drain(job);
    session.close();
    return { end, endedBeforeIterating, events };
  },

  async waiting() {
    const session = open();
    // Replies 300 ms apart: time enough for the consumer to be back in next() on a loaded 2-core machine.
    const job = start(session, { target: NETEM4, count: 2, intervalMs: 300 });
    const iterator = job[Symbol.asyncIterator]();
    const steps: Array<{ pending: boolean; event: PingJobEvent }> = [];
    for (;;) {
      const next = iterator.next();
      const pending = await isPending(next);
      const result = await next;
      if (result.done) break;
      steps.push({ pending, event: result.value });
    }
    session.close();
    return { steps };
  },

  async abort() {
    const session = open();
    const controller = new AbortController();
    const job = start(session, { target: SERVER4, count: 0, intervalMs: 20 }, { signal: controller.signal });
    const collected = await collectPing(job, (probe) => {
      if (probe.seq === 2) controller.abort();
    });
    session.close();
    return collected;
  },

  async 'aborted-before'() {
    const session = open();
    const controller = new AbortController();
    controller.abort();
    const job = start(session, { target: SERVER4, count: 0, intervalMs: 20 }, { signal: controller.signal });
    const events = await drain(job);
    session.close();
    return { events };
  },

  async break() {
    const session = open();
    const job = start(session, { target: SERVER4, count: 0, intervalMs: 20 });
    let first: PingJobEvent | null = null;
    for await (const event of job) {
      first = event;
      break;
    }
    const end = await job.finished;
    session.close();
    return { first, end };
  },

  async close() {
    const session = open();
    const v4 = start(session, { target: SERVER4, count: 0, intervalMs: 20 });
    const v6 = start(session, { target: SERVER6, count: 0, intervalMs: 20 });
    // One probe that would wait a minute, and nobody iterating the job when the session closes.
    const idle = start(session, { target: BLACKHOLE4, count: 1, timeoutMs: 60_000 });
    let sawV4!: () => void;
    let sawV6!: () => void;
    const firstV4 = new Promise<void>((resolve) => (sawV4 = resolve));
    const firstV6 = new Promise<void>((resolve) => (sawV6 = resolve));
    const consumers = Promise.all([drain(v4, () => sawV4()), drain(v6, () => sawV6())]);
    await Promise.all([firstV4, firstV6]);
    session.close();
    const closedAt = performance.now();
    const [v4Events, v6Events] = await consumers;
    const idleEnd = await idle.finished;
    const endedAfterCloseMs = performance.now() - closedAt;
    const idleEvents = await drain(idle);
    const startAfterClose = session.start({ target: SERVER4 });
    let closeAgain: string | null = null;
    try {
      session.close();
    } catch (error) {
      closeAgain = String(error);
    }
    return { v4Events, v6Events, idleEnd, idleEvents, endedAfterCloseMs, startAfterClose, closeAgain };
  },

  async 'collect-replies'() {
    const session = open();
    const job = start(session, { target: NETEM4, count: 3, intervalMs: 10 });
    const seen: number[] = [];
    const collected = await collectPing(job, (probe) => seen.push(probe.seq));
    session.close();
    return { ...collected, seen };
  },

  async 'collect-errors'() {
    const session = open();
    const collected = await collectPing(start(session, { target: PROHIBIT4, count: 2, intervalMs: 10 }));
    session.close();
    return collected;
  },

  async bound() {
    const byDevice = open({ device: INTERFACES.client.router });
    const bySource = open({ source: ADDRESSES.client.v4 });
    const [device, source] = await Promise.all([
      collectPing(start(byDevice, { target: SERVER4 })),
      collectPing(start(bySource, { target: SERVER4 })),
    ]);
    byDevice.close();
    bySource.close();
    return { device: device.summary, source: source.summary };
  },

  async 'no-such-device'() {
    const opened = openPingSession({ device: 'nosuch0' });
    if (!opened.ok) return { opened };
    const started = opened.value.start({ target: SERVER4 });
    opened.value.close();
    return { opened: { ok: true }, started };
  },

  async 'source-unavailable'() {
    const opened = openPingSession({ source: '198.51.100.7' });
    if (!opened.ok) return { opened };
    const started = opened.value.start({ target: SERVER4 });
    opened.value.close();
    return { opened: { ok: true }, started };
  },

  async 'invalid-request'() {
    const session = open();
    const started = session.start({ target: SERVER4, ttl: 0 });
    const afterwards = await collectPing(start(session, { target: SERVER4 }));
    session.close();
    return { started, afterwards: afterwards.summary };
  },

  async 'invalid-binding'() {
    return { opened: openPingSession({ device: 'x'.repeat(16) }) };
  },

  async denied() {
    const session = open();
    const v4 = session.start({ target: '127.0.0.1' });
    const v6 = session.start({ target: '::1' });
    session.close();
    return { v4, v6 };
  },
};

async function run(name: string): Promise<unknown> {
  const test = CASES[name];
  if (!test) return { threw: `no case named ${name}` } satisfies CaseThrew;
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<CaseThrew>((resolve) => {
    timer = setTimeout(() => resolve({ threw: `still running after ${CASE_DEADLINE_MS} ms` }), CASE_DEADLINE_MS);
  });
  try {
    return await Promise.race([test(), deadline]);
  } catch (error) {
    return { threw: error instanceof Error ? (error.stack ?? error.message) : String(error) } satisfies CaseThrew;
  } finally {
    clearTimeout(timer);
  }
}

const outcomes = await Promise.all(process.argv.slice(2).map(async (name) => [name, await run(name)] as const));
process.stdout.write(`${JSON.stringify({ results: Object.fromEntries(outcomes) } satisfies WorkerOutput)}\n`);
// Every session is closed now, so nothing should keep Node alive; if something does, say so.
setTimeout(() => {
  process.stderr.write(`still alive ${EXIT_GRACE_MS} ms after the last case: a session or job keeps the event loop busy\n`);
  process.exit(STILL_ALIVE_EXIT);
}, EXIT_GRACE_MS).unref();
