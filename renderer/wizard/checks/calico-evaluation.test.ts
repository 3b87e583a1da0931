import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { CalicoFacts, CalicoIcmpRule } from '../../../contract/evidence';
import { renderMessage } from '../../i18n/messages/render';
import { decide, describeRule } from './calico-evaluation';

function rule(policy: string, partial: Partial<CalicoIcmpRule>): CalicoIcmpRule {
  return { policy, kind: 'GlobalNetworkPolicy', direction: 'ingress', action: 'Allow', protocol: 'ICMP', icmpType: null, icmpCode: null, negated: false, order: null, ...partial };
}

function facts(policies: Array<{ name: string; order: number | null; types?: string[] }>, icmpRules: CalicoIcmpRule[]): CalicoFacts {
  return { policies: policies.map((p) => ({ name: p.name, kind: 'GlobalNetworkPolicy', order: p.order, selector: 'all()', types: p.types ?? ['Ingress'] })), icmpRules };
}

const echo4 = { family: 4 as const, type: 8, code: 0, direction: 'ingress' as const };

describe('Calico evaluation', () => {
  it('takes the first matching rule of the lowest-ordered policy; no order runs last', () => {
    const f = facts([{ name: 'deny', order: 200 }, { name: 'allow', order: 100 }, { name: 'unordered', order: null }], [
      rule('unordered', { action: 'Deny' }),
      rule('deny', { action: 'Deny' }),
      rule('allow', { action: 'Allow', icmpType: 8 }),
    ]);
    const decision = decide([f], echo4);
    assert.equal(decision.decision, 'allow');
    assert.equal(decision.decision === 'allow' ? decision.rule.policy : '', 'allow');
  });

  it('breaks order ties by name, skips Log, stops at Pass', () => {
    const tie = facts([{ name: 'b', order: 5 }, { name: 'a', order: 5 }], [rule('b', { action: 'Allow' }), rule('a', { action: 'Deny' })]);
    assert.equal(decide([tie], echo4).decision, 'deny');
    const logged = facts([{ name: 'p', order: 1 }], [rule('p', { action: 'Log' }), rule('p', { action: 'Deny', icmpType: 8 })]);
    assert.equal(decide([logged], echo4).decision, 'deny');
    const passed = facts([{ name: 'p', order: 1 }, { name: 'q', order: 2 }], [rule('p', { action: 'Pass' }), rule('q', { action: 'Deny' })]);
    assert.equal(decide([passed], echo4).decision, 'pass');
  });

  it('matches type and code, notICMP, protocol and direction', () => {
    const typed = (partial: Partial<CalicoIcmpRule>) => decide([facts([{ name: 'p', order: 1 }], [rule('p', { action: 'Deny', ...partial })])], echo4).decision;
    assert.equal(typed({ icmpType: 8 }), 'deny');
    assert.equal(typed({ icmpType: 8, icmpCode: 0 }), 'deny');
    assert.equal(typed({ icmpType: 8, icmpCode: 1 }), 'default-deny');
    assert.equal(typed({ icmpType: 3 }), 'default-deny');
    assert.equal(typed({ icmpType: 3, negated: true }), 'deny', 'notICMP type 3 matches echo');
    assert.equal(typed({ icmpType: 8, negated: true }), 'default-deny');
    assert.equal(typed({ protocol: 'ICMPv6' }), 'default-deny');
    assert.equal(typed({ protocol: null }), 'deny');
    assert.equal(typed({ direction: 'egress' }), 'default-deny');
  });

  it('says when no imported policy applies in a direction', () => {
    assert.equal(decide([facts([{ name: 'p', order: 1, types: ['Egress'] }], [])], echo4).decision, 'not-selected');
    assert.equal(decide([], echo4).decision, 'not-selected');
  });

  it('describes rules for people, as a message of the rule\'s own fields', () => {
    const v6 = rule('p', { action: 'Deny', protocol: 'ICMPv6' });
    assert.deepEqual(describeRule(v6), { key: 'calico.rule', params: { action: 'Deny', protocol: 'ICMPv6', icmpType: null, icmpCode: null, negated: false, direction: 'ingress' } });
    const allButType3 = rule('p', { icmpType: 3, icmpCode: 4, negated: true, direction: 'egress' });
    assert.deepEqual(describeRule(allButType3).params, { action: 'Allow', protocol: 'ICMP', icmpType: 3, icmpCode: 4, negated: true, direction: 'egress' });
    // The notation people know from calicoctl, in both languages.
    assert.equal(renderMessage(describeRule(v6), 'en'), 'Deny ICMPv6 (any type) ingress');
    assert.equal(renderMessage(describeRule(allButType3), 'en'), 'Allow ICMP all but type 3 code 4 egress');
    assert.equal(renderMessage(describeRule(rule('p', { protocol: null })), 'en'), 'Allow any protocol ingress');
    assert.equal(renderMessage(describeRule(allButType3), 'ja'), 'egress の ICMP タイプ 3 コード 4 以外を Allow');
    assert.equal(renderMessage(describeRule(rule('p', { protocol: null })), 'ja'), 'ingress のすべてのプロトコルを Allow');
  });
});
