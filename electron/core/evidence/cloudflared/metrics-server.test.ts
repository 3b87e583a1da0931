// readMetricsServer against real HTTP servers on 127.0.0.1 serving what cloudflared serves.

import assert from 'node:assert/strict';
import type { Message } from '../../../../contract/message';
import { after, describe, it } from 'node:test';
import { metricsBaseUrl, readMetricsServer, type MetricsCandidate, type MetricsOutcome } from './metrics-server';
import { msg } from '../../../../renderer/i18n/messages/message';
import { closedPort, startLoopbackServer, type LoopbackServer } from '../../../../test-support/cloudflared/loopback-server';
import { cloudflaredRoutes, METRICS_QUIC } from '../../../../test-support/cloudflared/metrics-fixtures';
import { recordedMetricsRoutes } from '../../../../test-support/recordings/cloudflared-2023.7.3';

function candidate(port: number, why = 'test'): MetricsCandidate {
  return { base: new URL(`http://127.0.0.1:${port}`), why: msg('failure.verbatim', { text: why }) };
}

function reading(outcome: MetricsOutcome): Extract<MetricsOutcome, { ok: true }>['reading'] {
  if (!outcome.ok) assert.fail(`expected a metrics reading, got ${outcome.code}: ${outcome.message}`);
  return outcome.reading;
}

describe('metricsBaseUrl', () => {
  it('turns the addresses cloudflared and users write into a loopback base URL', () => {
    const cases: Array<[string, string | null]> = [
      ['localhost:20241', 'http://127.0.0.1:20241/'],
      ['0.0.0.0:2000', 'http://127.0.0.1:2000/'],
      [':2000', 'http://127.0.0.1:2000/'],
      ['[::]:2000', 'http://[::1]:2000/'],
      ['http://127.0.0.1:20241/metrics', 'http://127.0.0.1:20241/'],
      ['http://10.0.0.5:6000/', 'http://10.0.0.5:6000/'],
      ['localhost:0', null],
      ['localhost', null],
      ['ftp://x:21', null],
      ['', null],
    ];
    for (const [address, expected] of cases) assert.equal(metricsBaseUrl(address)?.href ?? null, expected, address);
  });
});

