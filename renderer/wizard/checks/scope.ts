// Which checks apply to the tunnel in front of us. Cloudflare's transport and ICMP proxy
// matter only for Cloudflare; "generic" still counts as Cloudflare when cloudflared shows up.

import type { Evidence } from '../../../contract/evidence';
import type { CheckInputs } from '../../../contract/inputs';
import type { Message } from '../../../contract/message';
import { msg } from '../../i18n/messages/message';
import { cloudflaredSeen } from './sources';

/** null when the Cloudflare checks apply; otherwise why they are skipped. */
export function cloudflareSkipReason(evidence: Evidence, inputs: CheckInputs): Message | null {
  switch (inputs.product) {
    case 'cloudflare':
      return null;
    case 'twingate':
    case 'firezone':
      return msg('scope.not-cloudflare', { product: productName(inputs.product) });
    default:
      return cloudflaredSeen(evidence) ? null : msg('scope.no-cloudflared');
  }
}

export function productName(product: CheckInputs['product']): string {
  return { cloudflare: 'Cloudflare', twingate: 'Twingate', firezone: 'Firezone', generic: 'the tunnel' }[product];
}
