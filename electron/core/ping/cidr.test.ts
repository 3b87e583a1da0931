// CIDR expansion as fping -g does it, the limit, and the IPv6 text form.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { expandCidr, MAX_SWEEP_ADDRESSES } from './cidr';

function addresses(text: string): string[] {
  const result = expandCidr(text);
  assert.ok(result.ok, result.ok ? '' : result.message);
  return result.value.addresses;
}

describe('expandCidr', () => {
  it('IPv4 /28 leaves out the network and broadcast addresses', () => {
    const hosts = addresses('10.0.0.0/28');
    assert.equal(hosts.length, 14);
    assert.equal(hosts[0], '10.0.0.1');
    assert.equal(hosts[13], '10.0.0.14');
  });

  it('/31 keeps both addresses and /32 is the one address', () => {
    assert.deepEqual(addresses('192.0.2.6/31'), ['192.0.2.6', '192.0.2.7']);
    assert.deepEqual(addresses('192.0.2.6/32'), ['192.0.2.6']);
  });

  it('clears host bits and carries across octets', () => {
    const result = expandCidr('10.0.0.77/23');
    assert.ok(result.ok);
    assert.equal(result.value.prefix, '10.0.0.0/23');
    assert.equal(result.value.addresses.length, 510);
    assert.equal(result.value.addresses[255], '10.0.1.0');
    assert.equal(result.value.addresses.at(-1), '10.0.1.254');
  });

  it('IPv6 /120 leaves out the Subnet-Router anycast address and prints RFC 5952 text', () => {
    const hosts = addresses('FD00:0:0::0/120');
    assert.equal(hosts.length, 255);
    assert.equal(hosts[0], 'fd00::1');
    assert.equal(hosts.at(-1), 'fd00::ff');
    assert.deepEqual(addresses('2001:db8:0:1::/127'), ['2001:db8:0:1::', '2001:db8:0:1::1']);
    assert.deepEqual(addresses('2001:db8::1:0:0:1/128'), ['2001:db8::1:0:0:1']);
  });

  it('a /16 fits the limit; a /15 and an IPv6 /64 are refused naming the limit', () => {
    assert.equal(addresses('10.1.0.0/16').length, 65_534);
    for (const text of ['10.0.0.0/15', 'fd00::/64']) {
      const result = expandCidr(text);
      assert.ok(!result.ok);
      assert.equal(result.code, 'CIDR_TOO_LARGE');
      assert.match(result.message, new RegExp(`^${text.replace(/[./]/g, '\\$&')}: [\\d,]+ addresses; a sweep takes at most 65,536`));
    }
    assert.equal(MAX_SWEEP_ADDRESSES, 65_536);
  });

  it('refuses malformed prefixes with what to write', () => {
    for (const [text, pattern] of [
      ['10.0.0/24', /not a CIDR prefix/],
      ['10.0.0.0/33', /from 0 to 32 for IPv4/],
      ['fd00::/129', /from 0 to 128 for IPv6/],
      ['10.0.0.0/', /from 0 to 32/],
      ['10.0.0.0/2x', /from 0 to 32/],
      ['host.example/24', /not a CIDR prefix/],
    ] as const) {
      const result = expandCidr(text);
      assert.ok(!result.ok, text);
      assert.match(result.message, pattern, text);
    }
  });
});
