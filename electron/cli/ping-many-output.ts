// Output of a many-target ping (a sweep). People get fping's habits: one line per probe
// named by its target as results come, then one statistics line per target, then the totals;
// -q leaves out the per-probe lines. Scripts get JSON Lines: the single-target "probe" and
// "summary" objects (each carries its target), then one {"type":"sweep"} totals line.

import type { ProbeEvent, SocketKind } from '../../native/index';
import type { ResolvedTarget } from '../core/ping/resolve-target';
import type { PingSummary } from '../core/ping/statistics';
import type { PingBinding } from './arguments';
import type { TextSink } from './ping-output-batch';
import { formatRtt } from './ping-output-human';
import { jsonReporter } from './ping-output-json';
import type { PingFatal, PingFinish, PingReporter } from './ping-output';

/** How a target ended: it replied, it only ever answered with errors, or nothing came back. */
export type TargetOutcome = 'answered' | 'unreachable' | 'silent';

export function targetOutcome(summary: PingSummary): TargetOutcome {
  if (summary.received > 0) return 'answered';
  return summary.errors > 0 ? 'unreachable' : 'silent';
}

/** One target's end: its statistics, and the last error it drew (for the human summary). */
export interface TargetFinish extends PingFinish {
  target: ResolvedTarget;
  lastError: string | null;
  socket: SocketKind | null;
  /** -C: the RTT of each probe in order, null for one that drew no reply; null without -C. */
  rtts: Array<number | null> | null;
}

export interface SweepTotals {
  targets: number;
  answered: number;
  unreachable: number;
  silent: number;
  sent: number;
  received: number;
  /** Targets given more than once (collapsed before the sweep). */
  duplicates: number;
  elapsedMs: number;
  cancelled: boolean;
}

export function sweepTotals(finishes: readonly TargetFinish[], duplicates: number, elapsedMs: number, cancelled: boolean): SweepTotals {
  const totals: SweepTotals = { targets: finishes.length, answered: 0, unreachable: 0, silent: 0, sent: 0, received: 0, duplicates, elapsedMs, cancelled };
  for (const finish of finishes) {
    totals[targetOutcome(finish.summary)] += 1;
    totals.sent += finish.summary.sent;
    totals.received += finish.summary.received;
  }
  return totals;
}

export interface SweepRunInfo {
  targets: readonly ResolvedTarget[];
  size: number;
  timeoutMs: number;
  bind: PingBinding | null;
}

export interface SweepReporter {
  /** One probe resolved; `running` is the target's statistics including it. */
  probe(target: ResolvedTarget, event: ProbeEvent, running: PingSummary): void;
  /** Every target's statistics, in target order, once the sweep is over. */
  finish(finishes: readonly TargetFinish[], totals: SweepTotals): void;
  fatal(fatal: PingFatal): void;
}

/** "gw.example (10.0.0.5)" for a name, the address alone otherwise. */
function targetLabel(target: ResolvedTarget): string {
  return target.isHostName ? `${target.input} (${target.address})` : target.address;
}

/** 65,534: counts of a large sweep are easier to read with separators. */
function count(value: number): string {
  return value.toLocaleString('en-US');
}

function plural(value: number, one: string, many: string): string {
  return `${count(value)} ${value === 1 ? one : many}`;
}

/**
 * fping-style lines. The number in brackets is the probe's icmp_seq, as in our other output
 * and the JSON (fping counts from 0). Labels are padded to one width so the columns line up.
 */
