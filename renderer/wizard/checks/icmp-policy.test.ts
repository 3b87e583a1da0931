import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parse } from 'yaml';
import type { CalicoFacts, CalicoIcmpRule } from '../../../contract/evidence';
import type { Finding } from '../../../contract/findings';
import type { Message } from '../../../contract/message';
import { EN_MESSAGES } from '../../i18n/messages/catalogue';
import { msg } from '../../i18n/messages/message';
import { localizeFinding } from '../../i18n/messages/render';
import { assertFindingHasNoEnglishProse } from '../../../test-support/i18n/english-prose';
import { inJapaneseOwnWordsOnly, messageKeys } from '../../../test-support/i18n/finding-messages';
import { allowEchoRemediation } from '../remediation/icmp-firewall';
import { argvOf, bashSyntax } from '../../../test-support/remediation/bash';
import { describeRule } from './calico-evaluation';
import { checkIcmpPolicy } from './icmp-policy';
import { ECHO_PROHIBITED_V4, ECHO_PROHIBITED_V6, ECHO_REPLY, ECHO_TIMEOUT, NET_UNREACHABLE_V4 } from '../../../test-support/checks/lab-captures';
import { ICMP_SOURCE, echo, evidence, gathered, inputs, notGathered, repeated, tcp, tcpWithControls } from '../../../test-support/checks/evidence';

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

/** The observations a finding says: its reason, or each note of a reason that joins several. */
function notes(f: Finding): Message[] {
  const reason = f.reason;
  if (!reason) return [];
  const list = (name: string): Message[] => {
    const value = reason.params?.[name];
    return Array.isArray(value) ? (value as Message[]) : [];
  };
  if (reason.key === 'icmp-policy.observations') return list('notes');
  if (reason.key === 'icmp-policy.pass-undecided') return [...list('passing'), ...list('undecided')];
  return [reason];
}

/** "calico.deny block-icmp ingress 4": which note said what about which policy, direction and family. */
function noteSummaries(f: Finding): string[] {
  return notes(f).map((n) => [n.key, n.params?.['policy'], n.params?.['direction'], n.params?.['family']].filter((v) => v !== undefined).join(' '));
}

/** The messages the finding cites under `key`. */
function cited(f: Finding, key: string): Message[] {
  return f.evidence.flatMap((item) => (item.message?.key === key ? [item.message] : []));
}

const PACKET_FILTERED = { key: 'probe.error', params: { name: 'Packet filtered', kind: 'ICMP 3/13', from: '10.200.1.1' } };

