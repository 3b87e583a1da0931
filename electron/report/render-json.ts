// The report as JSON: what `--report FILE.json` writes and `check --json` prints.

import type { Report } from '../../contract/report';
import { terminalSafe } from './control-characters';
import { redactSecrets } from './redact-secrets';
import { inStableOrder } from './stable-order';

export interface RenderOptions {
  /** Strings to redact on top of what buildReport already removed (defense in depth). */
  secrets?: readonly string[];
}

/**
 * The report as a plain object ready for JSON.stringify: secrets redacted, keys in canonical
 * order. For callers that embed it (`check --json` prints `{"type":"report", …}`).
 */
export function reportForJson(report: Report, options: RenderOptions = {}): Record<string, unknown> {
  return inStableOrder(redactSecrets(report, options.secrets ?? []));
}

/** Pretty-printed (2 spaces), canonical key order, trailing newline, secrets redacted. */
export function renderJson(report: Report, options: RenderOptions = {}): string {
  // terminalSafe: DEL, C1 and bidi controls as \u escapes, so `cat report.json` drives no terminal.
  return `${terminalSafe(JSON.stringify(reportForJson(report, options), null, 2))}\n`;
}
