import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseAddress, parseIpv4, parseIpv6, parsePrefix, prefixContains } from './address';

describe('address parsing', () => {
  it('reads IPv4 literals and rejects near misses', () => {
    assert.equal(parseIpv4('10.200.1.2'), (10n << 24n) | (200n << 16n) | (1n << 8n) | 2n);
    for (const bad of ['10.200.1', '10.200.1.256', '010.1.1.1', '1.2.3.4.5', ' 1.2.3.4', 'a.b.c.d', '']) assert.equal(parseIpv4(bad), null, bad);
  });

  it('reads IPv6 literals: compressed, full, embedded IPv4, zones', () => {
    assert.equal(parseIpv6('::1'), 1n);
    assert.equal(parseIpv6('fd00:2021:1111:8000::'), parseIpv6('fd00:2021:1111:8000:0:0:0:0'));
    assert.equal(parseIpv6('::ffff:10.0.0.1'), (0xffffn << 32n) | (10n << 24n) | 1n);
    assert.equal(parseIpv6('fe80::1%eth0'), parseIpv6('fe80::1'));
    for (const bad of ['1::2::3', '1:2:3:4:5:6:7:8:9', '12345::', 'g::1', ':::', '1:2:3:4:5:6:7']) assert.equal(parseIpv6(bad), null, bad);
    assert.equal(parseAddress('db.internal'), null);
  });

  it('tests prefix membership per family', () => {
    const v4 = parsePrefix('100.96.0.0/11');
    const v6 = parsePrefix('fd00:2021:1111:8000::/107');
    assert.ok(v4 && v6);
    const at = (text: string) => parseAddress(text) ?? assert.fail(text);
    assert.ok(prefixContains(v4, at('100.96.0.1')));
    assert.ok(prefixContains(v4, at('100.127.255.255')));
    assert.ok(!prefixContains(v4, at('100.128.0.0')));
    assert.ok(prefixContains(v6, at('fd00:2021:1111:8000::1f:ffff')));
    assert.ok(!prefixContains(v6, at('fd00:2021:1111:8000::20:0')));
    assert.ok(!prefixContains(v4, at('fd00:2021:1111:8000::1')));
    for (const bad of ['10.0.0.0', '10.0.0.0/33', '10.0.0.0/a', '::/129', '1.2.3.4/8/9']) assert.equal(parsePrefix(bad), null, bad);
  });
});
