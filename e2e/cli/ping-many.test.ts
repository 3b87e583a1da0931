// `icmp-doctor ping` with many targets, in the lab, as the unprivileged user: several targets
// (one answers, one is refused, one is silent), CIDR sweeps (v4 /28 half served, half
// prohibited; a v6 /125), a targets file from disk and from stdin, a bad line in one, and
// Ctrl-C. One probe session serves them all; every JSON line names its target.

import assert from 'node:assert/strict';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { ADDRESSES, createLab, labUnavailableReason, type Lab } from '../lab/lab';
import { cliArgv, cliMissingReason, finished, jsonLines, runCli, STACK_TRACE } from '../support/cli';
import { REPO_ROOT } from '../support/worker';

const UP = ADDRESSES.server.main.v4;
const REFUSED = ADDRESSES.routes.prohibit.v4;
const SILENT = ADDRESSES.routes.blackhole.v4;
/** Served (.0–.7) and prohibited (.8–.15) halves of one /28. */
const HALF = { prefix: '10.202.0.0/28', serve: '10.202.0.0/29', prohibit: '10.202.0.8/29' };
const V6_SERVED = 'fd00:202::/125';

type Line = Record<string, unknown>;

function byType(lines: readonly Line[], type: string): Line[] {
  return lines.filter((line) => line.type === type);
}

