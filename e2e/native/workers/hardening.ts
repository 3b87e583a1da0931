// Worker: the Node-API hardening cases that need ICMP sockets (so a lab namespace), one per
// run, named by argv[2]; prints one JSON line. `--addon=PATH` loads that addon file (the
// fault-injection build for the engine-death cases) and `--faults=SPEC` sets
// ICMP_DOCTOR_FAULTS (which system call fails; see native/src/ffi/fault.rs).
//
//   array-setter        an Array.prototype index setter and an Object.prototype setter are
//                       installed: every event must still arrive, none may be stolen
//   throwing-onevents   onEvents throws on its first call, during a delivery of more than one
//                       array: the rest of that delivery (and the done) must still arrive
//   interval-rounding   intervalMs 1e-7 (0.1 ns) must stay an interval, not become a flood
//   stalled-consumer    a PingJob whose consumer stops pulling: the engine must stop sending,
//                       and cancel must still end the job with done(cancelled)
//   explicit-ack        a raw explicit-ack Session: nothing acknowledged, the backlog stays at
//                       the limit; acknowledging lets the engine go on
//   engine-death        the engine's OS call fails: fatal closes the session, ping() throws
//                       ERR_SESSION_CLOSED, and the session can be collected (needs --expose-gc)
//   engine-death-core   the same through PingSession: the job ends with fatal, start() fails
//                       with SESSION_CLOSED

import { openPingSession } from '../../../electron/core/ping/ping-session';
import type { PingJobEvent } from '../../../electron/core/ping/ping-job';
import { loadAddon } from '../../../electron/native/addon';
import type { EngineEvent, JobDoneEvent, ProbeEvent } from '../../../native/index';
import { errorOf, print } from './worker-output';

const flags = process.argv.slice(2).filter((arg) => arg.startsWith('--'));
const [mode = '', target = '', secondTarget = ''] = process.argv.slice(2).filter((arg) => !arg.startsWith('--'));
for (const flag of flags) {
  const [name, value = ''] = flag.slice(2).split('=', 2);
  if (name === 'addon') process.env.ICMP_DOCTOR_ADDON = value;
  else if (name === 'faults') process.env.ICMP_DOCTOR_FAULTS = value;
}
const addon = loadAddon();

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Blocks the JS thread: the engine keeps delivering into the native queue meanwhile. */
function blockFor(ms: number): void {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    // spin
  }
}

/** Resolves on the first event for which `test` holds; `onEvents` feeds it. */
function waiter(): { feed: (events: EngineEvent[]) => void; until: (test: (event: EngineEvent) => boolean) => Promise<EngineEvent> } {
  const waiting: Array<{ test: (event: EngineEvent) => boolean; resolve: (event: EngineEvent) => void }> = [];
  return {
    feed(events) {
      for (const event of events) {
        for (const entry of [...waiting]) {
          if (entry.test(event)) {
            waiting.splice(waiting.indexOf(entry), 1);
            entry.resolve(event);
          }
        }
      }
    },
    until: (test) => new Promise((resolve) => waiting.push({ test, resolve })),
  };
}

