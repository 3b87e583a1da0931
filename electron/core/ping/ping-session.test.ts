// PingSession and PingJob against a fake addon: event routing, buffering, cancellation
// (AbortSignal, break, close, a silent engine) and how thrown addon errors become results.

import assert from 'node:assert/strict';
import { describe, it, mock } from 'node:test';
import type { Capability, EngineEvent, PingRequest, ProbeEvent, SessionOptions } from '../../../native/index';
import type { NativeAddon } from '../../native/addon';
import { collectPing } from './collect-ping';
import type { PingJobEvent } from './ping-job';
import { openPingSession } from './ping-session';
import type { PingSession } from './ping-session';

/** A stand-in for the native Session: records calls; tests emit events through `emit`. */
class FakeSession {
  static last: FakeSession | null = null;
  static throwOnPing: Error | null = null;
  readonly cancelled: number[] = [];
  closed = false;
  nextJob = 1;
  constructor(
    readonly onEvents: (events: EngineEvent[]) => void,
    readonly options: SessionOptions = {},
  ) {
    if (options.device === 'x'.repeat(16)) {
      throw Object.assign(new RangeError('options.device must be a network interface name of 1 to 15 characters'), {
        code: 'ERR_INVALID_DEVICE',
      });
    }
    FakeSession.last = this;
  }
  ping(request: PingRequest): number {
    if (FakeSession.throwOnPing) throw FakeSession.throwOnPing;
    void request;
    return this.nextJob++;
  }
  cancel(job: number): void {
    this.cancelled.push(job);
  }
  close(): void {
    this.closed = true;
  }
  emit(...events: EngineEvent[]): void {
    this.onEvents(events);
  }
}

const CAPABILITY: Capability = {
  v4: { family: 4, allowed: false, errno: 'EACCES', errnoCode: 13, message: 'EACCES' },
  v6: { family: 6, allowed: false, errno: 'EACCES', errnoCode: 13, message: 'EACCES' },
  pingGroupRangePath: '/proc/sys/net/ipv4/ping_group_range',
  pingGroupRange: [1, 0],
  pingGroupRangeError: null,
  uid: 1000,
  euid: 1000,
  gid: 1000,
  egid: 1000,
  groups: [1000, 27],
  coveredGroups: [],
};

const fakeAddon = { Session: FakeSession, probeCapability: () => CAPABILITY } as unknown as NativeAddon;

function open(options: SessionOptions = {}): { session: PingSession; fake: FakeSession } {
  FakeSession.throwOnPing = null;
  const opened = openPingSession({ ...options, addon: fakeAddon });
  assert.ok(opened.ok);
  assert.ok(FakeSession.last);
  return { session: opened.value, fake: FakeSession.last };
}

function probe(job: number, seq: number, rttMs = 1): ProbeEvent {
  return {
    type: 'probe',
    job,
    seq,
    wireSeq: seq,
    target: '192.0.2.1',
    address: '192.0.2.1',
    status: 'reply',
    rttMs,
    ttl: 64,
    bytes: 64,
    sentAt: 0,
    error: null,
  };
}

function done(job: number, sent: number, cancelled = false): EngineEvent {
  return { type: 'done', job, target: '192.0.2.1', sent, received: sent, errors: 0, timeouts: 0, cancelled };
}

async function drain(iterable: AsyncIterable<PingJobEvent>): Promise<PingJobEvent[]> {
  const events: PingJobEvent[] = [];
  for await (const event of iterable) events.push(event);
  return events;
}