describe('icmp-policy: probes', () => {
  it('fails on "Packet filtered" naming the sender, with firewall rules for that node', () => {
    const e = evidence((e) => (e.probes.icmp = echo('10.200.9.1', repeated(ECHO_PROHIBITED_V4, 4))));
    const f = checkIcmpPolicy(e, inputs({ target: '10.200.9.1' }));
    assert.equal(f.status, 'fail');
    assert.deepEqual(f.reason, { key: 'icmp-policy.refused', params: { address: '10.200.9.1', errors: [PACKET_FILTERED], senders: ['10.200.1.1'] } });
    assert.deepEqual(
      f.evidence.filter((item) => item.message?.key === 'probe.error').map((item) => [item.source, item.message]),
      [[`${ICMP_SOURCE} to 10.200.9.1`, PACKET_FILTERED]],
    );
    // The firewall fix is the one for the node that sent the refusal.
    const forSender = allowEchoRemediation('10.200.1.1', e.imported.firewall);
    assert.ok(forSender.length > 0);
    assert.deepEqual(f.remediation.slice(0, forSender.length), forSender);
    assert.notDeepEqual(forSender, allowEchoRemediation(null, e.imported.firewall), 'the sender changes the fix');
    for (const fix of f.remediation) if (fix.kind === 'command') assert.ok(bashSyntax(fix.text).ok);
  });

  it('fails on IPv6 "administratively prohibited" too', () => {
    const e = evidence((e) => (e.probes.icmp = echo('fd00:200:9::1', repeated(ECHO_PROHIBITED_V6, 2))));
    const f = checkIcmpPolicy(e, inputs({ target: 'fd00:200:9::1' }));
    assert.equal(f.status, 'fail');
    assert.equal(f.reason?.key, 'icmp-policy.refused');
    const [error] = (f.reason?.params?.['errors'] ?? []) as Message[];
    assert.deepEqual(error?.params, { name: ECHO_PROHIBITED_V6.error?.message, kind: 'ICMPv6 1/1', from: 'fd00:200:1::1' });
    assert.match(String(error?.params?.['name']), /Administratively prohibited/i);
  });

  it('names "an unknown node" when the refusal came without a sender', () => {
    const anonymous = { ...ECHO_PROHIBITED_V4, error: ECHO_PROHIBITED_V4.error ? { ...ECHO_PROHIBITED_V4.error, from: null } : null };
    const f = checkIcmpPolicy(evidence((e) => (e.probes.icmp = echo('10.200.9.1', repeated(anonymous, 2)))), inputs({ target: '10.200.9.1' }));
    assert.equal(f.status, 'fail');
    assert.deepEqual(f.reason?.params?.['senders'], [{ key: 'icmp-policy.unknown-node' }]);
  });

  it('fails on silent echo loss while TCP connects, with the product\'s own ICMP switch', () => {
    const e = evidence((e) => {
      e.probes.icmp = echo('10.200.2.2', repeated({ ...ECHO_TIMEOUT, target: '10.200.2.2' }, 4));
      e.probes.tcp = tcp('connected', '10.200.2.2', 22);
    });
    const f = checkIcmpPolicy(e, inputs({ target: '10.200.2.2', tcpPort: 22, product: 'firezone' }));
    assert.equal(f.status, 'fail');
    assert.deepEqual(f.reason, { key: 'icmp-policy.vanishes.tcp-reached', params: { address: '10.200.2.2', port: 22, outcome: 'connected' } });
    assert.deepEqual(cited(f, 'tcp-vs-icmp.evidence.tcp-connected')[0]?.params, { address: '10.200.2.2', port: 22, ms: 0.4 });
    assert.ok(f.remediation.some((fix) => fix.id === 'product-access.firezone-resource'), f.remediation.map((fix) => fix.id).join(', '));
  });

  it('passes when echo is answered, is unknown on routing errors or silence without TCP', () => {
    const answered = checkIcmpPolicy(evidence((e) => (e.probes.icmp = echo('10.200.2.2', [ECHO_REPLY]))), inputs({ target: '10.200.2.2' }));
    assert.equal(answered.status, 'pass');
    assert.deepEqual(answered.reason, { key: 'icmp-policy.answered', params: { address: '10.200.2.2' } });
    const routing = checkIcmpPolicy(evidence((e) => (e.probes.icmp = echo('10.200.8.1', [NET_UNREACHABLE_V4]))), inputs({ target: '10.200.8.1' }));
    assert.equal(routing.status, 'unknown');
    assert.equal(routing.reason?.key, 'icmp-policy.routing-error');
    const silent = checkIcmpPolicy(evidence((e) => (e.probes.icmp = echo('10.200.9.3', [ECHO_TIMEOUT]))), inputs({ target: '10.200.9.3' }));
    assert.equal(silent.status, 'unknown');
    assert.deepEqual(silent.reason, { key: 'icmp-policy.vanishes.no-tcp', params: { address: '10.200.9.3' } });
  });

  it('is unknown when echo could not be sent, citing why', () => {
    const f = checkIcmpPolicy(evidence((e) => (e.probes.icmp = notGathered('PERMISSION_DENIED', 'ICMP socket refused', ICMP_SOURCE))), inputs({ target: '10.200.2.2' }));
    assert.equal(f.status, 'unknown');
    assert.deepEqual(f.reason, { key: 'icmp-policy.echo-not-sent', params: { code: 'PERMISSION_DENIED' } });
    assert.equal(cited(f, 'failure.cited')[0]?.params?.['code'], 'PERMISSION_DENIED');
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
    assert.equal(f.reason?.key, 'icmp-policy.vanishes.proxied');
    assert.deepEqual(f.reason?.params?.['proxied'], { key: 'tcp-proxied.statement', params: { address: DEAD, port: 8443, ports: [9, 51234] } });
    assert.deepEqual(f.remediation, []);
    const controls = (cited(f, 'tcp-proxied.controls')[0]?.params?.['controls'] ?? []) as Message[];
    assert.deepEqual(controls.map((c) => [c.params?.['port'], c.params?.['outcome']]), [[9, 'connected'], [51234, 'connected']]);
  });

  it('still fails it when the control ports were refused: the connect reached a real host', () => {
    const f = checkIcmpPolicy(silentWith('refused', '10.200.2.2'), inputs({ target: '10.200.2.2', tcpPort: 8443 }));
    assert.equal(f.status, 'fail', f.summary);
    assert.equal(f.reason?.key, 'icmp-policy.vanishes.tcp-reached');
  });

  it('still fails on "Packet filtered", which needs no TCP to prove', () => {
    const e = evidence((e) => {
      e.probes.icmp = echo('10.200.9.1', repeated(ECHO_PROHIBITED_V4, 4));
      e.probes.tcp = tcpWithControls('10.200.9.1', 8443, 'connected');
    });
    const f = checkIcmpPolicy(e, inputs({ target: '10.200.9.1', tcpPort: 8443 }));
    assert.equal(f.status, 'fail');
    assert.equal(f.reason?.key, 'icmp-policy.refused');
  });
});

