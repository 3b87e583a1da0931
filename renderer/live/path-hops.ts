// The live hop view's rows: from the finished trace when the Path step has filed it, else
// from the Path step's probes as they arrive. The engine numbers jobs in the order they
// start and the trace starts one job per TTL in TTL order, so within a run the lowest job id
// is TTL 1, the next TTL 2, and so on. Pure: the view only draws it.

import type { Gathered } from '../../contract/evidence';
import type { TraceResult } from '../../contract/trace';
import type { ProbeEvent } from '../../native/index';
import type { StepId } from '../wizard/steps';

export interface HopRow {
  ttl: number;
  /** Every address that answered, most answers first; empty: nothing answered (yet). */
  addresses: string[];
  sent: number;
  received: number;
  lossPct: number;
  rttMs: { min: number; avg: number; max: number } | null;
  lastRttMs: number | null;
  /** The error name where the hop refused (not "time exceeded"). */
  error: string | null;
  /** The target itself answered at this hop. */
  target: boolean;
}

const loss = (sent: number, received: number): number => (sent === 0 ? 0 : Math.round(((sent - received) / sent) * 1000) / 10);

function fromTrace(trace: TraceResult): HopRow[] {
  return trace.hops.map((hop) => ({
    ttl: hop.ttl,
    addresses: hop.addresses,
    sent: hop.sent,
    received: hop.received,
    lossPct: loss(hop.sent, hop.received),
    rttMs: hop.rttMs,
    lastRttMs: hop.lastRttMs,
    error: hop.error?.name ?? null,
    target: hop.status === 'reply',
  }));
}

/** "time exceeded" (v4 11/0, v6 3/0): the hop passed the probe on. */
function passedOn(probe: ProbeEvent): boolean {
  const error = probe.error;
  return error !== null && error.origin === 'icmp' && error.icmpCode === 0 && (error.family === 4 ? error.icmpType === 11 : error.icmpType === 3);
}

function fromProbes(probes: readonly ProbeEvent[]): HopRow[] {
  const byJob = new Map<number, ProbeEvent[]>();
  for (const probe of probes) byJob.set(probe.job, [...(byJob.get(probe.job) ?? []), probe]);
  const first = Math.min(...byJob.keys());
  return [...byJob]
    .sort((a, b) => a[0] - b[0])
    .map(([job, events]) => {
      const answered = events.filter((p) => p.status === 'reply' || p.status === 'icmp-error');
      const counts = new Map<string, number>();
      for (const p of answered) if (p.address) counts.set(p.address, (counts.get(p.address) ?? 0) + 1);
      const rtts = answered.flatMap((p) => (p.rttMs === null ? [] : [p.rttMs]));
      const refusal = events.find((p) => (p.status === 'icmp-error' && !passedOn(p)) || p.status === 'local-error');
      return {
        ttl: job - first + 1,
        addresses: [...counts].sort((a, b) => b[1] - a[1]).map(([address]) => address),
        sent: events.length,
        received: answered.length,
        lossPct: loss(events.length, answered.length),
        rttMs: rtts.length === 0 ? null : { min: Math.min(...rtts), avg: rtts.reduce((a, b) => a + b, 0) / rtts.length, max: Math.max(...rtts) },
        lastRttMs: rtts.at(-1) ?? null,
        error: refusal?.error?.name ?? null,
        target: events.some((p) => p.status === 'reply'),
      };
    });
}

/** The rows to show: the filed trace, else the Path step's probes so far; [] when there is neither. */
export function hopRows(trace: Gathered<TraceResult> | null | undefined, probes: readonly ProbeEvent[], steps: readonly StepId[]): HopRow[] {
  if (trace?.ok) return fromTrace(trace.value);
  const ours = probes.filter((_, index) => steps[index] === 'path');
  return ours.length === 0 ? [] : fromProbes(ours);
}