describe('icmp-doctor ping with many targets in the lab', { skip: cliMissingReason() ?? labUnavailableReason() ?? false, concurrency: 4 }, () => {
  let lab: Lab;
  let dir: string;
  before(async () => {
    lab = await createLab();
    await Promise.all([
      lab.addRoute('serve', HALF.serve),
      lab.addRoute('prohibit', HALF.prohibit),
      lab.addRoute('serve', V6_SERVED),
    ]);
    dir = mkdtempSync(join(tmpdir(), 'icd-ping-many-'));
    chmodSync(dir, 0o755);
  });
  after(async () => {
    await lab?.destroy();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('three targets: one answers, one is refused, one is silent; per-target statistics, exit 0', async () => {
    const run = await runCli(lab, 'client', ['ping', '-c', '2', '-i', '50', '-W', '300', UP, REFUSED, SILENT]);
    assert.equal(run.code, 0, run.stderr);
    assert.equal(run.stderr, '');
    const lines = run.stdout.split('\n');
    const probeLines = lines.filter((line) => / : \[\d\], /.test(line));
    assert.equal(probeLines.length, 6, run.stdout);
    for (const seq of [1, 2]) {
      assert.ok(probeLines.some((line) => new RegExp(`^${UP.replace(/\./g, '\\.')}\\s+: \\[${seq}\\], 64 bytes, \\d+\\.\\d+ ms \\(`).test(line)), run.stdout);
      assert.ok(probeLines.includes(`${REFUSED} : [${seq}], Packet filtered from ${ADDRESSES.router.client.v4} (100% loss)`), run.stdout);
      assert.ok(probeLines.includes(`${SILENT} : [${seq}], timed out, no answer within 300 ms (100% loss)`), run.stdout);
    }
    const summaries = lines.filter((line) => line.includes('xmt/rcv/%loss'));
    assert.equal(summaries.length, 3);
    assert.match(summaries[0] ?? '', new RegExp(`^${UP.replace(/\./g, '\\.')} : xmt/rcv/%loss = 2/2/0%, min/avg/max = [\\d.]+/[\\d.]+/[\\d.]+$`));
    assert.equal(summaries[1], `${REFUSED} : xmt/rcv/%loss = 2/0/100%, 2 errors (Packet filtered from ${ADDRESSES.router.client.v4})`);
    assert.equal(summaries[2], `${SILENT} : xmt/rcv/%loss = 2/0/100%`);
    assert.match(run.stdout, /\n--- 3 targets: 1 answered, 1 unreachable \(ICMP errors only\), 1 silent; 6 probes sent, 2 replies, time \d+ms ---\n$/);
  });

  it('--json: every probe names its target, a summary per target, then the sweep totals', async () => {
    const run = await runCli(lab, 'client', ['ping', '--json', '-c', '2', '-i', '50', '-W', '300', UP, REFUSED, SILENT]);
    assert.equal(run.code, 0, run.stderr);
    const lines = jsonLines(run.stdout);
    const probes = byType(lines, 'probe');
    assert.equal(probes.length, 6);
    for (const probe of probes) assert.ok(([UP, REFUSED, SILENT] as string[]).includes(probe.target as string), JSON.stringify(probe));
    const statusOf = (target: string): unknown[] => probes.filter((probe) => probe.target === target).map((probe) => probe.status);
    assert.deepEqual(statusOf(UP), ['reply', 'reply']);
    assert.deepEqual(statusOf(REFUSED), ['icmp-error', 'icmp-error']);
    assert.deepEqual(statusOf(SILENT), ['timeout', 'timeout']);
    const summaries = byType(lines, 'summary');
    assert.deepEqual(
      summaries.map((summary) => [summary.target, summary.sent, summary.received, summary.errors, summary.timeouts, summary.socket]),
      [
        [UP, 2, 2, 0, 0, 'ping'],
        [REFUSED, 2, 0, 2, 0, 'ping'],
        [SILENT, 2, 0, 0, 2, 'ping'],
      ],
    );
    assert.deepEqual({ ...lines.at(-1), timeMs: 0 }, { type: 'sweep', targets: 3, answered: 1, unreachable: 1, silent: 1, sent: 6, received: 2, duplicates: 0, timeMs: 0, cancelled: false });
  });

  it(`a /28 sweep where half answer: 7 answered, 7 refused, exit 0`, async () => {
    const run = await runCli(lab, 'client', ['ping', '--json', '-c', '1', '-W', '500', HALF.prefix]);
    assert.equal(run.code, 0, run.stderr);
    const lines = jsonLines(run.stdout);
    const summaries = byType(lines, 'summary');
    assert.deepEqual(
      summaries.map((summary) => summary.target),
      Array.from({ length: 14 }, (_, index) => `10.202.0.${index + 1}`),
    );
    for (const summary of summaries) {
      const host = Number((summary.target as string).split('.')[3]);
      assert.deepEqual([summary.target, summary.received, summary.errors], [summary.target, host < 8 ? 1 : 0, host < 8 ? 0 : 1]);
    }
    for (const probe of byType(lines, 'probe')) assert.equal(typeof probe.target, 'string');
    assert.deepEqual({ ...lines.at(-1), timeMs: 0 }, { type: 'sweep', targets: 14, answered: 7, unreachable: 7, silent: 0, sent: 14, received: 7, duplicates: 0, timeMs: 0, cancelled: false });
  });

  it('an IPv6 /125 sweep: every host answers', async () => {
    const run = await runCli(lab, 'client', ['ping', '-q', '-c', '1', '-W', '500', V6_SERVED]);
    assert.equal(run.code, 0, run.stderr);
    const summaries = run.stdout.split('\n').filter((line) => line.includes('xmt/rcv/%loss'));
    assert.deepEqual(
      summaries.map((line) => line.split(' ')[0]),
      ['fd00:202::1', 'fd00:202::2', 'fd00:202::3', 'fd00:202::4', 'fd00:202::5', 'fd00:202::6', 'fd00:202::7'],
    );
    for (const line of summaries) assert.match(line, / : xmt\/rcv\/%loss = 1\/1\/0%, /);
    assert.doesNotMatch(run.stdout, / : \[1\], /, '-q prints no per-probe lines');
  });

  it('--targets-file: comments and blank lines skipped, duplicates probed once and named', async () => {
    const file = join(dir, 'targets.txt');
    writeFileSync(file, `# the lab\n${UP}\n\n${SILENT}   # blackholed\n${UP}\n`);
    chmodSync(file, 0o644);
    const run = await runCli(lab, 'client', ['ping', '--json', '-c', '1', '-W', '300', '--targets-file', file]);
    assert.equal(run.code, 0, run.stderr);
    assert.equal(run.stderr, `icmp-doctor: 1 duplicate target probed once: ${UP} (${file}:5)\n`);
    const summaries = byType(jsonLines(run.stdout), 'summary');
    assert.deepEqual(
      summaries.map((summary) => [summary.target, summary.received]),
      [
        [UP, 1],
        [SILENT, 0],
      ],
    );
  });

  it('--targets-file - reads stdin; nothing answering exits 1', async () => {
    const run = await lab.exec('client', cliArgv(['ping', '-q', '-c', '1', '-W', '300', '--targets-file', '-']), {
      user: 'unprivileged',
      cwd: REPO_ROOT,
      stdin: `${REFUSED}\n${SILENT}\n`,
      timeoutMs: 20_000,
    });
    assert.equal(run.code, 1, run.stderr);
    assert.match(run.stdout, /--- 2 targets: 0 answered, 1 unreachable \(ICMP errors only\), 1 silent; /);
  });

  it('a targets file with a bad line: exit 2 naming file:line, nothing probed', async () => {
    const file = join(dir, 'bad.txt');
    writeFileSync(file, `${UP}\n# fine so far\nbad_host!\n`);
    chmodSync(file, 0o644);
    const run = await runCli(lab, 'client', ['ping', '--json', '-c', '1', '--targets-file', file]);
    assert.doesNotMatch(run.stderr, STACK_TRACE);
    assert.equal(run.code, 2, run.stderr);
    assert.equal(run.stdout, '');
    assert.match(run.stderr, new RegExp(`^icmp-doctor: ${file.replace(/[.]/g, '\\.')}:3: bad_host!: not an IP address or a valid host name`));
    assert.match(run.stderr, /\nTry 'icmp-doctor ping --help'\.\n$/);
  });

  // Hang guard only: a CLI that never prints would otherwise leave this waiting for ever.
  it('SIGINT during -c 0 cancels every target and still prints each one’s statistics', { timeout: 30_000 }, async () => {
    const child = lab.spawn('client', cliArgv(['ping', '--json', '-c', '0', '-i', '20', UP, REFUSED]), { user: 'unprivileged', cwd: REPO_ROOT });
    const result = finished(child);
    let seen = '';
    await new Promise<void>((resolve) => {
      child.stdout?.on('data', (chunk: Buffer) => {
        seen += chunk.toString();
        if (seen.split('\n').length > 6) resolve();
      });
    });
    child.kill('SIGINT');
    const run = await result;
    assert.equal(run.code, 0, run.stderr);
    const lines = jsonLines(run.stdout);
    const summaries = byType(lines, 'summary');
    assert.deepEqual(
      summaries.map((summary) => [summary.target, summary.cancelled]),
      [
        [UP, true],
        [REFUSED, true],
      ],
    );
    assert.ok((summaries[0]?.received as number) >= 1);
    assert.ok((summaries[1]?.errors as number) >= 1);
    assert.equal(lines.at(-1)?.type, 'sweep');
    assert.equal(lines.at(-1)?.cancelled, true);
  });
});
