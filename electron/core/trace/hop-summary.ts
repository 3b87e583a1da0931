// One TTL's probes → one row of the path (mtr's report row): who answered, how many, how
// fast, and whether the hop passed the probe on ("time exceeded"), is the target (a reply) or
// refuses it (any other error). Pure, so every case is a unit test away.

import type { ProbeError, ProbeEvent } from '../../../native/index';
import type { TraceHop, TraceHopStatus } from '../../../contract/trace';
import { quotesOurProbe } from '../evidence/probes/quote-check';

/** ICMP "time exceeded in transit" (v4 11/0, v6 3/0): the router at this TTL passed it on. */
export function isTimeExceeded(error: ProbeError | null): boolean {
  if (error === null || error.origin !== 'icmp' || error.icmpCode !== 0) return false;
  return error.family === 4 ? error.icmpType === 11 : error.icmpType === 3;
}

const answered = (probe: ProbeEvent): boolean => probe.status === 'reply' || probe.status === 'icmp-error';

/** A refusal: an ICMP error other than time-exceeded, or this host refusing to send (EMSGSIZE…). */
const refuses = (probe: ProbeEvent): boolean =>
  (probe.status === 'icmp-error' && !isTimeExceeded(probe.error)) || probe.status === 'local-error';

function status(probes: readonly ProbeEvent[]): TraceHopStatus {
  if (probes.some((p) => p.status === 'reply')) return 'reply';
  if (probes.some(refuses)) return 'icmp-error';
  if (probes.some((p) => p.status === 'icmp-error')) return 'time-exceeded';
  return 'timeout';
}

/** Answering addresses, most answers first (ties: first answer first). */
function addressesByAnswers(probes: readonly ProbeEvent[]): string[] {
  const counts = new Map<string, number>();
  for (const probe of probes) {
    const from = probe.address ?? probe.error?.from ?? null;
    if (answered(probe) && from !== null) counts.set(from, (counts.get(from) ?? 0) + 1);
  }
  return [...counts].sort((a, b) => b[1] - a[1]).map(([address]) => address);
}

/**
 * Summarises the probes sent with TTL `ttl` (in the order they resolved). `sent` counts the
 * probes the engine sent (more than `probes.length` only when a job was cancelled). `echoId`
 * is our socket's echo id (null: unknown), to tell whether the errors quote our own probe.
 */
export function summarizeHop(ttl: number, probes: readonly ProbeEvent[], sent: number, echoId: number | null): TraceHop {
  const hopStatus = status(probes);
  const answers = probes.filter(answered);
  const rtts = answers.flatMap((p) => (p.rttMs === null ? [] : [p.rttMs]));
  const addresses = addressesByAnswers(probes);
  const errors = probes.filter((p) => p.status === 'icmp-error' && p.error?.origin === 'icmp');
  const refusal = hopStatus === 'icmp-error' ? (probes.find(refuses)?.error ?? null) : null;
  const mtu = probes.find((p) => p.error?.origin === 'icmp' && p.error.mtu !== null)?.error?.mtu ?? null;
  return {
    ttl,
    address: addresses[0] ?? null,
    addresses,
    status: hopStatus,
    sent: Math.max(sent, probes.length),
    received: answers.length,
    rttMs: rtts.length === 0 ? null : { min: Math.min(...rtts), avg: rtts.reduce((a, b) => a + b, 0) / rtts.length, max: Math.max(...rtts) },
    lastRttMs: rtts.at(-1) ?? null,
    error: refusal,
    mtu,
    errorsQuoteProbe: errors.length === 0 ? null : errors.every((p) => quotesOurProbe(p, echoId)),
  };
}
