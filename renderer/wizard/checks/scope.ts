// Which checks apply to the tunnel in front of us. Cloudflare's transport and ICMP proxy
// matter only for Cloudflare; "generic" still counts as Cloudflare when cloudflared shows up.

import type { Evidence } from '../../../contract/evidence';
import type { CheckInputs } from '../../../contract/inputs';
import { cloudflaredSeen } from './sources';

/** null when the Cloudflare checks apply; otherwise why they are skipped. */
export function cloudflareSkipReason(evidence: Evidence, inputs: CheckInputs): string | null {
  switch (inputs.product) {
    case 'cloudflare':
      return null;
    case 'twingate':
    case 'firezone':
      return `The tunnel is ${inputs.product === 'twingate' ? 'Twingate' : 'Firezone'}, not Cloudflare: this applies to cloudflared only.`;
    default:
      return cloudflaredSeen(evidence)
        ? null
        : 'No cloudflared was found and no product was chosen: give --product cloudflare (and --cloudflared-log FILE) if the tunnel is Cloudflare\'s.';
  }
}

export function productName(product: CheckInputs['product']): string {
  return { cloudflare: 'Cloudflare', twingate: 'Twingate', firezone: 'Firezone', generic: 'the tunnel' }[product];
}
