// icmp-error-transparency from the trace: errors must come back from every hop up to the last
// one that answers; the hop after which they stop is named.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { RouteFacts } from '../../../contract/evidence';
import type { TraceHop, TraceHopStatus, TraceResult } from '../../../contract/trace';
import { renderMessage } from '../../i18n/messages/render';
import { localizeFinding } from '../../i18n/messages/render';
import { assertFindingHasNoEnglishProse } from '../../../test-support/i18n/english-prose';
import { TRANSPARENCY_TTL_OK, TRANSPARENCY_UNREACHABLE_OK } from '../../../test-support/checks/lab-captures';
import { evidence, gathered, inputs, notGathered } from '../../../test-support/checks/evidence';
import { checkIcmpErrorTransparency } from './icmp-error-transparency';
import { pathVerdict, tunnelFarEnd } from './path-transparency';

const TARGET = '10.210.4.2';

function hop(ttl: number, status: TraceHopStatus): TraceHop {
  const address = status === 'timeout' ? null : status === 'reply' ? TARGET : `10.210.${ttl}.2`;
  const answered = status === 'timeout' ? 0 : 3;
  return {
    ttl,
    address,
    addresses: address ? [address] : [],
    status,
    sent: 3,
    received: answered,
    rttMs: answered ? { min: 0.1, avg: 0.2, max: 0.3 } : null,
    lastRttMs: answered ? 0.2 : null,
    error: null,
    mtu: null,
    errorsQuoteProbe: status === 'time-exceeded' ? true : null,
  };
}

/** A trace whose hops have these statuses, in TTL order. */
function trace(...statuses: TraceHopStatus[]): TraceResult {
  const reached = statuses.at(-1) === 'reply';
  return {
    target: TARGET,
    address: TARGET,
    family: 4,
    reached,
    stoppedBy: reached ? 'target' : 'silent-run',
    hops: statuses.map((status, index) => hop(index + 1, status)),
    settings: { maxHops: 16, probesPerHop: 3, timeoutMs: 1000, size: 56, df: false, silentRun: 4 },
  };
}

/** This machine's route to the target, leaving through `device` (to `gateway`, if any). */
function route(device: string, gateway: string | null) {
  const facts: RouteFacts = {
    target: TARGET,
    address: TARGET,
    route: { kind: 'via', device, source: '10.210.0.1', gateway, table: null },
    interfaces: [{ name: device, up: true, operstate: 'UNKNOWN', linkType: 'none', addresses: ['10.210.0.1'] }],
  };
  return gathered(facts, 'ip -j route get 10.210.4.2');
}

const withTrace = (t: TraceResult, transparency = TRANSPARENCY_TTL_OK, routed: ReturnType<typeof route> | null = null) =>
  checkIcmpErrorTransparency(
    evidence((e) => {
      e.probes.transparency = transparency;
      e.probes.trace = gathered(t, 'trace');
      e.route = routed;
    }),
    inputs({ target: TARGET }),
  );

