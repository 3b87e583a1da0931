// gatherCloudflared over real files, a real journal (journalctl -D on a journal written by
// systemd-journal-remote) and real metrics servers on 127.0.0.1. Every test points the
// default locations into its own temp dir, so nothing on this host leaks in.

import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import type { Message } from '../../../../contract/message';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { CloudflaredEvidence, Gathered } from '../../../../contract/evidence';
import type { CloudflaredRequest } from '../../../../contract/api';
import { gatherCloudflared, type GatherCloudflaredOptions } from './gather-cloudflared';
import { consoleRun, jsonRun } from '../../../../test-support/cloudflared/cloudflared-lines';
import { journalTestTool, writeJournal } from '../../../../test-support/cloudflared/journal';
import { closedPort, startLoopbackServer, type LoopbackServer } from '../../../../test-support/cloudflared/loopback-server';
import { cloudflaredRoutes } from '../../../../test-support/cloudflared/metrics-fixtures';
import { recordedBody, recording } from '../../../../test-support/recordings/cloudflared-2023.7.3';
import { recordedMetricsRoutes } from '../../../../test-support/recordings/cloudflared-2023.7.3';
import type { ConnectorProcess } from '../../../../contract/evidence';
import { msg } from '../../../../renderer/i18n/messages/message';
import { renderMessage } from '../../../../renderer/i18n/messages/render';
import { englishProse } from '../../../../test-support/i18n/english-prose';
import { notGathered } from '../gathered';

const NOTHING: CloudflaredRequest = { logPath: null, configPath: null, metricsUrl: null, connectors: [] };

function evidenceOf(result: Gathered<CloudflaredEvidence>): CloudflaredEvidence {
  if (!result.ok) assert.fail(`expected evidence, got ${result.code}: ${result.message}`);
  return result.value;
}

