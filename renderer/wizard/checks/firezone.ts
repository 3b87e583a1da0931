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
