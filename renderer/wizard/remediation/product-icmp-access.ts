// Where each zero-trust product decides, per resource, whether ICMP may pass at all: a setting
// in its admin console, independent of the connector host.

import type { Product } from '../../../contract/evidence';
import type { Remediation } from '../../../contract/findings';
import { icmpProxyRemediation } from './cloudflare-icmp-proxy';

export function twingateResourceIcmp(target: string | null): Remediation {
  return {
    id: 'product-access.twingate-resource',
    deploy: [],
    title: 'Twingate: allow ICMP on the Resource',
    kind: 'dashboard',
    text: [
      `Admin Console → Network → Resources → the Resource for ${target ?? 'the target'} → edit its protocol/port restrictions.`,
      'Allow ICMP (Terraform: protocols { allow_icmp = true } on the twingate_resource).',
      'A Resource that restricts ports allows only the listed TCP/UDP ports; ICMP is a separate switch.',
    ].join('\n'),
  };
}

export function firezoneResourceIcmp(target: string | null): Remediation {
  return {
    id: 'product-access.firezone-resource',
    deploy: [],
    title: 'Firezone: allow ICMP in the Resource\'s traffic restrictions',
    kind: 'dashboard',
    text: [
      `Admin portal → Resources → the Resource for ${target ?? 'the target'} → Edit.`,
      'Under Traffic restrictions, either remove the restrictions or add ICMP next to the allowed TCP/UDP ports.',
    ].join('\n'),
  };
}

/** The product's own ICMP switch, if it has one. */
export function productIcmpAccess(product: Product, target: string | null, accountId: string | null): Remediation[] {
  switch (product) {
    case 'cloudflare':
      return icmpProxyRemediation(accountId);
    case 'twingate':
      return [twingateResourceIcmp(target)];
    case 'firezone':
      return [firezoneResourceIcmp(target)];
    default:
      return [];
  }
}
