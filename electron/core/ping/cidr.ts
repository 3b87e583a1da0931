// Expands a CIDR prefix ("10.0.0.0/24", "fd00::/120") into the host addresses a sweep
// probes, the way fping -g does: for IPv4 prefixes up to /30 the network and broadcast
// addresses are left out (nobody answers for them as a host); /31 (RFC 3021) and /32 keep
// every address. For IPv6 the all-zeros address of a prefix up to /126 is the Subnet-Router
// anycast address (RFC 4291 §2.6.1), not a host, so it is left out too.

import { isIP } from 'node:net';
import type { Family } from '../../../native/index';
import { fail, ok } from '../../../contract/result';
import type { Result } from '../../../contract/result';

/** A sweep is refused above this many addresses: a /16 (65,534 hosts) fits, a /15 does not. */
export const MAX_SWEEP_ADDRESSES = 65_536;

export interface CidrExpansion {
  family: Family;
  /** The prefix as normalised (host bits cleared), e.g. "10.0.0.0/24". */
  prefix: string;
  addresses: string[];
}

/** True when `text` looks like a prefix (has a "/"), so callers know to expand it. */
export function isCidr(text: string): boolean {
  return text.includes('/');
}

function ipv4ToNumber(text: string): number {
  return text.split('.').reduce((value, part) => value * 256 + Number(part), 0);
}

function numberToIpv4(value: number): string {
  return [value >>> 24, (value >>> 16) & 255, (value >>> 8) & 255, value & 255].join('.');
}

/** The 128-bit value of a valid IPv6 literal (expands "::" and a dotted IPv4 tail). */
function ipv6ToBigInt(text: string): bigint {
  let literal = text.toLowerCase();
  const dotted = /(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(literal);
  if (dotted) {
    const [a, b, c, d] = dotted.slice(1).map(Number) as [number, number, number, number];
    literal = `${literal.slice(0, dotted.index)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head = '', tail] = literal.split('::');
  const parse = (part: string): string[] => (part === '' ? [] : part.split(':'));
  const left = parse(head);
  const right = tail === undefined ? [] : parse(tail);
  const groups = [...left, ...new Array<string>(8 - left.length - right.length).fill('0'), ...right];
  return groups.reduce((value, group) => (value << 16n) | BigInt(Number.parseInt(group, 16)), 0n);
}

/** RFC 5952 text: lower case, leading zeros dropped, the longest run of 2+ zero groups as "::". */
export function bigIntToIpv6(value: bigint): string {
  const groups: number[] = [];
  for (let shift = 112n; shift >= 0n; shift -= 16n) groups.push(Number((value >> shift) & 0xffffn));
  let bestStart = -1;
  let bestLength = 1;
  for (let start = 0; start < 8; ) {
    if (groups[start] !== 0) {
      start += 1;
      continue;
    }
    let end = start;
    while (end < 8 && groups[end] === 0) end += 1;
    if (end - start > bestLength) {
      bestStart = start;
      bestLength = end - start;
    }
    start = end;
  }
  const hex = groups.map((group) => group.toString(16));
  if (bestStart < 0) return hex.join(':');
  return `${hex.slice(0, bestStart).join(':')}::${hex.slice(bestStart + bestLength).join(':')}`;
}

/** How many addresses a sweep of `family`/`length` probes (see the file comment). */
function hostCount(family: Family, length: number): bigint {
  const bits = BigInt((family === 4 ? 32 : 128) - length);
  const all = 1n << bits;
  if (family === 4) return length <= 30 ? all - 2n : all;
  return length <= 126 ? all - 1n : all;
}

/**
 * Expands `text` ("ADDRESS/LENGTH") into its host addresses, in order. Refuses a malformed
 * prefix, and any prefix of more than MAX_SWEEP_ADDRESSES addresses, with a message naming
 * the prefix and the limit. Host bits set in ADDRESS are cleared (10.0.0.7/24 is 10.0.0.0/24).
 */
export function expandCidr(text: string): Result<CidrExpansion, 'INVALID_CIDR' | 'CIDR_TOO_LARGE'> {
  const slash = text.indexOf('/');
  const address = text.slice(0, slash);
  const lengthText = text.slice(slash + 1);
  const version = isIP(address);
  if (version !== 4 && version !== 6) {
    return fail('INVALID_CIDR', `${text}: not a CIDR prefix; write an IPv4 or IPv6 network and a length, e.g. 10.0.0.0/24 or fd00::/120`);
  }
  const family: Family = version;
  const maxLength = family === 4 ? 32 : 128;
  if (!/^\d{1,3}$/.test(lengthText) || Number(lengthText) > maxLength) {
    return fail('INVALID_CIDR', `${text}: the prefix length must be a whole number from 0 to ${maxLength} for IPv${family}`);
  }
  const length = Number(lengthText);
  const count = hostCount(family, length);
  if (count > BigInt(MAX_SWEEP_ADDRESSES)) {
    const smallest = family === 4 ? 16 : 112;
    return fail(
      'CIDR_TOO_LARGE',
      `${text}: ${count.toLocaleString('en-US')} addresses; a sweep takes at most ${MAX_SWEEP_ADDRESSES.toLocaleString('en-US')} (IPv${family} /${smallest} or longer); split it into smaller prefixes`,
    );
  }
  if (family === 4) {
    const size = 2 ** (32 - length);
    const network = ipv4ToNumber(address) - (ipv4ToNumber(address) % size);
    const skipEnds = length <= 30 ? 1 : 0;
    const addresses: string[] = [];
    for (let offset = skipEnds; offset < size - skipEnds; offset += 1) addresses.push(numberToIpv4(network + offset));
    return ok({ family, prefix: `${numberToIpv4(network)}/${length}`, addresses });
  }
  const hostBits = BigInt(128 - length);
  const network = (ipv6ToBigInt(address) >> hostBits) << hostBits;
  const size = 1n << hostBits;
  const addresses: string[] = [];
  for (let offset = length <= 126 ? 1n : 0n; offset < size; offset += 1n) addresses.push(bigIntToIpv6(network + offset));
  return ok({ family, prefix: `${bigIntToIpv6(network)}/${length}`, addresses });
}
