// Worker: one Session lifecycle case per run, named by argv[2]; prints what happened as one
// JSON line (or, for cases about how the process ends, nothing: the test reads the exit).
//
//   idle-exit           a session that never pings must not keep Node alive
//   done-exit           a finished job must not keep Node alive, even without close()
//   callback-throws     an exception in onEvents surfaces as an uncaught exception
//   cancel             count 0 (forever) then cancel: ends with done.cancelled
//   close-active        close() with running jobs: their done events still arrive, cancelled
//   after-close         ping() after close() throws ERR_SESSION_CLOSED; close() is idempotent
//   foreign-this        Session methods called on a plain object throw ERR_INVALID_THIS
//   mixed-ttl           TTL 1 and default TTL jobs interleaved to one destination
//   df-repeat           DF probes into a smaller MTU: every one draws the ICMP error (the
//                       cached path MTU is ignored), and an oversize DF probe fails locally

import { loadAddon } from '../../../electron/native/addon';
import type { EngineEvent, JobDoneEvent, ProbeEvent } from '../../../native/index';
import { errorOf, print } from './worker-output';

const [, , mode = '', target = '', secondTarget = ''] = process.argv;
const addon = loadAddon();

type Sink = { probes: ProbeEvent[]; dones: JobDoneEvent[]; wait: (dones: number) => Promise<void> };

function sink(): { onEvents: (events: EngineEvent[]) => void; state: Sink } {
  const waiters: Array<{ count: number; resolve: () => void }> = [];
  const state: Sink = {
    probes: [],
    dones: [],
    wait: (count) => new Promise((resolve) => {
      if (state.dones.length >= count) resolve();
      else waiters.push({ count, resolve });
    }),
  };
  const onEvents = (events: EngineEvent[]): void => {
    for (const event of events) {
      if (event.type === 'probe') state.probes.push(event);
      else if (event.type === 'done') state.dones.push(event);
    }
    for (const waiter of [...waiters]) {
      if (state.dones.length >= waiter.count) {
        waiters.splice(waiters.indexOf(waiter), 1);
        waiter.resolve();
      }
    }
  };
  return { onEvents, state };
}

switch (mode) {
  case 'idle-exit': {
    new addon.Session(() => {});
    break;
  }
  case 'done-exit': {
    const session = new addon.Session((events) => {
      for (const event of events) if (event.type === 'done') print(event);
    });
    session.ping({ target, count: 2, intervalMs: 10 });
    break;
  }
  case 'callback-throws': {
    const session = new addon.Session(() => {
      throw new Error('boom from onEvents');
    });
    session.ping({ target, count: 1 });
    break;
  }
  case 'cancel': {
    const { onEvents, state } = sink();
    const session = new addon.Session(onEvents);
    const job = session.ping({ target, count: 0, intervalMs: 5 });
    await new Promise((resolve) => setTimeout(resolve, 100));
    session.cancel(job);
    await state.wait(1);
    session.close();
    print({ done: state.dones[0], probes: state.probes.length });
    break;
  }
  case 'close-active': {
    const { onEvents, state } = sink();
    const session = new addon.Session(onEvents);
    session.ping({ target, count: 0, intervalMs: 5 });
    session.ping({ target: secondTarget, count: 100, intervalMs: 1000 });
    await new Promise((resolve) => setTimeout(resolve, 50));
    session.close();
    await state.wait(2);
    print({ dones: state.dones, info: session.info() });
    break;
  }
  case 'after-close': {
    const session = new addon.Session(() => {});
    session.close();
    print({
      ping: errorOf(() => session.ping({ target })),
      closeAgain: errorOf(() => session.close()),
      cancel: errorOf(() => session.cancel(1)),
      info: session.info(),
    });
    break;
  }
  case 'foreign-this': {
    const session = new addon.Session(() => {});
    const proto = addon.Session.prototype as unknown as Record<string, (...args: unknown[]) => unknown>;
    print({
      close: errorOf(() => proto.close!.call({})),
      ping: errorOf(() => proto.ping!.call(Object.create(addon.Session.prototype), { target })),
      info: errorOf(() => proto.info!.call(42)),
      constructWithoutNew: errorOf(() => (addon.Session as unknown as (f: unknown) => unknown)(() => {})),
    });
    session.close();
    break;
  }
  case 'mixed-ttl': {
    const { onEvents, state } = sink();
    const session = new addon.Session(onEvents);
    session.ping({ target, count: 20, intervalMs: 2, ttl: 1, timeoutMs: 1000 });
    session.ping({ target, count: 20, intervalMs: 2, timeoutMs: 1000 });
    await state.wait(2);
    session.close();
    print({ probes: state.probes, dones: state.dones });
    break;
  }
  case 'df-repeat': {
    const { onEvents, state } = sink();
    const session = new addon.Session(onEvents);
    session.ping({ target, count: 3, intervalMs: 20, size: 1400, df: true, timeoutMs: 1000 });
    session.ping({ target, count: 1, size: 2000, df: true, timeoutMs: 1000 });
    await state.wait(2);
    session.close();
    print({ probes: state.probes, dones: state.dones });
    break;
  }
  default:
    process.stderr.write(`unknown mode ${mode}\n`);
    process.exit(2);
}
