import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Family } from '../../../native/index';
import { resolveTarget } from './resolve-target';
import type { LookupFunction } from './resolve-target';

function lookupFrom(table: Record<string, Partial<Record<0 | Family, string>>>): LookupFunction {
  return async (name, family) => {
    const address = table[name]?.[family];
    if (address) return { address, family: address.includes(':') ? 6 : 4 };
    throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${name}`), { code: 'ENOTFOUND' });
  };
}

const lookup = lookupFrom({
  dual: { 0: '2001:db8::5', 4: '192.0.2.5', 6: '2001:db8::5' },
  sinkhole: { 0: '0.0.0.0' },
  v4only: { 0: '192.0.2.9', 4: '192.0.2.9' },
});

describe('resolveTarget', () => {
  it('passes IP literals through without a lookup', async () => {
    const result = await resolveTarget('192.0.2.1', { lookup: () => assert.fail('no lookup for a literal') });
    assert.deepEqual(result, { ok: true, value: { input: '192.0.2.1', address: '192.0.2.1', family: 4, isHostName: false } });
  });

  it('honours the family preference for host names', async () => {
    const four = await resolveTarget('dual', { family: 4, lookup });
    const six = await resolveTarget('dual', { family: 6, lookup });
    const unspecified = await resolveTarget('dual', { lookup });
    assert.deepEqual(four.ok && four.value, { input: 'dual', address: '192.0.2.5', family: 4, isHostName: true });
    assert.equal(six.ok && six.value.address, '2001:db8::5');
    assert.equal(unspecified.ok && unspecified.value.family, 6);
  });

  it('refuses a literal of the other family', async () => {
    const result = await resolveTarget('::1', { family: 4 });
    assert.equal(result.ok, false);
    assert.equal(!result.ok && result.code, 'FAMILY_MISMATCH');
  });

  it('names an unknown host and the family asked for', async () => {
    const unknown = await resolveTarget('nosuch', { lookup });
    assert.deepEqual(unknown, {
      ok: false,
      code: 'UNKNOWN_HOST',
      message: 'nosuch: unknown host (no address found, ENOTFOUND); check the name or give an IP address',
    });
    const noV6 = await resolveTarget('v4only', { family: 6, lookup });
    assert.equal(!noV6.ok && noV6.message, 'v4only: unknown host (no IPv6 address found, ENOTFOUND); check the name or give an IP address');
  });

  it('reports a failing resolver as such, not as an unknown host', async () => {
    const failing: LookupFunction = async () => {
      throw Object.assign(new Error('getaddrinfo EAI_AGAIN x'), { code: 'EAI_AGAIN' });
    };
    const result = await resolveTarget('example.org', { lookup: failing });
    assert.equal(!result.ok && result.code, 'RESOLVER_FAILED');
  });

  it('refuses a name that resolves to a non-unicast address (DNS sinkholes)', async () => {
    const result = await resolveTarget('sinkhole', { lookup });
    assert.deepEqual(result, {
      ok: false,
      code: 'NOT_UNICAST',
      message: 'sinkhole: resolves to 0.0.0.0, which is the unspecified address, not a host; give a unicast host address',
    });
  });

  it('refuses malformed names before asking the resolver', async () => {
    for (const input of ['', '10.1', '300.1.1.1', 'a..b', 'bad host', `${'a'.repeat(64)}.com`, '1:2:3']) {
      const result = await resolveTarget(input, { lookup: () => assert.fail(`no lookup for ${input}`) });
      assert.equal(!result.ok && result.code, 'INVALID_TARGET', input);
    }
  });

  it('stops waiting for a slow resolver when aborted', async () => {
    const controller = new AbortController();
    const never: LookupFunction = () => new Promise(() => undefined);
    const pending = resolveTarget('slow.example', { lookup: never, signal: controller.signal });
    controller.abort();
    const result = await pending;
    assert.equal(!result.ok && result.code, 'ABORTED');
  });
});
