// Two cloudflared processes on one host: each gets its own verdict from its own evidence, and
// the host-wide findings never carry one process's facts in the other's fix.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { cloudflared, connector, connectorReport, connectors, evidence, gathered, inputs, remediationText } from '../../test-support/checks/evidence';
import { rootCauses } from './causes/index';
import { runChecks } from './checks/index';
import { connectorVerdicts, evidenceForConnector, rollUpVerdicts, verdictsOf } from './connector-verdicts';

const cloudflare = inputs({ product: 'cloudflare' });

/** pid 100: told `--protocol http2`, config /etc/a.yml, gid 0 under `0 2147483647`; pid 200: quic, config /etc/b.yml, gid 65532 under `1 0`. */
function twoConnectors() {
  const a = connector({
    pid: 100,
    command: ['/usr/bin/cloudflared', 'tunnel', '--protocol', 'http2', '--config', '/etc/a.yml', 'run'],
    pingGroupRange: gathered({ low: 0, high: 2147483647 }, '/proc/100/ns/net: net.ipv4.ping_group_range'),
  });
  const b = connector({
    pid: 200,
    command: ['/opt/cf/cloudflared-b', 'tunnel', '--config', '/etc/b.yml', 'run'],
    uids: [65532, 65532, 65532, 65532],
    gids: [65532, 65532, 65532, 65532],
    pingGroupRange: gathered({ low: 1, high: 0 }, '/proc/200/ns/net: net.ipv4.ping_group_range'),
  });
  const ofA = cloudflared({ requestedTransport: { value: 'http2', from: 'flag', detail: '--protocol http2 (pid 100)' }, configPath: '/etc/a.yml' }, 'flags of pid 100');
  const ofB = cloudflared({ requestedTransport: { value: 'quic', from: 'config', detail: 'protocol: quic in /etc/b.yml' }, configPath: '/etc/b.yml' }, 'flags of pid 200');
  return evidence((e) => {
    e.connectors = connectors(a, b);
    e.cloudflared = ofA;
    e.cloudflaredPerConnector = [
      { pid: 100, cloudflared: ofA },
      { pid: 200, cloudflared: ofB },
    ];
  });
}

