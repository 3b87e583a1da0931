import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { CalicoIcmpRule } from '../../../../contract/evidence';
import { parseCalicoPolicies } from './calico-policy';
import { failureOf, failureReason, sample, valueOf } from './testing';

function rule(partial: Partial<CalicoIcmpRule> & Pick<CalicoIcmpRule, 'policy' | 'direction' | 'action'>): CalicoIcmpRule {
  return { kind: 'GlobalNetworkPolicy', protocol: 'ICMP', icmpType: null, icmpCode: null, negated: false, order: null, ...partial };
}

describe('parseCalicoPolicies: Calico’s ICMP how-to (seed 001)', () => {
  const facts = valueOf(parseCalicoPolicies(sample('calico-seed-001.yaml'), 'calico.yaml'));

  it('three GlobalNetworkPolicies with order, selector and types', () => {
    assert.deepEqual(facts.policies, [
      { name: 'block-icmp', kind: 'GlobalNetworkPolicy', order: 200, selector: 'all()', types: ['Ingress', 'Egress'] },
      { name: 'allow-ping-in-cluster', kind: 'GlobalNetworkPolicy', order: null, selector: 'all()', types: ['Ingress'] },
      { name: 'allow-host-unreachable', kind: 'GlobalNetworkPolicy', order: null, selector: "projectcalico.org/orchestrator == 'kubernetes'", types: ['Ingress'] },
    ]);
  });

  it('every ICMP rule in order: deny-all both ways, echo request 8 / 128 allowed, host unreachable 3/1 allowed', () => {
    assert.deepEqual(facts.icmpRules, [
      rule({ policy: 'block-icmp', direction: 'ingress', action: 'Deny', order: 200 }),
      rule({ policy: 'block-icmp', direction: 'ingress', action: 'Deny', protocol: 'ICMPv6', order: 200 }),
      rule({ policy: 'block-icmp', direction: 'egress', action: 'Deny', order: 200 }),
      rule({ policy: 'block-icmp', direction: 'egress', action: 'Deny', protocol: 'ICMPv6', order: 200 }),
      rule({ policy: 'allow-ping-in-cluster', direction: 'ingress', action: 'Allow', icmpType: 8 }),
      rule({ policy: 'allow-ping-in-cluster', direction: 'ingress', action: 'Allow', protocol: 'ICMPv6', icmpType: 128 }),
      rule({ policy: 'allow-host-unreachable', direction: 'ingress', action: 'Allow', icmpType: 3, icmpCode: 1 }),
    ]);
  });
});

describe('parseCalicoPolicies: calicoctl output', () => {
  it('Lists, a namespaced policy, protocol numbers, notICMP, ipVersion, notProtocol and protocol-less rules', () => {
    const facts = valueOf(parseCalicoPolicies(sample('calicoctl-list.yaml'), 'calicoctl'));
    const policy = 'twingate/default.connector-egress';
    assert.deepEqual(facts.policies.map((p) => [p.name, p.kind, p.order, p.types]), [
      [policy, 'NetworkPolicy', 100, ['Ingress', 'Egress']],
      ['default-deny', 'GlobalNetworkPolicy', 1000.5, ['Ingress', 'Egress']],
    ]);
    const base = { policy, kind: 'NetworkPolicy', direction: 'egress' as const, order: 100 };
    assert.deepEqual(facts.icmpRules, [
      // protocol: 1 is ICMP; notICMP type 5: everything but redirects.
      rule({ ...base, action: 'Allow', protocol: 'ICMP', icmpType: 5, negated: true }),
      // ipVersion 6 with no protocol: only ICMPv6 of the ICMP families.
      rule({ ...base, action: 'Log', protocol: 'ICMPv6' }),
      // notProtocol ICMP: ICMPv6 still matches.
      rule({ ...base, action: 'Deny', protocol: 'ICMPv6' }),
      // No protocol at all: matches both (null).
      rule({ ...base, action: 'Pass', protocol: null }),
    ]);
  });

  it('types default as Calico’s: Ingress, plus Egress when there are egress rules', () => {
    const facts = valueOf(parseCalicoPolicies('apiVersion: projectcalico.org/v3\nkind: GlobalNetworkPolicy\nmetadata: {name: g}\nspec:\n  egress:\n  - action: Allow\n', 'g'));
    assert.deepEqual(facts.policies[0]?.types, ['Ingress', 'Egress']);
    assert.deepEqual(facts.icmpRules, [rule({ policy: 'g', direction: 'egress', action: 'Allow', protocol: null })]);
  });

  it('a policy with no ICMP rule is still a fact (no rule mentions ICMP)', () => {
    const facts = valueOf(parseCalicoPolicies('apiVersion: projectcalico.org/v3\nkind: NetworkPolicy\nmetadata: {name: web, namespace: prod}\nspec:\n  ingress:\n  - action: Allow\n    protocol: TCP\n', 'p'));
    assert.equal(facts.policies.length, 1);
    assert.deepEqual(facts.icmpRules, []);
  });
});

describe('parseCalicoPolicies: refusals', () => {
  it('Kubernetes NetworkPolicies only: says they cannot name ICMP', () => {
    const text = 'apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: deny}\nspec:\n  podSelector: {}\n  policyTypes: [Ingress]\n';
    failureOf(parseCalicoPolicies(text, 'k8s'), 'UNPARSEABLE', /Kubernetes NetworkPolicies \(networking\.k8s\.io\/v1\).*cannot name ICMP/);
  });
  it('an unknown action names the policy and rule', () => {
    const text = 'apiVersion: projectcalico.org/v3\nkind: GlobalNetworkPolicy\nmetadata: {name: g}\nspec:\n  ingress:\n  - action: Drop\n    protocol: ICMP\n';
    const reason = failureReason(parseCalicoPolicies(text, 'g'), 'UNPARSEABLE', /GlobalNetworkPolicy g: spec\.ingress\[0\]\.action is "Drop"; Calico actions are Allow, Deny, Log and Pass/);
    assert.deepEqual(reason, { key: 'gather.calico.bad-action', params: { where: 'GlobalNetworkPolicy g: spec.ingress[0].action', got: '"Drop"' } });
  });
  it('an ICMP type out of range', () => {
    const text = 'apiVersion: projectcalico.org/v3\nkind: GlobalNetworkPolicy\nmetadata: {name: g}\nspec:\n  ingress:\n  - action: Allow\n    protocol: ICMP\n    icmp: {type: 300}\n';
    failureOf(parseCalicoPolicies(text, 'g'), 'UNPARSEABLE', /spec\.ingress\[0\]\.icmp\.type is 300; ICMP types and codes are whole numbers 0–255/);
  });
  it('rules that are not a list', () => {
    failureOf(parseCalicoPolicies('apiVersion: projectcalico.org/v3\nkind: GlobalNetworkPolicy\nmetadata: {name: g}\nspec:\n  ingress: {action: Allow}\n', 'g'), 'UNPARSEABLE', /spec\.ingress must be a list of rules/);
  });
  it('nothing Calico in it', () => failureOf(parseCalicoPolicies('kind: Service\n', 's'), 'UNPARSEABLE', /no Calico NetworkPolicy or GlobalNetworkPolicy found \(found: Service\)/));
  it('the Calico docs page pasted whole (prose, not YAML)', () => {
    failureOf(parseCalicoPolicies('Use ICMP/ping in policy rules\n\nBig picture\n\nUse Calico network policy to allow and deny ICMP/ping messages.\n', 'page'), 'UNPARSEABLE');
  });
});
