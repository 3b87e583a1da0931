// How each finding status reads to a person, the same in every format.

import type { Finding, FindingId, FindingStatus } from '../../contract/findings';
import { rootCauses } from '../../renderer/wizard/causes/index';

export const STATUS_ORDER: readonly FindingStatus[] = ['fail', 'warn', 'unknown', 'pass', 'skip'];

const LABELS: Record<FindingStatus, string> = {
  pass: 'PASS',
  fail: 'FAIL',
  warn: 'WARN',
  skip: 'SKIP',
  unknown: 'UNKNOWN',
};

const SYMBOLS: Record<FindingStatus, string> = {
  pass: '✅',
  fail: '❌',
  warn: '⚠️',
  skip: '⏭️',
  unknown: '❔',
};

/** Known statuses by name; anything else (a report from a newer version) reads as itself. */
export function statusLabel(status: string): string {
  return Object.hasOwn(LABELS, status) ? LABELS[status as FindingStatus] : status.toUpperCase();
}

export function statusSymbol(status: string): string {
  return Object.hasOwn(SYMBOLS, status) ? SYMBOLS[status as FindingStatus] : '•';
}

/** How many findings have each status, in STATUS_ORDER. */
export function statusCounts(findings: readonly Finding[]): Array<{ status: FindingStatus; count: number }> {
  return STATUS_ORDER.map((status) => ({ status, count: findings.filter((f) => f.status === status).length }));
}

/**
 * One line for the whole report: the causes (failing findings nothing else explains, in the
 * order to fix them), or that none failed. Symptoms are not counted: three traps that make
 * echo vanish are three problems, not five.
 */
export function verdictLine(findings: readonly Finding[], causes: readonly FindingId[] = rootCauses(findings)): string {
  const failing = causes.map((id) => findings.find((f) => f.id === id)).filter((f): f is Finding => f !== undefined);
  if (failing.length > 0) return `${failing.length} problem${failing.length === 1 ? '' : 's'} found: ${failing.map((f) => f.title).join('; ')}`;
  const warnings = findings.filter((f) => f.status === 'warn');
  if (warnings.length > 0) return `No failing check; ${warnings.length} warning${warnings.length === 1 ? '' : 's'}.`;
  if (findings.some((f) => f.status === 'unknown')) return 'No failing check, but some could not be decided (see "unknown").';
  return 'No problem found.';
}