describe('gatherCloudflared', () => {
  let dir: string;
  let emptyJournal: string;
  const servers: LoopbackServer[] = [];
  /** Options that find nothing on this host unless a test adds it. */
  let hermetic: () => Promise<GatherCloudflaredOptions>;

  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'icd-cf-gather-'));
    emptyJournal = join(dir, 'empty-journal');
    mkdirSync(emptyJournal);
    hermetic = async () => ({
      defaultConfigPaths: [join(dir, 'no-such', 'config.yml')],
      journal: { directory: emptyJournal },
      defaultLogPaths: [join(dir, 'no-such', 'cloudflared.err')],
      metricsPorts: [await closedPort(), await closedPort()],
      metricsTimeoutMs: 500,
    });
  });
  after(async () => {
    await Promise.all(servers.map((server) => server.close()));
    rmSync(dir, { recursive: true, force: true });
  });
  async function serve(...args: Parameters<typeof startLoopbackServer>): Promise<LoopbackServer> {
    const server = await startLoopbackServer(...args);
    servers.push(server);
    return server;
  }
  function write(name: string, text: string): string {
    const path = join(dir, name);
    writeFileSync(path, text);
    return path;
  }

  it('says NOT_FOUND, listing every place it looked, when there is no cloudflared at all', async () => {
    const options = await hermetic();
    const result = await gatherCloudflared(NOTHING, options);
    assert.equal(result.ok, false);
    if (result.ok) return;
    assert.equal(result.code, 'NOT_FOUND');
    assert.match(result.message, /^No cloudflared found on this host/);
    // The reason lists each place looked at as its own message, in the order looked.
    assert.equal(result.reason?.key, 'gather.cloudflared.none-found');
    const looked = (result.reason?.params?.['problems'] ?? []) as Message[];
    assert.deepEqual(looked.map((problem) => problem.key), ['gather.config.none', 'gather.journal.no-lines', 'gather.log.no-service-log', 'gather.metrics.none']);
    assert.match(result.message, /no cloudflared config file: none of .*no-such\/config\.yml exists/);
    assert.match(result.message, /the systemd journal has no lines of unit cloudflared/);
    assert.match(result.message, /no cloudflared service log file/);
    assert.match(result.message, new RegExp(`127\\.0\\.0\\.1:${options.metricsPorts![1]}/metrics \\(port scan\\): connection refused`));
  });

  it('says TIMEOUT when the only lead is a metrics server that never answers', async () => {
    const hanging = await serve({ '/metrics': 'hang' });
    const result = await gatherCloudflared({ ...NOTHING, metricsUrl: hanging.url }, { ...(await hermetic()), metricsTimeoutMs: 300 });
    assert.equal(result.ok ? null : result.code, 'TIMEOUT');
  });

  it('says UNPARSEABLE when the only lead is a log that is not one', async () => {
    const path = write('garbage.log', '\x00\x01\x02 binary \xff\xfe\n'.repeat(100));
    const result = await gatherCloudflared({ ...NOTHING, logPath: path }, await hermetic());
    assert.equal(result.ok ? null : result.code, 'UNPARSEABLE');
  });

  it('combines a config file, a log and a metrics server into one piece of evidence', async () => {
    const logLines = consoleRun({ gidOutside: { gid: 65532, low: 1, high: 0 }, fallback: true, connections: 2 });
    const logPath = write('combined.log', `${logLines.join('\n')}\n`);
    const configPath = write('combined.yml', 'tunnel: 6ff42ae2-765d-4adf-8112-31c55c1551ef\nprotocol: auto\n');
    const server = await serve(cloudflaredRoutes('http2'));
    const result = await gatherCloudflared({ logPath, configPath, metricsUrl: `${server.url}/metrics`, connectors: [] }, await hermetic());
    const evidence = evidenceOf(result);
    assert.deepEqual(evidence.requestedTransport, {
      value: 'auto',
      from: 'config',
      detail: `protocol: auto in ${configPath}`,
      detailMessage: { key: 'source.cloudflared.requested.config', params: { raw: 'auto', path: configPath } },
    });
    assert.deepEqual(evidence.registered.map((r) => [r.transport, r.evidence.line]), [
      ['http2', logLines.length - 1],
      ['http2', logLines.length],
      ['http2', null],
      ['http2', null],
    ]);
    assert.match(evidence.registered[2]?.evidence.text ?? '', new RegExp(`^${server.url}/diag/tunnel: \\{"isConnected":true,"edgeAddress":"198\\.41\\.192\\.227"\\}`));
    assert.equal(evidence.fallbackToHttp2?.line, logLines.findIndex((line) => line.includes('Switching to fallback')) + 1);
    assert.deepEqual([evidence.gidOutsideRange?.gid, evidence.gidOutsideRange?.low, evidence.gidOutsideRange?.high], [65532, 1, 0]);
    assert.equal(evidence.quicTried, false);
    assert.deepEqual([evidence.icmpRequests, evidence.icmpReplies], [0, 0]);
    assert.equal(evidence.configPath, configPath);
    assert.equal(evidence.quickTunnel, null);
    assert.equal(evidence.sources.length, 3);
    assert.equal(evidence.sources[0], `cloudflared config ${configPath} (tunnel: 6ff42ae2-765d-4adf-8112-31c55c1551ef, protocol: auto)`);
    assert.equal(evidence.sources[1], `cloudflared log ${logPath}: ${logLines.length} lines (the log file given)`);
    assert.equal(
      evidence.sources[2],
      `cloudflared metrics ${server.url}/metrics, found by the address given: no quic_client_* metrics (QUIC never tried); ` +
        'ICMP requests 0, replies 0; /ready: 200, 2 connections; /diag/configuration: protocol http2',
    );
    assert.equal(result.ok && result.source, `${configPath}, cloudflared log, ${server.url}`);
    // The messages say the same, index for index.
    assert.deepEqual(evidence.sourceMessages?.map((m) => m.key), ['source.cloudflared.config', 'source.cloudflared.log-via', 'source.cloudflared.metrics']);
    assert.deepEqual(evidence.sourceMessages?.map((m) => renderMessage(m, 'en')), evidence.sources);
  });

  it('says every source as a message, in Japanese with no English prose (recorded two-connectors-b process, log and metrics)', async () => {
    const name = 'two-connectors-b';
    const proc = JSON.parse(recording(`${name}.proc.json`)) as { pid: number; cmdline: string[]; rgid: number; egid: number; groups: number[] };
    const token = (JSON.parse(recording('manifest.json')) as { fake_token: string }).fake_token;
    assert.ok(proc.cmdline.includes(token), 'the recorded argv holds the token');
    const environment = notGathered<Record<string, string>>(
      'PERMISSION_DENIED',
      msg('gather.connector.environ-denied', { pid: proc.pid, uid: 0, checkCommand: 'sudo icmp-doctor check' }),
      `/proc/${proc.pid}/environ`,
    );
    const process: ConnectorProcess = {
      kind: 'cloudflared',
      pid: proc.pid,
      command: proc.cmdline,
      uids: [0, 0, 0, 0],
      gids: [proc.rgid, proc.egid, proc.egid, proc.egid],
      groups: proc.groups,
      netns: null,
      // Another namespace: its loopback listeners are not ours to read.
      sameNetnsAsUs: false,
      pingGroupRange: notGathered('NOT_FOUND', msg('source.this-host'), 'x'),
      environment,
      container: null,
    };
    const server = await serve(recordedMetricsRoutes(name));
    const log = write(`${name}.log`, recording(`${name}.log`));
    const options = await hermetic();
    // Ten config paths looked in, none there: the source that lists them must still read as Japanese.
    const defaultConfigPaths = Array.from({ length: 10 }, (_, i) => join(dir, `no-such-${i}`, 'config.yml'));
    const evidence = evidenceOf(await gatherCloudflared({ ...NOTHING, logPath: log, metricsUrl: server.url, connectors: [process] }, { ...options, defaultConfigPaths }));
    const messages = evidence.sourceMessages ?? [];
    assert.deepEqual(messages.map((m) => m.key), [
      'source.cloudflared.command-line',
      'source.cloudflared.environment-unread',
      'source.cloudflared.log-via',
      'source.cloudflared.metrics',
      'source.cloudflared.not-read',
    ]);
    assert.deepEqual(messages.map((m) => renderMessage(m, 'en')), evidence.sources);
    assert.equal(evidence.requestedTransport?.detailMessage?.key, 'source.cloudflared.requested.flag');
    for (const message of [...messages, evidence.requestedTransport!.detailMessage!]) {
      const text = renderMessage(message, 'ja');
      assert.deepEqual(englishProse(text), [], text);
      assert.ok(!text.includes('[object Object]'), text);
      assert.ok(!text.includes(token), 'the token is never quoted');
    }
    assert.match(renderMessage(messages[0]!, 'ja'), /--token \[redacted\]/);
  });

  it("carries /ready into the evidence: a real 2023.7.3 that never connected answers 503 with readyConnections 0", async () => {
    const server = await serve(recordedMetricsRoutes('quic-udp-blocked'));
    const evidence = evidenceOf(await gatherCloudflared({ ...NOTHING, metricsUrl: `${server.url}/metrics` }, await hermetic()));
    assert.deepEqual(evidence.readiness, { url: `${server.url}/ready`, status: 503, readyConnections: 0 });
  });

  it('finds the metrics server on the second port of the scan', async () => {
    const server = await serve(cloudflaredRoutes('quic'));
    const first = await closedPort();
    const evidence = evidenceOf(await gatherCloudflared(NOTHING, { ...(await hermetic()), metricsPorts: [first, server.port, await closedPort()] }));
    assert.equal(evidence.quicTried, true);
    assert.deepEqual([evidence.icmpRequests, evidence.icmpReplies], [12, 11]);
    assert.deepEqual(evidence.registered.map((r) => r.transport), ['quic', 'quic']);
    const metricsSource = evidence.sources.find((source) => source.startsWith('cloudflared metrics'));
    assert.equal(metricsSource?.split(': ')[0], `cloudflared metrics ${server.url}/metrics, found by port scan`);
    assert.match(metricsSource ?? '', new RegExp(`not read: http://127\\.0\\.0\\.1:${first}/metrics \\(port scan\\): connection refused`));
  });

  it('goes to the metrics address the log names, and reads the log the metrics server names', async () => {
    const server = await serve(cloudflaredRoutes('quic'));
    const logPath = write('named-by-log.log', `${consoleRun({ metricsPort: server.port, connections: 1 }).join('\n')}\n`);
    const viaLog = evidenceOf(await gatherCloudflared({ ...NOTHING, logPath }, { ...(await hermetic()), metricsPorts: [] }));
    assert.equal(viaLog.quicTried, true);
    assert.ok(viaLog.sources.some((source) => source.startsWith(`cloudflared metrics ${server.url}/metrics, found by cloudflared's log`)));

    const diagServer = await serve(cloudflaredRoutes('quic', { flags: { protocol: 'quic', logfile: logPath } }));
    const viaDiag = evidenceOf(await gatherCloudflared({ ...NOTHING, metricsUrl: diagServer.url }, await hermetic()));
    assert.equal(viaDiag.registered[0]?.evidence.line, consoleRun({ connections: 1 }).length);
    assert.ok(viaDiag.sources.some((source) => source.includes(`(logfile of ${diagServer.url}/diag/configuration)`)));
  });

  it('reads the systemd journal of unit cloudflared, JSON lines included', { skip: journalTestTool() ?? false }, async () => {
    const journalDir = join(dir, 'journal');
    mkdirSync(journalDir);
    const lines = jsonRun({ gidOutside: { gid: 0, low: 1, high: 0 }, connections: 1 });
    writeJournal(journalDir, [
      { unit: 'sshd.service', message: '2024-10-13T09:39:24Z INF Registered tunnel connection connIndex=3 protocol=http2' },
      ...lines.map((message) => ({ unit: 'cloudflared.service', message })),
    ]);
    const evidence = evidenceOf(await gatherCloudflared(NOTHING, { ...(await hermetic()), journal: { directory: journalDir } }));
    assert.deepEqual(evidence.registered.map((r) => [r.transport, r.evidence.line]), [['quic', null]]);
    assert.equal(evidence.gidOutsideRange?.gid, 0);
    assert.equal(evidence.gidOutsideRange?.evidence.line, null);
    assert.ok(evidence.sources.some((source) => source.startsWith(`cloudflared log from the systemd journal (journalctl -u cloudflared -o cat --no-pager -n 50000 -D ${journalDir}): ${lines.length} lines`)));
  });

  it('treats a missing journalctl as "no journal", not as an error', async () => {
    const result = await gatherCloudflared(NOTHING, { ...(await hermetic()), journal: { command: join(dir, 'no-such', 'journalctl') } });
    assert.equal(result.ok ? null : result.code, 'NOT_FOUND');
    if (!result.ok) assert.match(result.message, /no systemd journal here: .*journalctl is not installed/);
  });

  it('settles with CANCELLED when cancelled, before or during the gathering', async () => {
    const before = new AbortController();
    before.abort();
    const early = await gatherCloudflared(NOTHING, { ...(await hermetic()), signal: before.signal });
    assert.equal(early.ok ? null : early.code, 'CANCELLED');

    const logPath = write('cancel-during.log', `${consoleRun().join('\n')}\n`);
    const hanging = await serve({ '/metrics': 'hang' });
    const during = new AbortController();
    const pending = gatherCloudflared({ ...NOTHING, logPath, metricsUrl: hanging.url }, { ...(await hermetic()), metricsTimeoutMs: 10_000, signal: during.signal });
    setTimeout(() => during.abort(), 100);
    const late = await pending;
    assert.equal(late.ok ? null : late.code, 'CANCELLED');
  });

  it('answers hostile requests with a value, not an exception', async () => {
    const hostile = { logPath: 42, configPath: {}, metricsUrl: ['x'], connectors: [null, { kind: 'cloudflared' }, 'x'] } as unknown as CloudflaredRequest;
    const result = await gatherCloudflared(hostile, await hermetic());
    assert.equal(result.ok ? null : result.code, 'NOT_FOUND');
    const nullRequest = await gatherCloudflared(null as unknown as CloudflaredRequest, await hermetic());
    assert.equal(nullRequest.ok, false);
  });

  it('carries the start-up facts of a real log and the config\'s protocol: line (http2-config recording, two-connectors-a config)', async () => {
    const log = write('http2-config.log', recording('http2-config.log'));
    const config = write('recorded-config.yml', 'protocol: http2\nmetrics: 127.0.0.1:20241\n');
    const evidence = evidenceOf(await gatherCloudflared({ ...NOTHING, logPath: log, configPath: config }, await hermetic()));
    assert.equal(evidence.version?.value, '2023.7.3');
    assert.equal(evidence.version?.from, 'log');
    assert.equal(evidence.startTransport?.value, 'http2');
    assert.equal(evidence.startConfigPath, '/tmp/cfdrec/runs/etc/http2-config/config.yml');
    assert.deepEqual(evidence.configProtocol, { value: 'http2', line: 1 });
    assert.equal(evidence.dialFailures?.count, 2);
    assert.equal(evidence.icmpProxySources?.length, 2);
    assert.equal(evidence.runStartSeen, true);
  });

  it('reads the version from /metrics build_info when no log says it (http2-config.metrics.txt)', async () => {
    const server = await serve({ '/metrics': { status: 200, body: recordedBody('http2-config.metrics.txt') } });
    const evidence = evidenceOf(await gatherCloudflared({ ...NOTHING, metricsUrl: server.url }, await hermetic()));
    assert.equal(evidence.version?.value, '2023.7.3');
    assert.equal(evidence.version?.from, 'metrics');
    assert.match(evidence.version?.evidence?.text ?? '', /\/metrics: build_info\{.*version="2023\.7\.3"\} 1$/);
    assert.equal(evidence.runStartSeen, null);
  });

  it('finds the metrics server at the random port the log announced, before the default ports (http2-config: "Starting metrics server on 127.0.0.1:41731/metrics")', async () => {
    const server = await serve({ '/metrics': { status: 200, body: recordedBody('http2-config.metrics.txt') } });
    // The recorded port is taken here or not; the recorded server stands in at a free one, the line otherwise as recorded.
    const text = recording('http2-config.log');
    assert.match(text, /Starting metrics server on 127\.0\.0\.1:41731\/metrics/);
    const log = write('announced.log', text.replace('127.0.0.1:41731/metrics', `127.0.0.1:${server.port}/metrics`));
    const evidence = evidenceOf(await gatherCloudflared({ ...NOTHING, logPath: log }, await hermetic()));
    assert.ok(evidence.sources.some((source) => source.startsWith(`cloudflared metrics ${server.url}/metrics`)), evidence.sources.join('\n'));
    assert.equal(evidence.quicTried, false);
    assert.deepEqual(server.received.map((r) => r.path)[0], '/metrics');
  });
});
