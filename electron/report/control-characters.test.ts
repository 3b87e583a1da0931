import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { terminalSafe, visibleControls } from './control-characters';

/** Every character that may drive a terminal or reorder text, and one of each kind beside. */
const HOSTILE = '\u0000\u0007\u001b]0;pwned\u0007\u001b[2J\u007f\u0085\u009b31m\u2028\u2029\u202e\u2066x\ud800y\udc00z\rover';
const UNSAFE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u2028-\u202e\u2066-\u2069\ud800-\udfff]/;

describe('visibleControls', () => {
  it('shows every control, line separator, bidi control and lone surrogate as an inert stand-in', () => {
    const out = visibleControls(HOSTILE);
    assert.doesNotMatch(out, UNSAFE);
    assert.ok(out.startsWith('\u2400\u2407\u241b]0;pwned\u2407\u241b[2J\u2421\u27e8U+0085\u27e9\u27e8U+009B\u27e931m'), out);
    assert.ok(out.endsWith('x\ufffdy\ufffdz\u240dover'), out);
  });

  it('keeps tabs, line feeds, CRLF and astral characters', () => {
    assert.equal(visibleControls('a\tb\nc\r\nd 😀'), 'a\tb\nc\r\nd 😀');
  });

  it('holds no character that means markup in HTML or Markdown', () => {
    assert.doesNotMatch(visibleControls(HOSTILE).replace(/[\]\[;0-9a-z]/gi, ''), /[<>&"'`*_\\]/);
  });
});

describe('terminalSafe', () => {
  it('makes human text inert', () => {
    assert.doesNotMatch(terminalSafe(HOSTILE), UNSAFE);
  });

  it('leaves a JSON line valid and meaning the same string', () => {
    const line = JSON.stringify({ text: HOSTILE, list: [HOSTILE] });
    const safe = terminalSafe(line);
    assert.doesNotMatch(safe, UNSAFE);
    assert.deepEqual(JSON.parse(safe), { text: HOSTILE, list: [HOSTILE] });
  });
});
