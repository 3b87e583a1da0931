import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ProbeEvent } from '../../native/index';
import { chartModel, niceStep } from './chart-geometry';

function probe(seq: number, status: ProbeEvent['status'], sentOffsetMs: number, rttMs: number | null): ProbeEvent {
  return { type: 'probe', job: 1, seq, wireSeq: seq, target: '10.0.0.5', address: status === 'timeout' ? null : '10.0.0.5', status, rttMs, ttl: 64, bytes: 64, sentAt: 1_700_000_000_000 + sentOffsetMs, error: null };
}

describe('RTT chart geometry', () => {
  it('picks 1-2-5 steps', () => {
    assert.equal(niceStep(1, 5), 0.2);
    assert.equal(niceStep(3.2, 4), 1);
    assert.equal(niceStep(700, 6), 200);
    assert.equal(niceStep(0.09, 4), 0.05);
  });

  it('plots replies by RTT over time and puts the rest in the no-reply lane', () => {
    const model = chartModel([probe(1, 'reply', 0, 10), probe(2, 'timeout', 1000, null), probe(3, 'reply', 2000, 30), probe(4, 'icmp-error', 3000, 1.2)]);
    assert.equal(model.replies.length, 2);
    assert.deepEqual(model.misses.map((mark) => mark.status), ['timeout', 'icmp-error']);
    const [first, second] = model.replies;
    assert.ok(first && second);
    // Later sends are further right, longer RTTs higher up (smaller y).
    assert.ok(second.x > first.x);
    assert.ok(second.y < first.y);
    assert.equal(first.x, model.plot.left, 'the first probe sits on the y axis');
    // Misses sit above the plot, in the lane.
    for (const mark of model.misses) assert.ok(mark.y < model.plot.top);
    assert.match(model.path, /^M[\d.]+,[\d.]+ L[\d.]+,[\d.]+$/);
    assert.deepEqual(model.rtt, { min: 10, avg: 20, max: 30 });
    assert.deepEqual(model.counts, { sent: 4, replies: 2, timeouts: 1, errors: 1 });
  });

  it('labels both axes with ticks that cover the data', () => {
    const model = chartModel([probe(1, 'reply', 0, 0.04), probe(2, 'reply', 250, 0.11), probe(3, 'reply', 750, 0.07)]);
    const top = model.yTicks.at(-1);
    assert.ok(top && top.value >= 0.11, `top tick ${top?.value} covers the slowest reply`);
    assert.equal(top.at, model.plot.top);
    assert.equal(model.yTicks[0]?.label, '0.00');
    assert.ok((model.xTicks.at(-1)?.value ?? 0) >= 0.75);
    for (const point of model.replies) assert.ok(point.y >= model.plot.top && point.y <= model.plot.bottom);
  });

  it('draws no line and no NaN without replies, or without probes', () => {
    for (const probes of [[], [probe(1, 'timeout', 0, null), probe(2, 'timeout', 0, null)]]) {
      const model = chartModel(probes);
      assert.equal(model.path, '');
      assert.equal(model.rtt, null);
      const numbers = [...model.xTicks, ...model.yTicks].map((tick) => tick.at).concat(model.misses.map((mark) => mark.x));
      assert.ok(numbers.every(Number.isFinite), JSON.stringify(numbers));
    }
  });
});
