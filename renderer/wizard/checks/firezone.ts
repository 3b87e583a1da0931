// Firezone's DNS resources: the client invents addresses for them from these ranges, and the
// gateway NATs each one to whatever the name resolves to. ICMP errors for such addresses must
// be translated back by the gateway — which gateways before firezone/firezone#7398 (December
// 2024) did not do, silently dropping them.

import { parseAddress, parsePrefix, prefixContains, type Prefix } from './address';

export const FIREZONE_DNS_RESOURCE_RANGES: readonly string[] = ['100.96.0.0/11', 'fd00:2021:1111:8000::/107'];

const PREFIXES: Prefix[] = FIREZONE_DNS_RESOURCE_RANGES.flatMap((text) => {
  const prefix = parsePrefix(text);
  return prefix ? [prefix] : [];
});

/** The Firezone DNS-resource range `address` falls in, or null (also for host names). */
export function firezoneDnsResourceRange(address: string | null | undefined): string | null {
  const parsed = address ? parseAddress(address) : null;
  if (!parsed) return null;
  return PREFIXES.find((prefix) => prefixContains(prefix, parsed))?.text ?? null;
}

/** The first gateway that translates ICMP errors for DNS resources: firezone/firezone#7398 (commit 9073bddaef42), tag gateway-1.4.2. */
export const FIREZONE_ERROR_TRANSLATION_VERSION = '1.4.2';
/** The first gateway that answers filtered traffic with ICMP 3/13 instead of dropping it: #9816 (commit 520dd0aa31d3), tag gateway-1.4.13. */
export const FIREZONE_FILTER_REPLY_VERSION = '1.4.13';

/** Compares dotted versions numerically ("1.4.10" > "1.4.2"); missing parts count as 0. */
export function compareVersions(a: string, b: string): number {
  const left = a.split('.').map((part) => Number.parseInt(part, 10) || 0);
  const right = b.split('.').map((part) => Number.parseInt(part, 10) || 0);
  for (let i = 0; i < Math.max(left.length, right.length); i += 1) {
    const difference = (left[i] ?? 0) - (right[i] ?? 0);
    if (difference !== 0) return Math.sign(difference);
  }
  return 0;
}

/** Whether a gateway of `version` translates ICMP errors for DNS resources. */
export function gatewayTranslatesErrors(version: string): boolean {
  return compareVersions(version, FIREZONE_ERROR_TRANSLATION_VERSION) >= 0;
}
