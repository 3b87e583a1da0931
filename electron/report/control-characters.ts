// Binary garbage in a log, a hostile target name or an API message (NUL, ESC sequences, bells,
// C1 controls such as CSI U+009B, bidi overrides) must not reach a browser's parser or a
// terminal — one that prints our output, or `cat`s a Markdown report. Shown as visible
// stand-ins, the text stays legible and inert.

/**
 * What visibleControls replaces: C0 controls except tab and line feed, a carriage return not
 * followed by a line feed (it would overwrite the line), DEL, C1 controls, the Unicode line
 * and paragraph separators, bidi embeddings, overrides and isolates (they reorder what
 * follows), and lone surrogates (not text at all).
 */
const UNSAFE = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u2028-\u202e\u2066-\u2069]|\r(?!\n)|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

function codePoint(c: string): string {
  return `U+${(c.charCodeAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`;
}

/**
 * `text` with control characters (see UNSAFE) as visible stand-ins: C0 and DEL as their
 * Unicode control pictures (U+2400…, "␛" for ESC), a lone surrogate as U+FFFD, the others as
 * "⟨U+009B⟩". Tabs and line breaks (LF, CRLF) stay. Safe in HTML and Markdown: no stand-in
 * holds a markup character.
 */
export function visibleControls(text: string): string {
  return text.replace(UNSAFE, (c) => {
    const code = c.charCodeAt(0);
    if (code < 0x20) return String.fromCharCode(0x2400 + code);
    if (code === 0x7f) return '\u2421';
    if (code >= 0xd800 && code <= 0xdfff) return '\ufffd';
    return `\u27e8${codePoint(c)}\u27e9`;
  });
}

/**
 * The last guard before a terminal, for human text and JSON Lines alike: C0 controls other
 * than tab and line feed (JSON.stringify never leaves one raw) become control pictures; the
 * characters JSON.stringify does leave raw (DEL, C1, U+2028/2029, bidi controls) and lone
 * surrogates become `\uXXXX` escapes — still the same string to a JSON parser, and inert text
 * to a person.
 */
export function terminalSafe(text: string): string {
  return text.replace(UNSAFE, (c) => {
    const code = c.charCodeAt(0);
    if (code < 0x20) return String.fromCharCode(0x2400 + code);
    return `\\u${code.toString(16).padStart(4, '0')}`;
  });
}