describe('icmp-error-transparency along the whole path (trace)', () => {
  it('passes when every router up to the target returned "time exceeded"', () => {
    const f = withTrace(trace('time-exceeded', 'time-exceeded', 'time-exceeded', 'reply'));
    assert.equal(f.status, 'pass');
    assert.equal(f.reason?.key, 'trace.transparency.returns');
    assert.deepEqual([f.reason?.params?.['lastErrorHop'], f.reason?.params?.['targetHop']], [3, 4]);
    assert.equal(f.evidence[0]?.message?.key, 'trace.transparency.path');
  });

  it('a silent router in the middle is no swallower when the errors of the hops behind it cross it', () => {
    assert.equal(withTrace(trace('time-exceeded', 'timeout', 'time-exceeded', 'reply')).status, 'pass');
  });

  it('fails naming the hop after which errors stop, though the first hop passes the old probe', () => {
    // The transparency probe alone (TTL 1 answered) passes; the trace shows hop 3 never answers while the target at 4 does.
    const f = withTrace(trace('time-exceeded', 'time-exceeded', 'timeout', 'reply'));
    assert.equal(f.status, 'fail');
    assert.equal(f.reason?.key, 'trace.transparency.swallowed');
    assert.deepEqual(
      { ttl: f.reason?.params?.['ttl'], from: f.reason?.params?.['from'], silentFrom: f.reason?.params?.['silentFrom'], silentTo: f.reason?.params?.['silentTo'], targetHop: f.reason?.params?.['targetHop'] },
      { ttl: 2, from: '10.210.2.2', silentFrom: 3, silentTo: 3, targetHop: 4 },
    );
    assert.ok(f.remediation.length > 0, 'with the fix');
  });

  it('fails when no router returns anything, also when the transparency probe failed', () => {
    const f = withTrace(trace('timeout', 'timeout', 'reply'), notGathered('PERMISSION_DENIED', 'EPERM', 'transparency'));
    assert.equal(f.status, 'fail');
    assert.equal(f.reason?.key, 'trace.transparency.none-return');
    assert.equal(f.reason?.params?.['silentTo'], 2);
  });

  it('decides nothing when the trace did not reach the target (silence cannot tell a swallower from a filter)', () => {
    assert.deepEqual(pathVerdict(gathered(trace('time-exceeded', 'timeout', 'timeout', 'timeout', 'timeout'), 'trace')), { kind: 'none' });
    assert.deepEqual(pathVerdict(gathered(trace('reply'), 'trace')), { kind: 'none' });
    assert.deepEqual(pathVerdict(notGathered('FAILED', 'x', 'trace')), { kind: 'none' });
    // Then the transparency probe decides, as before.
    assert.equal(withTrace(trace('time-exceeded', 'timeout', 'timeout', 'timeout', 'timeout'), TRANSPARENCY_UNREACHABLE_OK).reason?.key, 'icmp-error-transparency.errors-return');
  });

  it("names the tunnel's far end when the hop after which errors stop is the route's gateway through a tunnel interface", () => {
    // Hop 2 (10.210.2.2) is the gateway of the route through wg0: the tunnel's far end swallows the errors of hop 3.
    const f = withTrace(trace('time-exceeded', 'time-exceeded', 'timeout', 'reply'), TRANSPARENCY_TTL_OK, route('wg0', '10.210.2.2'));
    assert.equal(f.status, 'fail');
    assert.equal(f.reason?.key, 'trace.transparency.swallowed');
    assert.equal(f.reason?.params?.['ttl'], 2);
    assert.deepEqual(f.reason?.params?.['from'], { key: 'trace.far-end.named', params: { address: '10.210.2.2', device: 'wg0', client: 'WireGuard' } });
    assert.match(f.summary, /^Hop 2, 10\.210\.2\.2, the tunnel's far end \(entered through wg0, WireGuard\), swallows errors/);
    // The cited path marks the hop too.
    const path = f.evidence[0]?.message?.params?.['hops'] as Array<{ key: string }>;
    assert.deepEqual(path.map((m) => m.key), ['trace.hop.time-exceeded', 'trace.far-end.hop', 'trace.hop.timeout', 'trace.hop.reply']);
  });

  it('a point-to-point tunnel without a gateway: its far end is the first hop', () => {
    const hops = trace('time-exceeded', 'time-exceeded', 'timeout', 'reply').hops;
    assert.deepEqual(tunnelFarEnd(route('tun0', null), hops), { ttl: 1, address: '10.210.1.2', device: 'tun0', client: 'OpenVPN' });
    const f = withTrace(trace('time-exceeded', 'timeout', 'reply'), TRANSPARENCY_TTL_OK, route('tun-firezone', null));
    assert.deepEqual(f.reason?.params?.['from'], { key: 'trace.far-end.named', params: { address: '10.210.1.2', device: 'tun-firezone', client: 'Firezone' } });
  });

  it('names no far end for a route through an ordinary interface, a gateway not on the path, or no route evidence', () => {
    const hops = trace('time-exceeded', 'time-exceeded', 'timeout', 'reply').hops;
    assert.equal(tunnelFarEnd(route('eth0', '10.210.2.2'), hops), null);
    assert.equal(tunnelFarEnd(route('wg0', '10.99.9.9'), hops), null);
    assert.equal(tunnelFarEnd(notGathered('NOT_APPLICABLE', 'not linux', 'ip'), hops), null);
    assert.equal(tunnelFarEnd(route('wg0', TARGET), hops), null, 'the target itself is no hop on the way');
    const f = withTrace(trace('time-exceeded', 'time-exceeded', 'timeout', 'reply'), TRANSPARENCY_TTL_OK, route('eth0', '10.210.2.2'));
    assert.equal(f.reason?.params?.['from'], '10.210.2.2');
  });

  it('says the far end in Japanese', () => {
    const f = withTrace(trace('time-exceeded', 'time-exceeded', 'timeout', 'reply'), TRANSPARENCY_TTL_OK, route('wg0', '10.210.2.2'));
    const ja = localizeFinding(f, 'ja');
    assertFindingHasNoEnglishProse(ja);
    assert.match(ja.summary, /ホップ 2（10\.210\.2\.2、WireGuard の wg0 から入るトンネルの出口）がエラーを捨てています/);
    assert.equal(renderMessage({ key: 'trace.far-end.line', params: { ttl: 2, address: '10.210.2.2', device: 'wg0', client: 'WireGuard' } }, 'ja'), 'ホップ 2（10.210.2.2）がトンネルの出口です。対象への経路は WireGuard の wg0 からトンネルに入ります。');
  });

  it('says every path verdict in Japanese with no English prose', () => {
    for (const f of [
      withTrace(trace('time-exceeded', 'time-exceeded', 'time-exceeded', 'reply')),
      withTrace(trace('time-exceeded', 'time-exceeded', 'timeout', 'reply')),
      withTrace(trace('timeout', 'timeout', 'reply')),
      checkIcmpErrorTransparency(evidence((e) => (e.probes.transparency = TRANSPARENCY_TTL_OK)), inputs({ target: TARGET })),
    ]) {
      assertFindingHasNoEnglishProse(localizeFinding(f, 'ja'));
    }
  });
});