describe('one verdict per connector process', () => {
  it('gives each connector the checks run on its own process and its own cloudflared evidence', () => {
    const verdicts = connectorVerdicts(twoConnectors(), cloudflare, runChecks);
    assert.deepEqual(
      verdicts.map((v) => [v.connector.pid, v.connector.executable, v.connector.configPath]),
      [
        [100, '/usr/bin/cloudflared', '/etc/a.yml'],
        [200, '/opt/cf/cloudflared-b', '/etc/b.yml'],
      ],
    );
    const [a, b] = verdicts;
    const status = (v: typeof a, id: string) => v?.findings.find((f) => f.id === id)?.status;
    assert.equal(status(a, 'tunnel-transport'), 'fail');
    assert.equal(status(b, 'tunnel-transport'), 'pass');
    assert.equal(status(a, 'connector-gid-range'), 'pass');
    assert.equal(status(b, 'connector-gid-range'), 'fail');
    assert.deepEqual(a?.causes, ['tunnel-transport']);
    assert.deepEqual(b?.causes, ['connector-gid-range']);
  });

  it('never puts one process\'s config path into the other\'s fix', () => {
    const [a, b] = connectorVerdicts(twoConnectors(), cloudflare, runChecks);
    const fixesOf = (v: typeof a) => (v?.findings ?? []).map(remediationText).join('\n');
    assert.match(fixesOf(a), /\/etc\/a\.yml/);
    assert.doesNotMatch(fixesOf(a), /\/etc\/b\.yml|cloudflared-b/);
    assert.doesNotMatch(fixesOf(b), /\/etc\/a\.yml/);
  });

  it('rolls up per id the worst finding, whole, and says whose it is where the connectors differ', () => {
    const { findings, connectors: verdicts } = verdictsOf(twoConnectors(), cloudflare, runChecks);
    assert.equal(verdicts.length, 2);
    const transport = findings.find((f) => f.id === 'tunnel-transport');
    const gid = findings.find((f) => f.id === 'connector-gid-range');
    assert.deepEqual([transport?.status, transport?.connector], ['fail', { kind: 'cloudflared', pid: 100 }]);
    assert.deepEqual([gid?.status, gid?.connector], ['fail', { kind: 'cloudflared', pid: 200 }]);
    // The same finding as the connector's own: nothing of the other process in it.
    assert.deepEqual({ ...transport, connector: undefined }, { ...verdicts[0]?.findings.find((f) => f.id === 'tunnel-transport'), connector: undefined });
    assert.deepEqual(new Set(rootCauses(findings)), new Set(['tunnel-transport', 'connector-gid-range']));
    // Where every connector agrees, no connector is named.
    const local = findings.find((f) => f.id === 'local-icmp-socket');
    assert.equal(local?.connector, undefined);
  });

  it('keeps one connector (or none) as it always was: no per-connector verdicts, no tags', () => {
    const one = evidence((e) => {
      e.connectors = connectors(connector({ pid: 100, command: ['/usr/bin/cloudflared', 'tunnel', '--protocol', 'http2', 'run'] }));
      e.cloudflared = cloudflared({ requestedTransport: { value: 'http2', from: 'flag', detail: '--protocol http2 (pid 100)' } });
    });
    const { findings, connectors: verdicts } = verdictsOf(one, cloudflare, runChecks);
    assert.deepEqual(verdicts, []);
    assert.deepEqual(findings, runChecks(one, cloudflare));
    assert.ok(findings.every((f) => f.connector === undefined));
  });

  it('gives per-connector verdicts the same way from an imported connector report with two processes', () => {
    const here = twoConnectors();
    const imported = connectorReport('connector.json', { connectors: here.connectors!, cloudflared: here.cloudflared });
    const withPerConnector = imported.ok ? { ...imported, value: { ...imported.value, cloudflaredPerConnector: here.cloudflaredPerConnector } } : imported;
    const away = evidence((e) => {
      e.imported.connectorReports = [withPerConnector];
    });
    const { findings, connectors: verdicts } = verdictsOf(away, cloudflare, runChecks);
    assert.deepEqual(verdicts.map((v) => [v.connector.pid, v.connector.configPath, v.causes]), [
      [100, '/etc/a.yml', ['tunnel-transport']],
      [200, '/etc/b.yml', ['connector-gid-range']],
    ]);
    const fixesOf = (v: (typeof verdicts)[number] | undefined) => (v?.findings ?? []).map(remediationText).join('\n');
    assert.doesNotMatch(fixesOf(verdicts[0]), /\/etc\/b\.yml|cloudflared-b/);
    assert.doesNotMatch(fixesOf(verdicts[1]), /\/etc\/a\.yml/);
    assert.deepEqual(findings.find((f) => f.id === 'tunnel-transport')?.connector, { kind: 'cloudflared', pid: 100 });
    assert.deepEqual(findings.find((f) => f.id === 'connector-gid-range')?.connector, { kind: 'cloudflared', pid: 200 });
    // A report with one process (or from before) changes nothing.
    const one = evidence((e) => {
      e.imported.connectorReports = [connectorReport('old.json', { connectors: connectors(connector({ pid: 100 })) })];
    });
    assert.deepEqual(verdictsOf(one, cloudflare, runChecks).connectors, []);
  });

  it('gives a process of another kind no cloudflared evidence', () => {
    const e = twoConnectors();
    const twingate = connector({ kind: 'twingate', pid: 300, command: ['/usr/bin/twingate-connector'] });
    assert.equal(evidenceForConnector(e, twingate).cloudflared, null);
    assert.equal(rollUpVerdicts([]).length, 0);
  });

  it('gives two Twingate connectors their own verdicts too (any kind, not only cloudflared)', () => {
    const inRange = connector({ kind: 'twingate', pid: 400, command: ['/usr/bin/twingate-connector'], uids: [0, 0, 0, 0], gids: [0, 0, 0, 0], pingGroupRange: gathered({ low: 0, high: 2147483647 }, '/proc/400/ns/net') });
    const outside = connector({ kind: 'twingate', pid: 500, command: ['/usr/bin/twingate-connector'], uids: [65532, 65532, 65532, 65532], gids: [65532, 65532, 65532, 65532], pingGroupRange: gathered({ low: 1, high: 0 }, '/proc/500/ns/net') });
    const e = evidence((e) => (e.connectors = connectors(inRange, outside)));
    const verdicts = connectorVerdicts(e, inputs({ product: 'twingate' }), runChecks);
    const gid = (pid: number) => verdicts.find((v) => v.connector.pid === pid)?.findings.find((f) => f.id === 'connector-gid-range');
    assert.deepEqual([gid(400)?.status, gid(500)?.status], ['pass', 'fail']);
    assert.deepEqual(verdicts.find((v) => v.connector.pid === 500)?.causes, ['connector-gid-range']);
  });
});
