// The Node-API layer against what JS can do to it and what the OS can do to the engine:
// prototype setters, throwing callbacks, a consumer that stops reading (backpressure), an
// engine thread that dies (fault injection), sub-nanosecond intervals. Cases that need ICMP
// sockets run in e2e/native/workers/hardening.ts inside the lab; the rest run here.

import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { JobDoneEvent, EngineFatalEvent } from '../../native/index';
import type { PingJobEnd } from '../../electron/core/ping/ping-job';
import { ADDRESSES, createLab, labUnavailableReason, type Lab } from '../lab/lab';
import { REPO_ROOT, runWorker, runWorkerOk } from '../support/worker';

const WORKER = 'e2e/native/workers/hardening.ts';
const SERVER = ADDRESSES.server.main.v4;
const BLACKHOLE = ADDRESSES.routes.blackhole.v4;
/** The engine's backlog limit (engine/worker.rs BACKLOG_LIMIT). */
const BACKLOG_LIMIT = 8192;
/**
 * What may pass the limit before the engine notices: one undelivered engine batch
 * (FLUSH_BATCH 1024), one turn of sends (MAX_SENDS_PER_TURN 512) and the window.
 */
const BACKLOG_SLACK = 1024 + 512 + 64;
const FAULT_ADDON = join(REPO_ROOT, 'native', 'target', 'fault-injection', 'icmp-doctor-fault-injection.node');

type Err = { name: string; code: string | null; message: string } | null;

/** Builds the fault-injection variant of the addon (cargo feature; never shipped). */
function buildFaultAddon(): void {
  const built = spawnSync(process.execPath, [join(REPO_ROOT, 'build', 'native-build.mjs'), '--fault-injection'], {
    cwd: REPO_ROOT,
    encoding: 'utf8',
    timeout: 600_000,
  });
  assert.equal(built.status, 0, `fault-injection build failed:\n${built.stdout}\n${built.stderr}`);
  assert.ok(existsSync(FAULT_ADDON), FAULT_ADDON);
}

