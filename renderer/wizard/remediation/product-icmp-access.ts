// Where each zero-trust product decides, per resource, whether ICMP may pass at all: a setting
// in its admin console, independent of the connector host.

import type { Product } from '../../../contract/evidence';
import type { Remediation } from '../../../contract/findings';
import { msg } from '../../i18n/messages/message';
import { icmpProxyRemediation } from './cloudflare-icmp-proxy';
import { fix } from './fix';

export function twingateResourceIcmp(target: string | null): Remediation {
  return fix({
    id: 'product-access.twingate-resource',
    deploy: [],
    title: msg('fix.product-access.twingate-resource'),
    kind: 'dashboard',
    textMessage: msg('fix.product-access.twingate-resource.text', { target }),
  });
}

export function firezoneResourceIcmp(target: string | null): Remediation {
  return fix({
    id: 'product-access.firezone-resource',
    deploy: [],
    title: msg('fix.product-access.firezone-resource'),
    kind: 'dashboard',
    textMessage: msg('fix.product-access.firezone-resource.text', { target }),
  });
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
