// PingJob's half of end-to-end backpressure, on its own: an event is acknowledged to the
// engine when its consumer pulls it (never earlier), and leaving or cancelling never waits
// for the buffer. The engine side, with the real addon, is in e2e/native/hardening.test.ts.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { JobDoneEvent, ProbeEvent } from '../../../native/index';
import { ACK_BATCH, PingJob } from './ping-job';

function probe(seq: number): ProbeEvent {
  return {
    type: 'probe',
    job: 1,
    seq,
    wireSeq: seq,
    target: '192.0.2.1',
    address: '192.0.2.1',
    status: 'reply',
    rttMs: 1,
    ttl: 64,
    bytes: 64,
    sentAt: 0,
    error: null,
  };
}

function done(sent: number, cancelled = false): JobDoneEvent {
  return { type: 'done', job: 1, target: '192.0.2.1', sent, received: sent, errors: 0, timeouts: 0, cancelled };
}

/** A job whose acknowledgements and cancels are recorded. */
function recordedJob(): { job: PingJob; acked: () => number; cancels: () => number } {
  let acked = 0;
  let cancels = 0;
  const job = new PingJob(
    1,
    '192.0.2.1',
    () => {
      cancels += 1;
    },
    (count) => {
      acked += count;
    },
  );
  return { job, acked: () => acked, cancels: () => cancels };
}

describe('PingJob acknowledges events as they are pulled', () => {
  it('buffered events are acknowledged as next() takes them, not when they arrive: all of them once the buffer runs dry', async () => {
    const { job, acked } = recordedJob();
    for (let seq = 1; seq <= 3; seq += 1) job.deliver(probe(seq));
    assert.equal(acked(), 0);
    assert.equal(job.queued, 3);
    const iterator = job[Symbol.asyncIterator]();
    await iterator.next();
    await iterator.next();
    assert.ok(acked() <= 2, 'never more than was pulled');
    await iterator.next();
    assert.equal(acked(), 3);
    assert.equal(job.queued, 0);
  });

  it(`a long buffer is acknowledged ${ACK_BATCH} pulls at a time, never ahead of the pulls`, async () => {
    const { job, acked } = recordedJob();
    const total = ACK_BATCH * 2 + 88;
    for (let seq = 1; seq <= total; seq += 1) job.deliver(probe(seq));
    const iterator = job[Symbol.asyncIterator]();
    for (let pulled = 1; pulled <= total; pulled += 1) {
      await iterator.next();
      assert.ok(acked() <= pulled, `acknowledged ${acked()} after ${pulled} pulls`);
      assert.ok(pulled - acked() < ACK_BATCH, `at most ${ACK_BATCH - 1} pulled events wait (${pulled - acked()} after ${pulled})`);
    }
    assert.equal(acked(), total);
  });

  it('an event handed straight to a waiting consumer is acknowledged then', async () => {
    const { job, acked } = recordedJob();
    const iterator = job[Symbol.asyncIterator]();
    const next = iterator.next();
    job.deliver(probe(1));
    assert.equal(acked(), 1);
    assert.equal((await next).value?.type, 'probe');
  });

  it('finished settles when the done arrives, however much is still buffered', async () => {
    const { job, acked } = recordedJob();
    job.deliver(probe(1));
    job.deliver(probe(2));
    job.cancel();
    job.deliver(done(2, true));
    const end = await job.finished;
    assert.equal(end.type === 'done' && end.cancelled, true);
    assert.equal(job.queued, 3, 'cancel keeps the buffered probes by default');
    assert.equal(acked(), 0);
  });

  it('cancel({ discardQueued }) drops and acknowledges buffered probes but keeps the end', async () => {
    const { job, acked, cancels } = recordedJob();
    for (let seq = 1; seq <= 4; seq += 1) job.deliver(probe(seq));
    job.cancel({ discardQueued: true });
    assert.equal(cancels(), 1);
    assert.equal(acked(), 4);
    job.deliver(done(4, true));
    const types: string[] = [];
    for await (const event of job) types.push(event.type);
    assert.deepEqual(types, ['done']);
    assert.equal(acked(), 5);
  });

  it('leaving the loop cancels, acknowledges what is buffered and whatever still comes', async () => {
    const { job, acked, cancels } = recordedJob();
    for (let seq = 1; seq <= 3; seq += 1) job.deliver(probe(seq));
    for await (const event of job) {
      assert.equal(event.type, 'probe');
      break;
    }
    assert.equal(cancels(), 1);
    assert.equal(acked(), 3, 'the pulled one and the two left behind');
    job.deliver(probe(4));
    job.deliver(done(4, true));
    assert.equal(acked(), 5);
    assert.equal((await job.finished).type, 'done');
  });

  it('events after the end, and events PingSession already counted, are handled without double counting', () => {
    const { job, acked } = recordedJob();
    job.deliver(done(0));
    job.deliver(probe(9));
    assert.equal(acked(), 1, 'the stray event is acknowledged at once');
    const other = recordedJob();
    other.job.deliver({ type: 'fatal', code: 'ENGINE_STOPPED', message: 'gone' }, false);
    assert.equal(other.job.ended, true);
    assert.equal(other.acked(), 0);
  });
});
