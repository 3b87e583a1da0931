// A Calico GlobalNetworkPolicy that lets ping through: echo requests (ICMP 8, ICMPv6 128) and
// the errors that make failures fast and path MTU discovery work (ICMP 3 destination
// unreachable, 11 time exceeded; ICMPv6 1 destination unreachable, 2 packet too big,
// 3 time exceeded). Replies to an allowed echo need no rule: Calico tracks connections.

import type { Remediation } from '../../../contract/findings';
import type { Message } from '../../../contract/message';
import { msg } from '../../i18n/messages/message';
import { renderMessage } from '../../i18n/messages/render';
import { fix } from './fix';
import { shellCommand } from './shell';
import { yamlText } from './yaml-text';

export const ALLOWED_ICMP_TYPES: ReadonlyArray<{ protocol: 'ICMP' | 'ICMPv6'; type: number; why: Message }> = [
  { protocol: 'ICMP', type: 8, why: msg('fix.calico.why.echo-request') },
  { protocol: 'ICMP', type: 3, why: msg('fix.calico.why.unreachable-frag') },
  { protocol: 'ICMP', type: 11, why: msg('fix.calico.why.time-exceeded-traceroute') },
  { protocol: 'ICMPv6', type: 128, why: msg('fix.calico.why.echo-request-v6') },
  { protocol: 'ICMPv6', type: 1, why: msg('fix.calico.why.unreachable') },
  { protocol: 'ICMPv6', type: 2, why: msg('fix.calico.why.packet-too-big') },
  { protocol: 'ICMPv6', type: 3, why: msg('fix.calico.why.time-exceeded') },
];

export interface CalicoAllowRequest {
  /** metadata.name of the new policy. */
  name: string;
  /** Lower runs first in Calico: this must be below the order of any policy that denies ICMP. */
  order: number;
  /** Which endpoints: best the selector of the policy that denies, so no new endpoint becomes policy-selected. */
  selector: string;
  directions: ReadonlyArray<'Ingress' | 'Egress'>;
  /**
   * Why this order and selector, for the comment above the policy: a message
   * ('fix.calico.reason.*'); a string is said as it is in every language.
   */
  reason: Message | string;
}

export const DEFAULT_CALICO_ALLOW: CalicoAllowRequest = {
  name: 'icmp-doctor-allow-icmp',
  order: 100,
  selector: 'all()',
  directions: ['Ingress', 'Egress'],
  reason: msg('fix.calico.reason.all'),
};

/** The policy as data (what the YAML says), for tests and for callers that merge it. */
export function calicoAllowIcmpPolicy(request: CalicoAllowRequest): Record<string, unknown> {
  const rules = ALLOWED_ICMP_TYPES.map(({ protocol, type }) => ({ action: 'Allow', protocol, icmp: { type } }));
  const spec: Record<string, unknown> = { order: request.order, selector: request.selector, types: [...request.directions] };
  if (request.directions.includes('Ingress')) spec['ingress'] = rules;
  if (request.directions.includes('Egress')) spec['egress'] = rules;
  return { apiVersion: 'projectcalico.org/v3', kind: 'GlobalNetworkPolicy', metadata: { name: request.name }, spec };
}

/** The policy with its comment (how to apply it, why this order, what it allows), as a message. */
export function calicoAllowIcmpYamlMessage(request: CalicoAllowRequest): Message {
  return msg('fix.calico.allow-icmp-policy.text', {
    order: request.order,
    reason: request.reason,
    allowed: ALLOWED_ICMP_TYPES.map(({ protocol, type, why }) => msg('fix.calico.allowed', { protocol, type, why })),
    yaml: yamlText(calicoAllowIcmpPolicy(request)),
  });
}

export function calicoAllowIcmpYaml(request: CalicoAllowRequest): string {
  return renderMessage(calicoAllowIcmpYamlMessage(request), 'en');
}

export function calicoApplyCommand(file: string = 'allow-icmp.yaml'): string {
  return shellCommand(['calicoctl', 'apply', '-f', file]);
}

/** The policy as a fix, ordered before `before` (the policy that denies), or before every policy. */
export function calicoAllowRemediation(request: CalicoAllowRequest, before: string | null): Remediation {
  return fix({
    id: 'calico.allow-icmp-policy',
    // The cluster's policy, whichever way the connector is deployed: it can sit in front of any target.
    deploy: [],
    title: msg('fix.calico.allow-icmp-policy', { before }),
    kind: 'yaml',
    textMessage: calicoAllowIcmpYamlMessage(request),
  });
}
