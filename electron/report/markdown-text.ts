// Escaping for Markdown (CommonMark + GitHub tables): text from logs and pasted evidence must
// read as text, never as markup, a broken table or a code fence that ends early.

import { visibleControls } from './control-characters';

/** ASCII punctuation that can start or end markup inline; CommonMark lets any of it be backslash-escaped. */
const INLINE_SPECIAL = /[\\`*_{}[\]<>()#+!|~&$]/g;

/** One line of plain text: markup characters escaped, line breaks folded into spaces. */
export function markdownInline(text: string): string {
  return visibleControls(String(text)).replace(/\r\n?|\n/g, ' ').replace(INLINE_SPECIAL, (c) => `\\${c}`);
}

/** A table cell: like markdownInline, but line breaks kept as <br> (GitHub renders it in cells). */
export function markdownCell(text: string): string {
  return visibleControls(String(text))
    .split(/\r\n?|\n/)
    .map((line) => line.replace(INLINE_SPECIAL, (c) => `\\${c}`))
    .join('<br>');
}

/**
 * A fenced code block that cannot be closed early by its content: the fence is one backtick
 * longer than the longest backtick run inside (CommonMark §4.5), and at least three.
 */
export function markdownFence(code: string, language: string): string {
  const body = visibleControls(String(code)).replace(/\r\n?/g, '\n').replace(/\n$/, '');
  const longestRun = (body.match(/`+/g) ?? []).reduce((longest, run) => Math.max(longest, run.length), 0);
  const fence = '`'.repeat(Math.max(3, longestRun + 1));
  return `${fence}${language}\n${body}\n${fence}`;
}

/** An inline code span holding `text` literally (code spans take no escapes): the delimiter outgrows any backtick run inside. */
export function markdownCode(text: string): string {
  const body = visibleControls(String(text)).replace(/\r\n?|\n/g, ' ');
  const longestRun = (body.match(/`+/g) ?? []).reduce((longest, run) => Math.max(longest, run.length), 0);
  const delimiter = '`'.repeat(longestRun + 1);
  const padded = body.startsWith('`') || body.endsWith('`') ? ` ${body} ` : body;
  return `${delimiter}${padded}${delimiter}`;
}
