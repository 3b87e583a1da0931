// gatherCloudflared on real running processes: stand-ins for cloudflared started with the argv
// and environment under test, read back through /proc as the product reads connectors, with
// real config and log files next to them (found through the process's own working directory)
// and a real metrics server on the address its --metrics names.

import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { CloudflaredEvidence, Gathered } from '../../../contract/evidence';
import { gatherCloudflared, type GatherCloudflaredOptions } from '../../../electron/core/evidence/cloudflared';
import { consoleRun } from '../../../test-support/cloudflared/cloudflared-lines';
import { closedPort, startLoopbackServer, type LoopbackServer } from '../../../test-support/cloudflared/loopback-server';
import { cloudflaredRoutes } from '../../../test-support/cloudflared/metrics-fixtures';
import { connectorFromProc, startStandIn, type StandIn } from './support/stand-in-connector';

const TOKEN = 'eyJhIjoiNjk5ZDk4NjQyYzU2NGQyZTg1NWU5NjYxODk5YjcyNTIiLCJ0IjoiNmZmNDJhZTItNzY1ZC00YWRmIiwicyI6InNlY3JldCJ9';

function evidenceOf(result: Gathered<CloudflaredEvidence>): CloudflaredEvidence {
  if (!result.ok) assert.fail(`expected evidence, got ${result.code}: ${result.message}`);
  return result.value;
}

describe('cloudflared evidence from running processes', { skip: process.platform !== 'linux' ? 'reads /proc' : false }, () => {
  let dir: string;
  let server: LoopbackServer;
  const standIns: StandIn[] = [];
  let options: GatherCloudflaredOptions;

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'icd-cf-proc-'));
    server = await startLoopbackServer(cloudflaredRoutes('http2'));
    writeFileSync(join(dir, 'config.yml'), 'tunnel: 6ff42ae2-765d-4adf-8112-31c55c1551ef\nprotocol: quic\nlogfile: cloudflared.log\n');
    writeFileSync(join(dir, 'cloudflared.log'), `${consoleRun({ fallback: true, connections: 2 }).join('\n')}\n`);
    // Nothing of this host's own cloudflared (if any) may leak in.
    options = {
      defaultConfigPaths: [join(dir, 'no-such.yml')],
      journal: null,
      defaultLogPaths: [],
      metricsPorts: [await closedPort()],
      metricsTimeoutMs: 1000,
    };
  });
  after(async () => {
    await Promise.all(standIns.map((standIn) => standIn.stop()));
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  });

  function start(args: string[], env: Record<string, string>): StandIn {
    const standIn = startStandIn(dir, args, { PATH: '/usr/bin:/bin', HOME: dir, ...env });
    standIns.push(standIn);
    return standIn;
  }

  it('reads --protocol over TUNNEL_TRANSPORT_PROTOCOL over config.yml, and follows --config, --logfile and --metrics', async () => {
    const standIn = start(
      ['tunnel', '--no-autoupdate', '--protocol', 'http2', '--config', 'config.yml', '--metrics', `localhost:${server.port}`, 'run', '--token', TOKEN],
      { TUNNEL_TRANSPORT_PROTOCOL: 'quic' },
    );
    const connector = connectorFromProc(standIn.pid);
    assert.equal(connector.command[0], join(dir, 'cloudflared'));
    const evidence = evidenceOf(await gatherCloudflared({ logPath: null, configPath: null, metricsUrl: null, connectors: [connector] }, options));

    assert.deepEqual(evidence.requestedTransport, {
      value: 'http2',
      from: 'flag',
      detail: `--protocol http2 on the command line of cloudflared pid ${standIn.pid}`,
      detailMessage: { key: 'source.cloudflared.requested.flag', params: { pid: standIn.pid, flag: '--protocol', raw: 'http2' } },
    });
    // config.yml is relative to the process's working directory, read through /proc.
    assert.equal(evidence.configPath, `/proc/${standIn.pid}/cwd/config.yml`);
    // logfile: in config.yml (relative again); the last run fell back to HTTP/2.
    assert.ok(evidence.fallbackToHttp2);
    assert.deepEqual([...new Set(evidence.registered.map((r) => r.transport))], ['http2']);
    // --metrics localhost:PORT
    assert.equal(evidence.quicTried, false);
    assert.ok(evidence.sources.some((source) => source.startsWith(`cloudflared metrics ${server.url}/metrics, found by --metrics of cloudflared pid ${standIn.pid}`)));
    // The token on the command line is never quoted.
    const commandSource = evidence.sources.find((source) => source.startsWith(`command line of cloudflared pid ${standIn.pid}`));
    assert.equal(commandSource, `command line of cloudflared pid ${standIn.pid}: ${join(dir, 'cloudflared')} tunnel --no-autoupdate --protocol http2 --config config.yml --metrics localhost:${server.port} run --token [redacted]`);
    assert.equal(JSON.stringify(evidence).includes(TOKEN.slice(0, 30)), false);
  });

  it('takes TUNNEL_TRANSPORT_PROTOCOL from the environment when no flag is given', async () => {
    const standIn = start(['tunnel', '--config', join(dir, 'config.yml'), 'run'], { TUNNEL_TRANSPORT_PROTOCOL: 'http2' });
    const evidence = evidenceOf(await gatherCloudflared({ logPath: null, configPath: null, metricsUrl: null, connectors: [connectorFromProc(standIn.pid)] }, options));
    assert.deepEqual(evidence.requestedTransport, {
      value: 'http2',
      from: 'env',
      detail: `TUNNEL_TRANSPORT_PROTOCOL=http2 in the environment of cloudflared pid ${standIn.pid}`,
      detailMessage: { key: 'source.cloudflared.requested.env', params: { raw: 'http2', pid: standIn.pid } },
    });
    assert.equal(evidence.configPath, join(dir, 'config.yml'));
  });

  it('takes protocol: from config.yml when neither flag nor environment sets it', async () => {
    const standIn = start(['tunnel', '--config', 'config.yml', 'run'], {});
    const evidence = evidenceOf(await gatherCloudflared({ logPath: null, configPath: null, metricsUrl: null, connectors: [connectorFromProc(standIn.pid)] }, options));
    const path = `/proc/${standIn.pid}/cwd/config.yml`;
    assert.deepEqual(evidence.requestedTransport, {
      value: 'quic',
      from: 'config',
      detail: `protocol: quic in ${path}`,
      detailMessage: { key: 'source.cloudflared.requested.config', params: { raw: 'quic', path } },
    });
  });

  it('recognises a quick tunnel by its command line', async () => {
    const standIn = start(['tunnel', '--url', 'http://localhost:8080'], {});
    const evidence = evidenceOf(await gatherCloudflared({ logPath: null, configPath: null, metricsUrl: null, connectors: [connectorFromProc(standIn.pid)] }, options));
    assert.deepEqual(evidence.quickTunnel, { text: `${join(dir, 'cloudflared')} tunnel --url http://localhost:8080`, line: null });
    assert.equal(evidence.requestedTransport, null);
  });

  it('ignores connectors of other kinds', async () => {
    const standIn = start(['tunnel', '--protocol', 'http2', 'run'], {});
    const twingate = { ...connectorFromProc(standIn.pid), kind: 'twingate' as const };
    const result = await gatherCloudflared({ logPath: null, configPath: null, metricsUrl: null, connectors: [twingate] }, options);
    assert.equal(result.ok ? null : result.code, 'NOT_FOUND');
  });
});
