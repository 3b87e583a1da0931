// Statistics must match iputils: mdev = sqrt(mean(rtt²) − mean(rtt)²) over replies only,
// loss = (sent − received) / sent with %g's six significant digits. Expected values below
// were worked out by hand from that formula.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ProbeEvent, ProbeStatus } from '../../../native/index';
import { PingStatistics, summarize } from './statistics';

let seq = 0;
function probe(status: ProbeStatus, rttMs: number | null = null): ProbeEvent {
  seq += 1;
  return {
    type: 'probe',
    job: 1,
    seq,
    wireSeq: seq,
    target: '192.0.2.1',
    address: status === 'timeout' ? null : '192.0.2.1',
    status,
    rttMs,
    ttl: status === 'reply' ? 64 : null,
    bytes: status === 'reply' ? 64 : 0,
    sentAt: 0,
    error: null,
  };
}

function close(actual: number | undefined, expected: number, message?: string): void {
  assert.ok(actual !== undefined && Math.abs(actual - expected) < 1e-9, `${message ?? ''} ${String(actual)} ≠ ${expected}`);
}

describe('PingStatistics', () => {
  it('mdev of 1, 2, 3, 4 ms: mean 2.5, mean of squares 7.5, sqrt(7.5 − 6.25) = 1.118034', () => {
    const summary = summarize([1, 2, 3, 4].map((rtt) => probe('reply', rtt)));
    close(summary.rttMs?.min, 1);
    close(summary.rttMs?.avg, 2.5);
    close(summary.rttMs?.max, 4);
    close(summary.rttMs?.mdev, Math.sqrt(1.25));
    assert.equal(summary.rttMs?.mdev.toFixed(3), '1.118');
  });

  it('mdev of 10 and 20 ms is 5 (sqrt(250 − 225))', () => {
    close(summarize([probe('reply', 10), probe('reply', 20)]).rttMs?.mdev, 5);
  });

  it('mdev of 0.052, 0.068, 0.066 ms is 0.007118 (sqrt(0.011684/3 − 0.062²))', () => {
    const summary = summarize([0.052, 0.068, 0.066].map((rtt) => probe('reply', rtt)));
    close(summary.rttMs?.avg, 0.062);
    assert.ok(Math.abs((summary.rttMs?.mdev ?? 0) - 0.0071180) < 1e-6, String(summary.rttMs?.mdev));
    assert.equal(summary.rttMs?.mdev.toFixed(3), '0.007');
  });

  it('equal RTTs give mdev 0, never NaN from rounding', () => {
    const summary = summarize([0.1, 0.1, 0.1].map((rtt) => probe('reply', rtt)));
    assert.equal(summary.rttMs?.mdev, 0);
  });

  it('errors and timeouts count as sent and lost, but not towards the RTT', () => {
    const summary = summarize([probe('reply', 2), probe('icmp-error', 0.5), probe('timeout'), probe('local-error')]);
    assert.deepEqual(
      { sent: summary.sent, received: summary.received, errors: summary.errors, timeouts: summary.timeouts },
      { sent: 4, received: 1, errors: 2, timeouts: 1 },
    );
    assert.equal(summary.lossPct, 75);
    close(summary.rttMs?.min, 2);
    close(summary.rttMs?.mdev, 0);
  });

  it('loss is printed like %g: 2 lost of 3 is 66.6667', () => {
    const summary = summarize([probe('reply', 1), probe('timeout'), probe('timeout')]);
    assert.equal(summary.lossPct, 66.6667);
  });

  it('probes in flight at cancellation count as sent (the engine reports them)', () => {
    const statistics = new PingStatistics();
    statistics.record(probe('reply', 1));
    statistics.finish({ sent: 3 });
    const summary = statistics.summary();
    assert.equal(summary.sent, 3);
    assert.equal(summary.lossPct, 66.6667);
  });

  it('no replies: rttMs is null; nothing sent: loss 0', () => {
    assert.equal(summarize([probe('timeout')]).rttMs, null);
    assert.deepEqual(summarize([]), { sent: 0, received: 0, errors: 0, timeouts: 0, lossPct: 0, rttMs: null });
  });
});
