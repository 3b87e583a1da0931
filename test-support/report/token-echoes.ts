// How a hostile or careless server may echo a secret back, and a detector for any trace of it:
// the tests of every output path (the redaction itself, the API gatherer, the CLI's stdout,
// stderr and each report format) share these, so "redacted" means the same everywhere.

import { MIN_ECHO_CHARS } from '../../electron/report/secret-echoes';

/** A named way of writing `secret` into text. */
export interface Echo {
  name: string;
  text: (secret: string) => string;
}

const b64 = (text: string): string => Buffer.from(text, 'utf8').toString('base64');
const b64url = (text: string): string => Buffer.from(text, 'utf8').toString('base64url');
const everyCharEscaped = (text: string, escape: (code: number) => string): string => [...text].map((c) => escape(c.charCodeAt(0))).join('');
const splitEvery = (text: string, size: number, joiner: string): string => text.match(new RegExp(`.{1,${size}}`, 'gs'))?.join(joiner) ?? text;

export const ECHOES: readonly Echo[] = [
  { name: 'raw', text: (s) => s },
  { name: 'at the end of a long message', text: (s) => `${'x'.repeat(290)} token ${s}` },
  { name: 'percent-encoded, upper-case hex', text: (s) => everyCharEscaped(s, (c) => `%${c.toString(16).toUpperCase().padStart(2, '0')}`) },
  { name: 'percent-encoded, lower-case hex', text: (s) => everyCharEscaped(s, (c) => `%${c.toString(16).padStart(2, '0')}`) },
  { name: 'form-encoded Authorization header', text: (s) => `Authorization=${encodeURIComponent(`Bearer ${s}`).replace(/%20/g, '+')}` },
  { name: 'JSON \\u escapes', text: (s) => everyCharEscaped(s, (c) => `\\u${c.toString(16).padStart(4, '0')}`) },
  { name: 'hex', text: (s) => Buffer.from(s).toString('hex') },
  { name: 'HEX', text: (s) => Buffer.from(s).toString('hex').toUpperCase() },
  { name: 'base64', text: (s) => b64(s) },
  { name: 'base64url', text: (s) => b64url(s) },
  { name: 'base64 of "Bearer TOKEN"', text: (s) => b64(`Bearer ${s}`) },
  { name: 'base64url of "Bearer TOKEN"', text: (s) => b64url(`Bearer ${s}`) },
  { name: 'base64 of "Authorization: Bearer TOKEN"', text: (s) => b64(`Authorization: Bearer ${s}`) },
  { name: 'base64 at offset 1', text: (s) => b64(`x${s}y`) },
  { name: 'base64 at offset 2', text: (s) => b64(`xy${s}`) },
  { name: 'base64 wrapped at 10 columns', text: (s) => splitEvery(b64(`Bearer ${s}`), 10, '\r\n') },
  { name: 'split across lines', text: (s) => splitEvery(s, 20, '\n') },
  { name: 'split by CRLF', text: (s) => splitEvery(s, 7, '\r\n') },
  { name: 'a space between every character', text: (s) => [...s].join(' ') },
  { name: '\\n escapes inside', text: (s) => splitEvery(s, 5, '\\n') },
  { name: 'doubly escaped \\\\n inside', text: (s) => splitEvery(s, 6, '\\\\r\\\\n') },
  { name: 'upper-cased', text: (s) => s.toUpperCase() },
  { name: 'lower-cased', text: (s) => s.toLowerCase() },
  { name: 'suffix of 30', text: (s) => `...${s.slice(-30)}` },
  { name: 'prefix of 14', text: (s) => `${s.slice(0, 14)}...` },
  { name: 'middle 13', text: (s) => `[${s.slice(9, 22)}]` },
  { name: 'base64 of a 13-character middle', text: (s) => b64(`mid ${s.slice(9, 22)} end`) },
];

/** Each MIN_ECHO_CHARS-long piece of `secret`, for "no piece of it is left" assertions. */
export function secretPieces(secret: string): string[] {
  const pieces: string[] = [];
  for (let index = 0; index + MIN_ECHO_CHARS <= secret.length; index += 1) pieces.push(secret.slice(index, index + MIN_ECHO_CHARS));
  return pieces;
}

/**
 * The first trace of `secret` found in `output`, or null: a MIN_ECHO_CHARS piece of it,
 * raw or hex, or in base64 at any alignment, after removing whitespace and `\n` escapes and
 * decoding percent and `\u` escapes — a deliberately independent decoder from the one that
 * redacts.
 */
export function secretTrace(output: string, secret: string): string | null {
  const flattened = output.replace(/\\+[nrt]/g, '').replace(/\s+/g, '');
  let decoded = flattened.replace(/\+/g, ' ');
  decoded = decoded.replace(/%([0-9a-f]{2})/gi, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16)));
  decoded = decoded.replace(/\\u([0-9a-f]{4})/gi, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16))).replace(/\s+/g, '');
  const lower = flattened.toLowerCase();
  for (const piece of secretPieces(secret)) {
    if (flattened.includes(piece) || decoded.includes(piece)) return `raw piece ${piece}`;
    if (lower.includes(piece.toLowerCase())) return `piece ${piece}, in another case`;
    if (lower.includes(Buffer.from(piece).toString('hex'))) return `hex of ${piece}`;
    const bytes = Buffer.from(piece);
    for (let skip = 0; skip < 3; skip += 1) {
      // The groups of three bytes wholly inside the piece at this alignment: what any base64 of text holding it contains.
      const group = bytes.subarray(skip, skip + Math.floor((bytes.length - skip) / 3) * 3);
      if (flattened.includes(group.toString('base64')) || flattened.includes(group.toString('base64url'))) return `base64 of ${piece} (alignment ${skip})`;
    }
  }
  return null;
}
