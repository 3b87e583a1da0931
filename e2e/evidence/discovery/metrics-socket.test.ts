// cloudflared's metrics server found through the process's own listening socket (issue 9,
// item 6): a real process named cloudflared-2023.7.3 serves the recorded /metrics of a real
// cloudflared on a random loopback port that no flag, config, log or port scan names; the
// gatherer reads its /proc/PID/fd and net/tcp and finds it there.

import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { CloudflaredEvidence, ConnectorProcess } from '../../../contract/evidence';
import { gatherCloudflared } from '../../../electron/core/evidence/cloudflared';
import { gatherConnectors } from '../../../electron/core/evidence/connectors';
import { closedPort } from '../../../test-support/cloudflared/loopback-server';
import { recordedAnswer } from '../../../test-support/recordings/cloudflared-2023.7.3';

// Serves METRICS_FILE's body at /metrics on 127.0.0.1:0 and prints the port.
const SERVER = `
const http = require('node:http');
const body = require('node:fs').readFileSync(process.env.METRICS_FILE, 'utf8');
const server = http.createServer((request, response) => {
  if (request.url === '/metrics') response.writeHead(200, { 'content-type': process.env.METRICS_TYPE }).end(body);
  else response.writeHead(404).end('404 page not found\\n');
});
server.listen(0, '127.0.0.1', () => process.stdout.write(server.address().port + '\\n'));
`;

describe('metrics found through the listening socket of the cloudflared process', { skip: process.platform !== 'linux' ? 'reads /proc' : false }, () => {
  let dir: string;
  let child: ChildProcess;
  let port: number;

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'icd-metrics-socket-'));
    const answer = recordedAnswer('two-connectors-b.metrics.txt');
    writeFileSync(join(dir, 'metrics.txt'), answer.body);
    const program = join(dir, 'cloudflared-2023.7.3');
    symlinkSync(process.execPath, program);
    child = spawn(program, ['-e', SERVER], {
      env: { PATH: '/usr/bin:/bin', METRICS_FILE: join(dir, 'metrics.txt'), METRICS_TYPE: answer.contentType ?? 'text/plain' },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    port = await new Promise<number>((resolve, reject) => {
      child.once('exit', (code) => reject(new Error(`the metrics stand-in exited (${code})`)));
      child.stdout!.once('data', (data: Buffer) => resolve(Number(data.toString().trim())));
    });
  });
  after(async () => {
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    child.kill('SIGKILL');
    await exited;
    rmSync(dir, { recursive: true, force: true });
  });

  it('reads /metrics on the random port the process listens on', async () => {
    const connectors = await gatherConnectors();
    assert.ok(connectors.ok);
    const connector = connectors.value.find((found: ConnectorProcess) => found.pid === child.pid);
    assert.ok(connector, `the stand-in pid ${child.pid} was not discovered`);
    const result = await gatherCloudflared(
      { logPath: null, configPath: null, metricsUrl: null, connectors: [connector] },
      { defaultConfigPaths: [join(dir, 'no-such.yml')], journal: null, defaultLogPaths: [], metricsPorts: [await closedPort()], metricsTimeoutMs: 2000 },
    );
    assert.ok(result.ok, `expected evidence, got ${result.ok ? '' : result.code}`);
    const evidence: CloudflaredEvidence = result.value;
    assert.equal(evidence.version?.value, '2023.7.3');
    assert.equal(evidence.version?.from, 'metrics');
    const metricsSource = evidence.sources.find((source) => source.startsWith(`cloudflared metrics http://127.0.0.1:${port}/metrics`));
    assert.ok(metricsSource, `no metrics source for port ${port}: ${evidence.sources.join(' | ')}`);
    assert.match(metricsSource, new RegExp(`a socket cloudflared pid ${child.pid} listens on`));
  });
});