const CASES: Record<string, () => Promise<unknown>> = {
  async 'array-setter'() {
    // Setters that take engine events and leave everything else alone (so this worker's own
    // arrays and objects still work): they define the property they were asked to set.
    let stolen = 0;
    let setterCalls = 0;
    const isEvent = (value: unknown): boolean => ['probe', 'done', 'fatal'].includes((value as { type?: string } | null)?.type ?? '');
    Object.defineProperty(Array.prototype, '0', {
      configurable: true,
      set(this: unknown[], value: unknown) {
        if (isEvent(value)) stolen += 1;
        else Object.defineProperty(this, '0', { value, writable: true, enumerable: true, configurable: true });
      },
    });
    Object.defineProperty(Object.prototype, 'type', {
      configurable: true,
      set(this: object, value: unknown) {
        setterCalls += 1;
        Object.defineProperty(this, 'type', { value, writable: true, enumerable: true, configurable: true });
      },
    });
    const types: string[] = [];
    const wait = waiter();
    const done = wait.until((event) => event?.type === 'done');
    const session = new addon.Session((batch) => {
      for (let index = 0; index < batch.length; index += 1) types.push(batch[index]?.type ?? 'hole');
      wait.feed(batch.filter((event) => event !== undefined));
    });
    session.ping({ target, count: 3, intervalMs: 10 });
    await done;
    session.close();
    delete (Array.prototype as unknown as Record<string, unknown>)['0'];
    delete (Object.prototype as unknown as Record<string, unknown>).type;
    return { stolen, setterCalls, types };
  },

  async 'throwing-onevents'() {
    let uncaught = 0;
    process.on('uncaughtException', () => {
      uncaught += 1;
    });
    // Calls made in one synchronous run (one delivery) share a turn number.
    let turn = 0;
    let turnOpen = false;
    const calls: Array<{ turn: number; size: number }> = [];
    const probes = new Set<number>();
    const wait = waiter();
    const session = new addon.Session((batch) => {
      if (!turnOpen) {
        turnOpen = true;
        turn += 1;
        setImmediate(() => {
          turnOpen = false;
        });
      }
      calls.push({ turn, size: batch.length });
      for (const event of batch) if (event.type === 'probe') probes.add(event.seq);
      wait.feed(batch);
      if (calls.length === 1) throw new Error('boom from the first onEvents call');
    });
    const count = 3000;
    session.ping({ target, count, intervalMs: 0, window: 16 });
    // Let the engine pile every event up natively, so the first delivery is several arrays.
    blockFor(1500);
    const done = (await wait.until((event) => event.type === 'done')) as JobDoneEvent;
    session.close();
    const firstTurnCalls = calls.filter((call) => call.turn === 1).length;
    return { uncaught, firstTurnCalls, firstSize: calls[0]?.size ?? 0, probes: probes.size, done };
  },

  async 'interval-rounding'() {
    const wait = waiter();
    const firstProbe = wait.until((event) => event.type === 'probe');
    const finished = wait.until((event) => event.type === 'done');
    const session = new addon.Session((batch) => wait.feed(batch));
    const id = session.ping({ target, count: 3, intervalMs: 1e-7, timeoutMs: 2_000, window: 1 });
    // As soon as the first probe times out, stop the job: as an interval, all three probes
    // left at once; as a flood with window 1, the second only left when the first timed out.
    await firstProbe;
    session.cancel(id);
    const done = (await finished) as JobDoneEvent;
    session.close();
    return { done };
  },

  async 'stalled-consumer'() {
    const opened = openPingSession();
    if (!opened.ok) throw new Error(opened.message);
    const session = opened.value;
    const started = session.start({ target, count: 0, intervalMs: 0, window: 8 });
    if (!started.ok) throw new Error(started.message);
    const job = started.value;
    const iterator = job[Symbol.asyncIterator]();
    const pulled: PingJobEvent[] = [];
    for (let index = 0; index < 10; index += 1) pulled.push((await iterator.next()).value as PingJobEvent);
    // The consumer stops pulling. Give a fast link ample time to send what it may.
    await sleep(1500);
    const queuedWhileStalled = job.queued;
    job.cancel();
    const end = await job.finished;
    const queuedAtEnd = job.queued;
    for (;;) {
      const next = await iterator.next();
      if (next.done) break;
      pulled.push(next.value);
    }
    session.close();
    const probes = pulled.filter((event): event is ProbeEvent => event.type === 'probe').length;
    // RSS is reported for people reading the output, not asserted (it depends on the machine).
    return { queuedWhileStalled, queuedAtEnd, end, probes, last: pulled.at(-1)?.type, rssMiB: Math.round(process.memoryUsage().rss / 2 ** 20) };
  },

  async 'explicit-ack'() {
    let handed = 0;
    const wait = waiter();
    const session = new addon.Session(
      (batch) => {
        handed += batch.length;
        wait.feed(batch);
      },
      { acknowledge: 'explicit' },
    );
    const id = session.ping({ target, count: 0, intervalMs: 0, window: 8 });
    await sleep(1500);
    const stalled = { handed, backlog: session.info().backlog };
    await sleep(300);
    const stillStalled = { handed, backlog: session.info().backlog };
    const overAck = errorOf(() => session.consumed(handed + 1));
    session.consumed(handed);
    const afterAck = session.info().backlog;
    // Acknowledged: the engine sends again, so more events come.
    const more = handed;
    await wait.until(() => handed > more);
    session.cancel(id);
    await wait.until((event) => event.type === 'done');
    session.close();
    return { stalled, stillStalled, overAck, afterAck, resumed: handed > more };
  },

  async 'engine-death'() {
    const events: EngineEvent[] = [];
    const wait = waiter();
    let session: InstanceType<typeof addon.Session> | null = new addon.Session((batch) => {
      events.push(...batch);
      wait.feed(batch);
    });
    session.ping({ target, count: 0, intervalMs: 10 });
    const fatal = await wait.until((event) => event.type === 'fatal');
    const info = session.info();
    const ping = errorOf(() => session!.ping({ target, count: 1 }));
    let collected = false;
    const registry = new FinalizationRegistry(() => {
      collected = true;
    });
    registry.register(session, 'session');
    session = null;
    for (let round = 0; round < 20 && !collected; round += 1) {
      (globalThis as { gc?: () => void }).gc?.();
      await sleep(20);
    }
    return { fatal, closed: info.closed, ping, collected, types: events.map((event) => event.type) };
  },

  async 'engine-death-core'() {
    const opened = openPingSession();
    if (!opened.ok) throw new Error(opened.message);
    const session = opened.value;
    const started = session.start({ target, count: 0, intervalMs: 10 });
    if (!started.ok) throw new Error(started.message);
    const events: PingJobEvent[] = [];
    for await (const event of started.value) events.push(event);
    const end = await started.value.finished;
    const again = session.start({ target: secondTarget || target, count: 1 });
    return { end, events: events.map((event) => event.type), again: again.ok ? 'ok' : again.code };
  },
};

const run = CASES[mode];
if (!run) {
  console.error(`unknown case ${mode}`);
  process.exit(2);
}
print(await run());
