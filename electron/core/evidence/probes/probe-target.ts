// Turns a probe's target (IP literal or host name) into the one address to probe, with the
// system resolver, as `icmp-doctor ping` does. Failures become Gathered codes: a malformed
// target is UNPARSEABLE, an unknown name NOT_FOUND, a resolver that does not answer in time
// TIMEOUT, and a call abandoned through its signal CANCELLED.

import type { GatherFailureCode } from '../../../../contract/evidence';
import type { Ok } from '../../../../contract/result';
import { msg } from '../../../../renderer/i18n/messages/message';
import { refusal } from '../gathered';
import type { Refusal } from '../gathered';
import { resolveTarget } from '../../ping/resolve-target';
import type { ResolvedTarget, ResolveTargetCode } from '../../ping/resolve-target';

/**
 * getaddrinfo cannot be cancelled, and with unreachable name servers it waits timeout ×
 * attempts × servers (30 s and more). A probe gives up sooner and says why; the lookup
 * itself finishes in libuv's thread pool unobserved.
 */
export const RESOLVE_DEADLINE_MS = 10_000;

const CODES: Record<ResolveTargetCode, GatherFailureCode> = {
  INVALID_TARGET: 'UNPARSEABLE',
  NOT_UNICAST: 'UNPARSEABLE',
  FAMILY_MISMATCH: 'UNPARSEABLE',
  UNKNOWN_HOST: 'NOT_FOUND',
  RESOLVER_FAILED: 'FAILED',
  ABORTED: 'CANCELLED',
};

export async function resolveProbeTarget(
  target: string,
  signal: AbortSignal | undefined,
  deadlineMs: number = RESOLVE_DEADLINE_MS,
): Promise<Ok<ResolvedTarget> | Refusal> {
  const deadline = AbortSignal.timeout(deadlineMs);
  const resolved = await resolveTarget(target, { signal: signal ? AbortSignal.any([signal, deadline]) : deadline });
  if (resolved.ok) return resolved;
  if (resolved.code === 'ABORTED' && !signal?.aborted) {
    return refusal('TIMEOUT', msg('gather.resolve.timeout', { target, ms: deadlineMs }));
  }
  // The resolver's words are the English; the code lets other languages say what happened.
  return refusal(CODES[resolved.code], msg('gather.resolve.failed', { target, code: resolved.code, detail: resolved.message }));
}

/** "10.0.0.5", or "db.internal (10.0.0.5)" for a name, to say in sources and messages. */
export function describeTarget(target: ResolvedTarget): string {
  return target.isHostName ? `${target.input} (${target.address})` : target.address;
}

