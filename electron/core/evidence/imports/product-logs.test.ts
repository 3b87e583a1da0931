// The Twingate connector log, Firezone gateway log and Firezone resource parsers, on the samples
// in testdata/ (README-product-logs.md says where each comes from).

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Gathered } from '../../../../contract/evidence';
import { parseFirezoneLog } from './firezone-log';
import { parseFirezoneResources } from './firezone-resource';
import { parseTwingateLog } from './twingate-log';
import { sample, valueOf } from './testing';

function reasonKey(result: Gathered<unknown>, code: string): string | undefined {
  assert.equal(result.ok, false, JSON.stringify(result).slice(0, 300));
  const failure = result as { code: string; reason?: { key: string } };
  assert.equal(failure.code, code);
  return failure.reason?.key;
}

describe('parseTwingateLog', () => {
  it('the lines of Twingate’s "Gone, code 410" article: the last state, no ICMP refusal', () => {
    const log = valueOf(parseTwingateLog(sample('twingate-connector-gone-410.log'), 'connector.log'));
    assert.deepEqual(log.state, { value: 'Error', quoted: { line: 1, text: '[INFO] [connector] State: Error' } });
    assert.deepEqual(log.icmpDenied, []);
    assert.equal(log.version, null);
  });

  it('a journal export where the ping socket was refused: that line, without the journal prefix', () => {
    const log = valueOf(parseTwingateLog(sample('twingate-connector-socket-refused.log'), 'journalctl -u twingate-connector'));
    assert.deepEqual(log.icmpDenied, [{ line: 3, text: '[WARN] [libsdwan] icmp: failed to open ping socket: Permission denied' }]);
    assert.equal(log.state?.value, 'Online');
  });

  it('a line naming ping_group_range counts as a refusal; an HTTP "permission denied" does not', () => {
    const log = valueOf(
      parseTwingateLog('[ERROR] [libsdwan] resource 10.0.0.5:443: permission denied\n[WARN] [connector] GID 65532 is not within net.ipv4.ping_group_range "1 0"\n', 'x'),
    );
    assert.deepEqual(
      log.icmpDenied.map((d) => d.line),
      [2],
    );
  });

  it('a version when a connector line names one', () => {
    const log = valueOf(parseTwingateLog('[INFO] [connector] Twingate Connector version: 1.72.0\n', 'x'));
    assert.equal(log.version?.value, '1.72.0');
  });

  it('text that is no Twingate log is refused, by key', () => {
    assert.equal(reasonKey(parseTwingateLog('2023-07-05T20:47:27Z INF Starting tunnel tunnelID=abc\n', 'x'), 'UNPARSEABLE'), 'gather.twingate-log.not-twingate');
    assert.equal(reasonKey(parseTwingateLog('', 'x'), 'UNPARSEABLE'), 'gather.input.empty');
  });
});

describe('parseFirezoneLog', () => {
  it('the start line of gateway 1.4.12 gives the version', () => {
    const log = valueOf(parseFirezoneLog(sample('firezone-gateway-1.4.12.log'), 'gateway.log'));
    assert.equal(log.version?.value, '1.4.12');
    assert.equal(log.version?.quoted.line, 1);
  });

  it('the JSON log format and colour codes', () => {
    const json = '{"timestamp":"2025-07-01T09:12:44.512Z","level":"INFO","fields":{"message":"`gateway` started logging","arch":"x86_64","version":"1.5.2"},"target":"firezone_gateway"}';
    assert.equal(valueOf(parseFirezoneLog(json, 'x')).version?.value, '1.5.2');
    const ansi = '\u001b[2m2025-07-01T09:12:44.512Z\u001b[0m \u001b[32m INFO\u001b[0m \u001b[2mfirezone_gateway:\u001b[0m `gateway` started logging version="1.4.15"';
    assert.equal(valueOf(parseFirezoneLog(ansi, 'x')).version?.value, '1.4.15');
  });

  it('`firezone-gateway --version` output and a pinned image name a version older gateways do not log', () => {
    assert.equal(valueOf(parseFirezoneLog(sample('firezone-gateway-version-1.4.1.txt'), 'x')).version?.value, '1.4.1');
    assert.equal(valueOf(parseFirezoneLog('abc123  ghcr.io/firezone/gateway:1.3.2  "firezone-gateway"  Up 2 days\n', 'docker ps')).version?.value, '1.3.2');
    // The major tag the install scripts use is no version.
    assert.equal(valueOf(parseFirezoneLog('ghcr.io/firezone/gateway:1\n', 'x')).version, null);
  });

  it('a gateway log without a start line: read, with no version', () => {
    const log = valueOf(parseFirezoneLog('2024-11-01T10:00:00.000Z  INFO firezone_gateway::eventloop: Connected to portal\n', 'x'));
    assert.equal(log.version, null);
  });

  it('a cloudflared log is no gateway log', () => {
    assert.equal(reasonKey(parseFirezoneLog('2023-07-05T20:47:27Z INF Starting tunnel tunnelID=abc version="2023.7.3"\n', 'x'), 'UNPARSEABLE'), 'gather.firezone-log.not-gateway');
  });
});

describe('parseFirezoneResources', () => {
  it('the API’s Resource example: TCP 5432 only', () => {
    assert.deepEqual(valueOf(parseFirezoneResources(sample('firezone-resource-prod-db.json'), 'resource.json')), [
      { name: 'Prod DB', address: '10.0.0.10', filters: [{ protocol: 'tcp', ports: ['5432'] }] },
    ]);
  });

  it('the {"data": [...]} envelope; an empty filter list permits everything', () => {
    const text = JSON.stringify({ data: [{ name: 'web', address: 'web.corp', filters: [] }, { name: 'dns', address: '10.0.0.53', filters: [{ protocol: 'udp', ports: ['53'] }, { protocol: 'icmp' }] }] });
    assert.deepEqual(
      valueOf(parseFirezoneResources(text, 'x')).map((r) => [r.name, r.filters.map((f) => f.protocol)]),
      [
        ['web', []],
        ['dns', ['udp', 'icmp']],
      ],
    );
  });

  it('bad input is refused with what is wrong', () => {
    assert.equal(reasonKey(parseFirezoneResources('{"name":"x"}', 'x'), 'UNPARSEABLE'), 'gather.firezone-resource.no-filters');
    assert.equal(reasonKey(parseFirezoneResources('{"name":"x","filters":[{"protocol":"sctp"}]}', 'x'), 'UNPARSEABLE'), 'gather.firezone-resource.bad-protocol');
    assert.equal(reasonKey(parseFirezoneResources('[1, 2]', 'x'), 'UNPARSEABLE'), 'gather.firezone-resource.not-resource');
  });
});
