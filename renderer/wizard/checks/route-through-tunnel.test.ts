// route-through-tunnel on route facts made from what iproute2 printed in a lab namespace
// (test-support/route/ip-json.ts): a route the kernel picks through WARP's policy table, one on
// the default route around it, and the interfaces present, renamed per client.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Evidence, NetworkInterfaceFacts } from '../../../contract/evidence';
import type { Finding } from '../../../contract/findings';
import type { CheckInputs } from '../../../contract/inputs';
import type { Message } from '../../../contract/message';
import { en as ROUTE_MESSAGES } from '../../i18n/messages/parts/route-through-tunnel';
import { assertFindingHasNoEnglishProse } from '../../../test-support/i18n/english-prose';
import { inJapaneseOwnWordsOnly, messageKeys } from '../../../test-support/i18n/finding-messages';
import { echo, evidence, inputs, local, notGathered, repeated, tcp, tcpWithControls } from '../../../test-support/checks/evidence';
import { ECHO_REPLY, ECHO_TIMEOUT } from '../../../test-support/checks/lab-captures';
import { interfacesWith, routeFacts, viaDefault, viaTunnel } from '../../../test-support/route/ip-json';
import { runChecks } from './index';
import { checkRouteThroughTunnel } from './route-through-tunnel';

const TARGET = '10.9.1.5';
const produced: Finding[] = [];

function check(e: Evidence, i: CheckInputs): Finding {
  const f = checkRouteThroughTunnel(e, i);
  produced.push(f);
  return f;
}

function routed(route: ReturnType<typeof viaDefault>, interfaces: NetworkInterfaceFacts[]): Evidence {
  return evidence((e) => {
    e.route = routeFacts(TARGET, route, interfaces);
  });
}

const fixIds = (f: Finding): string[] => f.remediation.map((r) => r.id);
const fixText = (f: Finding, id: string): string => f.remediation.find((r) => r.id === id)?.text ?? assert.fail(`no fix ${id}: ${fixIds(f).join(', ')}`);
const param = (f: Finding, name: string): unknown => f.reason?.params?.[name];
const nestedKey = (f: Finding, name: string): string | undefined => (param(f, name) as Message | undefined)?.key;