export function humanSweepReporter(output: TextSink, info: SweepRunInfo, options: { quiet: boolean }): SweepReporter {
  const width = Math.max(0, ...info.targets.map((target) => targetLabel(target).length));
  const name = (target: ResolvedTarget): string => targetLabel(target).padEnd(width);
  let printedProbes = false;
  return {
    probe(target, event, running) {
      if (options.quiet) return;
      printedProbes = true;
      const loss = `${running.lossPct}% loss`;
      let what: string;
      switch (event.status) {
        case 'reply': {
          const rtt = event.rttMs === null ? '' : `, ${formatRtt(event.rttMs)} ms`;
          const avg = running.rttMs ? `${formatRtt(running.rttMs.avg)} avg, ` : '';
          what = `${event.bytes} bytes${rtt} (${avg}${loss})`;
          break;
        }
        case 'timeout':
          what = `timed out, no answer within ${info.timeoutMs} ms (${loss})`;
          break;
        case 'icmp-error':
          what = `${event.error?.message ?? 'ICMP error'} from ${event.error?.from ?? event.address ?? '?'} (${loss})`;
          break;
        case 'local-error':
          what = `${event.error?.message ?? 'local error'} (${loss})`;
          break;
      }
      output.out(`${name(target)} : [${event.seq}], ${what}\n`);
    },
    finish(finishes, totals) {
      let text = printedProbes ? '\n' : '';
      for (const { target, summary, lastError, rtts } of finishes) {
        if (rtts) {
          // fping -C: the RTTs of one target on one line, "-" for a probe without a reply.
          text += `${name(target)} : ${rtts.map((rtt) => (rtt === null ? '-' : formatRtt(rtt))).join(' ')}\n`;
          continue;
        }
        const counts = `xmt/rcv/%loss = ${summary.sent}/${summary.received}/${summary.lossPct}%`;
        const rtt = summary.rttMs ? `, min/avg/max = ${[summary.rttMs.min, summary.rttMs.avg, summary.rttMs.max].map(formatRtt).join('/')}` : '';
        const errors = summary.errors > 0 ? `, ${plural(summary.errors, 'error', 'errors')}${lastError ? ` (${lastError})` : ''}` : '';
        text += `${name(target)} : ${counts}${rtt}${errors}\n`;
      }
      const cancelled = totals.cancelled ? ', interrupted' : '';
      text +=
        `\n--- ${plural(totals.targets, 'target', 'targets')}: ${count(totals.answered)} answered, ${count(totals.unreachable)} unreachable (ICMP errors only), ` +
        `${count(totals.silent)} silent; ${plural(totals.sent, 'probe', 'probes')} sent, ${plural(totals.received, 'reply', 'replies')}, time ${Math.round(totals.elapsedMs)}ms${cancelled} ---\n`;
      output.out(text);
    },
    fatal({ message }) {
      output.error(`icmp-doctor: ${message.split('\n').join('\n  ')}\n`);
    },
  };
}

/** JSON Lines: the single-target shapes per target, then the totals. */
export function jsonSweepReporter(output: TextSink, info: SweepRunInfo): SweepReporter {
  // One single-target reporter per target: the same "probe" and "summary" objects, unchanged.
  const perTarget = new Map<string, PingReporter>();
  const reporterOf = (target: ResolvedTarget, socket: SocketKind | null): PingReporter => {
    let reporter = perTarget.get(target.address);
    if (!reporter) {
      reporter = jsonReporter(output);
      reporter.start({ target, size: info.size, timeoutMs: info.timeoutMs, bind: info.bind, socket });
      perTarget.set(target.address, reporter);
    }
    return reporter;
  };
  return {
    probe(target, event) {
      reporterOf(target, null).probe(event);
    },
    finish(finishes, totals) {
      for (const { target, socket, rtts: _rtts, ...finish } of finishes) {
        const reporter = jsonReporter(output);
        reporter.start({ target, size: info.size, timeoutMs: info.timeoutMs, bind: info.bind, socket });
        reporter.finish(finish);
      }
      output.out(
        `${JSON.stringify({
          type: 'sweep',
          targets: totals.targets,
          answered: totals.answered,
          unreachable: totals.unreachable,
          silent: totals.silent,
          sent: totals.sent,
          received: totals.received,
          duplicates: totals.duplicates,
          timeMs: Math.round(totals.elapsedMs),
          cancelled: totals.cancelled,
        })}\n`,
      );
    },
    fatal(fatal) {
      jsonReporter(output).fatal(fatal);
    },
  };
}
