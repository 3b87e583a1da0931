// Binary garbage in a log (NUL, ESC sequences, bells) must not reach a browser's parser or a
// terminal that `cat`s a Markdown report; shown as Unicode control pictures it stays legible.

const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g;

/** `text` with C0 control characters (except tab and line breaks) and DEL as visible pictures (U+2400…). */
export function visibleControls(text: string): string {
  return text.replace(CONTROL, (c) => (c === '\u007f' ? '\u2421' : String.fromCharCode(0x2400 + c.charCodeAt(0))));
}