describe('route-through-tunnel', () => {
  it("passes when the kernel routes the target through WARP's interface (its policy table), naming it and the source", () => {
    const f = check(routed(viaTunnel('CloudflareWARP'), interfacesWith('CloudflareWARP')), inputs({ target: TARGET, product: 'cloudflare' }));
    assert.equal(f.status, 'pass');
    assert.equal(f.reason?.key, 'route-through-tunnel.pass');
    assert.equal(param(f, 'device'), 'CloudflareWARP');
    assert.equal(param(f, 'client'), 'Cloudflare WARP');
    assert.equal(param(f, 'source'), '172.16.0.2');
    assert.deepEqual(f.remediation, []);
    assert.deepEqual(
      f.evidence.map((item) => item.message?.key),
      ['route-through-tunnel.evidence.route', 'route-through-tunnel.evidence.tunnels'],
    );
  });

  it('fails when WARP is up but the route goes around it, naming both interfaces and the source, with the Split Tunnels fix first', () => {
    const f = check(routed(viaDefault(), interfacesWith('CloudflareWARP')), inputs({ target: TARGET, product: 'cloudflare' }));
    assert.equal(f.status, 'fail');
    assert.equal(f.reason?.key, 'route-through-tunnel.fail');
    assert.equal(param(f, 'tunnel'), 'CloudflareWARP');
    assert.equal(param(f, 'tunnelUp'), true);
    const route = param(f, 'route') as Message;
    assert.equal(route.key, 'route-through-tunnel.route.via');
    assert.deepEqual(route.params, { device: 'eth0', source: '192.168.1.2', gateway: '192.168.1.1', table: null });
    assert.equal(param(f, 'tcp'), 'none');
    assert.deepEqual(fixIds(f), [
      'route-through-tunnel.warp-split-tunnels',
      'route-through-tunnel.cloudflared-route',
      'route-through-tunnel.cloudflared-route-get',
      'route-through-tunnel.check',
    ]);
    assert.equal(f.remediation[0]?.kind, 'dashboard');
    assert.deepEqual(f.remediation[0]?.textMessage?.params, { address: TARGET });
    assert.equal(fixText(f, 'route-through-tunnel.cloudflared-route'), 'cloudflared tunnel route ip add 10.9.1.5/32 "${TUNNEL}"');
    assert.equal(fixText(f, 'route-through-tunnel.check'), 'ip route get 10.9.1.5');
    for (const r of f.remediation) assert.deepEqual(r.deploy, [], r.id);
  });

  it('fails for Twingate and Firezone with the Resource in their admin, each on its own interface name', () => {
    const twingate = check(routed(viaDefault(), interfacesWith('sdwan0')), inputs({ target: TARGET, product: 'twingate' }));
    assert.equal(twingate.status, 'fail');
    assert.equal(param(twingate, 'tunnel'), 'sdwan0');
    assert.deepEqual(fixIds(twingate), ['route-through-tunnel.twingate-resource', 'route-through-tunnel.check']);
    const firezone = check(routed(viaDefault(), interfacesWith('tun-firezone')), inputs({ target: TARGET, product: 'firezone' }));
    assert.equal(firezone.status, 'fail');
    assert.equal(param(firezone, 'client'), 'Firezone');
    assert.deepEqual(fixIds(firezone), ['route-through-tunnel.firezone-resource', 'route-through-tunnel.check']);
    assert.equal(check(routed(viaTunnel('tun-firezone'), interfacesWith('tun-firezone')), inputs({ target: TARGET, product: 'firezone' })).status, 'pass');
  });

  it('for generic, any known tunnel counts: a route through tailscale0 passes, one around wg0 fails with a route into wg0', () => {
    assert.equal(check(routed(viaTunnel('tailscale0'), interfacesWith('tailscale0')), inputs({ target: TARGET })).status, 'pass');
    const f = check(routed(viaDefault(), interfacesWith('wg0')), inputs({ target: TARGET }));
    assert.equal(f.status, 'fail');
    assert.equal(param(f, 'client'), 'WireGuard');
    assert.deepEqual(fixIds(f), ['route-through-tunnel.ip-route', 'route-through-tunnel.check']);
    assert.equal(fixText(f, 'route-through-tunnel.ip-route'), 'sudo ip route add 10.9.1.5/32 dev wg0');
  });

  it("for generic, a product's own interface brings that product's fixes", () => {
    const f = check(routed(viaDefault(), interfacesWith('CloudflareWARP')), inputs({ target: TARGET }));
    assert.equal(f.status, 'fail');
    assert.equal(fixIds(f)[0], 'route-through-tunnel.warp-split-tunnels');
  });

  it("is unknown when no tunnel of the product is here (another client's does not count), naming the names looked for", () => {
    const f = check(routed(viaTunnel('tailscale0'), interfacesWith('tailscale0')), inputs({ target: TARGET, product: 'cloudflare' }));
    assert.equal(f.status, 'unknown');
    assert.equal(f.reason?.key, 'route-through-tunnel.unknown.no-tunnel');
    assert.deepEqual(param(f, 'expected'), ['CloudflareWARP', 'utunN']);
    assert.equal(param(f, 'product'), 'Cloudflare');
    const none = check(routed(viaDefault(), interfacesWith(null)), inputs({ target: TARGET }));
    assert.equal(none.status, 'unknown');
    assert.equal(param(none, 'product'), null);
    assert.equal(none.evidence[1]?.message?.key, 'route-through-tunnel.evidence.no-tunnels');
    assert.deepEqual(none.evidence[1]?.message?.params, { interfaces: ['lo', 'eth0'] });
  });

  it('fails when the target has no usable route at all while the tunnel is there, quoting the kernel', () => {
    const f = check(routed({ kind: 'unroutable', error: 'Network is unreachable' }, interfacesWith('CloudflareWARP')), inputs({ target: TARGET, product: 'cloudflare' }));
    assert.equal(f.status, 'fail');
    assert.equal(nestedKey(f, 'route'), 'route-through-tunnel.route.unroutable');
  });

  it('says when the tunnel interface is down, and prefers one that is up', () => {
    const down: NetworkInterfaceFacts = { name: 'sdwan0', up: false, operstate: 'DOWN', linkType: 'none', addresses: [] };
    const f = check(routed(viaDefault(), interfacesWith(null, [down])), inputs({ target: TARGET, product: 'twingate' }));
    assert.equal(f.status, 'fail');
    assert.equal(param(f, 'tunnelUp'), false);
    const up: NetworkInterfaceFacts = { ...down, name: 'sdwan1', up: true, operstate: 'UNKNOWN' };
    assert.equal(param(check(routed(viaDefault(), interfacesWith(null, [down, up])), inputs({ target: TARGET, product: 'twingate' })), 'tunnel'), 'sdwan1');
  });

  it('says that TCP connecting beside a route around the tunnel is socket-level carrying, not a path', () => {
    const around = (e: Evidence, t: Evidence['probes']['tcp']): Evidence => ({ ...e, probes: { ...e.probes, tcp: t } });
    const base = routed(viaDefault(), interfacesWith('CloudflareWARP'));
    const cloudflare = inputs({ target: TARGET, product: 'cloudflare', tcpPort: 22 });
    assert.equal(param(check(around(base, tcp('connected', TARGET)), cloudflare), 'tcp'), 'connected');
    assert.equal(param(check(around(base, tcpWithControls(TARGET, 22, 'connected')), cloudflare), 'tcp'), 'proxied');
    assert.equal(param(check(around(base, tcp('timeout', TARGET)), cloudflare), 'tcp'), 'none');
  });

  it('warns instead when ping answers along the other route: nothing is broken, but the tunnel was not tested', () => {
    const e = evidence((x) => {
      x.route = routeFacts(TARGET, viaDefault(), interfacesWith('CloudflareWARP'));
      x.probes.icmp = echo(TARGET, repeated({ ...ECHO_REPLY, target: TARGET, address: TARGET }, 4));
    });
    const f = check(e, inputs({ target: TARGET, product: 'cloudflare' }));
    assert.equal(f.status, 'warn');
    assert.equal(f.reason?.key, 'route-through-tunnel.warn-answered');
    assert.equal(f.reason?.params?.['tunnel'], 'CloudflareWARP');
    assert.equal(fixIds(f)[0], 'route-through-tunnel.warp-split-tunnels');
    // Echo that vanished along the other route is the failure itself.
    const silent = check(routed(viaDefault(), interfacesWith('CloudflareWARP')), inputs({ target: TARGET, product: 'cloudflare' }));
    assert.equal(silent.status, 'fail');
  });

  it('skips without a target, and is unknown when the route was not looked up or could not be read', () => {
    assert.equal(check(routed(viaDefault(), interfacesWith('wg0')), inputs()).status, 'skip');
    const missing = check(evidence(), inputs({ target: TARGET }));
    assert.equal(missing.status, 'unknown');
    assert.equal(missing.reason?.key, 'route-through-tunnel.unknown.not-gathered');
    const failed = check(
      evidence((e) => {
        e.route = notGathered('NOT_FOUND', 'ip: not found', 'ip -j route get 10.9.1.5');
      }),
      inputs({ target: TARGET }),
    );
    assert.equal(failed.status, 'unknown');
    assert.equal(failed.reason?.key, 'route-through-tunnel.unknown.failed');
    assert.equal(nestedKey(failed, 'failure'), 'failure.cited');
  });

  it('as a cause: echo lost because it never enters the tunnel explains tcp-vs-icmp and icmp-policy', () => {
    const e = evidence((x) => {
      x.local = local();
      x.route = routeFacts(TARGET, viaDefault(), interfacesWith('CloudflareWARP'));
      x.probes.tcp = tcp('connected', TARGET);
      x.probes.icmp = echo(TARGET, repeated({ ...ECHO_TIMEOUT, target: TARGET }, 4));
    });
    const findings = runChecks(e, inputs({ target: TARGET, product: 'cloudflare', tcpPort: 22 }));
    produced.push(...findings.filter((f) => f.id === 'route-through-tunnel'));
    const byId = Object.fromEntries(findings.map((f) => [f.id, f]));
    assert.equal(byId['route-through-tunnel']?.status, 'fail');
    assert.equal(byId['route-through-tunnel']?.explainedBy, undefined);
    assert.equal(byId['tcp-vs-icmp']?.status, 'fail');
    assert.deepEqual(byId['tcp-vs-icmp']?.explainedBy, ['route-through-tunnel']);
    assert.equal(byId['icmp-policy']?.status, 'fail');
    assert.deepEqual(byId['icmp-policy']?.explainedBy, ['route-through-tunnel']);
    const causes = findings.filter((f) => f.status === 'fail' && !f.explainedBy).map((f) => f.id);
    assert.deepEqual(causes, ['route-through-tunnel']);
  });

  it('says every finding above in Japanese with no English prose, covering every message of the check', () => {
    assert.ok(produced.length >= 20, `${produced.length} findings`);
    for (const f of produced) assertFindingHasNoEnglishProse(inJapaneseOwnWordsOnly(f));
    const said = messageKeys(produced);
    // The gatherer's own messages (route.*) are said by its failures, tested with the gatherer;
    // the local step's (step.*) by the steps' tests.
    const unsaid = Object.keys(ROUTE_MESSAGES).filter((key) => !key.startsWith('route.') && !key.startsWith('step.') && !said.has(key));
    assert.deepEqual(unsaid, []);
  });
});
