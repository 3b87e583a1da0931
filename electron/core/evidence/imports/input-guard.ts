// The first gate for pasted or imported text: it must be a string, not empty, not larger
// than the parser's limit, and text rather than binary. Cheap checks that run before any
// parser sees the input, so a 100 MB file or a core dump is refused at once, by name.

import { fail, ok } from '../../../../contract/result';
import type { Result } from '../../../../contract/result';

/** Share of control characters (other than tab, newline, CR, form feed) above which it is not text. */
const CONTROL_SHARE = 0.01;

export function formatSize(chars: number): string {
  if (chars >= 1024 * 1024) return `${(chars / (1024 * 1024)).toFixed(1)} MB`;
  if (chars >= 1024) return `${(chars / 1024).toFixed(1)} KB`;
  return `${chars} bytes`;
}

function controlCharacters(text: string): { nul: number; other: number } {
  let nul = 0;
  let other = 0;
  for (let i = 0; i < text.length; i += 1) {
    const code = text.charCodeAt(i);
    if (code === 0) nul += 1;
    else if ((code < 0x20 && code !== 0x09 && code !== 0x0a && code !== 0x0d && code !== 0x0c) || code === 0x7f || code === 0xfffd) other += 1;
  }
  return { nul, other };
}

/**
 * Returns the text (without a byte-order mark) when it may be parsed; else an UNPARSEABLE
 * failure naming `what` ("the pod spec") and the problem.
 */
export function guardText(text: unknown, what: string, maxChars: number): Result<string, 'UNPARSEABLE'> {
  if (typeof text !== 'string') return fail('UNPARSEABLE', `${what} must be text, not ${text === null ? 'null' : typeof text}`);
  if (text.length > maxChars) {
    return fail('UNPARSEABLE', `${what} is ${formatSize(text.length)}; at most ${formatSize(maxChars)} is read. Paste only the part that matters.`);
  }
  const body = text.startsWith('\ufeff') ? text.slice(1) : text;
  if (body.trim() === '') return fail('UNPARSEABLE', `${what} is empty`);
  const { nul, other } = controlCharacters(body);
  if (nul > 0 || other > body.length * CONTROL_SHARE) {
    const detail = nul > 0 ? `${nul} NUL bytes` : `${other} control characters in ${body.length}`;
    return fail('UNPARSEABLE', `${what} looks like binary data, not text (${detail}); paste the command's text output instead`);
  }
  return ok(body);
}
