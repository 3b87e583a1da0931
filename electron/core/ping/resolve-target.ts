// Turns what a user typed as a ping target into one address the addon can probe: IP
// literals pass through (checked), host names go through the system resolver
// (getaddrinfo, so /etc/hosts and nsswitch apply, as with iputils' ping).

import { lookup as dnsLookup } from 'node:dns/promises';
import type { Family } from '../../../native/index';
import { addressFamily, classifyAddress, unmapIpv4 } from './address-kind';
import type { AddressKind } from './address-kind';
import { fail, ok } from '../../../contract/result';
import type { Result } from '../../../contract/result';

/** A ping target ready for `Session.ping`. */
export interface ResolvedTarget {
  /** What the user typed (a literal or a host name). */
  input: string;
  /** The IP literal to probe. */
  address: string;
  family: Family;
  /** True when `input` was a host name that the resolver turned into `address`. */
  isHostName: boolean;
}

export type ResolveTargetCode =
  | 'INVALID_TARGET'
  | 'NOT_UNICAST'
  | 'FAMILY_MISMATCH'
  | 'UNKNOWN_HOST'
  | 'RESOLVER_FAILED'
  | 'ABORTED';

export interface ResolveTargetOptions {
  /** Only addresses of this family (like ping -4 / -6); null or absent takes the resolver's first. */
  family?: Family | null;
  signal?: AbortSignal;
}

const MAX_HOST_NAME = 253;
const LABEL = /^[a-z0-9_]([a-z0-9_-]{0,61}[a-z0-9_])?$/i;

function familyName(family: Family): string {
  return family === 4 ? 'IPv4' : 'IPv6';
}

const KIND_TEXT: Record<Exclude<AddressKind, 'unicast' | 'invalid'>, string> = {
  unspecified: 'the unspecified address, not a host',
  multicast: 'a multicast address (a group, not one host)',
  broadcast: 'the broadcast address (every host on the link, not one)',
  'ipv4-mapped': 'an IPv4-mapped IPv6 address',
  'zone-id': 'a scoped address',
};

/** Why `address` (typed as `input`) cannot be a target, or null when it can. */
function refuseAddress(input: string, address: string): Result<never, 'NOT_UNICAST' | 'INVALID_TARGET'> | null {
  const kind = classifyAddress(address);
  const subject = input === address ? `${address}: this is` : `${input}: resolves to ${address}, which is`;
  switch (kind) {
    case 'unicast':
      return null;
    case 'ipv4-mapped':
      return fail('NOT_UNICAST', `${subject} ${KIND_TEXT[kind]}; give the IPv4 address ${unmapIpv4(address)} instead`);
    case 'zone-id':
      return fail(
        'INVALID_TARGET',
        `${input}: zone ids (%IFACE) are not supported; give the address without it and bind the interface with -I IFACE`,
      );
    case 'invalid':
      return fail('INVALID_TARGET', `${input}: not an IP address or host name`);
    default:
      return fail('NOT_UNICAST', `${subject} ${KIND_TEXT[kind]}; give a unicast host address`);
  }
}

/** Checks a host name's shape so typos fail with a clear message instead of a resolver error. */
function checkHostName(input: string): Result<string, 'INVALID_TARGET'> {
  if (input === '') return fail('INVALID_TARGET', 'TARGET is empty; give an IP address or a host name');
  if (/^[\d.]+$/.test(input)) {
    // getaddrinfo would read "10.1" as 10.0.0.1 and "1" as 0.0.0.1; that surprises more than it helps.
    return fail('INVALID_TARGET', `${input}: not a valid IPv4 address; use four numbers from 0 to 255, e.g. 192.0.2.1`);
  }
  if (input.includes(':')) {
    return fail('INVALID_TARGET', `${input}: not a valid IPv6 address (e.g. 2001:db8::1)`);
  }
  const name = input.endsWith('.') ? input.slice(0, -1) : input;
  if (name.length > MAX_HOST_NAME || !name.split('.').every((label) => LABEL.test(label))) {
    return fail(
      'INVALID_TARGET',
      `${input}: not an IP address or a valid host name (letters, digits, "-" and "_" in dot-separated labels of up to 63 characters, ${MAX_HOST_NAME} in all)`,
    );
  }
  return ok(name);
}

function abortedFailure(input: string): Result<never, 'ABORTED'> {
  return fail('ABORTED', `${input}: name resolution was cancelled`);
}

/** Rejects when `signal` aborts, so a slow resolver never holds up Ctrl-C. */
function untilAborted(signal: AbortSignal | undefined): Promise<never> | null {
  if (!signal) return null;
  return new Promise<never>((_, reject) => {
    if (signal.aborted) reject(signal.reason);
    signal.addEventListener('abort', () => reject(signal.reason), { once: true });
  });
}

async function lookupHost(
  input: string,
  hostName: string,
  family: Family | null,
  options: ResolveTargetOptions,
): Promise<Result<ResolvedTarget, ResolveTargetCode>> {
  const wanted = family ? ` ${familyName(family)}` : '';
  try {
    // getaddrinfo in libuv's thread pool; it cannot be cancelled, only no longer waited for.
    const pending = dnsLookup(hostName, { family: family ?? 0 });
    const abort = untilAborted(options.signal);
    if (abort) pending.catch(() => undefined);
    const answer = await (abort ? Promise.race([pending, abort]) : pending);
    const answered = addressFamily(answer.address);
    if (!answered || (family && answered !== family)) {
      return fail('UNKNOWN_HOST', `${input}: unknown host (the resolver returned no${wanted} address for it)`);
    }
    return ok({ input, address: answer.address, family: answered, isHostName: true });
  } catch (error) {
    if (options.signal?.aborted) return abortedFailure(input);
    const code = (error as NodeJS.ErrnoException).code ?? 'unknown error';
    if (code === 'ENOTFOUND' || code === 'ENODATA' || code === 'EAI_NONAME' || code === 'EAI_NODATA') {
      return fail(
        'UNKNOWN_HOST',
        `${input}: unknown host (no${wanted} address found, ${code}); check the name or give an IP address`,
      );
    }
    return fail(
      'RESOLVER_FAILED',
      `${input}: name resolution failed (${code}); check the resolver (/etc/resolv.conf) or give an IP address`,
    );
  }
}

/**
 * Resolves a ping target (IP literal or host name) to one unicast address, honouring a
 * family preference. Never throws; failures name the input and say what is accepted.
 */
export async function resolveTarget(
  input: string,
  options: ResolveTargetOptions = {},
): Promise<Result<ResolvedTarget, ResolveTargetCode>> {
  const family = options.family ?? null;
  if (options.signal?.aborted) return abortedFailure(input);
  const literalFamily = addressFamily(input);
  if (literalFamily) {
    const refused = refuseAddress(input, input);
    if (refused) return refused;
    if (family && literalFamily !== family) {
      return fail(
        'FAMILY_MISMATCH',
        `${input}: this is an ${familyName(literalFamily)} address, but ${familyName(family)} was requested`,
      );
    }
    return ok({ input, address: input, family: literalFamily, isHostName: false });
  }
  if (input.includes('%')) return refuseAddress(input, input) ?? fail('INVALID_TARGET', `${input}: not an IP address`);
  const hostName = checkHostName(input);
  if (!hostName.ok) return hostName;
  const resolved = await lookupHost(input, hostName.value, family, options);
  if (!resolved.ok) return resolved;
  return refuseAddress(input, resolved.value.address) ?? resolved;
}
