// Real probes in a throwaway network namespace (ping_group_range "0 2147483647"): pings
// 127.0.0.1 and ::1 as root and as nobody and checks the JSON Lines contract, plus the human
// output, Ctrl-C and an early-closed stdout. Needs root; the namespace is always removed.

import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { after, before, describe, it } from 'node:test';
import { createPingNamespace, deleteNamespace, netnsUnavailableReason } from './testing/netns';
import { CLI, cliMissingReason, jsonLines, REPO_ROOT, runCli, STACK_TRACE } from './testing/run-cli';

const COUNT = 3;
const skip = cliMissingReason() ?? netnsUnavailableReason() ?? false;

describe('icmp-doctor ping in a network namespace', { skip, concurrency: 4 }, () => {
  let netns = '';
  before(() => {
    netns = createPingNamespace('idping');
  });
  after(() => {
    if (netns) deleteNamespace(netns);
  });

  for (const target of ['127.0.0.1', '::1']) {
    for (const unprivileged of [false, true]) {
      const who = unprivileged ? 'nobody (65534)' : 'root';
      it(`--json ${target} as ${who}: replies with the contract's fields`, async () => {
        const run = await runCli(['ping', '--json', '-c', String(COUNT), '-i', '20', target], { netns, unprivileged });
        assert.equal(run.code, 0, run.stderr);
        assert.equal(run.stderr, '');
        const lines = jsonLines(run.stdout);
        assert.equal(lines.length, COUNT + 1);
        lines.slice(0, COUNT).forEach((probe, index) => {
          assert.deepEqual(Object.keys(probe).slice(0, 9), ['type', 'seq', 'target', 'address', 'status', 'rttMs', 'ttl', 'bytes', 'error']);
          assert.equal(probe.type, 'probe');
          assert.equal(probe.seq, index + 1);
          assert.equal(probe.target, target);
          assert.equal(probe.address, target);
          assert.equal(probe.status, 'reply');
          assert.equal(probe.ttl, 64);
          assert.equal(probe.bytes, 64);
          assert.equal(probe.error, null);
          assert.ok(typeof probe.rttMs === 'number' && probe.rttMs > 0, `rttMs ${String(probe.rttMs)}`);
        });
        const summary = lines[COUNT] ?? {};
        assert.equal(summary.type, 'summary');
        assert.equal(summary.target, target);
        assert.equal(summary.sent, COUNT);
        assert.equal(summary.received, COUNT);
        assert.equal(summary.errors, 0);
        assert.equal(summary.lossPct, 0);
        const rtt = summary.rttMs as Record<string, number>;
        const rtts = lines.slice(0, COUNT).map((probe) => probe.rttMs as number);
        assert.ok(Math.abs((rtt.min ?? 0) - Math.min(...rtts)) < 1e-6);
        assert.ok(Math.abs((rtt.max ?? 0) - Math.max(...rtts)) < 1e-6);
        assert.ok((rtt.mdev ?? -1) >= 0);
      });
    }
  }

  it('human output reads like iputils', async () => {
    const run = await runCli(['ping', '-c', '2', '-i', '20', 'localhost', '-4'], { netns });
    assert.equal(run.code, 0, run.stderr);
    const lines = run.stdout.split('\n');
    assert.equal(lines[0], 'PING localhost (127.0.0.1) 56(84) bytes of data.');
    assert.match(lines[1] ?? '', /^64 bytes from 127\.0\.0\.1: icmp_seq=1 ttl=64 time=\d+\.\d{3} ms$/);
    assert.match(lines[2] ?? '', /^64 bytes from 127\.0\.0\.1: icmp_seq=2 ttl=64 time=\d+\.\d{3} ms$/);
    assert.equal(lines[3], '');
    assert.equal(lines[4], '--- localhost ping statistics ---');
    assert.match(lines[5] ?? '', /^2 packets transmitted, 2 received, 0% packet loss, time \d+ms$/);
    assert.match(lines[6] ?? '', /^rtt min\/avg\/max\/mdev = \d+\.\d{3}\/\d+\.\d{3}\/\d+\.\d{3}\/\d+\.\d{3} ms$/);
  });

  it('SIGINT during -c 0 cancels, prints the summary and exits 0', async () => {
    let pid = 0;
    const pending = runCli(['ping', '--json', '-c', '0', '-i', '50', '127.0.0.1'], { netns, onSpawn: (child) => (pid = child) });
    // ip netns exec replaces itself with node (exec), so the pid is the CLI's own.
    await new Promise((resolve) => setTimeout(resolve, 700));
    process.kill(pid, 'SIGINT');
    const run = await pending;
    assert.equal(run.code, 0, run.stderr);
    const lines = jsonLines(run.stdout);
    const summary = lines.at(-1) ?? {};
    assert.equal(summary.type, 'summary');
    assert.equal(summary.cancelled, true);
    assert.ok((summary.received as number) >= 2, JSON.stringify(summary));
    assert.equal(lines.filter((line) => line.type === 'probe').length, summary.received);
  });

  it('a reader that closes stdout early (| head -1) ends the run quietly', async () => {
    const child = spawn('ip', ['netns', 'exec', netns, process.execPath, CLI, 'ping', '-c', '0', '-i', '10', '127.0.0.1'], {
      cwd: REPO_ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.stdout.once('data', () => child.stdout.destroy());
    const code = await new Promise<number | null>((resolve) => child.on('close', (exitCode) => resolve(exitCode)));
    assert.doesNotMatch(stderr, STACK_TRACE);
    assert.equal(stderr, '');
    assert.ok(code === 0 || code === 1, `exit ${String(code)}`);
  });

  it('-I with an interface that does not exist is bad input (exit 2)', async () => {
    const run = await runCli(['ping', '-c', '1', '-I', 'nosuch0', '127.0.0.1'], { netns });
    assert.equal(run.code, 2);
    assert.equal(
      run.stderr,
      `icmp-doctor: -I nosuch0: no network interface named "nosuch0" here (ENODEV); give an interface or address of this host\nTry 'icmp-doctor ping --help'.\n`,
    );
  });
});
