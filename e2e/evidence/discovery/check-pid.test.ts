// `icmp-doctor check --pid PID` with two cloudflared processes running (stand-ins, one under a
// versioned name): the run examines the chosen one only — the connectors in the report, the
// cloudflared evidence's sources and the re-test command cite its PID and never the other's.

import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Report } from '../../../contract/report';
import { cliMissingReason, runCli } from '../../../test-support/cli/run-cli';
import { startStandIn, type StandIn } from '../cloudflared/support/stand-in-connector';

describe('check --pid examines one connector of two', { skip: process.platform !== 'linux' ? 'reads /proc' : (cliMissingReason() ?? false) }, () => {
  let dir: string;
  let first: StandIn;
  let second: StandIn;

  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'icd-check-pid-'));
    mkdirSync(join(dir, 'a'));
    mkdirSync(join(dir, 'b'));
    const env = { PATH: '/usr/bin:/bin', HOME: dir };
    first = startStandIn(join(dir, 'a'), ['tunnel', '--no-autoupdate', '--protocol', 'http2', 'run', 'first'], env);
    second = startStandIn(join(dir, 'b'), ['tunnel', '--no-autoupdate', '--protocol', 'quic', 'run', 'second'], env, join(dir, 'b'), 'cloudflared-2023.7.3');
  });
  after(async () => {
    await first.stop();
    await second.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('the report cites only the chosen PID', async () => {
    const reportPath = join(dir, 'report.json');
    const run = await runCli(['check', '--product', 'cloudflare', '--pid', String(second.pid), '--lang', 'en', '--report', reportPath], { timeoutMs: 120_000 });
    assert.notEqual(run.code, 2, run.stderr);
    const report = JSON.parse(readFileSync(reportPath, 'utf8')) as Report;
    assert.equal(report.inputs.pid, second.pid);
    const connectors = report.evidence.connectors;
    assert.ok(connectors?.ok, JSON.stringify(connectors));
    assert.deepEqual(connectors.value.map((c) => c.pid), [second.pid]);
    const cloudflared = report.evidence.cloudflared;
    assert.ok(cloudflared?.ok, JSON.stringify(cloudflared));
    assert.ok(cloudflared.value.sources.some((s) => s.includes(`cloudflared pid ${second.pid}`)), cloudflared.value.sources.join(' | '));
    // --protocol quic is the chosen process's; the other asked for http2.
    assert.equal(cloudflared.value.requestedTransport?.value, 'quic');
    const everything = JSON.stringify(report.evidence);
    assert.ok(!new RegExp(`\\bpid ${first.pid}\\b|"pid":${first.pid}\\b`).test(everything), `pid ${first.pid} is cited`);
    assert.match(run.stdout, new RegExp(`--pid ${second.pid}\\b`));
  });

  it('without --pid both are examined', async () => {
    const reportPath = join(dir, 'both.json');
    await runCli(['check', '--product', 'cloudflare', '--lang', 'en', '--report', reportPath], { timeoutMs: 120_000 });
    const report = JSON.parse(readFileSync(reportPath, 'utf8')) as Report;
    const pids = report.evidence.connectors?.ok ? report.evidence.connectors.value.map((c) => c.pid) : [];
    assert.ok(pids.includes(first.pid) && pids.includes(second.pid), JSON.stringify(pids));
  });

  it('a PID that is not a connector exits 2 naming it and what runs there', async () => {
    const run = await runCli(['check', '--product', 'cloudflare', '--pid', String(process.pid), '--lang', 'en']);
    assert.equal(run.code, 2);
    assert.match(run.stderr, new RegExp(`--pid ${process.pid}: process ${process.pid} is \\S*node\\S*, not a connector`));
  });
});
