// A ping session for one probe call: opens it (with its sockets' echo ids), runs
// jobs on it to their end, and turns every way that can fail into a Gathered failure code.

import type { GatherFailureCode } from '../../../../contract/evidence';
import { ok } from '../../../../contract/result';
import type { Ok } from '../../../../contract/result';
import { msg } from '../../../../renderer/i18n/messages/message';
import { refusal } from '../gathered';
import type { Refusal } from '../gathered';
import type { Family, PingRequest, ProbeEvent } from '../../../../native/index';
import { collectPing } from '../../ping/collect-ping';
import type { CollectedPing } from '../../ping/collect-ping';
import { openPingSession } from '../../ping/ping-session';
import type { PingSession, StartPingFailure } from '../../ping/ping-session';

export interface ProbeSession {
  readonly ping: PingSession;
  /**
   * The echo id the kernel gave this session's socket of `family` (its "port"; null before
   * the socket opened). An ICMP error quotes it; see quote-check.ts.
   */
  echoId(family: Family): number | null;
  close(): void;
}

/** Opens a session; a missing addon or a broken session is FAILED with the reason. */
export function openProbeSession(): Ok<ProbeSession> | Refusal {
  const opened = openPingSession();
  if (!opened.ok) return refusal('FAILED', msg('gather.probe.session-failed', { code: opened.code, detail: opened.message }));
  const ping = opened.value;
  return ok({ ping, echoId: (family: Family) => ping.echoId(family), close: () => ping.close() });
}

/** How a refused start reads as evidence: a refused socket is a permission problem, with the fix in `message`. */
export function startFailure(failure: StartPingFailure): Refusal {
  const started = (code: GatherFailureCode) => refusal(code, msg('gather.probe.start-failed', { code: failure.code, detail: failure.message }));
  switch (failure.code) {
    case 'ICMP_SOCKET_DENIED':
      // Without the capability report the addon's own message still explains it.
      return refusal('PERMISSION_DENIED', failure.denied?.reason ?? msg('gather.probe.socket-denied', { detail: failure.message }));
    case 'ICMP_FAMILY_UNSUPPORTED':
      return started('NOT_APPLICABLE');
    case 'INVALID_REQUEST':
      return started('UNPARSEABLE');
    default:
      return started('FAILED');
  }
}

export interface RunJobOptions {
  signal?: AbortSignal | undefined;
  onProbe?: ((event: ProbeEvent) => void) | undefined;
}

/**
 * Runs one ping job on `session` to its end. Aborting `signal` cancels the job and yields
 * CANCELLED; an engine failure yields FAILED. A listener that throws does not end the probe.
 */
export async function runProbeJob(
  session: ProbeSession,
  request: PingRequest,
  options: RunJobOptions = {},
): Promise<Ok<CollectedPing> | Refusal> {
  const { signal, onProbe } = options;
  if (signal?.aborted) return refusal('CANCELLED', msg('gather.probe.cancelled-before'));
  const started = session.ping.start(request, signal ? { signal } : {});
  if (!started.ok) return startFailure(started);
  const collected = await collectPing(started.value, (event) => {
    try {
      onProbe?.(event);
    } catch {
      // A progress listener's bug must not cost the evidence; the event is in the result anyway.
    }
  });
  if (collected.end.type === 'fatal') return refusal('FAILED', msg('gather.probe.engine-stopped', { detail: collected.end.message }));
  if (collected.end.cancelled) {
    return refusal('CANCELLED', msg('gather.probe.cancelled-after', { done: collected.probes.length, count: request.count ?? 1, target: request.target }));
  }
  return ok(collected);
}