describe('PingSession', () => {
  it('routes each event to its job, buffering until someone iterates', async () => {
    const { session, fake } = open();
    const first = session.start({ target: '192.0.2.1', count: 2 });
    const second = session.start({ target: '192.0.2.1', count: 1 });
    assert.ok(first.ok && second.ok);
    fake.emit(probe(1, 1), probe(2, 1), done(2, 1), probe(1, 2));
    fake.emit(done(1, 2));
    const firstEvents = await drain(first.value);
    const secondEvents = await drain(second.value);
    assert.deepEqual(firstEvents.map((event) => event.type), ['probe', 'probe', 'done']);
    assert.deepEqual(secondEvents.map((event) => event.type), ['probe', 'done']);
    session.close();
    assert.ok(fake.closed);
  });

  it('delivers events that arrive while the consumer waits', async () => {
    const { session, fake } = open();
    const started = session.start({ target: '192.0.2.1' });
    assert.ok(started.ok);
    const pending = drain(started.value);
    setImmediate(() => fake.emit(probe(1, 1)));
    setTimeout(() => fake.emit(done(1, 1)), 5);
    assert.equal((await pending).length, 2);
  });

  it('an AbortSignal cancels the job, which still ends with the engine’s done', async () => {
    const { session, fake } = open();
    const controller = new AbortController();
    const started = session.start({ target: '192.0.2.1', count: 0 }, { signal: controller.signal });
    assert.ok(started.ok);
    fake.emit(probe(1, 1));
    controller.abort();
    assert.deepEqual(fake.cancelled, [1]);
    fake.emit(done(1, 2, true));
    const end = await started.value.finished;
    assert.equal(end.type === 'done' && end.cancelled, true);
  });

  it('leaving the loop early cancels the job', async () => {
    const { session, fake } = open();
    const started = session.start({ target: '192.0.2.1', count: 0 });
    assert.ok(started.ok);
    fake.emit(probe(1, 1), probe(1, 2));
    for await (const event of started.value) {
      assert.equal(event.type, 'probe');
      break;
    }
    assert.deepEqual(fake.cancelled, [1]);
    fake.emit(done(1, 2, true));
  });

  it('an engine fatal ends every job', async () => {
    const { session, fake } = open();
    const a = session.start({ target: '192.0.2.1' });
    const b = session.start({ target: '192.0.2.1' });
    assert.ok(a.ok && b.ok);
    fake.emit({ type: 'fatal', code: 'ENGINE_STOPPED', message: 'engine thread panicked' });
    assert.equal((await a.value.finished).type, 'fatal');
    assert.equal((await b.value.finished).type, 'fatal');
  });

  it('close() ends unfinished jobs with a cancelled done built from the probes seen', async () => {
    const { session, fake } = open();
    const started = session.start({ target: '192.0.2.1', count: 0 });
    assert.ok(started.ok);
    fake.emit(probe(1, 1));
    session.close();
    const events = await drain(started.value);
    assert.deepEqual(events.at(-1), { type: 'done', job: 1, target: '192.0.2.1', sent: 1, received: 1, errors: 0, timeouts: 0, cancelled: true });
    assert.equal(session.start({ target: '192.0.2.1' }).ok, false);
  });

  it('a job whose engine stays silent after cancel() ends after a grace period', async () => {
    mock.timers.enable({ apis: ['setTimeout'] });
    try {
      const { session } = open();
      const started = session.start({ target: '192.0.2.1', count: 0 });
      assert.ok(started.ok);
      started.value.cancel();
      assert.equal(started.value.ended, false);
      mock.timers.tick(2000);
      const end = await started.value.finished;
      assert.equal(end.type === 'done' && end.cancelled, true);
    } finally {
      mock.timers.reset();
    }
  });

  it('collectPing gathers probes and the summary', async () => {
    const { session, fake } = open();
    const started = session.start({ target: '192.0.2.1', count: 2 });
    assert.ok(started.ok);
    fake.emit(probe(1, 1, 10), probe(1, 2, 20), done(1, 2));
    const seen: number[] = [];
    const collected = await collectPing(started.value, (event) => seen.push(event.seq));
    assert.deepEqual(seen, [1, 2]);
    assert.equal(collected.summary.rttMs?.mdev, 5);
    assert.equal(collected.end.type, 'done');
  });
});

describe('PingSession start failures', () => {
  function failWith(error: Error, target = '192.0.2.1', options: SessionOptions = {}) {
    const { session } = open(options);
    FakeSession.throwOnPing = error;
    return session.start({ target });
  }

  it('ICMP_SOCKET_DENIED carries the explanation built from probeCapability()', () => {
    const result = failWith(Object.assign(new Error('denied'), { code: 'ICMP_SOCKET_DENIED' }), '2001:db8::1');
    assert.equal(result.ok, false);
    assert.ok(!result.ok && result.code === 'ICMP_SOCKET_DENIED');
    assert.equal(result.denied?.fixCommand, 'sudo sysctl -w net.ipv4.ping_group_range="1000 1000"');
    assert.match(result.message, /ICMPv6 socket/);
    assert.match(result.message, /egid 1000; supplementary groups: 1000, 27/);
  });

  it('a missing interface and a foreign source address get their own codes', () => {
    const noDevice = failWith(
      Object.assign(new Error('cannot set up the ICMPv4 socket: setsockopt(SO_BINDTODEVICE) failed with ENODEV'), { code: 'ICMP_SOCKET_FAILED' }),
      '192.0.2.1',
      { device: 'nosuch0' },
    );
    assert.equal(!noDevice.ok && noDevice.code, 'NO_SUCH_DEVICE');
    const foreign = failWith(
      Object.assign(new Error('cannot set up the ICMPv4 socket: bind failed with EADDRNOTAVAIL'), { code: 'ICMP_SOCKET_FAILED' }),
      '192.0.2.1',
      { source: '198.51.100.7' },
    );
    assert.deepEqual(foreign, {
      ok: false,
      code: 'SOURCE_NOT_AVAILABLE',
      message: '198.51.100.7 is not an address of this host (EADDRNOTAVAIL)',
    });
  });

  it('argument errors become INVALID_REQUEST, anything else INTERNAL_ERROR; nothing is thrown', () => {
    const invalid = failWith(Object.assign(new RangeError('request.ttl must be an integer from 1 to 255, got 0'), { code: 'ERR_OUT_OF_RANGE' }));
    assert.equal(!invalid.ok && invalid.code, 'INVALID_REQUEST');
    const odd = failWith(new Error('something else'));
    assert.equal(!odd.ok && odd.code, 'INTERNAL_ERROR');
  });

  it('a device name the addon rejects fails at open as INVALID_BINDING', () => {
    const opened = openPingSession({ device: 'x'.repeat(16), addon: fakeAddon });
    assert.equal(!opened.ok && opened.code, 'INVALID_BINDING');
  });
});
