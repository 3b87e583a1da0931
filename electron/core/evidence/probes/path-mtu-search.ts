// The decision logic of the path-MTU probe, free of I/O: which ICMP payload size to send
// next, and what the answers mean. path-mtu-probe.ts sends the probes.
//
// The search, for DF echoes (sizes are ICMP payload bytes; a packet is size + 28 for IPv4,
// + 48 for IPv6):
//   1. The largest payload the protocol allows. This host refuses it at once (EMSGSIZE)
//      and says its interface MTU, which caps the search (1472 / 1452 on a 1500 link).
//   2. Every reported MTU m — this host's, or a router's frag-needed / packet-too-big — is
//      tried next: m − header (should fit) and m − header + 1 (should not). A healthy path
//      is settled in four probes.
//   3. Otherwise a binary search between the largest size that passed and the smallest that
//      failed, after a first probe at payload 0 if nothing has passed yet (if even that
//      fails, size is not the problem and the search stops).
// The prober retries a size that timed out once before recording it as lost, so one lost
// packet is not mistaken for a limit.

import type { Family, ProbeStatus } from '../../../../native/index';

/** The answer to one size, after any retry. */
export interface SizeOutcome {
  size: number;
  status: ProbeStatus;
  /** MTU from frag-needed / packet-too-big (origin 'icmp') or from this host's EMSGSIZE (origin 'local'). */
  mtu: number | null;
  origin: 'icmp' | 'local' | null;
}

export interface PathMtuVerdict {
  largestPassing: number | null;
  smallestFailing: number | null;
  reportedMtu: number | null;
  blackHole: boolean;
}

export function headerBytes(family: Family): number {
  return family === 4 ? 28 : 48;
}

/** Largest ICMP payload one IP packet can carry (IPv4: 65535 − 28; IPv6: 65535 payload − 8). */
export function maxPayload(family: Family): number {
  return family === 4 ? 65_507 : 65_527;
}

export class PathMtuSearch {
  readonly family: Family;
  readonly #header: number;
  readonly #max: number;
  readonly #outcomes = new Map<number, SizeOutcome>();
  /** Sizes suggested by reported MTUs, tried before bisecting. */
  #hints: number[] = [];
  #largestPassing: number | null = null;
  #smallestFailing: number | null = null;
  #reportedMtu: number | null = null;

  constructor(family: Family) {
    this.family = family;
    this.#header = headerBytes(family);
    this.#max = maxPayload(family);
  }

  /** The next payload size to probe, or null when the search is settled. */
  next(): number | null {
    if (this.#outcomes.size === 0) return this.#max;
    const low = this.#largestPassing ?? -1;
    const high = this.#smallestFailing ?? this.#max + 1;
    while (this.#hints.length > 0) {
      const hint = this.#hints.shift() as number;
      if (hint > low && hint < high && !this.#outcomes.has(hint)) return hint;
    }
    if (this.#largestPassing === null) return this.#outcomes.has(0) ? null : 0;
    if (high - low <= 1) return null;
    return Math.floor((low + high) / 2);
  }

  record(outcome: SizeOutcome): void {
    this.#outcomes.set(outcome.size, outcome);
    if (outcome.status === 'reply') {
      this.#largestPassing = Math.max(this.#largestPassing ?? outcome.size, outcome.size);
      return;
    }
    this.#smallestFailing = Math.min(this.#smallestFailing ?? outcome.size, outcome.size);
    if (outcome.mtu === null || outcome.mtu <= this.#header) return;
    // The host's own EMSGSIZE only restates its interface MTU, the search's ceiling; what the
    // path reports is what the verdict is about.
    if (outcome.origin === 'icmp') this.#reportedMtu = Math.min(this.#reportedMtu ?? outcome.mtu, outcome.mtu);
    const fitting = outcome.mtu - this.#header;
    this.#hints.push(fitting, fitting + 1);
  }

  /**
   * A black hole: payloads above the largest passing one vanish without any error, while
   * smaller ones get replies, and no reported MTU explains the loss.
   */
  verdict(): PathMtuVerdict {
    const largestPassing = this.#largestPassing;
    const smallestFailing = this.#smallestFailing;
    const failed = smallestFailing === null ? undefined : this.#outcomes.get(smallestFailing);
    const silent = failed?.status === 'timeout';
    const explained = this.#reportedMtu !== null && smallestFailing !== null && smallestFailing + this.#header > this.#reportedMtu;
    return {
      largestPassing,
      smallestFailing,
      reportedMtu: this.#reportedMtu,
      blackHole: largestPassing !== null && silent && !explained,
    };
  }
}
