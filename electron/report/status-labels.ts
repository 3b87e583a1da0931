// How each finding status reads to a person, the same in every format, in the report's language.

import type { Finding, FindingId, FindingStatus } from '../../contract/findings';
import type { Locale } from '../../renderer/i18n/messages/locale';
import { rootCauses } from '../../renderer/wizard/causes/index';
import { say } from './say';

export const STATUS_ORDER: readonly FindingStatus[] = ['fail', 'warn', 'unknown', 'pass', 'skip'];

const SYMBOLS: Record<FindingStatus, string> = {
  pass: '✅',
  fail: '❌',
  warn: '⚠️',
  skip: '⏭️',
  unknown: '❔',
};

function isStatus(status: string): status is FindingStatus {
  return Object.hasOwn(SYMBOLS, status);
}

/** Known statuses by name ("FAIL", 「異常」); anything else (a report from a newer version) reads as itself. */
export function statusLabel(status: string, lang: Locale = 'en'): string {
  return isStatus(status) ? say(lang, `report.status.${status}`) : status.toUpperCase();
}

export function statusSymbol(status: string): string {
  return isStatus(status) ? SYMBOLS[status] : '•';
}

/** How many findings have each status, in STATUS_ORDER. */
export function statusCounts(findings: readonly Finding[]): Array<{ status: FindingStatus; count: number }> {
  return STATUS_ORDER.map((status) => ({ status, count: findings.filter((f) => f.status === status).length }));
}

/**
 * One line for the whole report: the causes (failing findings nothing else explains, in the
 * order to fix them), or that none failed. Symptoms are not counted: three traps that make
 * echo vanish are three problems, not five. Titles are the findings' own (already localized).
 */
export function verdictLine(findings: readonly Finding[], causes: readonly FindingId[] = rootCauses(findings), lang: Locale = 'en'): string {
  const failing = causes.map((id) => findings.find((f) => f.id === id)).filter((f): f is Finding => f !== undefined);
  if (failing.length > 0) return say(lang, 'report.verdict.problems', { count: failing.length, titles: failing.map((f) => f.title) });
  const warnings = findings.filter((f) => f.status === 'warn');
  if (warnings.length > 0) return say(lang, 'report.verdict.warnings', { count: warnings.length });
  if (findings.some((f) => f.status === 'unknown')) return say(lang, 'report.verdict.undecided');
  return say(lang, 'report.verdict.healthy');
}
