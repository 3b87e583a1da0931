// Classifies IP literals so we can refuse targets a ping cannot meaningfully go to (one
// host answers each probe) with a clear message, before the kernel gives a vaguer one.

import { isIP } from 'node:net';
import type { Family } from '../../../native/index';

/** What an address literal is, as far as choosing a ping target goes. */
export type AddressKind = 'unicast' | 'unspecified' | 'multicast' | 'broadcast' | 'ipv4-mapped' | 'zone-id' | 'invalid';

/** The IP family of a literal, or null when the text is not an IP address. */
export function addressFamily(text: string): Family | null {
  const version = isIP(text);
  return version === 4 || version === 6 ? version : null;
}

/** The eight 16-bit groups of a valid IPv6 literal (expands "::" and a dotted IPv4 tail). */
function ipv6Groups(text: string): number[] {
  let literal = text.toLowerCase();
  const dotted = /(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(literal);
  if (dotted) {
    const [a, b, c, d] = dotted.slice(1).map(Number) as [number, number, number, number];
    literal = `${literal.slice(0, dotted.index)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head = '', tail] = literal.split('::');
  const parse = (part: string): number[] => (part === '' ? [] : part.split(':').map((group) => Number.parseInt(group, 16)));
  const left = parse(head);
  const right = tail === undefined ? [] : parse(tail);
  return [...left, ...new Array<number>(8 - left.length - right.length).fill(0), ...right];
}

export function classifyAddress(text: string): AddressKind {
  // Node accepts "fe80::1%eth0", but the addon takes plain literals; a scope goes through -I.
  if (text.includes('%')) return 'zone-id';
  const family = addressFamily(text);
  if (family === 4) {
    const first = Number(text.split('.')[0]);
    if (text === '0.0.0.0') return 'unspecified';
    if (text === '255.255.255.255') return 'broadcast';
    if (first >= 224 && first <= 239) return 'multicast';
    return 'unicast';
  }
  if (family === 6) {
    const groups = ipv6Groups(text);
    if (groups.every((group) => group === 0)) return 'unspecified';
    if (((groups[0] ?? 0) & 0xff00) === 0xff00) return 'multicast';
    // ::ffff:a.b.c.d is an IPv4 host spelled as IPv6; an ICMPv6 socket cannot reach it.
    if (groups.slice(0, 5).every((group) => group === 0) && groups[5] === 0xffff) return 'ipv4-mapped';
    return 'unicast';
  }
  return 'invalid';
}

/** The IPv4 address inside an IPv4-mapped IPv6 literal (::ffff:10.0.0.1 → 10.0.0.1). */
export function unmapIpv4(text: string): string {
  const groups = ipv6Groups(text);
  const high = groups[6] ?? 0;
  const low = groups[7] ?? 0;
  return [high >> 8, high & 0xff, low >> 8, low & 0xff].join('.');
}
