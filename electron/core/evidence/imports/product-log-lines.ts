// Lines of a connector's or gateway's log as a user exports them: a file, `docker logs`,
// `kubectl logs`, or `journalctl -u UNIT` (whose "Dec 04 10:00:00 host unit[812]: " prefix
// is taken off so the product's own text is what the parsers see). ANSI colour codes, which
// tracing-based gateways write to a terminal, are removed too.

import type { LogLine } from '../../../../contract/evidence';

/** A log export is capped before parsing; the import file limit is the same size. */
export const MAX_PRODUCT_LOG_CHARS = 16 * 1024 * 1024;

const JOURNAL_PREFIX = /^[A-Z][a-z]{2} [ \d]\d \d\d:\d\d:\d\d \S+ [^\s:[]+(?:\[\d+\])?: /;
const ANSI = /\u001b\[[0-9;]*m/g;

/** The text without terminal colour codes: run before the input guard, which would take them for binary. */
export function withoutColour(text: string): string {
  return typeof text === 'string' ? text.replace(ANSI, '') : text;
}

/** The log's lines, 1-based, without journal prefixes. */
export function productLogLines(text: string): LogLine[] {
  return text.split(/\r?\n/).map((raw, index) => ({ line: index + 1, text: raw.replace(JOURNAL_PREFIX, '') }));
}
