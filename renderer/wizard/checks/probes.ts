// Reads probe events the way the checks need them: what answered, which ICMP errors came back
// and from whom, what vanished. Names follow the native decoder's (RFC 792 / RFC 4443).

import type { ProbeError, ProbeEvent } from '../../../native/index';

export interface ProbeTally {
  sent: number;
  replies: ProbeEvent[];
  /** Probes answered by an ICMP error from some node on the path. */
  icmpErrors: ProbeEvent[];
  timeouts: ProbeEvent[];
  /** This host refused to send (e.g. EMSGSIZE, no route). */
  localErrors: ProbeEvent[];
}

export function tallyProbes(probes: readonly ProbeEvent[]): ProbeTally {
  return {
    sent: probes.length,
    replies: probes.filter((p) => p.status === 'reply'),
    icmpErrors: probes.filter((p) => p.status === 'icmp-error' && p.error !== null),
    timeouts: probes.filter((p) => p.status === 'timeout'),
    localErrors: probes.filter((p) => p.status === 'local-error'),
  };
}

/**
 * Refusals by policy: IPv4 destination unreachable 9 (net prohibited), 10 (host prohibited),
 * 13 (communication administratively prohibited: what firewalls and `ip route prohibit`
 * send); IPv6 destination unreachable 1 (administratively prohibited).
 */
export function isAdminProhibited(error: ProbeError): boolean {
  if (error.origin !== 'icmp') return false;
  if (error.family === 4) return error.icmpType === 3 && (error.icmpCode === 9 || error.icmpCode === 10 || error.icmpCode === 13);
  return error.icmpType === 1 && error.icmpCode === 1;
}

/** Fragmentation needed (v4 3/4) or packet too big (v6 2/0). */
export function isTooBig(error: ProbeError): boolean {
  if (error.family === 4) return error.icmpType === 3 && error.icmpCode === 4;
  return error.icmpType === 2;
}

/** `"Packet filtered" (ICMP 3/13) from 10.200.1.1`. */
export function describeProbeError(error: ProbeError): string {
  const kind = error.origin === 'local' ? `local ${error.errno ?? 'error'}` : `${error.family === 6 ? 'ICMPv6' : 'ICMP'} ${error.icmpType ?? '?'}/${error.icmpCode ?? '?'}`;
  const from = error.from ? ` from ${error.from}` : '';
  return `"${error.message}" (${kind})${from}`;
}

/** What the error quotes of our probe: "quotes our probe to 10.0.0.5 (id 4563, seq 1)". */
export function describeQuote(error: ProbeError): string {
  const original = error.original;
  if (!original) return 'quotes nothing we could decode';
  const ids = [original.id !== null ? `id ${original.id}` : null, original.seq !== null ? `seq ${original.seq}` : null].filter(Boolean).join(', ');
  return `quotes a probe to ${original.dst}${ids ? ` (${ids})` : ''}`;
}

/** One line for a probe: "seq 1: reply from 10.0.0.5 in 0.10 ms", "seq 2: timeout". */
export function describeProbe(probe: ProbeEvent): string {
  switch (probe.status) {
    case 'reply':
      return `seq ${probe.seq}: reply from ${probe.address ?? probe.target}${probe.rttMs !== null ? ` in ${probe.rttMs.toFixed(2)} ms` : ''}`;
    case 'timeout':
      return `seq ${probe.seq}: no answer (timeout)`;
    default:
      return `seq ${probe.seq}: ${probe.error ? describeProbeError(probe.error) : probe.status}`;
  }
}

/** "4 sent: 0 replies, 0 ICMP errors, 4 timeouts". */
export function describeTally(tally: ProbeTally): string {
  const parts = [
    `${tally.replies.length} ${tally.replies.length === 1 ? 'reply' : 'replies'}`,
    `${tally.icmpErrors.length} ICMP error${tally.icmpErrors.length === 1 ? '' : 's'}`,
    `${tally.timeouts.length} timeout${tally.timeouts.length === 1 ? '' : 's'}`,
  ];
  if (tally.localErrors.length > 0) parts.push(`${tally.localErrors.length} refused locally`);
  return `${tally.sent} sent: ${parts.join(', ')}`;
}

/** Distinct errors (by sender and type/code), each with one example probe, for citing. */
export function distinctErrors(probes: readonly ProbeEvent[]): ProbeError[] {
  const seen = new Map<string, ProbeError>();
  for (const probe of probes) {
    const error = probe.error;
    if (!error) continue;
    const key = `${error.from ?? ''}|${error.family}|${error.icmpType ?? ''}|${error.icmpCode ?? ''}|${error.origin}`;
    if (!seen.has(key)) seen.set(key, error);
  }
  return [...seen.values()];
}
