// A ping session for one probe call: opens it (with its sockets' echo ids), runs
// jobs on it to their end, and turns every way that can fail into a Gathered failure code.

import type { GatherFailureCode } from '../../../../contract/evidence';
import { fail, ok } from '../../../../contract/result';
import type { Result } from '../../../../contract/result';
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
export function openProbeSession(): Result<ProbeSession, GatherFailureCode> {
  const opened = openPingSession();
  if (!opened.ok) return fail('FAILED', opened.message);
  const ping = opened.value;
  return ok({ ping, echoId: (family: Family) => ping.echoId(family), close: () => ping.close() });
}

/** How a refused start reads as evidence: a refused socket is a permission problem, with the fix in `message`. */
function startFailure(failure: StartPingFailure): Result<never, GatherFailureCode> {
  switch (failure.code) {
    case 'ICMP_SOCKET_DENIED':
      return fail('PERMISSION_DENIED', failure.message);
    case 'ICMP_FAMILY_UNSUPPORTED':
      return fail('NOT_APPLICABLE', failure.message);
    case 'INVALID_REQUEST':
      return fail('UNPARSEABLE', failure.message);
    default:
      return fail('FAILED', failure.message);
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
): Promise<Result<CollectedPing, GatherFailureCode>> {
  const { signal, onProbe } = options;
  if (signal?.aborted) return fail('CANCELLED', 'cancelled before the probe was sent');
  const started = session.ping.start(request, signal ? { signal } : {});
  if (!started.ok) return startFailure(started);
  const collected = await collectPing(started.value, (event) => {
    try {
      onProbe?.(event);
    } catch {
      // A progress listener's bug must not cost the evidence; the event is in the result anyway.
    }
  });
  if (collected.end.type === 'fatal') return fail('FAILED', `the probe engine stopped: ${collected.end.message}`);
  if (collected.end.cancelled) return fail('CANCELLED', `cancelled after ${collected.probes.length} of ${request.count ?? 1} probe(s) to ${request.target}`);
  return ok(collected);
}
