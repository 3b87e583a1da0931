// Writing the report: a place that can never take it is refused before the run (exit 2, a
// specific message, nothing written), and Ctrl-C / SIGTERM sent to the real CLI while the
// report's temp file exists ends the process with 130 / 143, one signal or two, leaving no
// temp file and never a partial report. An existing report keeps its mode. Runs the built CLI
// on this host without a target (no probe is sent): the run takes a fraction of a second, and
// the test watches the report's directory to send the signals while the temp file is there.

import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { constants as osConstants, tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { CLI, cliMissingReason, REPO_ROOT, runCli, STACK_TRACE } from '../../test-support/cli/run-cli';

const IS_ROOT = process.getuid?.() === 0;
/** How many runs a signal test may start before one is caught with its temp file present. */
const ATTEMPTS = 60;

describe('check --report: where it can be written, and signals while it is', { skip: cliMissingReason() ?? false }, () => {
  let dir: string;
  let log: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'icd-report-write-'));
    // A log with many distinct lines makes the report (and its write) larger.
    log = join(dir, 'cloudflared.log');
    const lines = Array.from({ length: 4000 }, (_, i) => `2024-10-13T09:39:${String(i % 60).padStart(2, '0')}Z ERR line ${i} ${'x'.repeat(200)} error="Group ID 0 is not between ping group 1 to 0"`);
    writeFileSync(log, `${lines.join('\n')}\n`);
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  const refused: ReadonlyArray<{ name: string; path: (dir: string) => string; message: RegExp; skip?: string | false }> = [
    { name: 'a trailing slash', path: (d) => `${d}/r.json/`, message: /names a directory/ },
    { name: 'a trailing "/."', path: (d) => `${d}/r.json/.`, message: /names a directory/ },
    { name: 'an existing directory', path: (d) => join(d, 'sub.json'), message: /this is a directory/ },
    { name: 'a missing parent', path: (d) => join(d, 'missing', 'r.json'), message: /the directory .*missing does not exist/ },
    { name: 'a parent that is a file', path: (d) => join(d, 'cloudflared.log', 'r.json'), message: /is not a directory/ },
    { name: 'a name over NAME_MAX', path: (d) => join(d, `${'n'.repeat(260)}.json`), message: /the file name is 265 bytes long; a name has at most 255/ },
    { name: 'a path over PATH_MAX', path: (d) => join(d, ...Array.from({ length: 40 }, () => 'd'.repeat(120)), 'r.json'), message: /the path is \d+ bytes long; a path has at most 4095/ },
    { name: 'an unknown extension', path: (d) => join(d, 'r.pdf'), message: /the extension decides the format/ },
    { name: '/sys (even as root)', path: () => '/sys/r.json', message: /no permission to create files in \/sys|read-only file system/ },
    { name: '/proc (even as root)', path: () => '/proc/r.json', message: /no permission to create files in \/proc|does not exist|read-only file system/ },
    { name: 'a FIFO', path: (d) => join(d, 'fifo.json'), message: /not a regular file/ },
  ];

  for (const bad of refused) {
    it(`refuses ${bad.name} before the run: exit 2, nothing written`, { skip: bad.skip ?? false }, async () => {
      mkdirSync(join(dir, 'sub.json'), { recursive: true });
      if (!existsSync(join(dir, 'fifo.json'))) await new Promise((resolve) => spawn('mkfifo', [join(dir, 'fifo.json')]).on('close', resolve));
      const before = readdirSync(dir).sort();
      const run = await runCli(['check', '--cloudflared-log', log, '--report', bad.path(dir)]);
      assert.equal(run.code, 2, run.stderr);
      assert.match(run.stderr, /^icmp-doctor: --report /);
      assert.match(run.stderr, bad.message);
      assert.doesNotMatch(run.stderr, STACK_TRACE);
      // Refused before the run: no verdicts, no progress lines.
      assert.equal(run.stdout, '');
      assert.doesNotMatch(run.stderr, /\[1\/\d+\]/);
      assert.deepEqual(readdirSync(dir).sort(), before);
    });
  }

  it('a read-only mount is refused before the run, as root too', { skip: !IS_ROOT && 'needs root for a private read-only mount' }, async () => {
    const target = join(dir, 'ro', 'r.json');
    mkdirSync(join(dir, 'ro'), { recursive: true });
    const run = await new Promise<{ code: number | null; stderr: string }>((resolve) => {
      const child = spawn('unshare', ['-m', 'sh', '-c', `mount --bind "$1" "$1" && mount -o remount,bind,ro "$1" && exec "$2" "$3" check --report "$4"`, 'sh', join(dir, 'ro'), process.execPath, CLI, target], { cwd: REPO_ROOT });
      let stderr = '';
      child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
      child.on('close', (code) => resolve({ code, stderr }));
    });
    assert.equal(run.code, 2, run.stderr);
    assert.match(run.stderr, /read-only file system/);
  });

  it('an existing report keeps its mode (0666 stays 0666 under umask 022)', async () => {
    const target = join(dir, 'kept.json');
    writeFileSync(target, 'old\n');
    chmodSync(target, 0o666);
    const run = await runCli(['check', '--cloudflared-log', log, '--report', target, '--json']);
    assert.ok(run.code === 0 || run.code === 1, run.stderr);
    assert.notEqual(readFileSync(target, 'utf8'), 'old\n');
    assert.equal(statSync(target).mode & 0o777, 0o666);
  });

  /**
   * Starts a run writing `target`, sends `signals` as soon as its temp file appears, and
   * returns the exit code; null when the write was over before the temp file was seen.
   */
  async function signalDuringWrite(target: string, signals: readonly NodeJS.Signals[]): Promise<{ code: number | null; caught: boolean; stderr: string }> {
    const reportDir = join(target, '..');
    const child = spawn(process.execPath, [CLI, 'check', '--cloudflared-log', log, '--report', target], { cwd: REPO_ROOT, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    // The status a shell reports: a process that ends by a signal is 128 + its number. The
    // signal can land just after the run removed its handlers on the way out (the directory
    // listing that showed the temp file is already stale), and then the default action ends it.
    const exited = new Promise<number | null>((resolve) =>
      child.on('close', (code, signal) => resolve(signal ? 128 + (osConstants.signals[signal] ?? 0) : code)),
    );
    let caught = false;
    let done = false;
    void exited.then(() => (done = true));
    // Poll the directory between event-loop turns until the temp file shows up or the run ends.
    while (!done && !caught) {
      if (readdirSync(reportDir).some((name) => name.endsWith('.tmp'))) {
        caught = true;
        for (const signal of signals) child.kill(signal);
        break;
      }
      await new Promise((resolve) => setImmediate(resolve));
    }
    return { code: await exited, caught, stderr };
  }

  const cases: ReadonlyArray<{ signals: NodeJS.Signals[]; code: number }> = [
    { signals: ['SIGINT'], code: 130 },
    { signals: ['SIGTERM'], code: 143 },
    { signals: ['SIGINT', 'SIGINT'], code: 130 },
    { signals: ['SIGTERM', 'SIGTERM'], code: 143 },
  ];
  for (const { signals, code } of cases) {
    it(`${signals.join(' + ')} while the report is being written: exit ${code}, no temp file, never a partial report`, { timeout: 300_000 }, async (t) => {
      let caughtRuns = 0;
      let attempts = 0;
      for (; attempts < ATTEMPTS && caughtRuns < 3; attempts += 1) {
        const reportDir = mkdtempSync(join(dir, 'signal-'));
        const target = join(reportDir, 'report.html');
        const run = await signalDuringWrite(target, signals);
        assert.deepEqual(readdirSync(reportDir).filter((name) => name !== 'report.html'), [], 'no temp file is left');
        if (!run.caught) continue;
        caughtRuns += 1;
        assert.equal(run.code, code, run.stderr);
        if (existsSync(target)) assert.match(readFileSync(target, 'utf8'), /<\/html>\s*$/, 'a report that is there is whole');
      }
      assert.ok(caughtRuns > 0, `no run was caught with its temp file in ${ATTEMPTS} attempts`);
      t.diagnostic(`${caughtRuns} runs caught mid-write in ${attempts} attempts`);
    });
  }
});
