// Text from the command line, files and the network reaches the terminal inert: each hostile
// string (an OSC retitle + screen clear, a C1 CSI, DEL, a lone CR, a bidi override, a lone
// surrogate) goes through every option of `check` that echoes what it was given, through a
// cloudflared log and imported files that a whole run quotes, and through `ping`'s usage
// errors; no raw control character may come out on stdout or stderr, in human or --json
// mode, nor in the Markdown, HTML and JSON reports. Runs the built CLI on this host: none of
// these runs sends a probe (no --target resolves, or none is given).

import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { cliMissingReason, runCli, STACK_TRACE } from '../../test-support/cli/run-cli';

/** What may never reach a terminal raw: C0 but tab and LF, a CR not before LF, DEL, C1, U+2028/9, bidi controls. */
const RAW_CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u2028-\u202e\u2066-\u2069]|\r(?!\n)/;

const HOSTILE: ReadonlyArray<{ name: string; text: string }> = [
  { name: 'OSC retitle, BEL, screen clear', text: '\u001b]0;pwned\u0007\u001b[2Jx' },
  { name: 'C1 CSI', text: '\u009b31mred' },
  { name: 'DEL', text: 'a\u007fb' },
  { name: 'lone CR', text: 'shown\rhidden' },
  { name: 'bidi override', text: 'evil\u202etxt.exe' },
  { name: 'lone surrogate', text: 'x\ud800y' },
];

function assertInert(what: string, text: string): void {
  const found = RAW_CONTROL.exec(text);
  assert.equal(found, null, `${what} holds U+${found?.[0].charCodeAt(0).toString(16).padStart(4, '0')} raw: ${JSON.stringify(text)}`);
}

describe('hostile text reaches no terminal raw', { skip: cliMissingReason() ?? false, concurrency: 4 }, () => {
  let dir: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'icd-hostile-'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  /** Usage errors: each echoes the hostile value it refuses. */
  const usageCases: ReadonlyArray<{ name: string; args: (h: string, dir: string) => string[] }> = [
    { name: 'check --target', args: (h) => ['check', '--target', h] },
    { name: 'check --target=', args: (h) => ['check', `--target=${h}`] },
    { name: 'check --metrics', args: (h) => ['check', '--metrics', h] },
    { name: 'check --metrics host:port', args: (h) => ['check', '--metrics', `http://${h}:20241`] },
    { name: 'check --report (bad extension)', args: (h, d) => ['check', '--report', join(d, `${h}.txt`)] },
    { name: 'check --report (missing directory)', args: (h, d) => ['check', '--report', join(d, h, 'r.md')] },
    { name: 'check --cloudflared-log', args: (h, d) => ['check', '--cloudflared-log', join(d, `${h}.log`)] },
    { name: 'check --cloudflared-config', args: (h, d) => ['check', '--cloudflared-config', join(d, `${h}.yml`)] },
    { name: 'check --import FILE', args: (h, d) => ['check', '--import', `sysctl=${join(d, h)}`] },
    { name: 'check --import KIND', args: (h) => ['check', '--import', `${h}=x`] },
    { name: 'check --connector-report', args: (h, d) => ['check', '--connector-report', join(d, `${h}.json`)] },
    { name: 'check --product', args: (h) => ['check', '--product', h] },
    { name: 'check --tcp-port', args: (h) => ['check', '--target', '127.0.0.1', '--tcp-port', h] },
    { name: 'check positional', args: (h) => ['check', h] },
    { name: 'check unknown option', args: (h) => ['check', `--${h}`] },
    { name: 'check --json=', args: (h) => ['check', `--json=${h}`] },
    { name: 'ping TARGET', args: (h) => ['ping', h] },
    { name: 'ping -c', args: (h) => ['ping', '127.0.0.1', '-c', h] },
    { name: 'unknown command', args: (h) => [h] },
  ];

  it('an imported file full of control characters: refused, quoted inert', async () => {
    const sysctl = join(dir, 'sysctl.txt');
    writeFileSync(sysctl, `net.ipv4.ping_group_range = 1\t0\n${HOSTILE.map((h) => `net.${h.text} = 1`).join('\n')}\n`);
    const run = await runCli(['check', '--import', `sysctl=${sysctl}`]);
    assert.equal(run.code, 2, run.stderr);
    assertInert('stderr', run.stderr);
  });

  for (const hostile of HOSTILE) {
    for (const usage of usageCases) {
      it(`${usage.name} with ${hostile.name}: exit 2, the value echoed inert`, async () => {
        const run = await runCli(usage.args(hostile.text, dir));
        assert.equal(run.code, 2, run.stderr);
        assert.doesNotMatch(run.stderr, STACK_TRACE);
        assert.match(run.stderr, /^icmp-doctor: /);
        assertInert('stderr', run.stderr);
        assertInert('stdout', run.stdout);
      });
    }
  }

  it('a whole run quoting a hostile cloudflared log (its lines and its name): stdout, stderr and every report inert', async () => {
    const all = HOSTILE.map((h) => h.text).join(' ');
    // The log's own name is hostile too: paths are quoted in the progress, the verdicts and the reports.
    const log = join(dir, `cloudflared-${HOSTILE.map((h) => h.text).join('').replace(/[\ud800-\udfff]/g, '')}.log`);
    writeFileSync(
      log,
      `2024-10-13T09:39:24Z WRN ${all} error="Group ID 0 is not between ping group 1 to 0" ${all}\n` +
        `2024-10-13T09:39:25Z INF Registered tunnel connection connIndex=0 ${all} protocol=http2\n`,
    );
    for (const json of [false, true]) {
      const reports = ['md', 'html', 'json'].map((extension) => join(dir, `run-${json}.${extension}`));
      const runs = await Promise.all(
        reports.map((report) => runCli(['check', '--cloudflared-log', log, '--report', report, ...(json ? ['--json'] : [])], { timeoutMs: 60_000 })),
      );
      for (const [index, run] of runs.entries()) {
        assert.ok(run.code === 0 || run.code === 1 || run.code === 2, `exit ${run.code}: ${run.stderr}`);
        assertInert(`stdout (json: ${json})`, run.stdout);
        assertInert(`stderr (json: ${json})`, run.stderr);
        if (run.code !== 2) assertInert(reports[index]!, readFileSync(reports[index]!, 'utf8'));
      }
      // The log was quoted: the run read it (so the check above had something to check).
      assert.match(runs[0]!.stdout + runs[0]!.stderr, /pwned/);
    }
  });
});
