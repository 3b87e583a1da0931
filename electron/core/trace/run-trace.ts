// `icmp-doctor trace` and the Path step: echo probes toward the target with TTL 1, 2, 3…, like
// mtr. Each TTL's probes go out at once (one job, its whole count in flight), and a sliding
// window of TTLs runs in parallel, so a silent tail costs about one timeout, not one per hop.
// Hops are decided and reported in TTL order; the trace stops at the target's reply, at a hop
// that refuses (any ICMP error but "time exceeded"), after `silentRun` hops in a row that
// answer nothing, or at `maxHops`. Probes past the stopping hop are cancelled and forgotten.
//
// Only the existing session API is used (per-probe TTL on `PingRequest`), so whatever socket
// the session was opened with — unprivileged ping socket or raw — carries the trace.

import type { PingRequest, ProbeEvent } from '../../../native/index';
import type { TraceHop, TraceResult, TraceSettings, TraceStop } from '../../../contract/trace';
import { fail, ok } from '../../../contract/result';
import type { Failure, Ok } from '../../../contract/result';
import { collectPing } from '../ping/collect-ping';
import type { CollectedPing } from '../ping/collect-ping';
import type { PingSession, StartPingFailure } from '../ping/ping-session';
import type { ResolvedTarget } from '../ping/resolve-target';
import { summarizeHop } from './hop-summary';

/**
 * Defaults. Three probes per hop as mtr/traceroute; a timeout of 2 s like `ping`; 30 hops like
 * traceroute; four silent hops in a row end the trace (a filtered tail rarely answers again);
 * five TTLs in flight at once keep a short tunnel path to about one timeout.
 */
export const TRACE_DEFAULTS: Readonly<TraceSettings & { window: number }> = {
  maxHops: 30,
  probesPerHop: 3,
  timeoutMs: 2000,
  size: 56,
  df: false,
  silentRun: 4,
  window: 5,
};

export interface TraceCallbacks {
  signal?: AbortSignal | undefined;
  /** Each hop once decided, in TTL order. */
  onHop?: ((hop: TraceHop) => void) | undefined;
  /** Every probe as it resolves (for a live view). */
  onProbe?: ((probe: ProbeEvent) => void) | undefined;
  /** The trace starts waiting for the answers of hop `ttl` (for "still waiting" progress). */
  onWaiting?: ((ttl: number) => void) | undefined;
}

export type TraceFailure = StartPingFailure | Failure<'ENGINE_STOPPED'>;

function request(target: ResolvedTarget, settings: TraceSettings, ttl: number): PingRequest {
  const q = settings.probesPerHop;
  return { target: target.address, count: q, intervalMs: 0, window: q, timeoutMs: settings.timeoutMs, ttl, size: settings.size, df: settings.df };
}

/** Why stepping stops after `hop`, given the silent hops just before it; null: go on. */
function stopAfter(hop: TraceHop, silentBefore: number, settings: TraceSettings): TraceStop | null {
  if (hop.status === 'reply') return 'target';
  if (hop.status === 'icmp-error') return 'error';
  if (hop.status === 'timeout' && silentBefore + 1 >= settings.silentRun) return 'silent-run';
  if (hop.ttl >= settings.maxHops) return 'max-hops';
  return null;
}

/** Runs a trace to `target` on `session`. Never throws; a refused start comes back as its failure. */
export async function runTrace(
  session: PingSession,
  target: ResolvedTarget,
  settings: TraceSettings & { window?: number },
  callbacks: TraceCallbacks = {},
): Promise<Ok<TraceResult> | TraceFailure> {
  const window = Math.max(1, settings.window ?? TRACE_DEFAULTS.window);
  const outer = callbacks.signal;
  // One abort for every job of the trace, so the TTLs beyond a stop are cancelled without touching the caller's signal.
  const jobs = new AbortController();
  const forward = () => jobs.abort();
  outer?.addEventListener('abort', forward, { once: true });
  if (outer?.aborted) jobs.abort();
  const running = new Map<number, Promise<CollectedPing>>();
  let next = 1;
  /** Keeps `window` TTLs in flight: as one hop is decided the next TTL starts (a sliding window, like mtr). */
  const launch = (): StartPingFailure | null => {
    while (next <= settings.maxHops && running.size < window) {
      const started = session.start(request(target, settings, next), { signal: jobs.signal });
      if (!started.ok) return started;
      running.set(next, collectPing(started.value, (probe) => callbacks.onProbe?.(probe)));
      next += 1;
    }
    return null;
  };
  const hops: TraceHop[] = [];
  let silent = 0;
  let stop: TraceStop | null = null;
  try {
    for (let ttl = 1; stop === null; ttl++) {
      const refused = launch();
      if (refused) return refused;
      const done = running.get(ttl);
      if (!done) break; // cannot happen: TTL `ttl` was started unless it passed maxHops, which stops first
      callbacks.onWaiting?.(ttl);
      const collected = await done;
      running.delete(ttl);
      if (collected.end.type === 'fatal') return fail('ENGINE_STOPPED', collected.end.message);
      if (collected.end.cancelled) {
        // Interrupted: keep what this TTL got, if anything, and stop.
        if (collected.probes.length > 0) {
          const partial = summarizeHop(ttl, collected.probes, collected.probes.length, session.echoId(target.family));
          hops.push(partial);
          callbacks.onHop?.(partial);
        }
        stop = 'cancelled';
        break;
      }
      const hop = summarizeHop(ttl, collected.probes, collected.end.sent, session.echoId(target.family));
      hops.push(hop);
      callbacks.onHop?.(hop);
      stop = stopAfter(hop, silent, settings);
      silent = hop.status === 'timeout' ? silent + 1 : 0;
      if (stop === null && outer?.aborted) stop = 'cancelled';
    }
  } finally {
    jobs.abort();
    await Promise.allSettled(running.values());
    outer?.removeEventListener('abort', forward);
  }
  return ok({
    target: target.input,
    address: target.address,
    family: target.family,
    reached: stop === 'target',
    stoppedBy: stop ?? 'max-hops',
    hops,
    settings: {
      maxHops: settings.maxHops,
      probesPerHop: settings.probesPerHop,
      timeoutMs: settings.timeoutMs,
      size: settings.size,
      df: settings.df,
      silentRun: settings.silentRun,
    },
  });
}
