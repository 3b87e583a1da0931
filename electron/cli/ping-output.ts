// What the ping command tells its reporter, whichever format it prints: the human one
// (iputils-like lines) or JSON Lines. The command decides; a reporter only formats.

import type { ProbeEvent, SocketKind } from '../../native/index';
import type { ResolvedTarget } from '../core/ping/resolve-target';
import type { PingSummary } from '../core/ping/statistics';
import type { PingBinding } from './arguments';

export interface PingRunInfo {
  target: ResolvedTarget;
  size: number;
  timeoutMs: number;
  bind: PingBinding | null;
  /** The socket the probes go through: a ping socket, or a raw one (CAP_NET_RAW). */
  socket: SocketKind | null;
}

export interface PingFinish {
  summary: PingSummary;
  /** Milliseconds from the first send to the end, as in iputils' "time". */
  elapsedMs: number;
  cancelled: boolean;
}

/** A fatal condition that ends the command (socket refused, addon missing, engine stopped). */
export interface PingFatal {
  code: string;
  /** For people; may span lines (the first says what happened). */
  message: string;
  /** Machine-readable details for JSON (e.g. the range and GIDs of a refused socket). */
  details?: Record<string, unknown>;
}

export interface PingReporter {
  start(info: PingRunInfo): void;
  probe(event: ProbeEvent): void;
  finish(finish: PingFinish): void;
  fatal(fatal: PingFatal): void;
}
