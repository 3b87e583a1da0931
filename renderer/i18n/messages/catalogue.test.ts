// The message catalogue is whole in both languages: no key defined twice, every message
// callable with plausible parameters, no Japanese message left in English.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { EN_MESSAGES, JA_MESSAGES, MESSAGE_PARTS } from './catalogue';
import { localeFromEnvironment } from './locale';
import { msg } from './message';
import { renderMessage } from './render';

/**
 * A stand-in for any parameter: it reads as a word in a template, works as a list (join, map,
 * length), as a number (toFixed) and has any property a catalogue function may read.
 */
function sample(): unknown {
  const list = Object.assign(['p1', 'p2'], { toFixed: () => '1.0', toString: () => 'p1' });
  return new Proxy(list, {
    get(target, property, receiver) {
      if (property in target) return Reflect.get(target, property, receiver);
      if (typeof property === 'symbol') return undefined;
      return sample();
    },
  });
}

function sampleParams(): unknown {
  return new Proxy({}, { get: (_target, property) => (typeof property === 'symbol' ? undefined : sample()) });
}

const JAPANESE = /[\u3040-\u30ff\u3400-\u9fff]/;
/** Messages with no words of their own: they pass a quote through, or only arrange their parameters. */
const NO_WORDS = new Set(['failure.verbatim', 'failure.cited', 'probe.other']);

describe('message catalogue', () => {
  it('defines every key in one part only', () => {
    const seen = new Map<string, string>();
    for (const [part, module] of Object.entries(MESSAGE_PARTS)) {
      for (const key of Object.keys(module.en)) {
        assert.ok(!seen.has(key), `${key} is defined in both ${seen.get(key)} and ${part}`);
        seen.set(key, part);
      }
      assert.deepEqual(Object.keys(module.ja).sort(), Object.keys(module.en).sort(), `${part}: Japanese keys differ from English`);
    }
    assert.equal(Object.keys(EN_MESSAGES).length, seen.size);
    assert.deepEqual(Object.keys(JA_MESSAGES).sort(), Object.keys(EN_MESSAGES).sort());
  });

  it('says every message in both languages, and the Japanese in Japanese', () => {
    for (const key of Object.keys(EN_MESSAGES) as (keyof typeof EN_MESSAGES)[]) {
      const english = (EN_MESSAGES[key] as (p: unknown) => string)(sampleParams());
      const japanese = (JA_MESSAGES[key] as (p: unknown) => string)(sampleParams());
      assert.equal(typeof english, 'string', key);
      assert.ok(english.trim().length > 0, `${key} is empty in English`);
      if (NO_WORDS.has(key)) continue;
      assert.match(japanese, JAPANESE, `${key} is not Japanese: ${japanese}`);
    }
  });

  it('renders nested messages in the same language, and keeps the text that came with an unknown key', () => {
    const failure = msg('failure.cited', { code: 'TIMEOUT', meaning: msg('failure.code.TIMEOUT'), message: 'x' });
    assert.equal(renderMessage(failure, 'en'), 'TIMEOUT (timed out): x');
    assert.equal(renderMessage(failure, 'ja'), 'TIMEOUT（タイムアウトしました）: x');
    assert.equal(renderMessage({ key: 'no.such.key' }, 'ja', 'as it came'), 'as it came');
  });

  it('takes the language from LC_ALL, then LC_MESSAGES, then LANG', () => {
    assert.equal(localeFromEnvironment({ LANG: 'ja_JP.UTF-8' }), 'ja');
    assert.equal(localeFromEnvironment({ LC_ALL: 'C', LANG: 'ja_JP.UTF-8' }), 'en');
    assert.equal(localeFromEnvironment({ LC_ALL: '', LC_MESSAGES: 'ja_JP', LANG: 'en_US' }), 'ja');
    assert.equal(localeFromEnvironment({}), 'en');
  });
});
