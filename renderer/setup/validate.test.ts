import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { accountError, optional, parsePort, portError, targetError, urlError } from './validate';

describe('Setup validation', () => {
  it('accepts IPv4, IPv6 and host names, and an empty target', () => {
    for (const good of ['', '10.0.0.5', ' 10.200.2.2 ', 'fd00:200:2::2', '::1', 'fe80::1%eth0', '::ffff:10.0.0.1', 'db.internal', 'server.lab.', 'a-b.example.com', 'localhost']) {
      assert.equal(targetError(good), null, good);
    }
  });

  it('refuses what is neither', () => {
    for (const bad of ['10.0.0.256', '10.0.0', 'http://10.0.0.5', 'host name', '-bad.example', 'bad-.example', '1::2::3', 'a'.repeat(64), '10.0.0.5:22']) {
      assert.equal(targetError(bad), 'target', bad);
    }
  });

  it('ports are whole numbers 1-65535', () => {
    assert.equal(portError(''), null);
    assert.equal(parsePort(''), null);
    assert.equal(parsePort(' 443 '), 443);
    for (const bad of ['0', '65536', '22.5', '-1', 'ssh', '1e3']) {
      assert.equal(portError(bad), 'port', bad);
      assert.equal(parsePort(bad), null, bad);
    }
  });

  it('metrics URLs are http(s); account ids are 32 hex digits', () => {
    assert.equal(urlError('http://127.0.0.1:20241'), null);
    assert.equal(urlError('ftp://x'), 'url');
    assert.equal(urlError('127.0.0.1:20241'), 'url');
    assert.equal(accountError('0123456789abcdef0123456789ABCDEF'), null);
    assert.equal(accountError('0123456789abcdef'), 'account');
    assert.equal(optional('  '), null);
    assert.equal(optional(' x '), 'x');
  });
});
