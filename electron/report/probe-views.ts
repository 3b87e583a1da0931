// The report's probe events, seen the way a reader wants them: totals per target and one row
// per decoded ICMP (or local) error. Shared by the HTML and Markdown renderers.

import type { ProbeEvent } from '../../native/index';
import { summarize, type PingSummary } from '../core/ping/statistics';

export interface TargetSummary extends PingSummary {
  target: string;
}

/** Totals per target, in the order targets were first probed. */
export function summariesByTarget(probes: readonly ProbeEvent[]): TargetSummary[] {
  const byTarget = new Map<string, ProbeEvent[]>();
  for (const probe of probes) {
    const list = byTarget.get(probe.target) ?? [];
    list.push(probe);
    byTarget.set(probe.target, list);
  }
  return [...byTarget].map(([target, list]) => ({ target, ...summarize(list) }));
}

export interface IcmpErrorRow {
  seq: number;
  wireSeq: number;
  target: string;
  sentAt: number;
  family: 4 | 6;
  origin: 'icmp' | 'local';
  /** "3/13", or "" for a local error without an ICMP type. */
  typeCode: string;
  name: string;
  message: string;
  /** The offender: who sent the error. */
  from: string | null;
  mtu: number | null;
  quotedDst: string | null;
  quotedId: number | null;
  quotedSeq: number | null;
  /**
   * The quote names our destination and wire sequence number: the error is about this very
   * probe (what a NAT in the tunnel must preserve). null when nothing was quoted.
   */
  quoteMatches: boolean | null;
}

function typeCode(type: number | null, code: number | null): string {
  if (type === null) return '';
  return `${type}/${code ?? '?'}`;
}

/** A row for every probe that ended in an error, in the order of the events. */
export function icmpErrorRows(probes: readonly ProbeEvent[]): IcmpErrorRow[] {
  const rows: IcmpErrorRow[] = [];
  for (const probe of probes) {
    const error = probe.error;
    if (error === null || error === undefined) continue;
    const original = error.original;
    rows.push({
      seq: probe.seq,
      wireSeq: probe.wireSeq,
      target: probe.target,
      sentAt: probe.sentAt,
      family: error.family,
      origin: error.origin,
      typeCode: typeCode(error.icmpType, error.icmpCode),
      name: error.name,
      message: error.message,
      from: error.from,
      mtu: error.mtu,
      quotedDst: original?.dst ?? null,
      quotedId: original?.id ?? null,
      quotedSeq: original?.seq ?? null,
      quoteMatches: original ? original.dst === probe.target && original.seq === probe.wireSeq : null,
    });
  }
  return rows;
}

/** Milliseconds to at most three decimals ("0.042"), or "–" for none. */
export function formatMs(ms: number | null | undefined): string {
  if (typeof ms !== 'number' || !Number.isFinite(ms)) return '–';
  return `${Number(ms.toFixed(3))}`;
}

/** An epoch-milliseconds time as ISO 8601, or "–" when it is not a valid time. */
export function formatTime(epochMs: number): string {
  const date = new Date(epochMs);
  return Number.isFinite(date.getTime()) ? date.toISOString() : '–';
}

/** The UTC time of day of an epoch-milliseconds time ("10:00:00.001"), or "–". */
export function formatTimeOfDay(epochMs: number): string {
  const iso = formatTime(epochMs);
  return iso === '–' ? iso : iso.slice(11, 23);
}