describe('icmp-policy: imported Calico policies', () => {
  it('fails on seeds/001\'s block-icmp, naming the policy and rule, with an allow policy ordered before it', () => {
    const f = checkIcmpPolicy(evidence((e) => (e.imported.calico = [gathered(BLOCK_ICMP, 'calico-policies.yaml')])), inputs());
    assert.equal(f.status, 'fail');
    assert.deepEqual(noteSummaries(f), [
      'calico.deny block-icmp ingress 4',
      'calico.deny block-icmp egress 4',
      'calico.deny block-icmp ingress 6',
      'calico.deny block-icmp egress 6',
    ]);
    const [first] = notes(f);
    const denyIcmp = BLOCK_ICMP.icmpRules[0];
    assert.ok(denyIcmp);
    assert.deepEqual(first, {
      key: 'calico.deny',
      params: { kind: 'GlobalNetworkPolicy', policy: 'block-icmp', family: 4, direction: 'ingress', rule: describeRule(denyIcmp), order: 200 },
    });
    assert.deepEqual(
      f.evidence.map((item) => [item.source, item.message?.key, item.message?.params?.['policy'], item.message?.params?.['rule']])[0],
      ['calico-policies.yaml', 'calico.evidence.rule', 'block-icmp', describeRule(denyIcmp)],
    );
    const fix = f.remediation.find((r) => r.kind === 'yaml');
    const policy = parse(fix?.text ?? '') as { kind: string; spec: { order: number; selector: string; types: string[]; ingress: unknown[] } };
    assert.equal(policy.kind, 'GlobalNetworkPolicy');
    assert.equal(policy.spec.order, 199);
    assert.equal(policy.spec.selector, 'all()');
    assert.deepEqual(policy.spec.types, ['Ingress', 'Egress']);
    assert.deepEqual(policy.spec.ingress[0], { action: 'Allow', protocol: 'ICMP', icmp: { type: 8 } });
  });

  it('cites several imported policy files as one list, said in the reader\'s language', () => {
    const pasted = { ...gathered(BLOCK_ICMP, 'pasted text'), sourceMessage: msg('source.pasted-text') };
    const f = checkIcmpPolicy(evidence((e) => (e.imported.calico = [pasted, gathered({ ...BLOCK_ICMP, icmpRules: [] }, 'other.yaml')])), inputs());
    const [first] = f.evidence;
    assert.equal(first?.source, 'pasted text, other.yaml');
    assert.equal(first?.sourceMessage?.key, 'source.several');
    const ja = localizeFinding(f, 'ja');
    assert.equal(ja.evidence[0]?.source, '貼り付けたテキスト、other.yaml（2 件）');
    assertFindingHasNoEnglishProse(ja);
  });

  it('puts the Calico fix first when an imported policy shows the deny and echo vanishes too (seed 001): the firewall fixes only guess the place', () => {
    const e = evidence((e) => {
      e.imported.calico = [gathered(BLOCK_ICMP, 'calico-policies.yaml')];
      e.probes.icmp = echo('10.200.2.2', repeated({ ...ECHO_TIMEOUT, target: '10.200.2.2' }, 4));
      e.probes.tcp = tcp('connected', '10.200.2.2', 22);
    });
    const f = checkIcmpPolicy(e, inputs({ target: '10.200.2.2', tcpPort: 22 }));
    assert.equal(f.status, 'fail');
    assert.deepEqual(f.remediation.map((fix) => fix.id), ['calico.allow-icmp-policy', 'allow-echo.iptables', 'allow-echo.nftables']);
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
    assert.ok(noteSummaries(f).includes(`calico.allow ${name} ingress 4`), noteSummaries(f).join('; '));
    assert.ok(!noteSummaries(f).some((note) => note.startsWith('calico.deny')));
  });

  it('fails when policies select traffic but none allows echo (Calico\'s default deny)', () => {
    const facts: CalicoFacts = {
      policies: [{ name: 'web-only', kind: 'NetworkPolicy', order: 100, selector: "app == 'web'", types: ['Ingress'] }],
      icmpRules: [{ policy: 'web-only', kind: 'NetworkPolicy', direction: 'ingress', action: 'Allow', protocol: 'ICMP', icmpType: 3, icmpCode: null, negated: false, order: 100 }],
    };
    const f = checkIcmpPolicy(evidence((e) => (e.imported.calico = [gathered(facts, 'np.yaml')])), inputs());
    assert.equal(f.status, 'fail');
    assert.deepEqual(f.reason, { key: 'calico.default-deny', params: { direction: 'ingress', policies: ['web-only'], family: 4 } });
    const policy = parse(f.remediation.find((r) => r.kind === 'yaml')?.text ?? '') as { spec: { types: string[] } };
    assert.deepEqual(policy.spec.types, ['Ingress']);
  });

  it('passes for seeds/001\'s allow-ping-in-cluster, and counts a bare Allow (no protocol) as allowing ICMP', () => {
    const allowPing = checkIcmpPolicy(evidence((e) => (e.imported.calico = [gathered(ALLOW_PING, 'allow.yaml')])), inputs());
    assert.equal(allowPing.status, 'pass');
    assert.deepEqual(noteSummaries(allowPing), ['calico.allow allow-ping-in-cluster ingress 4', 'calico.allow allow-ping-in-cluster ingress 6']);
    const bare: CalicoFacts = {
      policies: [{ name: 'allow-all', kind: 'NetworkPolicy', order: 10, selector: 'all()', types: ['Ingress'] }],
      icmpRules: [{ policy: 'allow-all', kind: 'NetworkPolicy', direction: 'ingress', action: 'Allow', protocol: null, icmpType: null, icmpCode: null, negated: false, order: 10 }],
    };
    assert.equal(checkIcmpPolicy(evidence((e) => (e.imported.calico = [gathered(bare, 'np.yaml')])), inputs()).status, 'pass');
  });

  it('is skipped with nothing to go on', () => {
    const f = checkIcmpPolicy(evidence(), inputs());
    assert.equal(f.status, 'skip');
    assert.equal(f.reason?.key, 'icmp-policy.nothing-to-go-on');
    assert.deepEqual(argvOf(String(f.reason?.params?.['command'])), ['calicoctl', 'get', 'globalnetworkpolicy,networkpolicy', '-A', '-o', 'yaml']);
  });
});

