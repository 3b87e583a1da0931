// A Calico GlobalNetworkPolicy that lets ping through: echo requests (ICMP 8, ICMPv6 128) and
// the errors that make failures fast and path MTU discovery work (ICMP 3 destination
// unreachable, 11 time exceeded; ICMPv6 1 destination unreachable, 2 packet too big,
// 3 time exceeded). Replies to an allowed echo need no rule: Calico tracks connections.

import type { Remediation } from '../../../contract/findings';
import { shellCommand } from './shell';
import { yamlText } from './yaml-text';

export const ALLOWED_ICMP_TYPES: ReadonlyArray<{ protocol: 'ICMP' | 'ICMPv6'; type: number; why: string }> = [
  { protocol: 'ICMP', type: 8, why: 'echo request (ping)' },
  { protocol: 'ICMP', type: 3, why: 'destination unreachable, incl. fragmentation needed' },
  { protocol: 'ICMP', type: 11, why: 'time exceeded (traceroute)' },
  { protocol: 'ICMPv6', type: 128, why: 'echo request (ping6)' },
  { protocol: 'ICMPv6', type: 1, why: 'destination unreachable' },
  { protocol: 'ICMPv6', type: 2, why: 'packet too big (path MTU discovery)' },
  { protocol: 'ICMPv6', type: 3, why: 'time exceeded' },
];

export interface CalicoAllowRequest {
  /** metadata.name of the new policy. */
  name: string;
  /** Lower runs first in Calico: this must be below the order of any policy that denies ICMP. */
  order: number;
  /** Which endpoints: best the selector of the policy that denies, so no new endpoint becomes policy-selected. */
  selector: string;
  directions: ReadonlyArray<'Ingress' | 'Egress'>;
  /** Why this order and selector, for the comment above the policy. */
  reason: string;
}

export const DEFAULT_CALICO_ALLOW: CalicoAllowRequest = {
  name: 'icmp-doctor-allow-icmp',
  order: 100,
  selector: 'all()',
  directions: ['Ingress', 'Egress'],
  reason: [
    'selector all() makes every endpoint policy-selected: traffic no policy allows is then denied.',
    'Narrow the selector to endpoints your policies already select (e.g. the connector and the target).',
  ].join('\n'),
};

/** The policy as data (what the YAML says), for tests and for callers that merge it. */
export function calicoAllowIcmpPolicy(request: CalicoAllowRequest): Record<string, unknown> {
  const rules = ALLOWED_ICMP_TYPES.map(({ protocol, type }) => ({ action: 'Allow', protocol, icmp: { type } }));
  const spec: Record<string, unknown> = { order: request.order, selector: request.selector, types: [...request.directions] };
  if (request.directions.includes('Ingress')) spec['ingress'] = rules;
  if (request.directions.includes('Egress')) spec['egress'] = rules;
  return { apiVersion: 'projectcalico.org/v3', kind: 'GlobalNetworkPolicy', metadata: { name: request.name }, spec };
}

export function calicoAllowIcmpYaml(request: CalicoAllowRequest): string {
  const allowed = ALLOWED_ICMP_TYPES.map(({ protocol, type, why }) => `  ${protocol} ${type}: ${why}`).join('\n');
  return yamlText(
    calicoAllowIcmpPolicy(request),
    [
      'Apply with: calicoctl apply -f allow-icmp.yaml  (or kubectl apply with the Calico API server)',
      `order ${request.order}: evaluated before policies with a higher order, so a Deny further down no longer matches ping.`,
      request.reason,
      'Allowed:',
      allowed,
    ].join('\n'),
  );
}

export function calicoApplyCommand(file: string = 'allow-icmp.yaml'): string {
  return shellCommand(['calicoctl', 'apply', '-f', file]);
}

/** The policy as a fix, ordered before `before` (the policy that denies), or before every policy. */
export function calicoAllowRemediation(request: CalicoAllowRequest, before: string | null): Remediation {
  return {
    id: 'calico.allow-icmp-policy',
    // The cluster's policy, whichever way the connector is deployed: it can sit in front of any target.
    deploy: [],
    title: `Calico: a GlobalNetworkPolicy that allows echo (8 / 128) and the ICMP errors that matter, ordered before ${before ? `"${before}"` : 'your policies'}`,
    kind: 'yaml',
    text: calicoAllowIcmpYaml(request),
  };
}
