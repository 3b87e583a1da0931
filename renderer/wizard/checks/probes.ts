// Reads probe events the way the checks need them: what answered, which ICMP errors came back
// and from whom, what vanished. Names follow the native decoder's (RFC 792 / RFC 4443).

import type { Message } from '../../../contract/message';
import type { ProbeError, ProbeEvent } from '../../../native/index';
import { msg } from '../../i18n/messages/message';

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
export function describeProbeError(error: ProbeError): Message {
  const kind =
    error.origin === 'local'
      ? msg('probe.error-kind.local', { errno: error.errno })
      : `${error.family === 6 ? 'ICMPv6' : 'ICMP'} ${error.icmpType ?? '?'}/${error.icmpCode ?? '?'}`;
  return msg('probe.error', { name: error.message, kind, from: error.from });
}

/** What the error quotes of our probe: "quotes a probe to 10.0.0.5 (id 4563, seq 1)". */
export function describeQuote(error: ProbeError): Message {
  const original = error.original;
  if (!original) return msg('probe.quote.nothing');
  return msg('probe.quote', { dst: original.dst, id: original.id, seq: original.seq });
}

/** One line for a probe: "seq 1: reply from 10.0.0.5 in 0.10 ms", "seq 2: no answer (timeout)". */
export function describeProbe(probe: ProbeEvent): Message {
  switch (probe.status) {
    case 'reply':
      return msg('probe.reply', { seq: probe.seq, from: probe.address ?? probe.target, rttMs: probe.rttMs });
    case 'timeout':
      return msg('probe.timeout', { seq: probe.seq });
    default:
      return msg('probe.other', { seq: probe.seq, what: probe.error ? describeProbeError(probe.error) : probe.status });
  }
}

/** "4 sent: 0 replies, 0 ICMP errors, 4 timeouts". */
export function describeTally(tally: ProbeTally): Message {
  return msg('probe.tally', {
    sent: tally.sent,
    replies: tally.replies.length,
    errors: tally.icmpErrors.length,
    timeouts: tally.timeouts.length,
    refused: tally.localErrors.length,
  });
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
