import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ConnectorProcess, ConnectorReport, Gathered } from '../../../../contract/evidence';
import { gatherConnectors } from '../connectors/gather-connectors';
import { gatherLocal } from '../local/gather-local';
import { readPingGroupRangeFile } from '../local/ping-group-range';
import { gathered, notGathered } from '../gathered';
import { CONNECTOR_REPORT_SCHEMA, parseConnectorReport } from './connector-report';
import { failureOf, failureReason, valueOf } from './testing';

const SOURCE = 'connector.json';

function connector(partial: Partial<ConnectorProcess> = {}): ConnectorProcess {
  return {
    kind: 'cloudflared',
    pid: 4242,
    command: ['cloudflared', '--no-autoupdate', 'tunnel', 'run'],
    uids: [65532, 65532, 65532, 65532],
    gids: [65532, 65532, 65532, 65532],
    groups: [65532],
    netns: 'net:[4026532441]',
    sameNetnsAsUs: false,
    pingGroupRange: gathered({ low: 1, high: 0 }, 'nsenter --net=/proc/4242/ns/net -- cat /proc/sys/net/ipv4/ping_group_range'),
    environment: gathered({ TUNNEL_TRANSPORT_PROTOCOL: 'http2' }, '/proc/4242/environ'),
    container: 'docker',
    ...partial,
  };
}

async function realReport(connectors?: Gathered<ConnectorProcess[]>): Promise<ConnectorReport> {
  return {
    schema: CONNECTOR_REPORT_SCHEMA,
    createdAt: new Date().toISOString(),
    app: { version: '0.1.0' },
    local: await gatherLocal(),
    connectors: connectors ?? (await gatherConnectors()),
    cloudflared: {
      ok: true,
      value: {
        requestedTransport: { value: 'http2', from: 'env', detail: 'TUNNEL_TRANSPORT_PROTOCOL=http2 in the environment of pid 4242' },
        registered: [{ transport: 'http2', evidence: { text: 'INF Registered tunnel connection connIndex=0 connection=… event=0 ip=198.41.200.13 location=nrt01 protocol=http2', line: 12 } }],
        fallbackToHttp2: null,
        quicTried: false,
        gidOutsideRange: { gid: 65532, low: 1, high: 0, evidence: { text: 'error="Group ID 65532 is not between ping group 1 to 0"', line: 4 } },
        icmpProxyDisabled: { text: 'WRN ICMP proxy feature is disabled error="cannot create ICMPv4 proxy: Group ID 65532 is not between ping group 1 to 0"', line: 5 },
        icmpRequests: null,
        icmpReplies: null,
        quickTunnel: null,
        configPath: null,
        sources: ['/var/log/cloudflared.log'],
        version: { value: '2023.7.3', from: 'log', evidence: { text: 'INF Version 2023.7.3', line: 1 } },
        startTransport: { value: 'http2', evidence: { text: 'INF Initial protocol http2', line: 3 } },
        startConfigPath: '/etc/cloudflared/config.yml',
        configProtocol: { value: 'http2', line: 2 },
        dialFailures: { count: 3, transport: 'quic', first: { text: 'ERR failed to dial to edge with quic', line: 6 }, last: { text: 'ERR failed to dial to edge with quic', line: 9 } },
        icmpProxySources: [{ text: 'INF ICMP proxy will use 10.77.0.1 as source for IPv4', line: 2 }],
        gidRangeUnparsed: null,
        readiness: { url: 'http://127.0.0.1:20241/ready', status: 503, readyConnections: 0 },
        runStartSeen: true,
      },
      source: '/var/log/cloudflared.log',
      at: new Date().toISOString(),
    },
  };
}

