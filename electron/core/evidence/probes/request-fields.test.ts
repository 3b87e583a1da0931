// Run-time checks of probe request fields: what passes, and the message for what does not.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { integerField, requestObject, textField } from './request-fields';

describe('request fields', () => {
  it('takes integers in range and the fallback for an absent field', () => {
    assert.deepEqual(integerField('port', 443, 1, 65535), { ok: true, value: 443 });
    assert.deepEqual(integerField('timeoutMs', undefined, 1, 60_000, 3000), { ok: true, value: 3000 });
  });

  for (const bad of [0, 70_000, 1.5, Number.NaN, Infinity, '80', null, [80], { port: 80 }]) {
    it(`refuses port ${JSON.stringify(bad) ?? String(bad)} and says what it accepts`, () => {
      const r = integerField('port', bad, 1, 65535);
      assert.equal(r.ok, false);
      if (!r.ok) assert.match(r.message, /^port must be a whole number from 1 to 65535; got /);
      if (!r.ok) assert.deepEqual([r.reason.key, r.reason.params?.['name'], r.reason.params?.['max']], ['gather.field.integer', 'port', 65535]);
    });
  }

  it('refuses a missing required integer', () => {
    const r = integerField('port', undefined, 1, 65535);
    assert.equal(r.ok, false);
    if (!r.ok) assert.match(r.message, /got undefined/);
  });

  it('trims text and refuses empty or non-text targets', () => {
    assert.deepEqual(textField('target', ' 10.0.0.1 '), { ok: true, value: '10.0.0.1' });
    for (const bad of ['', '   ', 42, null, undefined, {}]) assert.equal(textField('target', bad).ok, false);
  });

  it('shortens a huge value in the message', () => {
    const r = textField('target', 7);
    assert.equal(r.ok, false);
    const long = integerField('count', 'x'.repeat(10_000), 1, 100);
    assert.ok(!long.ok && long.message.length < 200, 'the message stays short');
  });

  it('wants the request to be an object', () => {
    for (const bad of [null, undefined, 'x', 3, []]) {
      const r = requestObject(bad);
      assert.equal(r.ok, false);
      if (!r.ok) assert.match(r.message, /the probe request must be an object/);
    }
    assert.equal(requestObject({ target: 'x' }).ok, true);
  });
});
