import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parse } from 'yaml';
import type { CalicoFacts, CalicoIcmpRule } from '../../../contract/evidence';
import { argvOf, bashSyntax } from '../remediation/testing/bash';
import { checkIcmpPolicy } from './icmp-policy';
import { ECHO_PROHIBITED_V4, ECHO_PROHIBITED_V6, ECHO_REPLY, ECHO_TIMEOUT, NET_UNREACHABLE_V4 } from './testing/lab-captures';
import { citations, echo, evidence, gathered, inputs, remediationText, repeated, tcp, tcpWithControls } from './testing/evidence';

/** seeds/001's "block-icmp" GlobalNetworkPolicy, as the Calico importer describes it. */
const BLOCK_ICMP: CalicoFacts = {
  policies: [{ name: 'block-icmp', kind: 'GlobalNetworkPolicy', order: 200, selector: 'all()', types: ['Ingress', 'Egress'] }],
  icmpRules: (['ingress', 'egress'] as const).flatMap((direction) =>
    (['ICMP', 'ICMPv6'] as const).map(
      (protocol): CalicoIcmpRule => ({ policy: 'block-icmp', kind: 'GlobalNetworkPolicy', direction, action: 'Deny', protocol, icmpType: null, icmpCode: null, negated: false, order: 200 }),
    ),
  ),
};

/** seeds/001's "allow-ping-in-cluster". */
const ALLOW_PING: CalicoFacts = {
  policies: [{ name: 'allow-ping-in-cluster', kind: 'GlobalNetworkPolicy', order: null, selector: 'all()', types: ['Ingress'] }],
  icmpRules: [
    { policy: 'allow-ping-in-cluster', kind: 'GlobalNetworkPolicy', direction: 'ingress', action: 'Allow', protocol: 'ICMP', icmpType: 8, icmpCode: null, negated: false, order: null },
    { policy: 'allow-ping-in-cluster', kind: 'GlobalNetworkPolicy', direction: 'ingress', action: 'Allow', protocol: 'ICMPv6', icmpType: 128, icmpCode: null, negated: false, order: null },
  ],
};

