// The ping core (PingSession, PingJob, collectPing) with the real addon, in the lab, as the
// unprivileged user: routing of events to jobs, buffering, cancellation by AbortSignal, by
// leaving a loop and by close(), summaries, and how every start failure maps to a code.
// The cases run in e2e/core/workers/ping-session.ts; this file checks what they printed.

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { CollectedPing } from '../../electron/core/ping/collect-ping';
import type { PingJobEnd, PingJobEvent } from '../../electron/core/ping/ping-job';
import type { OpenSessionCode, StartPingFailure, StartPingResult } from '../../electron/core/ping/ping-session';
import type { PingSummary } from '../../electron/core/ping/statistics';
import type { Result } from '../../contract/result';
import type { JobDoneEvent, ProbeEvent } from '../../native/index';
import { ADDRESSES, createLab, labUnavailableReason, type Lab } from '../lab/lab';
import { runWorker, type WorkerRun } from '../support/worker';
import type { WorkerOutput } from './workers/ping-session';

const WORKER = 'e2e/core/workers/ping-session.ts';
const CLIENT_CASES = [
  'two-jobs',
  'buffered',
  'waiting',
  'abort',
  'aborted-before',
  'break',
  'close',
  'collect-replies',
  'collect-errors',
  'bound',
  'no-such-device',
  'source-unavailable',
  'invalid-request',
  'invalid-binding',
];
const SERVER4 = ADDRESSES.server.main.v4;
const NETEM_DELAY_MS = 10;

interface JobEvents {
  id: number;
  events: PingJobEvent[];
}

function probes(events: readonly PingJobEvent[]): ProbeEvent[] {
  return events.filter((event): event is ProbeEvent => event.type === 'probe');
}

function lastDone(events: readonly PingJobEvent[]): JobDoneEvent {
  const last = events.at(-1);
  assert.equal(last?.type, 'done', `the last event is the done: ${JSON.stringify(last)}`);
  return last as JobDoneEvent;
}

function asDone(end: PingJobEnd): JobDoneEvent {
  assert.equal(end.type, 'done', JSON.stringify(end));
  return end as JobDoneEvent;
}

/** A cancelled job's done: the engine counts every probe it sent, in flight ones too. */
function assertCancelledDone(done: JobDoneEvent, seen: readonly ProbeEvent[]): void {
  assert.equal(done.cancelled, true);
  assert.ok(done.sent >= seen.length, `done.sent ${done.sent} counts the ${seen.length} probes seen`);
  assert.ok(done.sent <= seen.length + 1, `done.sent ${done.sent}: at most one probe was in flight`);
  assert.equal(done.received, seen.filter((p) => p.status === 'reply').length);
  assert.equal(done.errors, seen.filter((p) => p.status === 'icmp-error' || p.status === 'local-error').length);
}

/** The summary iputils would print for these probes (mdev = population standard deviation). */
function expectedSummary(seen: readonly ProbeEvent[], sent: number): PingSummary {
  const rtts = seen.filter((p) => p.status === 'reply').map((p) => p.rttMs as number);
  const avg = rtts.reduce((a, b) => a + b, 0) / rtts.length;
  const mdev = Math.sqrt(rtts.reduce((a, b) => a + b * b, 0) / rtts.length - avg * avg);
  return {
    sent,
    received: rtts.length,
    errors: seen.filter((p) => p.status === 'icmp-error' || p.status === 'local-error').length,
    timeouts: seen.filter((p) => p.status === 'timeout').length,
    lossPct: Number((((sent - rtts.length) * 100) / sent).toPrecision(6)),
    rttMs: rtts.length === 0 ? null : { min: Math.min(...rtts), avg, max: Math.max(...rtts), mdev },
  };
}

