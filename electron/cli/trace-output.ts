// What `icmp-doctor trace` prints: mtr's report rows for people (`mtr -rw` columns: host,
// Loss%, Snt, Last, Avg, Best, Wrst, plus the error where a hop refuses), or JSON Lines
// (DESIGN.md §2: one "hop" per TTL, then "summary", or one "fatal"). Hops arrive as they are
// decided, so both formats stream.

import { hostname } from 'node:os';
import type { TraceHop, TraceResult } from '../../contract/trace';
import type { TunnelFarEnd } from '../../renderer/wizard/checks/path-transparency';
import { say } from '../report/say';
import type { ResolvedTarget } from '../core/ping/resolve-target';
import { shown } from './option-parsing';
import { errorObject } from './ping-output-json';
import type { PingFatal } from './ping-output';
import type { TextSink } from './ping-output-batch';

export interface TraceReporter {
  start(target: ResolvedTarget, maxHops: number): void;
  hop(hop: TraceHop): void;
  /** `farEnd`: the hop at the far end of the tunnel this machine routes the target into, when known. */
  finish(result: TraceResult, farEnd?: TunnelFarEnd | null): void;
  fatal(fatal: PingFatal): void;
}

/** Nanosecond precision without float noise. */
function nanos(ms: number): number {
  return Math.round(ms * 1e6) / 1e6;
}

export function lossPct(hop: TraceHop): number {
  return hop.sent === 0 ? 0 : Math.round(((hop.sent - hop.received) / hop.sent) * 1000) / 10;
}

export function traceJsonReporter(output: TextSink): TraceReporter {
  const line = (value: Record<string, unknown>): void => output.out(`${JSON.stringify(value)}\n`);
  return {
    start() {},
    hop(hop) {
      line({
        type: 'hop',
        ttl: hop.ttl,
        address: hop.address,
        status: hop.status,
        rttMs: hop.rttMs && { min: nanos(hop.rttMs.min), avg: nanos(hop.rttMs.avg), max: nanos(hop.rttMs.max) },
        sent: hop.sent,
        received: hop.received,
        error: hop.error && errorObject(hop.error),
        // Additions beyond the contract.
        addresses: hop.addresses,
        lossPct: lossPct(hop),
        lastRttMs: hop.lastRttMs === null ? null : nanos(hop.lastRttMs),
        mtu: hop.mtu,
      });
    },
    finish(result) {
      line({ type: 'summary', target: result.target, address: result.address, reached: result.reached, hops: result.hops.length, stoppedBy: result.stoppedBy });
    },
    fatal({ code, message, details }) {
      line({ type: 'fatal', code, message, ...details });
    },
  };
}

/** Longest IPv4 / IPv6 literal: the host column fits any address of the family. */
const HOST_WIDTH = { 4: 15, 6: 39 } as const;

const ms = (value: number | null): string => (value === null ? '0.0' : value.toFixed(1)).padStart(6);

function row(hop: TraceHop, width: number): string {
  const host = (hop.address ?? '???').padEnd(width);
  const rtt = hop.rttMs;
  const columns = `${`${lossPct(hop).toFixed(1)}%`.padStart(6)} ${String(hop.sent).padStart(5)} ${ms(hop.lastRttMs)} ${ms(rtt?.avg ?? null)} ${ms(rtt?.min ?? null)} ${ms(rtt?.max ?? null)}`;
  const notes: string[] = [];
  if (hop.error) notes.push(hop.error.origin === 'local' ? `local ${hop.error.name}` : hop.error.name);
  if (hop.mtu !== null) notes.push(`mtu ${hop.mtu}`);
  const lines = [`${String(hop.ttl).padStart(3)}.|-- ${host} ${columns}${notes.length > 0 ? `  ${notes.join(', ')}` : ''}`];
  // Other addresses that answered at this TTL (a load-balanced path), as mtr lists them.
  for (const other of hop.addresses.slice(1)) lines.push(`    |   ${other}`);
  return `${lines.join('\n')}\n`;
}

function outcome(result: TraceResult): string {
  const last = result.hops.at(-1);
  switch (result.stoppedBy) {
    case 'target':
      return `${result.address} answered at hop ${last?.ttl ?? '?'}.`;
    case 'error':
      return `${result.address} not reached: hop ${last?.ttl ?? '?'} (${last?.address ?? '?'}) refused with ${last?.error?.name ?? 'an error'}.`;
    case 'silent-run': {
      const first = (last?.ttl ?? 0) - result.settings.silentRun + 1;
      return `${result.address} not reached: no answer from ${result.settings.silentRun} hops in a row (${first}-${last?.ttl ?? '?'}); stopped there.`;
    }
    case 'max-hops':
      return `${result.address} not reached within ${result.settings.maxHops} hops (--max-hops).`;
    case 'cancelled':
      return `interrupted after ${result.hops.length} hops; ${result.address} not reached so far.`;
  }
}

export function traceHumanReporter(output: TextSink): TraceReporter {
  let width: number = HOST_WIDTH[4];
  return {
    start(target, maxHops) {
      width = HOST_WIDTH[target.family];
      output.out(`Start: ${new Date().toISOString()}\n`);
      output.out(`trace to ${shown(target.input)}${target.isHostName ? ` (${target.address})` : ''}, ${maxHops} hops max\n`);
      // "HOST: " is two characters shorter than a row's "  1.|-- ", hence width + 2.
      const columns = [['Loss%', 6], ['Snt', 5], ['Last', 6], ['Avg', 6], ['Best', 6], ['Wrst', 6]] as const;
      output.out(`HOST: ${shown(hostname()).padEnd(width + 2)} ${columns.map(([name, w]) => name.padStart(w)).join(' ')}\n`);
    },
    hop(hop) {
      output.out(row(hop, width));
    },
    finish(result, farEnd = null) {
      output.out(`${outcome(result)}\n`);
      // Issue 11: name the hop where the tunnel ends, so "errors stop after hop 3" reads as "at the tunnel's far end".
      if (farEnd) output.out(`${say('en', 'trace.far-end.line', { ttl: farEnd.ttl, address: farEnd.address, device: farEnd.device, client: farEnd.client })}\n`);
    },
    fatal({ message }) {
      output.error(`icmp-doctor: ${message.split('\n').join('\n  ')}\n`);
    },
  };
}
