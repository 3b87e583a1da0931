// gatherCloudflared where the host cannot show it: in lab namespaces, whose own loopback lets
// real servers sit on cloudflared's real metrics ports (127.0.0.1:20241–20245, scanned with
// the product's defaults), and as the unprivileged user, to whom root's files are closed.

import assert from 'node:assert/strict';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { CloudflaredRequest } from '../../../contract/api';
import type { GatherCloudflaredOptions } from '../../../electron/core/evidence/cloudflared';
import { consoleRun } from '../../../test-support/cloudflared/cloudflared-lines';
import { journalTestTool, writeJournal } from '../../../test-support/cloudflared/journal';
import { createLab, labUnavailableReason, type Lab, type RunAs } from '../../lab/lab';
import { runWorkerOk } from '../../support/worker';
import type { GatherWorkerInput, GatherWorkerOutput } from './workers/gather';

const WORKER = 'e2e/evidence/cloudflared/workers/gather.ts';
const NOTHING: CloudflaredRequest = { logPath: null, configPath: null, metricsUrl: null, connectors: [] };

describe('cloudflared evidence in the lab', { skip: labUnavailableReason() ?? false }, () => {
  let lab: Lab;
  let dir: string;
  /** The product's defaults, except that this host's own files and journal stay out of it. */
  let hermetic: GatherCloudflaredOptions;

  before(async () => {
    lab = await createLab();
    dir = mkdtempSync(join(tmpdir(), 'icd-cf-lab-'));
    chmodSync(dir, 0o755); // The unprivileged user must reach the files whose own mode denies it.
    mkdirSync(join(dir, 'empty-journal'));
    hermetic = {
      defaultConfigPaths: [join(dir, 'no-such', 'config.yml')],
      journal: { directory: join(dir, 'empty-journal') },
      defaultLogPaths: [join(dir, 'no-such', 'cloudflared.err')],
      metricsTimeoutMs: 500,
    };
  });
  after(async () => {
    await lab?.destroy();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  async function gather(input: Partial<GatherWorkerInput>, user: RunAs = 'root'): Promise<GatherWorkerOutput['result']> {
    const full: GatherWorkerInput = { servers: [], request: NOTHING, options: hermetic, ...input };
    const output = await runWorkerOk<GatherWorkerOutput>(lab, 'server', WORKER, [JSON.stringify(full)], { user });
    return output.result;
  }

  it('scans 127.0.0.1:20241–20245 and finds cloudflared on the second port', async () => {
    const result = await gather({ servers: [{ port: 20242, serves: 'quic' }] });
    assert.ok(result.ok, result.ok ? '' : result.message);
    assert.equal(result.value.quicTried, true);
    assert.equal(result.source, 'http://127.0.0.1:20242');
    const metrics = result.value.sources.find((source) => source.startsWith('cloudflared metrics'));
    assert.match(metrics ?? '', /^cloudflared metrics http:\/\/127\.0\.0\.1:20242\/metrics, found by port scan: /);
    assert.match(metrics ?? '', /not read: http:\/\/127\.0\.0\.1:20241\/metrics \(port scan\): connection refused/);
  });

  it('passes a stalled server on 20241 by, after the timeout, to cloudflared on 20242', async () => {
    const result = await gather({ servers: [{ port: 20241, serves: 'hang' }, { port: 20242, serves: 'http2' }] });
    assert.ok(result.ok, result.ok ? '' : result.message);
    assert.equal(result.value.quicTried, false);
    assert.match(result.value.sources.join('\n'), /20241\/metrics \(port scan\): no complete answer within 500 ms/);
  });

  it('says TIMEOUT when the only server in the range stalls', async () => {
    const result = await gather({ servers: [{ port: 20243, serves: 'hang' }] });
    assert.equal(result.ok ? null : result.code, 'TIMEOUT');
  });

  it('says NOT_FOUND, naming all five ports, when nothing listens', async () => {
    const result = await gather({});
    assert.equal(result.ok ? null : result.code, 'NOT_FOUND');
    if (!result.ok) for (const port of [20241, 20242, 20243, 20244, 20245]) assert.match(result.message, new RegExp(`127\\.0\\.0\\.1:${port}/metrics \\(port scan\\): connection refused`));
  });

  it('names the missing permission when the unprivileged user may not read the log or the config', async () => {
    const log = join(dir, 'root-only.log');
    writeFileSync(log, `${consoleRun().join('\n')}\n`, { mode: 0o600 });
    const config = join(dir, 'root-only.yml');
    writeFileSync(config, 'protocol: http2\n', { mode: 0o600 });
    const result = await gather({ request: { ...NOTHING, logPath: log, configPath: config } }, 'unprivileged');
    assert.equal(result.ok ? null : result.code, 'PERMISSION_DENIED');
    if (result.ok) return;
    assert.match(result.message, new RegExp(`cloudflared log ${log} is not readable by this user \\(uid 65534\\) \\(owner uid 0, group gid 0, mode 600\\): run as root`));
    assert.match(result.message, new RegExp(`cloudflared config ${config} is not readable by this user \\(uid 65534\\)`));
    // Root reads the same files.
    const asRoot = await gather({ request: { ...NOTHING, logPath: log, configPath: config } });
    assert.ok(asRoot.ok);
    assert.equal(asRoot.value.requestedTransport?.value, 'http2');
  });

  it('names the missing permission when the unprivileged user may not read the journal', { skip: journalTestTool() ?? false }, async () => {
    const journal = join(dir, 'root-journal');
    mkdirSync(journal, { mode: 0o755 });
    writeJournal(journal, consoleRun({ connections: 1 }).map((message) => ({ unit: 'cloudflared.service', message })));
    const denied = await gather({ options: { ...hermetic, journal: { directory: journal } } }, 'unprivileged');
    assert.equal(denied.ok ? null : denied.code, 'PERMISSION_DENIED');
    if (!denied.ok) assert.match(denied.message, /insufficient permissions.*systemd-journal \(or adm\) group/);
    const root = await gather({ options: { ...hermetic, journal: { directory: journal } } });
    assert.ok(root.ok);
    assert.deepEqual(root.value.registered.map((r) => r.transport), ['quic']);
  });
});
