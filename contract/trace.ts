// The path to a target as `icmp-doctor trace` and the wizard's Path step see it: one entry per
// TTL, mtr-style (who answered, how many of the probes, how fast, and the error where a hop
// refuses). Shared by the CLI's JSON Lines, the evidence, the reports and the app.

import type { ProbeError } from '../native/index';

/**
 * What came back at one TTL: the target's reply, "time exceeded" from a router on the way,
 * another ICMP error (the hop refuses: the trace stops there), or nothing.
 */
export type TraceHopStatus = 'time-exceeded' | 'reply' | 'icmp-error' | 'timeout';

export interface TraceRtt {
  min: number;
  avg: number;
  max: number;
}

export interface TraceHop {
  ttl: number;
  /** The address that answered most; null only when nothing answered at this TTL. */
  address: string | null;
  /** Every address that answered at this TTL, most answers first (load-balanced paths give several). */
  addresses: string[];
  status: TraceHopStatus;
  sent: number;
  /** Probes answered, by a reply or an error. */
  received: number;
  rttMs: TraceRtt | null;
  /** RTT of the last answered probe (mtr's "Last"). */
  lastRttMs: number | null;
  /** The refusal for `icmp-error` (also a local refusal such as EMSGSIZE); null otherwise. */
  error: ProbeError | null;
  /** Next-hop MTU the hop reported (fragmentation-needed / packet-too-big), if it did. */
  mtu: number | null;
  /**
   * For hops that sent errors: did every error quote our own probe (destination, echo id,
   * sequence)? null when the hop sent none.
   */
  errorsQuoteProbe: boolean | null;
}

/** Why the trace stopped stepping the TTL. */
export type TraceStop = 'target' | 'error' | 'silent-run' | 'max-hops' | 'cancelled';

export interface TraceResult {
  /** The target as given (address or host name). */
  target: string;
  /** The address probed. */
  address: string;
  family: 4 | 6;
  /** The target itself replied. */
  reached: boolean;
  stoppedBy: TraceStop;
  hops: TraceHop[];
  /** The settings it ran with, so a reader knows what "silent" meant. */
  settings: TraceSettings;
}

export interface TraceSettings {
  maxHops: number;
  probesPerHop: number;
  timeoutMs: number;
  size: number;
  df: boolean;
  /** Hops in a row that answer nothing before the trace gives up. */
  silentRun: number;
}
