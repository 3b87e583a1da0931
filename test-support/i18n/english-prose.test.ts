import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { englishProse } from './english-prose';

describe('englishProse', () => {
  it('finds runs of plain English words outside quotes', () => {
    assert.deepEqual(englishProse('the host or the route to it is down'), ['the host or the route to it is down']);
    assert.deepEqual(englishProse('ICMP エラーが戻りません: could not be read'), ['could not be read']);
    assert.deepEqual(englishProse('対処: Follow from these causes: tcp-vs-icmp'), ['Follow from these causes']);
    assert.deepEqual(englishProse('結果: the host is down.'), ['the host is down']);
  });
  it('leaves commands, names, quotes and short technical phrases alone', () => {
    assert.deepEqual(englishProse('sudo sysctl -w net.ipv4.ping_group_range="0 2147483647" を実行します'), []);
    assert.deepEqual(englishProse('「Destination Host Unreachable and more words」 が 10.0.0.1 から返りました'), []);
    assert.deepEqual(englishProse('`kubectl rollout restart deployment/twingate-connector -n twingate` で再起動します'), []);
    assert.deepEqual(englishProse('Zero Trust の ICMP プロキシ'), []);
  });
});