describe('parseConnectorReport: reports as --connector writes them', () => {
  it('a report gathered on this host round-trips through JSON unchanged', async () => {
    const report = await realReport();
    const parsed = parseConnectorReport(JSON.stringify(report, null, 2), SOURCE);
    assert.deepEqual(valueOf(parsed), report);
    assert.equal(parsed.source, SOURCE);
  });

  it("two cloudflared processes' own evidence round-trips by pid; a malformed entry is refused by its path", async () => {
    const report = await realReport({ ok: true, value: [connector(), connector({ pid: 4343 })], source: '/proc', at: new Date().toISOString() });
    const own = report.cloudflared!;
    const withApart: ConnectorReport = { ...report, cloudflaredPerConnector: [{ pid: 4242, cloudflared: own }, { pid: 4343, cloudflared: own }] };
    assert.deepEqual(valueOf(parseConnectorReport(JSON.stringify(withApart), SOURCE)).cloudflaredPerConnector?.map((entry) => entry.pid), [4242, 4343]);
    const broken = { ...withApart, cloudflaredPerConnector: [{ pid: -1, cloudflared: own }] };
    failureOf(parseConnectorReport(JSON.stringify(broken), SOURCE), 'UNPARSEABLE', /report\.cloudflaredPerConnector\[0\]\.pid/);
  });

  it("cloudflared's sources travel as messages (and its places and the request's detail), all or none; an older report without them reads as before", async () => {
    const report = await realReport();
    const own = report.cloudflared!;
    if (!own.ok) assert.fail('cloudflared evidence expected');
    const detailMessage = { key: 'source.cloudflared.requested.env', params: { raw: 'http2', pid: 4242 } };
    const sourceMessages = [{ key: 'source.cloudflared.log-via', params: { log: '/var/log/cloudflared.log', lead: { key: 'gather.lead.log-given' } } }];
    const value = { ...own.value, requestedTransport: { ...own.value.requestedTransport!, detailMessage }, sourceMessages, places: ['/var/log/cloudflared.log'] };
    const withMessages: ConnectorReport = { ...report, cloudflared: { ...own, value } };
    assert.deepEqual(valueOf(parseConnectorReport(JSON.stringify(withMessages), SOURCE)).cloudflared, withMessages.cloudflared);
    // One that is not a bounded message drops the list (sources stay, in English).
    const hostile = { ...withMessages, cloudflared: { ...own, value: { ...value, sourceMessages: [...sourceMessages, { key: 'has spaces' }] } } };
    const read = valueOf(parseConnectorReport(JSON.stringify(hostile), SOURCE)).cloudflared;
    assert.ok(read?.ok);
    assert.equal(read.value.sourceMessages, undefined);
    assert.deepEqual(read.value.sources, own.value.sources);
    assert.ok(!('sourceMessages' in read.value));
  });

  it('failed facts (permission denied, not applicable) are kept as failures', async () => {
    const denied = notGathered<ConnectorProcess[]>('PERMISSION_DENIED', 'run `sudo icmp-doctor check --connector`', '/proc (120 processes)');
    const report = { ...(await realReport(denied)), cloudflared: null };
    assert.deepEqual(valueOf(parseConnectorReport(JSON.stringify(report), SOURCE)), report);
  });

  it("a failure's reason travels with it; a reason that is not a bounded message is dropped, its English kept", async () => {
    const missing = await readPingGroupRangeFile('/nonexistent/ping_group_range', 'nsenter …');
    assert.equal(missing.ok ? null : missing.reason?.key, 'gather.range.missing');
    const kept = valueOf(parseConnectorReport(JSON.stringify({ ...(await realReport(gathered([connector({ pingGroupRange: missing })], '/proc'))), cloudflared: null }), SOURCE));
    const range = kept.connectors.ok ? kept.connectors.value[0]?.pingGroupRange : undefined;
    assert.deepEqual(range, missing);

    let deep: unknown = { key: 'gather.range.missing', params: { path: '/x' } };
    for (let i = 0; i < 1_000; i++) deep = { key: 'gather.lead.at', params: { problem: deep, lead: 'x' } };
    for (const reason of [deep, 'not a message', { key: 'has spaces in it' }, { key: 'gather.range.missing', params: { path: 'x'.repeat(10_000) } }]) {
      const hostile = { ...(missing as object), reason };
      const report = { ...(await realReport(gathered([connector({ pingGroupRange: hostile as typeof missing })], '/proc'))), cloudflared: null };
      const parsed = valueOf(parseConnectorReport(JSON.stringify(report), SOURCE));
      const read = parsed.connectors.ok ? parsed.connectors.value[0]?.pingGroupRange : undefined;
      assert.equal(read?.ok, false);
      assert.equal(read && !read.ok ? read.reason : 'no failure', undefined, 'the hostile reason is dropped');
      assert.equal(read && !read.ok ? read.message : '', missing.ok ? '' : missing.message);
    }
  });

  it('connector environments pass the same allowlist as on the host: a secret in a hand-edited report is dropped', async () => {
    const edited = connector({ environment: gathered({ TUNNEL_TRANSPORT_PROTOCOL: 'http2', TUNNEL_TOKEN: 'eyJzZWNyZXQiOnRydWV9' }, '/proc/4242/environ') });
    const report = await realReport(gathered([edited], '/proc (99 processes)'));
    const parsed = valueOf(parseConnectorReport(JSON.stringify(report), SOURCE));
    assert.ok(parsed.connectors.ok);
    assert.deepEqual(parsed.connectors.ok && parsed.connectors.value[0]?.environment, { ...edited.environment, value: { TUNNEL_TRANSPORT_PROTOCOL: 'http2' } });
    assert.ok(!JSON.stringify(parsed).includes('eyJzZWNyZXQiOnRydWV9'));
  });
});