describe('icmp-policy: what is not decided', () => {
  it('passes a policy to the next tier as not decided, and says what could not be read', () => {
    const passing: CalicoFacts = {
      policies: [{ name: 'tier-gate', kind: 'GlobalNetworkPolicy', order: 10, selector: 'all()', types: ['Ingress'] }],
      icmpRules: [{ policy: 'tier-gate', kind: 'GlobalNetworkPolicy', direction: 'ingress', action: 'Pass', protocol: null, icmpType: null, icmpCode: null, negated: false, order: 10 }],
    };
    const f = checkIcmpPolicy(evidence((e) => (e.imported.calico = [gathered(passing, 'tiers.yaml'), notGathered('UNPARSEABLE', 'line 3: bad indent', 'other.yaml')])), inputs());
    assert.equal(f.status, 'unknown');
    assert.deepEqual(noteSummaries(f), ['calico.unreadable', 'calico.pass tier-gate ingress 4']);
  });

  it('passes on an answered echo and still says what was not decided', () => {
    const f = checkIcmpPolicy(
      evidence((e) => {
        e.probes.icmp = echo('10.200.2.2', [ECHO_REPLY]);
        e.imported.calico = [notGathered('UNPARSEABLE', 'line 3: bad indent', 'policies.yaml')];
      }),
      inputs({ target: '10.200.2.2' }),
    );
    assert.equal(f.status, 'pass');
    assert.equal(f.reason?.key, 'icmp-policy.pass-undecided');
    assert.deepEqual(noteSummaries(f), ['icmp-policy.answered', 'calico.unreadable']);
  });

  it('asks for the echo step when a target is given but nothing was probed', () => {
    const f = checkIcmpPolicy(evidence(), inputs({ target: '10.200.2.2' }));
    assert.equal(f.status, 'unknown');
    assert.deepEqual(f.reason, { key: 'icmp-policy.not-probed', params: { target: '10.200.2.2' } });
  });
});