function assertSummaryClose(actual: PingSummary, expected: PingSummary): void {
  const { rttMs: actualRtt, ...actualCounts } = actual;
  const { rttMs: expectedRtt, ...expectedCounts } = expected;
  assert.deepEqual(actualCounts, expectedCounts);
  if (expectedRtt === null) return assert.equal(actualRtt, null);
  assert.ok(actualRtt);
  for (const key of ['min', 'avg', 'max', 'mdev'] as const) {
    assert.ok(Math.abs(actualRtt[key] - expectedRtt[key]) < 1e-9, `${key}: ${actualRtt[key]} vs ${expectedRtt[key]}`);
  }
}

describe('ping core with the real addon, unprivileged in the lab', { skip: labUnavailableReason() ?? false }, () => {
  let lab: Lab;
  let client: WorkerRun<WorkerOutput>;
  let denied: WorkerRun<WorkerOutput>;

  function outcome<T>(run: WorkerRun<WorkerOutput>, name: string): T {
    assert.ok(run.output, `the worker printed no result (exit ${run.code}):\n${run.stderr}`);
    const value = run.output.results[name] as { threw?: string } | undefined;
    assert.ok(value, `no outcome for ${name}`);
    assert.equal(value.threw, undefined, `${name} threw: ${value.threw}`);
    return value as T;
  }

  before(async () => {
    lab = await createLab();
    await lab.setNetem({ delayMs: NETEM_DELAY_MS });
    [client, denied] = await Promise.all([
      runWorker<WorkerOutput>(lab, 'client', WORKER, CLIENT_CASES, { user: 'unprivileged', timeoutMs: 30_000 }),
      runWorker<WorkerOutput>(lab, 'denied', WORKER, ['denied'], { user: 'unprivileged', timeoutMs: 30_000 }),
    ]);
  });
  after(() => lab?.destroy());

  it('the workers end by themselves once their sessions are closed (nothing keeps Node alive)', () => {
    for (const run of [client, denied]) {
      assert.equal(run.code, 0, run.stderr);
      assert.equal(run.stderr, '');
    }
  });

  it('routes each event to its own job: two concurrent jobs to one destination', () => {
    const { a, b } = outcome<{ a: JobEvents; b: JobEvents }>(client, 'two-jobs');
    assert.notEqual(a.id, b.id);
    for (const { id, events } of [a, b]) {
      for (const event of events) assert.equal((event as { job: number }).job, id, JSON.stringify(event));
    }
    assert.deepEqual(a.events.map((e) => e.type), ['probe', 'probe', 'probe', 'done']);
    assert.deepEqual(probes(a.events).map((p) => [p.seq, p.status, p.address]), [1, 2, 3].map((seq) => [seq, 'reply', SERVER4]));
    assert.deepEqual(b.events.map((e) => e.type), ['probe', 'probe', 'done']);
    assert.deepEqual(
      probes(b.events).map((p) => [p.seq, p.status, p.error?.name, p.address]),
      [1, 2].map((seq) => [seq, 'icmp-error', 'ttl-exceeded', ADDRESSES.router.client.v4]),
    );
    assert.deepEqual(lastDone(a.events), { type: 'done', job: a.id, target: SERVER4, sent: 3, received: 3, errors: 0, timeouts: 0, cancelled: false });
    assert.deepEqual(lastDone(b.events), { type: 'done', job: b.id, target: SERVER4, sent: 2, received: 0, errors: 2, timeouts: 0, cancelled: false });
  });

  it('buffers every event until someone iterates', () => {
    const { end, endedBeforeIterating, events } = outcome<{ end: PingJobEnd; endedBeforeIterating: boolean; events: PingJobEvent[] }>(
      client,
      'buffered',
    );
    assert.equal(endedBeforeIterating, true);
    assert.deepEqual(events.map((e) => e.type), ['probe', 'probe', 'done']);
    assert.deepEqual(probes(events).map((p) => [p.seq, p.status]), [[1, 'reply'], [2, 'reply']]);
    assert.deepEqual(events.at(-1), end, 'finished settles with the same done the iteration ends with');
    assert.equal(asDone(end).cancelled, false);
  });

  it('delivers events that arrive while the consumer waits in next()', () => {
    const { steps } = outcome<{ steps: Array<{ pending: boolean; event: PingJobEvent }> }>(client, 'waiting');
    assert.deepEqual(steps.map((s) => s.event.type), ['probe', 'probe', 'done']);
    const [first, second] = steps;
    assert.equal(first?.pending, true, 'next() was waiting when probe 1 arrived');
    assert.equal(second?.pending, true, 'next() was waiting when probe 2 arrived');
    for (const step of steps.slice(0, 2)) {
      const probe = step.event as ProbeEvent;
      assert.equal(probe.status, 'reply');
      assert.ok((probe.rttMs ?? 0) >= NETEM_DELAY_MS, `rtt ${probe.rttMs} through the netem link`);
    }
  });

  it('an AbortSignal cancels: the engine’s done is cancelled and counts the probes; collectPing sums them', () => {
    const collected = outcome<CollectedPing>(client, 'abort');
    const done = asDone(collected.end);
    assert.ok(collected.probes.length >= 2, `${collected.probes.length} probes before the abort took effect`);
    assert.deepEqual(collected.probes.map((p) => p.seq), collected.probes.map((_, index) => index + 1));
    assertCancelledDone(done, collected.probes);
    assertSummaryClose(collected.summary, expectedSummary(collected.probes, done.sent));
  });

  it('a signal aborted before start ends the job at once, cancelled', () => {
    const { events } = outcome<{ events: PingJobEvent[] }>(client, 'aborted-before');
    const done = lastDone(events);
    assertCancelledDone(done, probes(events));
    assert.ok(done.sent <= 1, `sent ${done.sent}`);
  });

  it('leaving a for await early cancels the job', () => {
    const { first, end } = outcome<{ first: PingJobEvent | null; end: PingJobEnd }>(client, 'break');
    assert.equal(first?.type, 'probe');
    const done = asDone(end);
    assert.equal(done.cancelled, true);
    assert.ok(done.sent >= 1, `sent ${done.sent}`);
  });

  it('close() ends every unfinished job with the engine’s cancelled done, iterated or not', () => {
    const result = outcome<{
      v4Events: PingJobEvent[];
      v6Events: PingJobEvent[];
      idleEnd: PingJobEnd;
      idleEvents: PingJobEvent[];
      endedAfterCloseMs: number;
      startAfterClose: StartPingResult;
      closeAgain: string | null;
    }>(client, 'close');
    for (const events of [result.v4Events, result.v6Events]) {
      assert.ok(probes(events).length >= 1);
      assertCancelledDone(lastDone(events), probes(events));
    }
    // The blackholed probe would have waited 60 s; close() ended it with no probe event.
    assert.deepEqual(result.idleEvents, [result.idleEnd]);
    const idle = asDone(result.idleEnd);
    assert.deepEqual({ ...idle, job: 0 }, { type: 'done', job: 0, target: ADDRESSES.routes.blackhole.v4, sent: 1, received: 0, errors: 0, timeouts: 0, cancelled: true });
    assert.ok(result.endedAfterCloseMs < 500, `jobs ended ${result.endedAfterCloseMs} ms after close()`);
    assert.deepEqual(result.startAfterClose, { ok: false, code: 'SESSION_CLOSED', message: 'the ping session is closed; open a new one' });
    assert.equal(result.closeAgain, null, 'close() is idempotent');
  });

  it('collectPing: probes in order, onProbe per probe, the summary iputils would print', () => {
    const replies = outcome<CollectedPing & { seen: number[] }>(client, 'collect-replies');
    assert.deepEqual(replies.seen, [1, 2, 3]);
    assert.deepEqual(replies.probes.map((p) => [p.seq, p.status]), [[1, 'reply'], [2, 'reply'], [3, 'reply']]);
    assert.deepEqual({ ...asDone(replies.end), job: 0 }, { type: 'done', job: 0, target: ADDRESSES.server.netem.v4, sent: 3, received: 3, errors: 0, timeouts: 0, cancelled: false });
    assertSummaryClose(replies.summary, expectedSummary(replies.probes, 3));
    assert.ok((replies.summary.rttMs?.min ?? 0) >= NETEM_DELAY_MS);

    const errors = outcome<CollectedPing>(client, 'collect-errors');
    assert.deepEqual(errors.probes.map((p) => p.error?.name), ['communication-administratively-prohibited', 'communication-administratively-prohibited']);
    assert.deepEqual(errors.summary, { sent: 2, received: 0, errors: 2, timeouts: 0, lossPct: 100, rttMs: null });
  });

  it('a device and a source address that exist here bind and ping', () => {
    const { device, source } = outcome<{ device: PingSummary; source: PingSummary }>(client, 'bound');
    assert.equal(device.received, 1);
    assert.equal(source.received, 1);
  });

  describe('start failures, as the addon reports them', () => {
    it('a missing device: the session opens, start fails with NO_SUCH_DEVICE', () => {
      const { opened, started } = outcome<{ opened: { ok: boolean }; started: StartPingResult }>(client, 'no-such-device');
      assert.equal(opened.ok, true, 'device names are only checked when the socket opens');
      assert.deepEqual(started, { ok: false, code: 'NO_SUCH_DEVICE', message: 'no network interface named "nosuch0" here (ENODEV)' });
    });

    it('a source address not on this host: SOURCE_NOT_AVAILABLE', () => {
      const { opened, started } = outcome<{ opened: { ok: boolean }; started: StartPingResult }>(client, 'source-unavailable');
      assert.equal(opened.ok, true);
      assert.deepEqual(started, { ok: false, code: 'SOURCE_NOT_AVAILABLE', message: '198.51.100.7 is not an address of this host (EADDRNOTAVAIL)' });
    });

    it('a request the addon rejects (ttl 0): INVALID_REQUEST, and the session still works', () => {
      const { started, afterwards } = outcome<{ started: StartPingFailure; afterwards: PingSummary }>(client, 'invalid-request');
      assert.equal(started.ok, false);
      assert.equal(started.code, 'INVALID_REQUEST');
      assert.match(started.message, /ttl/);
      assert.equal(afterwards.received, 1);
    });

    it('a device name too long for the kernel: INVALID_BINDING at open', () => {
      const { opened } = outcome<{ opened: Result<unknown, OpenSessionCode> }>(client, 'invalid-binding');
      assert.equal(opened.ok, false);
      assert.ok(!opened.ok);
      assert.equal(opened.code, 'INVALID_BINDING');
      assert.match(opened.message, /device/);
    });

    it('the denied namespace: ICMP_SOCKET_DENIED with the range, our groups and the fix', () => {
      const { v4, v6 } = outcome<{ v4: StartPingResult; v6: StartPingResult }>(denied, 'denied');
      for (const [family, result] of [[4, v4], [6, v6]] as const) {
        assert.ok(!result.ok && result.code === 'ICMP_SOCKET_DENIED', JSON.stringify(result));
        const explained = result.denied;
        assert.ok(explained, 'the explanation comes from probeCapability() in that namespace');
        assert.equal(explained.family, family);
        assert.equal(explained.errno, 'EACCES');
        assert.deepEqual(explained.pingGroupRange, [1, 0]);
        assert.equal(explained.egid, 65534);
        assert.deepEqual(explained.groups, []);
        assert.deepEqual(explained.coveredGroups, []);
        assert.equal(explained.fixCommand, 'sudo sysctl -w net.ipv4.ping_group_range="65534 65534"');
        assert.equal(result.message, explained.message);
        assert.match(result.message, new RegExp(`^ICMP is not permitted: the kernel refused an unprivileged ICMPv${family} socket \\(EACCES\\)\\.`));
        assert.ok(result.message.includes('net.ipv4.ping_group_range is "1 0" in this network namespace'), result.message);
        assert.ok(result.message.includes('(egid 65534; supplementary groups: none)'), result.message);
        assert.ok(result.message.includes(explained.fixCommand));
      }
    });
  });
});