describe('parseConnectorReport: what is wrong, by name', () => {
  async function withChange(change: (report: Record<string, unknown>) => void): Promise<string> {
    const report = JSON.parse(JSON.stringify(await realReport(gathered([connector()], '/proc')))) as Record<string, unknown>;
    change(report);
    return JSON.stringify(report);
  }

  it('a newer schema version', async () => {
    const text = await withChange((r) => (r.schema = 'icmp-doctor/connector-report@2'));
    failureOf(parseConnectorReport(text, SOURCE), 'UNPARSEABLE', /schema is "icmp-doctor\/connector-report@2", a version this ICMP Doctor cannot read \(it reads icmp-doctor\/connector-report@1\)/);
  });
  it('a diagnostic report given as a connector report', () => {
    failureOf(parseConnectorReport('{"schema":"icmp-doctor/report@1","findings":[]}', SOURCE), 'UNPARSEABLE', /a diagnostic report \(icmp-doctor\/report@1\), not a connector report/, /--connector/);
  });
  it('no schema at all', () => failureOf(parseConnectorReport('{"local":{}}', SOURCE), 'UNPARSEABLE', /no "schema" field/));
  for (const [text, shown] of [['[]', 'a list'], ['42', '42'], ['"report"', '"report"'], ['null', 'nothing'], ['true', 'true']] as const) {
    it(`JSON that is not an object: ${text}`, () => failureOf(parseConnectorReport(text, SOURCE), 'UNPARSEABLE', new RegExp(`is ${shown.replace(/[()[\]]/g, '\\$&')} in JSON, not an object`)));
  }
  it('not JSON', () => failureOf(parseConnectorReport('schema: icmp-doctor/connector-report@1\n', SOURCE), 'UNPARSEABLE', /not valid JSON/));
  it('truncated JSON', async () => {
    const text = await withChange(() => {});
    failureOf(parseConnectorReport(text.slice(0, text.length / 2), SOURCE), 'UNPARSEABLE', /not valid JSON/);
  });
  it('three gids instead of four', async () => {
    const text = await withChange((r) => ((r.connectors as { value: Array<{ gids: number[] }> }).value[0]!.gids = [1, 2, 3]));
    const reason = failureReason(parseConnectorReport(text, SOURCE), 'UNPARSEABLE', /report\.connectors\.value\[0\]\.gids should be a list of 4/);
    assert.equal(reason.key, 'gather.report.malformed');
    assert.deepEqual((reason.params?.['problem'] as { params?: unknown }).params, { path: 'report.connectors.value[0].gids', shape: 'list4', got: { key: 'gather.value.list' } });
  });
  it('an unknown failure code', async () => {
    const text = await withChange((r) => ((r.local as Record<string, unknown>).identity = { ok: false, code: 'OOPS', message: 'x', source: 's', at: 't' }));
    failureOf(parseConnectorReport(text, SOURCE), 'UNPARSEABLE', /report\.local\.identity\.code should be one of NOT_FOUND, PERMISSION_DENIED/);
  });
  it('a missing part', async () => {
    const text = await withChange((r) => delete (r.local as Record<string, unknown>).pingGroupRange);
    failureOf(parseConnectorReport(text, SOURCE), 'UNPARSEABLE', /report\.local\.pingGroupRange should be a gathered fact \(\{ok, …\}\), but is missing/);
  });
  it('a negative group ID', async () => {
    const text = await withChange((r) => ((r.connectors as { value: Array<{ groups: number[] }> }).value[0]!.groups = [-1]));
    failureOf(parseConnectorReport(text, SOURCE), 'UNPARSEABLE', /report\.connectors\.value\[0\]\.groups\[0\] should be a user or group ID/);
  });
  it('an unknown transport in the cloudflared evidence', async () => {
    const text = await withChange((r) => ((r.cloudflared as { value: { registered: Array<{ transport: string }> } }).value.registered[0]!.transport = 'udp'));
    failureOf(parseConnectorReport(text, SOURCE), 'UNPARSEABLE', /report\.cloudflared\.value\.registered\[0\]\.transport should be one of quic, http2, but is "udp"/);
  });
  it('a createdAt that is not a time', async () => {
    const text = await withChange((r) => (r.createdAt = 'yesterday'));
    failureOf(parseConnectorReport(text, SOURCE), 'UNPARSEABLE', /report\.createdAt should be an ISO 8601 time/);
  });
});