describe('readMetricsServer', () => {
  const servers: LoopbackServer[] = [];
  after(async () => {
    await Promise.all(servers.map((server) => server.close()));
  });
  async function serve(...args: Parameters<typeof startLoopbackServer>): Promise<LoopbackServer> {
    const server = await startLoopbackServer(...args);
    servers.push(server);
    return server;
  }

  it('reads /metrics, /ready and the diagnostic endpoints of a QUIC tunnel', async () => {
    const server = await serve(cloudflaredRoutes('quic', { flags: { protocol: 'quic', logfile: '/var/log/cloudflared.log' } }));
    const result = reading(await readMetricsServer([candidate(server.port)]));
    assert.deepEqual(result.facts, { quicTried: true, quicConnections: 4, icmpRequests: 12, icmpReplies: 11, fromCloudflared: true, samples: result.facts.samples, buildVersion: result.facts.buildVersion });
    assert.equal(result.facts.buildVersion?.value, '2024.9.1');
    assert.deepEqual(result.ready, { status: 200, readyConnections: 2 });
    assert.deepEqual(result.tunnel?.connections.map((c) => [c.index, c.isConnected, c.transport]), [[0, true, 'quic'], [1, true, 'quic'], [2, false, null]]);
    assert.equal(result.configuration?.['logfile'], '/var/log/cloudflared.log');
    assert.equal(result.quickTunnelHostname, null);
    assert.deepEqual(result.notes, []);
    assert.deepEqual(server.received.map((r) => r.path).sort(), ['/diag/configuration', '/diag/tunnel', '/metrics', '/quicktunnel', '/ready']);
  });

  it('reads an HTTP/2 tunnel: no quic_client_* metrics, connections without a protocol field', async () => {
    const server = await serve(cloudflaredRoutes('http2', { quickTunnelHostname: 'x-y-z.trycloudflare.com' }));
    const result = reading(await readMetricsServer([candidate(server.port)]));
    assert.equal(result.facts.quicTried, false);
    assert.equal(result.facts.icmpRequests, 0);
    assert.deepEqual(result.tunnel?.connections.map((c) => c.transport), ['http2', 'http2', null]);
    assert.equal(result.quickTunnelHostname, 'x-y-z.trycloudflare.com');
  });

  it('moves on from a refused port to the next one', async () => {
    const closed = await closedPort();
    const server = await serve(cloudflaredRoutes('quic'));
    const result = reading(await readMetricsServer([candidate(closed, 'first'), candidate(server.port, 'second')]));
    assert.equal(result.base, `http://127.0.0.1:${server.port}`);
    assert.equal(result.why, 'second');
    assert.deepEqual(result.notes, [`http://127.0.0.1:${closed}/metrics (first): connection refused`]);
  });

  it('gives up on a server that never answers, within the timeout, and says TIMEOUT', async () => {
    const hanging = await serve({ '/metrics': 'hang' });
    const outcome = await readMetricsServer([candidate(hanging.port)], { timeoutMs: 300 });
    assert.deepEqual(outcome.ok ? null : [outcome.code, outcome.message], [
      'TIMEOUT',
      `no cloudflared metrics server answered: http://127.0.0.1:${hanging.port}/metrics (test): no complete answer within 300 ms`,
    ]);
    // The reason keeps what was tried as messages, so another language can say it too.
    assert.equal(outcome.ok ? null : outcome.reason.key, 'gather.metrics.timeout');
    const tried = outcome.ok ? [] : (outcome.reason.params?.['tried'] as Message[]);
    assert.deepEqual(tried.map((miss) => miss.key), ['gather.metrics.miss']);
  });

  it("passes over another program's metrics and a server without /metrics", async () => {
    const other = await serve({ '/metrics': { status: 200, body: 'node_exporter_build_info 1\nprocess_cpu_seconds_total 3\n', contentType: 'text/plain' } });
    const notMetrics = await serve({});
    const outcome = await readMetricsServer([candidate(other.port), candidate(notMetrics.port)]);
    assert.equal(outcome.ok ? null : outcome.code, 'HTTP_ERROR');
    if (!outcome.ok) {
      assert.match(outcome.message, /answers, but with no cloudflared metrics/);
      assert.match(outcome.message, /HTTP 404/);
    }
  });

  it('notes diagnostic endpoints an older cloudflared does not serve, and bad JSON on them', async () => {
    const server = await serve({
      '/metrics': { status: 200, body: METRICS_QUIC, contentType: 'text/plain' },
      '/diag/tunnel': { status: 200, body: '{"connections": [', contentType: 'application/json' },
    });
    const result = reading(await readMetricsServer([candidate(server.port)]));
    assert.equal(result.tunnel, null);
    assert.equal(result.facts.quicTried, true);
    assert.deepEqual(result.notes.sort(), [
      '/diag/configuration: HTTP 404 (not served by this cloudflared version)',
      "/diag/tunnel: not the JSON cloudflared serves there",
      '/quicktunnel: HTTP 404 (not served by this cloudflared version)',
      '/ready: HTTP 404 (not served by this cloudflared version)',
    ]);
  });

  it('keeps /ready as a real cloudflared 2023.7.3 answered it: 503 with readyConnections 0 (recordings served on loopback)', async () => {
    for (const name of ['quic-udp-blocked', 'http2-flag', 'icmp-proxy-working']) {
      const server = await serve(recordedMetricsRoutes(name));
      const result = reading(await readMetricsServer([candidate(server.port)]));
      assert.equal(result.facts.fromCloudflared, true, name);
      assert.deepEqual(result.readiness, { url: `http://127.0.0.1:${server.port}/ready`, status: 503, readyConnections: 0 }, name);
      // A 503 from /ready is an answer, not a failed endpoint.
      assert.ok(!result.notes.some((note) => note.startsWith('/ready')), result.notes.join('\n'));
    }
  });

  it('keeps a /ready of 200 with its count, and the status alone when the body is not its JSON', async () => {
    const up = await serve({ ...recordedMetricsRoutes('quic-udp-blocked'), '/ready': { status: 200, body: '{"status":200,"readyConnections":4,"connectorId":"x"}' } });
    assert.deepEqual(reading(await readMetricsServer([candidate(up.port)])).readiness, { url: `http://127.0.0.1:${up.port}/ready`, status: 200, readyConnections: 4 });
    const garbled = await serve({ ...recordedMetricsRoutes('quic-udp-blocked'), '/ready': { status: 503, body: 'not ready', contentType: 'text/plain' } });
    const result = reading(await readMetricsServer([candidate(garbled.port)]));
    assert.deepEqual(result.readiness, { url: `http://127.0.0.1:${garbled.port}/ready`, status: 503, readyConnections: null });
    assert.ok(result.notes.includes('/ready: not the JSON cloudflared serves there'), result.notes.join('\n'));
  });

  it('has no readiness when /ready is not served (404) or hangs, and says so', async () => {
    const missing = await serve({ '/metrics': recordedMetricsRoutes('http2-flag')['/metrics']! });
    const result = reading(await readMetricsServer([candidate(missing.port)]));
    assert.equal(result.readiness, null);
    assert.ok(result.notes.includes('/ready: HTTP 404 (not served by this cloudflared version)'), result.notes.join('\n'));
    const hanging = await serve({ '/metrics': recordedMetricsRoutes('http2-flag')['/metrics']!, '/ready': 'hang' });
    const stalled = reading(await readMetricsServer([candidate(hanging.port)], { timeoutMs: 300 }));
    assert.equal(stalled.readiness, null);
    assert.ok(stalled.notes.some((note) => note.startsWith('/ready: ')), stalled.notes.join('\n'));
  });

  it('says NOT_FOUND when nothing listens anywhere', async () => {
    const outcome = await readMetricsServer([candidate(await closedPort()), candidate(await closedPort())]);
    assert.equal(outcome.ok ? null : outcome.code, 'NOT_FOUND');
  });
});
