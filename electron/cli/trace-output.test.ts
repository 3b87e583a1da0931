// The trace's human output names the hop at the tunnel's far end (issue 11), when this
// machine's route to the target enters a tunnel interface; without one it says nothing more.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { TraceHop, TraceResult } from '../../contract/trace';
import { tunnelFarEnd } from '../../renderer/wizard/checks/path-transparency';
import { traceHumanReporter } from './trace-output';

function hop(ttl: number, address: string, status: TraceHop['status']): TraceHop {
  return { ttl, address, addresses: [address], status, sent: 3, received: 3, rttMs: { min: 0.1, avg: 0.2, max: 0.3 }, lastRttMs: 0.2, error: null, mtu: null, errorsQuoteProbe: status === 'time-exceeded' ? true : null };
}

const result: TraceResult = {
  target: '10.210.4.2',
  address: '10.210.4.2',
  family: 4,
  reached: true,
  stoppedBy: 'target',
  hops: [hop(1, '10.210.1.2', 'time-exceeded'), hop(2, '10.210.2.2', 'time-exceeded'), hop(3, '10.210.4.2', 'reply')],
  settings: { maxHops: 30, probesPerHop: 3, timeoutMs: 1000, size: 56, df: false, silentRun: 4 },
};

function finished(farEnd: Parameters<ReturnType<typeof traceHumanReporter>['finish']>[1]): string {
  let text = '';
  const reporter = traceHumanReporter({ out: (chunk: string) => void (text += chunk), error: () => {} });
  reporter.finish(result, farEnd);
  return text;
}

describe('trace output: the tunnel\'s far end', () => {
  it('names the hop that is the route\'s gateway through the tunnel interface', () => {
    const route = {
      ok: true as const,
      value: { target: result.target, address: result.address, route: { kind: 'via' as const, device: 'wg0', source: '10.210.0.1', gateway: '10.210.2.2', table: null }, interfaces: [] },
      source: 'ip -j route get 10.210.4.2',
      at: '2026-01-01T00:00:00.000Z',
    };
    const text = finished(tunnelFarEnd(route, result.hops));
    assert.equal(text, "10.210.4.2 answered at hop 3.\nHop 2 (10.210.2.2) is the tunnel's far end: the route to the target enters the tunnel through wg0 (WireGuard).\n");
  });

  it('says nothing more without a tunnel on the route', () => {
    assert.equal(finished(null), '10.210.4.2 answered at hop 3.\n');
  });
});