/** Runs a snippet in a fresh Node with the fault-injection addon as `addon`. */
function runSnippet(code: string): { status: number | null; stdout: string; stderr: string } {
  const script = `const addon = require(${JSON.stringify(FAULT_ADDON)});\n${code}`;
  const result = spawnSync(process.execPath, ['-e', script], { encoding: 'utf8', timeout: 30_000 });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('Node-API hardening without sockets', () => {
  before(buildFaultAddon);

  it('a panic inside a handle scope (plain or escapable) is a JS error, and Node does not abort', () => {
    const run = runSnippet(`
      const out = [];
      for (const name of ['panicInScope', 'panicInEscapableScope']) {
        try { addon.__testing[name](); out.push(null); } catch (e) { out.push(e.code); }
      }
      // The process is still sound: more JS, more native calls.
      out.push(addon.decodePacket(Buffer.alloc(0)).ok);
      console.log(JSON.stringify(out));`);
    assert.equal(run.status, 0, run.stderr);
    assert.deepEqual(JSON.parse(run.stdout), ['ERR_NATIVE_PANIC', 'ERR_NATIVE_PANIC', false]);
  });

  it("a failed Node-API call keeps Node's own detail in the message", () => {
    const run = runSnippet('console.log(JSON.stringify(addon.__testing.nodeApiErrorMessage()));');
    assert.equal(run.status, 0, run.stderr);
    assert.equal(JSON.parse(run.stdout), 'Node-API call failed: Invalid argument');
  });

  it('the release addon has no test hooks', async () => {
    const { loadAddon } = await import('../../electron/native/addon');
    assert.equal('__testing' in loadAddon(), false);
  });

  it('decodePacket reads only unshared bytes: SharedArrayBuffer, DataView, other typed arrays and detached buffers are TypeErrors', async () => {
    const { loadAddon } = await import('../../electron/native/addon');
    const addon = loadAddon();
    const detached = new Uint8Array(8);
    structuredClone(detached.buffer, { transfer: [detached.buffer] });
    const cases: Array<[string, unknown, RegExp]> = [
      ['SharedArrayBuffer view', new Uint8Array(new SharedArrayBuffer(28)), /SharedArrayBuffer/],
      ['SharedArrayBuffer', new SharedArrayBuffer(28), /SharedArrayBuffer/],
      ['DataView', new DataView(new ArrayBuffer(28)), /DataView/],
      ['Float64Array', new Float64Array(4), /Float64Array/],
      ['Uint16Array', new Uint16Array(14), /Uint16Array/],
      ['detached', detached, /detached/],
    ];
    for (const [name, value, detail] of cases) {
      assert.throws(
        () => addon.decodePacket(value as Uint8Array),
        (error: Error & { code?: string }) =>
          error instanceof TypeError && error.code === 'ERR_INVALID_ARG_TYPE' && detail.test(error.message),
        name,
      );
    }
    // What stays accepted: Buffer, Uint8Array (also at an offset) and a plain ArrayBuffer.
    const bytes = Buffer.from('4500001c00004000400100000a0000010a0000020800f7ff00000000', 'hex');
    const copy = new Uint8Array(bytes.length + 3);
    copy.set(bytes, 3);
    for (const value of [bytes, new Uint8Array(bytes), copy.subarray(3), new Uint8Array(bytes).buffer]) {
      const decoded = addon.decodePacket(value as Uint8Array);
      assert.equal(decoded.ok, true, JSON.stringify(decoded));
    }
  });

  it('info() runs no setter: an Object.prototype setter that closes the session cannot make it panic', async () => {
    const { loadAddon } = await import('../../electron/native/addon');
    const addon = loadAddon();
    const session = new addon.Session(() => {});
    let setterCalls = 0;
    Object.defineProperty(Object.prototype, 'closed', {
      configurable: true,
      set() {
        setterCalls += 1;
        session.close();
      },
    });
    try {
      const info = session.info();
      assert.equal(Object.getOwnPropertyDescriptor(info, 'closed')?.value, false);
      assert.equal(setterCalls, 0);
    } finally {
      delete (Object.prototype as unknown as Record<string, unknown>).closed;
      session.close();
    }
  });

  it('decodePacket and probeCapability define their results: prototype setters neither run nor steal', async () => {
    const { loadAddon } = await import('../../electron/native/addon');
    const addon = loadAddon();
    const calls: string[] = [];
    // Descriptors without a prototype: once `value` is trapped on Object.prototype, a plain
    // descriptor object would seem to have one.
    const descriptor = (fields: PropertyDescriptor): PropertyDescriptor => Object.assign(Object.create(null), fields);
    const trap = (target: object, key: string): void => {
      Object.defineProperty(
        target,
        key,
        descriptor({
          configurable: true,
          set(this: object, value: unknown) {
            calls.push(key);
            Object.defineProperty(this, key, descriptor({ value, writable: true, enumerable: true, configurable: true }));
          },
        }),
      );
    };
    // Every key an ok decode result and a capability report start with, and the first index.
    const objectKeys = ['ok', 'value', 'outer', 'icmp', 'family', 'v4', 'uid'];
    for (const key of objectKeys) trap(Object.prototype, key);
    trap(Array.prototype, '0');
    try {
      const bytes = Buffer.from('4500001c00004000400100000a0000010a0000020800f7ff00000000', 'hex');
      const decoded = addon.decodePacket(bytes);
      const capability = addon.probeCapability();
      assert.deepEqual(calls, []);
      assert.ok(Object.hasOwn(decoded, 'ok') && decoded.ok && Object.hasOwn(decoded.value, 'icmp'));
      assert.ok(Object.hasOwn(capability, 'v4') && Object.hasOwn(capability.v4, 'family'));
      assert.ok(capability.pingGroupRange === null || Object.hasOwn(capability.pingGroupRange, '0'));
    } finally {
      for (const key of objectKeys) delete (Object.prototype as unknown as Record<string, unknown>)[key];
      delete (Array.prototype as unknown as Record<string, unknown>)['0'];
    }
  });

  it('consumed() is only for explicit-ack sessions, and only for events handed over', async () => {
    const { loadAddon } = await import('../../electron/native/addon');
    const addon = loadAddon();
    const onReturn = new addon.Session(() => {});
    assert.throws(() => onReturn.consumed(1), { code: 'ERR_INVALID_STATE' });
    const explicit = new addon.Session(() => {}, { acknowledge: 'explicit' });
    explicit.consumed(0);
    assert.throws(() => explicit.consumed(1), { name: 'RangeError', code: 'ERR_OUT_OF_RANGE' });
    assert.throws(() => explicit.consumed(1.5), { name: 'RangeError', code: 'ERR_OUT_OF_RANGE' });
    assert.throws(() => new addon.Session(() => {}, { acknowledge: 'later' as 'explicit' }), { code: 'ERR_INVALID_ARG_VALUE' });
    assert.equal(explicit.info().backlog, 0);
    onReturn.close();
    explicit.close();
  });
});

describe('Node-API hardening with the engine running, unprivileged in the lab', { skip: labUnavailableReason() ?? false }, () => {
  let lab: Lab;
  before(async () => {
    buildFaultAddon();
    lab = await createLab();
  });
  after(() => lab?.destroy());

  const run = <T>(args: string[], nodeFlags: string[] = []) =>
    runWorkerOk<T>(lab, 'client', WORKER, args, { user: 'unprivileged', timeoutMs: 30_000, nodeFlags });

  it('an Array.prototype index setter cannot steal events, nor an Object.prototype setter see them', async () => {
    const result = await run<{ stolen: number; setterCalls: number; types: string[] }>(['array-setter', SERVER]);
    assert.equal(result.stolen, 0);
    assert.equal(result.setterCalls, 0);
    assert.deepEqual(result.types, ['probe', 'probe', 'probe', 'done']);
  });

  it('when onEvents throws, the rest of that delivery still arrives, the done included', async () => {
    const result = await run<{ uncaught: number; firstTurnCalls: number; firstSize: number; probes: number; done: JobDoneEvent }>([
      'throwing-onevents',
      SERVER,
    ]);
    assert.equal(result.uncaught, 1, 'the exception is reported as uncaught, once');
    assert.equal(result.firstSize, 1024, 'the first delivery was larger than one array');
    assert.ok(result.firstTurnCalls >= 2, `the delivery went on after the throw: ${JSON.stringify(result)}`);
    assert.equal(result.done.sent, 3000);
    assert.equal(result.probes, 3000, 'every probe event arrived');
  });

  it('a sub-nanosecond interval stays an interval (rounded up to 1 ns), never a flood', async () => {
    const { done } = await run<{ done: JobDoneEvent }>(['interval-rounding', BLACKHOLE]);
    // Cancelled when the first probe timed out: a flood (window 1) would have sent 2 by then.
    assert.equal(done.sent, 3);
  });

  it('a consumer that stops pulling stops the engine; cancel still ends the job with done(cancelled)', async () => {
    const result = await run<{ queuedWhileStalled: number; queuedAtEnd: number; end: PingJobEnd; probes: number; last: string }>([
      'stalled-consumer',
      SERVER,
    ]);
    assert.equal(result.end.type, 'done');
    const done = result.end as JobDoneEvent;
    assert.equal(done.cancelled, true);
    assert.ok(done.sent < BACKLOG_LIMIT + BACKLOG_SLACK, `the engine stopped near its limit: sent ${done.sent}`);
    assert.ok(result.queuedWhileStalled >= BACKLOG_LIMIT - 10 - 64, `it did reach the limit: ${result.queuedWhileStalled} queued`);
    assert.ok(result.queuedAtEnd > 0, 'finished settled while events were still queued');
    assert.equal(result.last, 'done');
    assert.ok(result.probes >= done.sent - 8 && result.probes <= done.sent, `probes ${result.probes} of ${done.sent} sent`);
  });

  it("an explicit-ack session's backlog holds at the limit until consumed(), then the engine goes on", async () => {
    const result = await run<{
      stalled: { handed: number; backlog: number };
      stillStalled: { handed: number; backlog: number };
      overAck: Err;
      afterAck: number;
      resumed: boolean;
    }>(['explicit-ack', SERVER]);
    assert.ok(result.stalled.backlog >= BACKLOG_LIMIT && result.stalled.backlog < BACKLOG_LIMIT + BACKLOG_SLACK, JSON.stringify(result));
    assert.equal(result.stillStalled.handed, result.stalled.handed, 'nothing more was sent while stalled');
    assert.equal(result.overAck?.code, 'ERR_OUT_OF_RANGE');
    assert.ok(result.afterAck < result.stalled.backlog, JSON.stringify(result));
    assert.equal(result.resumed, true);
  });

  for (const fault of ['epoll_ctl@3', 'timerfd_settime@1']) {
    it(`engine death (${fault} fails) closes the session: ping() throws ERR_SESSION_CLOSED with the cause, and the session is collectable`, async () => {
      const result = await runWorker<{ fatal: EngineFatalEvent; closed: boolean; ping: Err; collected: boolean; types: string[] }>(
        lab,
        'client',
        WORKER,
        ['engine-death', SERVER, `--addon=${FAULT_ADDON}`, `--faults=${fault}`],
        { user: 'unprivileged', timeoutMs: 30_000, nodeFlags: ['--expose-gc'] },
      );
      // Exit 0: the dead session kept neither the event loop nor itself alive.
      assert.equal(result.code, 0, result.stderr);
      const output = result.output!;
      assert.match(output.fatal.message, /Cannot allocate memory/);
      assert.equal(output.closed, true);
      assert.equal(output.ping?.code, 'ERR_SESSION_CLOSED');
      assert.match(output.ping?.message ?? '', /engine stopped .*Cannot allocate memory/);
      assert.equal(output.collected, true);
      assert.equal(output.types.at(-1), 'fatal');
    });
  }

  it('engine death through PingSession: the job ends with fatal and start() says SESSION_CLOSED', async () => {
    const result = await runWorker<{ end: PingJobEnd; events: string[]; again: string }>(
      lab,
      'client',
      WORKER,
      ['engine-death-core', SERVER, `--addon=${FAULT_ADDON}`, '--faults=epoll_ctl@3'],
      { user: 'unprivileged', timeoutMs: 30_000 },
    );
    assert.equal(result.code, 0, result.stderr);
    assert.equal(result.output?.end.type, 'fatal');
    assert.equal(result.output?.events.at(-1), 'fatal');
    assert.equal(result.output?.again, 'SESSION_CLOSED');
  });
});