/** One finding for each way the check can end, over probes and Calico policies. */
function everyBranch(): Finding[] {
  const silent = (target: string) => echo(target, repeated({ ...ECHO_TIMEOUT, target }, 4));
  const anonymous = { ...ECHO_PROHIBITED_V4, error: ECHO_PROHIBITED_V4.error ? { ...ECHO_PROHIBITED_V4.error, from: null } : null };
  const webOnly: CalicoFacts = {
    policies: [{ name: 'web-only', kind: 'NetworkPolicy', order: 100, selector: "app == 'web'", types: ['Ingress'] }],
    icmpRules: [{ policy: 'web-only', kind: 'NetworkPolicy', direction: 'ingress', action: 'Allow', protocol: 'ICMP', icmpType: 3, icmpCode: null, negated: false, order: 100 }],
  };
  const tierGate: CalicoFacts = {
    policies: [{ name: 'tier-gate', kind: 'GlobalNetworkPolicy', order: 10, selector: 'all()', types: ['Ingress'] }],
    icmpRules: [{ policy: 'tier-gate', kind: 'GlobalNetworkPolicy', direction: 'ingress', action: 'Pass', protocol: null, icmpType: null, icmpCode: null, negated: false, order: 10 }],
  };
  const unreadable = notGathered<CalicoFacts>('UNPARSEABLE', 'line 3: bad indent', 'policies.yaml');
  return [
    checkIcmpPolicy(evidence(), inputs()),
    checkIcmpPolicy(evidence(), inputs({ target: '10.200.2.2' })),
    checkIcmpPolicy(evidence((e) => (e.probes.icmp = notGathered('PERMISSION_DENIED', 'ICMP socket refused', ICMP_SOURCE))), inputs({ target: '10.200.2.2' })),
    checkIcmpPolicy(evidence((e) => (e.probes.icmp = echo('10.200.9.1', repeated(ECHO_PROHIBITED_V4, 4)))), inputs({ target: '10.200.9.1', product: 'twingate' })),
    checkIcmpPolicy(evidence((e) => (e.probes.icmp = echo('fd00:200:9::1', repeated(ECHO_PROHIBITED_V6, 2)))), inputs({ target: 'fd00:200:9::1' })),
    checkIcmpPolicy(evidence((e) => (e.probes.icmp = echo('10.200.9.1', repeated(anonymous, 2)))), inputs({ target: '10.200.9.1' })),
    checkIcmpPolicy(evidence((e) => (e.probes.icmp = echo('10.200.2.2', [ECHO_REPLY]))), inputs({ target: '10.200.2.2' })),
    checkIcmpPolicy(evidence((e) => (e.probes.icmp = echo('10.200.8.1', [NET_UNREACHABLE_V4]))), inputs({ target: '10.200.8.1' })),
    checkIcmpPolicy(evidence((e) => (e.probes.icmp = silent('10.200.9.3'))), inputs({ target: '10.200.9.3' })),
    checkIcmpPolicy(
      evidence((e) => {
        e.probes.icmp = silent('10.200.9.3');
        e.probes.tcp = tcpWithControls('10.200.9.3', 8443, 'connected');
      }),
      inputs({ target: '10.200.9.3', tcpPort: 8443 }),
    ),
    checkIcmpPolicy(
      evidence((e) => {
        e.probes.icmp = silent('10.200.2.2');
        e.probes.tcp = tcp('refused', '10.200.2.2', 22);
      }),
      inputs({ target: '10.200.2.2', tcpPort: 22, product: 'firezone' }),
    ),
    checkIcmpPolicy(evidence((e) => (e.imported.calico = [gathered(BLOCK_ICMP, 'calico-policies.yaml')])), inputs()),
    checkIcmpPolicy(evidence((e) => (e.imported.calico = [gathered(webOnly, 'np.yaml')])), inputs()),
    checkIcmpPolicy(evidence((e) => (e.imported.calico = [gathered(ALLOW_PING, 'allow.yaml')])), inputs()),
    checkIcmpPolicy(evidence((e) => (e.imported.calico = [gathered(tierGate, 'tiers.yaml'), unreadable])), inputs()),
    checkIcmpPolicy(
      evidence((e) => {
        e.probes.icmp = echo('10.200.2.2', [ECHO_REPLY]);
        e.imported.calico = [unreadable];
      }),
      inputs({ target: '10.200.2.2' }),
    ),
  ];
}

describe('icmp-policy in Japanese', () => {
  it('says every finding and every observation in it without English prose', () => {
    const findings = everyBranch();
    assert.deepEqual([...new Set(findings.map((f) => f.status))].sort(), ['fail', 'pass', 'skip', 'unknown']);
    // Every message of the area is carried somewhere: reasons, notes, evidence, rules. The allow
    // policy's reason is still a string inside remediation/'s YAML comment.
    const said = messageKeys(findings);
    const unsaid = Object.keys(EN_MESSAGES).filter((key) => (key.startsWith('icmp-policy.') || key.startsWith('calico.')) && !said.has(key));
    assert.deepEqual(unsaid, []);
    for (const f of findings) {
      const ja = inJapaneseOwnWordsOnly(f);
      assert.notEqual(ja.summary, f.summary, `${f.reason?.key ?? f.id} is said in Japanese`);
      assertFindingHasNoEnglishProse(ja);
    }
  });
});
