// From typed targets to the addresses a sweep probes: prefixes expanded, duplicates collapsed
// and reported, and a bad entry named with its file and line.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { buildTargetList } from './ping-targets';

const signal = new AbortController().signal;

describe('buildTargetList', () => {
  it('expands prefixes in place and collapses duplicates, saying which', async () => {
    const list = await buildTargetList(
      [
        { text: '192.0.2.2', origin: null },
        { text: '192.0.2.0/30', origin: null },
        { text: '192.0.2.9', origin: 'hosts.txt:4' },
        { text: '192.0.2.9', origin: 'hosts.txt:7' },
      ],
      null,
      signal,
    );
    assert.ok(list.ok, list.ok ? '' : list.message);
    assert.deepEqual(
      list.value.targets.map((target) => target.address),
      ['192.0.2.2', '192.0.2.1', '192.0.2.9'],
    );
    assert.deepEqual(list.value.duplicates, ['192.0.2.2 from 192.0.2.0/30', '192.0.2.9 (hosts.txt:7)']);
  });

  it('names the file and line of a bad entry, escaped', async () => {
    const list = await buildTargetList(
      [
        { text: '192.0.2.1', origin: 'hosts.txt:1' },
        { text: 'bad_host!', origin: 'hosts.txt:2' },
      ],
      null,
      signal,
    );
    assert.ok(!list.ok);
    assert.match(list.message, /^hosts\.txt:2: bad_host!: not an IP address or a valid host name/);
    const prefix = await buildTargetList([{ text: '10.0.0.0/8', origin: 'hosts.txt:9' }], null, signal);
    assert.ok(!prefix.ok);
    assert.match(prefix.message, /^hosts\.txt:9: 10\.0\.0\.0\/8: 16,777,214 addresses; a sweep takes at most 65,536/);
  });

  it('refuses a prefix of the other family under -4/-6, and an empty list', async () => {
    const six = await buildTargetList([{ text: 'fd00::/126', origin: null }], 4, signal);
    assert.ok(!six.ok);
    assert.equal(six.message, 'fd00::/126: an IPv6 prefix, but -4 asks for IPv4');
    const none = await buildTargetList([], null, signal);
    assert.ok(!none.ok);
    assert.match(none.message, /^no targets/);
  });
});
