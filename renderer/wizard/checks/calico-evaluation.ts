// Evaluates imported Calico policies the way Calico does for one ICMP packet: policies in
// ascending `order` (no order = last; ties by name), rules in their written order, the first
// Allow or Deny decides, Log goes on, Pass leaves the tier. A packet that matches no rule of
// any policy that applies in its direction is denied — Calico's default deny.

import type { CalicoFacts, CalicoIcmpRule } from '../../../contract/evidence';
import type { Message } from '../../../contract/message';
import { msg } from '../../i18n/messages/message';

export type Direction = 'ingress' | 'egress';

export interface IcmpPacket {
  family: 4 | 6;
  type: number;
  code: number;
  direction: Direction;
}

/** A rule decided: which one, and its policy's order and selector. */
export interface RuleDecision {
  decision: 'allow' | 'deny' | 'pass';
  rule: CalicoIcmpRule;
  policyOrder: number | null;
  selector: string | null;
}

export type CalicoDecision =
  | RuleDecision
  /** Policies apply in this direction but none of their rules matches: denied by default. */
  | { decision: 'default-deny'; policies: string[] }
  /** No imported policy applies in this direction. */
  | { decision: 'not-selected' };

export const ECHO_REQUEST = { 4: { type: 8, code: 0 }, 6: { type: 128, code: 0 } } as const;

interface PolicyInfo {
  name: string;
  order: number | null;
  selector: string | null;
  types: string[];
}

function matches(rule: CalicoIcmpRule, packet: IcmpPacket): boolean {
  if (rule.direction !== packet.direction) return false;
  if (rule.protocol !== null && rule.protocol !== (packet.family === 4 ? 'ICMP' : 'ICMPv6')) return false;
  const typeAndCode = (rule.icmpType === null || rule.icmpType === packet.type) && (rule.icmpCode === null || rule.icmpCode === packet.code);
  // notICMP: the rule matches every ICMP message but the one named.
  if (rule.negated) return rule.icmpType !== null && !typeAndCode;
  return typeAndCode;
}

function byOrder(a: PolicyInfo, b: PolicyInfo): number {
  const orderA = a.order ?? Number.POSITIVE_INFINITY;
  const orderB = b.order ?? Number.POSITIVE_INFINITY;
  if (orderA !== orderB) return orderA < orderB ? -1 : 1;
  return a.name < b.name ? -1 : a.name > b.name ? 1 : 0;
}

export function decide(facts: readonly CalicoFacts[], packet: IcmpPacket): CalicoDecision {
  const policies = new Map<string, PolicyInfo>();
  const rules = facts.flatMap((f) => f.icmpRules);
  for (const policy of facts.flatMap((f) => f.policies)) {
    if (!policies.has(policy.name)) policies.set(policy.name, { name: policy.name, order: policy.order, selector: policy.selector, types: policy.types });
  }
  // Rules whose policy was not listed still count, at the rule's own order.
  for (const rule of rules) {
    if (!policies.has(rule.policy)) policies.set(rule.policy, { name: rule.policy, order: rule.order, selector: null, types: [rule.direction] });
  }
  const ordered = [...policies.values()].sort(byOrder);
  const applying = ordered.filter((policy) => policy.types.some((type) => type.toLowerCase() === packet.direction));
  for (const policy of applying) {
    for (const rule of rules.filter((r) => r.policy === policy.name && matches(r, packet))) {
      if (rule.action === 'Log') continue;
      const decision = rule.action === 'Allow' ? 'allow' : rule.action === 'Deny' ? 'deny' : 'pass';
      return { decision, rule, policyOrder: policy.order, selector: policy.selector };
    }
  }
  return applying.length > 0 ? { decision: 'default-deny', policies: applying.map((p) => p.name) } : { decision: 'not-selected' };
}

/** `Deny ICMP type 8 ingress` / `Deny ICMPv6 (any type) egress` / `Allow any protocol ingress`, as a message. */
export function describeRule(rule: CalicoIcmpRule): Message {
  return msg('calico.rule', {
    action: rule.action,
    protocol: rule.protocol,
    icmpType: rule.icmpType,
    icmpCode: rule.icmpCode,
    negated: rule.negated,
    direction: rule.direction,
  });
}
