// resolveTarget's answers that need no resolver: IP literals and names refused for their shape.
// Host names go through the real system resolver in the lab (e2e/core/resolve-target.test.ts),
// which also shows that none of these cases consults it.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { resolveTarget } from './resolve-target';

describe('resolveTarget without a resolver', () => {
  it('passes IP literals through, marked as not a host name', async () => {
    assert.deepEqual(await resolveTarget('192.0.2.1'), {
      ok: true,
      value: { input: '192.0.2.1', address: '192.0.2.1', family: 4, isHostName: false },
    });
    assert.deepEqual(await resolveTarget('2001:db8::5', { family: 6 }), {
      ok: true,
      value: { input: '2001:db8::5', address: '2001:db8::5', family: 6, isHostName: false },
    });
  });

  it('refuses a literal of the other family', async () => {
    assert.deepEqual(await resolveTarget('::1', { family: 4 }), {
      ok: false,
      code: 'FAMILY_MISMATCH',
      message: '::1: this is an IPv6 address, but IPv4 was requested',
    });
    const v4 = await resolveTarget('192.0.2.1', { family: 6 });
    assert.equal(!v4.ok && v4.code, 'FAMILY_MISMATCH');
  });

  it('refuses literals that are not one host', async () => {
    for (const input of ['0.0.0.0', '::', '224.0.0.1', 'ff02::1', '255.255.255.255', '::ffff:192.0.2.1']) {
      const result = await resolveTarget(input);
      assert.equal(!result.ok && result.code, 'NOT_UNICAST', input);
    }
    const zone = await resolveTarget('fe80::1%eth0');
    assert.equal(!zone.ok && zone.code, 'INVALID_TARGET');
  });

  it('refuses malformed names', async () => {
    for (const input of ['', '10.1', '300.1.1.1', 'a..b', 'bad host', `${'a'.repeat(64)}.com`, '1:2:3', 'bad_host!']) {
      const result = await resolveTarget(input);
      assert.equal(!result.ok && result.code, 'INVALID_TARGET', input);
    }
  });

  it('a signal that is already aborted ends it at once', async () => {
    const controller = new AbortController();
    controller.abort();
    assert.deepEqual(await resolveTarget('192.0.2.1', { signal: controller.signal }), {
      ok: false,
      code: 'ABORTED',
      message: '192.0.2.1: name resolution was cancelled',
    });
  });
});
