// The first gate for pasted or imported text: it must be a string, not empty, not larger
// than the parser's limit, and text rather than binary. Cheap checks that run before any
// parser sees the input, so a 100 MB file or a core dump is refused at once, by name.

import { ok } from '../../../../contract/result';
import type { Ok } from '../../../../contract/result';
import type { Message } from '../../../../contract/message';
import { msg } from '../../../../renderer/i18n/messages/message';
import { refusal } from '../gathered';
import type { Refusal } from '../gathered';

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
export function guardText(text: unknown, what: Message, maxChars: number): Ok<string> | Refusal<'UNPARSEABLE'> {
  if (typeof text !== 'string') return refusal('UNPARSEABLE', msg('gather.input.not-text', { what, type: text === null ? 'null' : typeof text }));
  if (text.length > maxChars) {
    return refusal('UNPARSEABLE', msg('gather.input.too-large', { what, size: formatSize(text.length), max: formatSize(maxChars) }));
  }
  const body = text.startsWith('\ufeff') ? text.slice(1) : text;
  if (body.trim() === '') return refusal('UNPARSEABLE', msg('gather.input.empty', { what }));
  const { nul, other } = controlCharacters(body);
  if (nul > 0 || other > body.length * CONTROL_SHARE) {
    const detail = nul > 0 ? msg('gather.input.nul-bytes', { count: nul }) : msg('gather.input.control-characters', { count: other, length: body.length });
    return refusal('UNPARSEABLE', msg('gather.input.binary', { what, detail }));
  }
  return ok(body);
}
