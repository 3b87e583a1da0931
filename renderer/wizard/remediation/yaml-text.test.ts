import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parse } from 'yaml';
import { yamlText } from './yaml-text';
import { HOSTILE_VALUES } from '../../../test-support/remediation/bash';

describe('yamlText', () => {
  it('round-trips every hostile value as one scalar, in keys and values', () => {
    for (const value of [...HOSTILE_VALUES, 'key: value', '- item', '&anchor', '*alias', '!!python/object', 'null', 'true', '0 0', '0x10', '{a: 1}', '#comment']) {
      const data = { [value || 'empty']: value, list: [value] };
      assert.deepEqual(parse(yamlText(data)), data, JSON.stringify(value));
    }
  });

  it('turns every line of a comment into a comment, so a value cannot escape it', () => {
    const text = yamlText({ a: 1 }, 'first\nb: injected\r\n- also injected');
    assert.deepEqual(parse(text), { a: 1 });
    assert.deepEqual(text.split('\n').slice(0, 3), ['# first', '# b: injected', '# - also injected']);
  });
});