describe('icmp-policy: probes', () => {
  it('fails on "Packet filtered" naming the sender, with firewall rules for that node', () => {
    const e = evidence((e) => (e.probes.icmp = echo('10.200.9.1', repeated(ECHO_PROHIBITED_V4, 4))));
    const f = checkIcmpPolicy(e, inputs({ target: '10.200.9.1' }));
    assert.equal(f.status, 'fail');
    assert.match(f.summary, /refused by policy: "Packet filtered" \(ICMP 3\/13\) from 10\.200\.1\.1\. 10\.200\.1\.1 has a firewall rule or prohibit route/);
    assert.match(citations(f), /ICMP echo from this host to 10\.200\.9\.1 :: "Packet filtered" \(ICMP 3\/13\) from 10\.200\.1\.1/);
    assert.match(f.remediation[0]?.title ?? '', /at 10\.200\.1\.1/);
    for (const fix of f.remediation) if (fix.kind === 'command') assert.ok(bashSyntax(fix.text).ok);
  });

  it('fails on IPv6 "administratively prohibited" too', () => {
    const e = evidence((e) => (e.probes.icmp = echo('fd00:200:9::1', repeated(ECHO_PROHIBITED_V6, 2))));
    const f = checkIcmpPolicy(e, inputs({ target: 'fd00:200:9::1' }));
    assert.equal(f.status, 'fail');
    assert.match(f.summary, /Administratively prohibited" \(ICMPv6 1\/1\) from fd00:200:1::1/);
  });

  it('fails on silent echo loss while TCP connects, with the product\'s own ICMP switch', () => {
    const e = evidence((e) => {
      e.probes.icmp = echo('10.200.2.2', repeated({ ...ECHO_TIMEOUT, target: '10.200.2.2' }, 4));
      e.probes.tcp = tcp('connected', '10.200.2.2', 22);
    });
    const f = checkIcmpPolicy(e, inputs({ target: '10.200.2.2', tcpPort: 22, product: 'firezone' }));
    assert.equal(f.status, 'fail');
    assert.match(f.summary, /vanishes without an error while TCP to port 22 connects: a firewall or policy on the way drops ICMP echo silently/);
    assert.match(citations(f), /TCP 10\.200\.2\.2:22 connected/);
    assert.match(remediationText(f), /Firezone: allow ICMP in the Resource's traffic restrictions/);
  });

  it('passes when echo is answered, is unknown on routing errors or silence without TCP', () => {
    assert.equal(checkIcmpPolicy(evidence((e) => (e.probes.icmp = echo('10.200.2.2', [ECHO_REPLY]))), inputs({ target: '10.200.2.2' })).status, 'pass');
    const routing = checkIcmpPolicy(evidence((e) => (e.probes.icmp = echo('10.200.8.1', [NET_UNREACHABLE_V4]))), inputs({ target: '10.200.8.1' }));
    assert.equal(routing.status, 'unknown');
    assert.match(routing.summary, /a routing failure, not a policy refusal/);
    const silent = checkIcmpPolicy(evidence((e) => (e.probes.icmp = echo('10.200.9.3', [ECHO_TIMEOUT]))), inputs({ target: '10.200.9.3' }));
    assert.equal(silent.status, 'unknown');
    assert.match(silent.summary, /give --tcp-port P/);
  });
});

describe('icmp-policy: TCP through a middlebox that completes every handshake', () => {
  const DEAD = '10.200.9.3';
  const silentWith = (controls: 'connected' | 'refused', target = DEAD) =>
    evidence((e) => {
      e.probes.icmp = echo(target, repeated({ ...ECHO_TIMEOUT, target }, 4));
      e.probes.tcp = tcpWithControls(target, 8443, controls);
    });

  it('does not fail silent echo loss on a proxied connect: unknown, with no firewall fix', () => {
    const f = checkIcmpPolicy(silentWith('connected'), inputs({ target: DEAD, tcpPort: 8443 }));
    assert.equal(f.status, 'unknown', f.summary);
    assert.deepEqual(f.remediation, []);
    assert.match(citations(f), /\b9 connected\b.*\b51234 connected\b/);
  });

  it('still fails it when the control ports were refused: the connect reached a real host', () => {
    const f = checkIcmpPolicy(silentWith('refused', '10.200.2.2'), inputs({ target: '10.200.2.2', tcpPort: 8443 }));
    assert.equal(f.status, 'fail', f.summary);
  });

  it('still fails on "Packet filtered", which needs no TCP to prove', () => {
    const e = evidence((e) => {
      e.probes.icmp = echo('10.200.9.1', repeated(ECHO_PROHIBITED_V4, 4));
      e.probes.tcp = tcpWithControls('10.200.9.1', 8443, 'connected');
    });
    assert.equal(checkIcmpPolicy(e, inputs({ target: '10.200.9.1', tcpPort: 8443 })).status, 'fail');
  });
});

describe('icmp-policy: imported Calico policies', () => {
  it('fails on seeds/001\'s block-icmp, naming the policy and rule, with an allow policy ordered before it', () => {
    const f = checkIcmpPolicy(evidence((e) => (e.imported.calico = [gathered(BLOCK_ICMP, 'calico-policies.yaml')])), inputs());
    assert.equal(f.status, 'fail');
    assert.match(f.summary, /Calico GlobalNetworkPolicy "block-icmp" denies ICMP echo request \(type 8\) ingress: its rule "Deny ICMP \(any type\) ingress" \(order 200\) is the first that matches/);
    assert.match(f.summary, /ICMPv6 echo request \(type 128\) egress/);
    assert.match(citations(f), /calico-policies\.yaml :: GlobalNetworkPolicy block-icmp: Deny ICMP \(any type\) ingress/);
    const fix = f.remediation.find((r) => r.kind === 'yaml');
    const policy = parse(fix?.text ?? '') as { kind: string; spec: { order: number; selector: string; types: string[]; ingress: unknown[] } };
    assert.equal(policy.kind, 'GlobalNetworkPolicy');
    assert.equal(policy.spec.order, 199);
    assert.equal(policy.spec.selector, 'all()');
    assert.deepEqual(policy.spec.types, ['Ingress', 'Egress']);
    assert.deepEqual(policy.spec.ingress[0], { action: 'Allow', protocol: 'ICMP', icmp: { type: 8 } });
  });

  it('passes once the allow policy ordered before the deny is imported too', () => {
    const fix = checkIcmpPolicy(evidence((e) => (e.imported.calico = [gathered(BLOCK_ICMP, 'calico-policies.yaml')])), inputs()).remediation.find((r) => r.kind === 'yaml');
    // What the Calico importer makes of the generated policy: its rules, in order.
    const generated = parse(fix?.text ?? '') as { metadata: { name: string }; spec: { order: number; selector: string; types: string[]; ingress: Array<{ action: 'Allow'; protocol: 'ICMP' | 'ICMPv6'; icmp: { type: number } }>; egress: Array<{ action: 'Allow'; protocol: 'ICMP' | 'ICMPv6'; icmp: { type: number } }> } };
    const name = generated.metadata.name;
    const asFacts: CalicoFacts = {
      policies: [{ name, kind: 'GlobalNetworkPolicy', order: generated.spec.order, selector: generated.spec.selector, types: generated.spec.types }],
      icmpRules: (['ingress', 'egress'] as const).flatMap((direction) =>
        generated.spec[direction].map((rule): CalicoIcmpRule => ({ policy: name, kind: 'GlobalNetworkPolicy', direction, action: rule.action, protocol: rule.protocol, icmpType: rule.icmp.type, icmpCode: null, negated: false, order: generated.spec.order })),
      ),
    };
    const f = checkIcmpPolicy(evidence((e) => (e.imported.calico = [gathered(BLOCK_ICMP, 'calico-policies.yaml'), gathered(asFacts, 'allow-icmp.yaml')])), inputs());
    assert.equal(f.status, 'pass', f.summary);
    assert.match(f.summary, /"icmp-doctor-allow-icmp" allows ICMP echo request \(type 8\) ingress/);
  });

  it('fails when policies select traffic but none allows echo (Calico\'s default deny)', () => {
    const facts: CalicoFacts = {
      policies: [{ name: 'web-only', kind: 'NetworkPolicy', order: 100, selector: "app == 'web'", types: ['Ingress'] }],
      icmpRules: [{ policy: 'web-only', kind: 'NetworkPolicy', direction: 'ingress', action: 'Allow', protocol: 'ICMP', icmpType: 3, icmpCode: null, negated: false, order: 100 }],
    };
    const f = checkIcmpPolicy(evidence((e) => (e.imported.calico = [gathered(facts, 'np.yaml')])), inputs());
    assert.equal(f.status, 'fail');
    assert.match(f.summary, /No rule in the Calico policies with ingress rules \(web-only\) allows ICMP echo request \(type 8\), so Calico denies it by default/);
    const policy = parse(f.remediation.find((r) => r.kind === 'yaml')?.text ?? '') as { spec: { types: string[] } };
    assert.deepEqual(policy.spec.types, ['Ingress']);
  });

  it('passes for seeds/001\'s allow-ping-in-cluster, and counts a bare Allow (no protocol) as allowing ICMP', () => {
    assert.equal(checkIcmpPolicy(evidence((e) => (e.imported.calico = [gathered(ALLOW_PING, 'allow.yaml')])), inputs()).status, 'pass');
    const bare: CalicoFacts = {
      policies: [{ name: 'allow-all', kind: 'NetworkPolicy', order: 10, selector: 'all()', types: ['Ingress'] }],
      icmpRules: [{ policy: 'allow-all', kind: 'NetworkPolicy', direction: 'ingress', action: 'Allow', protocol: null, icmpType: null, icmpCode: null, negated: false, order: 10 }],
    };
    assert.equal(checkIcmpPolicy(evidence((e) => (e.imported.calico = [gathered(bare, 'np.yaml')])), inputs()).status, 'pass');
  });

  it('is skipped with nothing to go on', () => {
    const f = checkIcmpPolicy(evidence(), inputs());
    assert.equal(f.status, 'skip');
    assert.deepEqual(argvOf(/import your Calico policies \((.*)\)/.exec(f.summary)?.[1] ?? ''), ['calicoctl', 'get', 'globalnetworkpolicy,networkpolicy', '-A', '-o', 'yaml']);
  });
});
