// The path section every report format shares: the trace from the evidence (the Path step),
// as rows of mtr's report columns, or why there is none. Formats only lay it out.

import type { Report } from '../../contract/report';
import type { TraceHop, TraceResult } from '../../contract/trace';
import type { Locale } from '../../renderer/i18n/messages/locale';
import { renderMessage } from '../../renderer/i18n/messages/render';
import { failureMessage } from '../../renderer/wizard/checks/cite';
import { describeTraceStop } from '../../renderer/wizard/checks/trace-hops';
import { formatMs } from './probe-views';
import { say } from './say';

export type PathView = { kind: 'none' } | { kind: 'failed'; reason: string } | { kind: 'traced'; trace: TraceResult; summary: string; rows: PathRow[] };

export interface PathRow {
  hop: number;
  /** The answering address, others after it (a load-balanced hop), or "no answer". */
  host: string;
  loss: string;
  sent: string;
  last: string;
  avg: string;
  best: string;
  worst: string;
  /** The error name where the hop refuses, the MTU it reported; empty otherwise. */
  note: string;
}

export const PATH_COLUMNS = [
  'trace.report.column.hop',
  'trace.report.column.host',
  'trace.report.column.loss',
  'trace.report.column.sent',
  'trace.report.column.last',
  'trace.report.column.avg',
  'trace.report.column.best',
  'trace.report.column.worst',
  'trace.report.column.note',
] as const;

export function lossPercent(hop: TraceHop): number {
  return hop.sent === 0 ? 0 : Math.round(((hop.sent - hop.received) / hop.sent) * 1000) / 10;
}

function row(hop: TraceHop, lang: Locale): PathRow {
  const notes: string[] = [];
  if (hop.error) notes.push(hop.error.name);
  if (hop.mtu !== null) notes.push(say(lang, 'trace.report.mtu', { mtu: hop.mtu }));
  return {
    hop: hop.ttl,
    host: hop.addresses.length > 0 ? hop.addresses.join(', ') : say(lang, 'trace.report.no-answer'),
    loss: `${lossPercent(hop).toFixed(1)}%`,
    sent: `${hop.sent}`,
    last: formatMs(hop.lastRttMs),
    avg: formatMs(hop.rttMs?.avg ?? null),
    best: formatMs(hop.rttMs?.min ?? null),
    worst: formatMs(hop.rttMs?.max ?? null),
    note: notes.join(', '),
  };
}

export function pathView(report: Report, lang: Locale): PathView {
  const trace = report.evidence.probes.trace;
  if (!trace) return { kind: 'none' };
  if (!trace.ok) return { kind: 'failed', reason: renderMessage(failureMessage(trace), lang) };
  const value = trace.value;
  const summary = say(lang, 'trace.report.summary', { target: value.target === value.address ? value.address : `${value.target} (${value.address})`, stop: describeTraceStop(value) });
  return { kind: 'traced', trace: value, summary, rows: value.hops.map((hop) => row(hop, lang)) };
}
