// `icmp-doctor ping` beyond one probe per scenario: several probes and their statistics, a host
// name, root and the unprivileged user, -I bindings that exist or not, Ctrl-C during -c 0, a
// reader that closes stdout early, and the socket refused for root too. All in the lab.

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ADDRESSES, createLab, INTERFACES, labUnavailableReason, type Lab, type RunAs } from '../lab/lab';
import { cliArgv, cliMissingReason, finished, jsonLines, runCli, STACK_TRACE } from '../support/cli';
import { REPO_ROOT } from '../support/worker';

const COUNT = 3;
const SERVER = ADDRESSES.server.main;

/** Resolves with the exit code and output once `child` has closed its streams. */

describe('icmp-doctor ping in the lab', { skip: cliMissingReason() ?? labUnavailableReason() ?? false, concurrency: 6 }, () => {
  let lab: Lab;
  before(async () => {
    lab = await createLab();
  });
  after(() => lab?.destroy());

  for (const target of [SERVER.v4, SERVER.v6]) {
    for (const user of ['unprivileged', 'root'] as RunAs[]) {
      it(`--json -c ${COUNT} ${target} as ${user}: every probe, then statistics over them`, async () => {
        const run = await runCli(lab, 'client', ['ping', '--json', '-c', String(COUNT), '-i', '20', target], { user });
        assert.equal(run.code, 0, run.stderr);
        assert.equal(run.stderr, '');
        const lines = jsonLines(run.stdout);
        assert.equal(lines.length, COUNT + 1);
        const probes = lines.slice(0, COUNT);
        probes.forEach((probe, index) => {
          assert.deepEqual(Object.keys(probe).slice(0, 9), ['type', 'seq', 'target', 'address', 'status', 'rttMs', 'ttl', 'bytes', 'error']);
          assert.deepEqual(
            { ...probe, rttMs: 0 },
            { type: 'probe', seq: index + 1, target, address: target, status: 'reply', rttMs: 0, ttl: 63, bytes: 64, error: null, rttResolutionMs: 0.000001 },
          );
          assert.ok(typeof probe.rttMs === 'number' && probe.rttMs > 0, `rttMs ${String(probe.rttMs)}`);
        });
        const rtts = probes.map((probe) => probe.rttMs as number);
        const avg = rtts.reduce((a, b) => a + b, 0) / COUNT;
        const mdev = Math.sqrt(rtts.reduce((a, b) => a + b * b, 0) / COUNT - avg * avg);
        const summary = lines[COUNT]!;
        const rtt = summary.rttMs as Record<string, number>;
        assert.deepEqual(
          { ...summary, rttMs: null, timeMs: 0 },
          { type: 'summary', target, sent: COUNT, received: COUNT, errors: 0, lossPct: 0, rttMs: null, timeouts: 0, timeMs: 0, cancelled: false, socket: 'ping' },
        );
        // The summary rounds to nanoseconds, like the probes.
        assert.ok(Math.abs(rtt.min! - Math.min(...rtts)) < 1e-6);
        assert.ok(Math.abs(rtt.max! - Math.max(...rtts)) < 1e-6);
        assert.ok(Math.abs(rtt.avg! - avg) < 1e-6);
        assert.ok(Math.abs(rtt.mdev! - mdev) < 1e-6);
      });
    }
  }

  it('human output for a host name reads like iputils', async () => {
    const run = await runCli(lab, 'client', ['ping', '-c', '2', '-i', '20', 'localhost', '-4']);
    assert.equal(run.code, 0, run.stderr);
    const lines = run.stdout.split('\n');
    assert.equal(lines[0], 'PING localhost (127.0.0.1) 56(84) bytes of data.');
    assert.match(lines[1] ?? '', /^64 bytes from 127\.0\.0\.1: icmp_seq=1 ttl=64 time=\d+\.\d{3} ms$/);
    assert.match(lines[2] ?? '', /^64 bytes from 127\.0\.0\.1: icmp_seq=2 ttl=64 time=\d+\.\d{3} ms$/);
    assert.equal(lines[3], '');
    assert.equal(lines[4], '--- localhost ping statistics ---');
    assert.match(lines[5] ?? '', /^2 packets transmitted, 2 received, 0% packet loss, time \d+ms$/);
    assert.match(lines[6] ?? '', /^rtt min\/avg\/max\/mdev = \d+\.\d{3}\/\d+\.\d{3}\/\d+\.\d{3}\/\d+\.\d{3} ms$/);
    assert.equal(lines.length, 8);
  });

  it('SIGINT during -c 0 cancels, prints the summary and exits 0', async () => {
    const child = lab.spawn('client', cliArgv(['ping', '--json', '-c', '0', '-i', '20', SERVER.v4]), { user: 'unprivileged', cwd: REPO_ROOT });
    const result = finished(child);
    // ip netns exec, setpriv and env each exec the next, so the child's pid is the CLI's own.
    let seen = '';
    await new Promise<void>((resolve) => {
      child.stdout?.on('data', (chunk: Buffer) => {
        seen += chunk.toString();
        if (seen.split('\n').length > 3) resolve();
      });
    });
    child.kill('SIGINT');
    const run = await result;
    assert.equal(run.code, 0, run.stderr);
    assert.equal(run.stderr, '');
    const lines = jsonLines(run.stdout);
    const summary = lines.at(-1) ?? {};
    assert.equal(summary.type, 'summary');
    assert.equal(summary.cancelled, true);
    assert.ok((summary.received as number) >= 3, JSON.stringify(summary));
    assert.equal(lines.filter((line) => line.type === 'probe').length, summary.received);
    assert.ok((summary.sent as number) - (summary.received as number) <= 1, 'at most the probe in flight is unanswered');
  });

  it('a reader that closes stdout early (| head -1) ends the run quietly', async () => {
    const child = lab.spawn('client', cliArgv(['ping', '-c', '0', '-i', '10', SERVER.v4]), { user: 'unprivileged', cwd: REPO_ROOT });
    child.stdout?.once('data', () => child.stdout?.destroy());
    const run = await finished(child);
    assert.doesNotMatch(run.stderr, STACK_TRACE);
    assert.equal(run.stderr, '');
    assert.ok(run.code === 0 || run.code === 1, `exit ${String(run.code)}`);
  });

  it('-I with an interface or source address of this host binds the probe', async () => {
    for (const bind of [INTERFACES.client.router, ADDRESSES.client.v4]) {
      const run = await runCli(lab, 'client', ['ping', '-c', '1', '-I', bind, SERVER.v4]);
      assert.equal(run.code, 0, run.stderr);
      assert.match(run.stdout, new RegExp(`^PING ${SERVER.v4} \\(${SERVER.v4}\\) from ${bind}: 56\\(84\\) bytes of data\\.\n`));
    }
  });

  it('-I with an interface that does not exist is bad input (exit 2)', async () => {
    const run = await runCli(lab, 'client', ['ping', '-c', '1', '-I', 'nosuch0', SERVER.v4]);
    assert.equal(run.code, 2);
    assert.equal(run.stdout, '');
    assert.equal(
      run.stderr,
      `icmp-doctor: -I nosuch0: no network interface named "nosuch0" here (ENODEV); give an interface or address of this host\nTry 'icmp-doctor ping --help'.\n`,
    );
  });

  it('-I with an address this host does not have is bad input (exit 2)', async () => {
    const run = await runCli(lab, 'client', ['ping', '--json', '-c', '1', '-I', '198.51.100.7', SERVER.v4]);
    assert.equal(run.code, 2);
    assert.equal(run.stdout, '');
    assert.equal(
      run.stderr,
      `icmp-doctor: -I 198.51.100.7: 198.51.100.7 is not an address of this host (EADDRNOTAVAIL); give an interface or address of this host\nTry 'icmp-doctor ping --help'.\n`,
    );
  });

  // Root holds CAP_NET_RAW, so by default it probes through raw sockets there (raw-socket.test.ts);
  // asked for ping sockets it meets the same refusal as everybody.
  describe('ping socket refused for root too (--socket ping; denied namespace, ping_group_range "1 0")', () => {
    it('human: exit 3 and the explained fix for gid 0', async () => {
      const run = await runCli(lab, 'denied', ['ping', '--socket', 'ping', '-c', '1', '127.0.0.1'], { user: 'root' });
      assert.equal(run.code, 3, run.stderr);
      assert.equal(run.stdout, '');
      assert.doesNotMatch(run.stderr, STACK_TRACE);
      assert.match(run.stderr, /^icmp-doctor: ICMP is not permitted: the kernel refused an unprivileged ICMPv4 socket \(EACCES\)\.\n/);
      assert.ok(run.stderr.includes('net.ipv4.ping_group_range is "1 0" in this network namespace'), run.stderr);
      assert.ok(run.stderr.includes('(egid 0; supplementary groups: '), run.stderr);
      assert.ok(run.stderr.includes('sudo sysctl -w net.ipv4.ping_group_range="0 0"'), run.stderr);
      assert.ok(run.stderr.includes('"0 2147483647"'));
      assert.ok(run.stderr.includes('/etc/sysctl.d/'));
      // Root holds CAP_NET_RAW: it is told it needs no sysctl at all without --socket ping.
      assert.ok(run.stderr.includes('This process holds CAP_NET_RAW: without --socket ping it probes through raw sockets'), run.stderr);
    });

    it('--json: one fatal object with the range, GIDs and fix', async () => {
      const run = await runCli(lab, 'denied', ['ping', '--json', '--socket', 'ping', '-c', '1', '::1'], { user: 'root' });
      assert.equal(run.code, 3, run.stderr);
      assert.equal(run.stderr, '');
      const lines = jsonLines(run.stdout);
      assert.equal(lines.length, 1);
      const fatal = lines[0]!;
      assert.equal(fatal.type, 'fatal');
      assert.equal(fatal.code, 'ICMP_SOCKET_DENIED');
      assert.equal(fatal.target, '::1');
      assert.match(String(fatal.message), /unprivileged ICMPv6 socket/);
      assert.deepEqual(fatal.pingGroupRange, [1, 0]);
      assert.equal(fatal.egid, 0);
      assert.deepEqual(fatal.coveredGroups, []);
      assert.deepEqual(fatal.fix, {
        command: 'sudo sysctl -w net.ipv4.ping_group_range="0 0"',
        everyGroup: 'sudo sysctl -w net.ipv4.ping_group_range="0 2147483647"',
        persist:
          "echo 'net.ipv4.ping_group_range = 0 0' | sudo tee /etc/sysctl.d/60-icmp-doctor-ping.conf" +
          ' && sudo sysctl -p /etc/sysctl.d/60-icmp-doctor-ping.conf',
      });
    });
  });
});
