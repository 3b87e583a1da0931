// ICMP_SOCKET_DENIED end to end: in the host's network namespace ping_group_range is "1 0",
// so the kernel refuses our ping socket for real. Exit 3, and the message names the sysctl,
// its value, our GIDs and the fix, in human and --json modes, as root and as nobody.

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { cliMissingReason, jsonLines, runCli, STACK_TRACE } from './testing/run-cli';

function hostRange(): [number, number] | null {
  try {
    const [low, high] = readFileSync('/proc/sys/net/ipv4/ping_group_range', 'utf8').trim().split(/\s+/).map(Number);
    return low === undefined || high === undefined ? null : [low, high];
  } catch {
    return null;
  }
}

/** Why the real denial cannot be seen here (the host range admits `gid`), or null. */
function skipReason(gid: number): string | null {
  const missing = cliMissingReason();
  if (missing) return missing;
  const range = hostRange();
  if (!range) return 'cannot read net.ipv4.ping_group_range';
  if (range[0] <= gid && gid <= range[1]) return `the host's ping_group_range "${range.join(' ')}" admits gid ${gid}`;
  if (gid !== process.getegid?.() && process.getuid?.() !== 0) return 'needs root to run as another user (setpriv)';
  return null;
}

const RANGE = hostRange()?.join(' ') ?? '';

/** The range the fix suggests: just `gid` when the current range is empty, else widened to it. */
function suggested(gid: number): string {
  const range = hostRange();
  if (!range || range[0] > range[1]) return `${gid} ${gid}`;
  return `${Math.min(range[0], gid)} ${Math.max(range[1], gid)}`;
}

const RUNS = [
  { who: 'this user', gid: process.getegid?.() ?? 0, unprivileged: false },
  { who: 'nobody (setpriv 65534, no supplementary groups)', gid: 65534, unprivileged: true },
];

describe('icmp-doctor ping: ICMP socket denied', { concurrency: 4 }, () => {
  for (const run of RUNS) {
    it(`human output, as ${run.who}: exit 3 and the explained fix`, { skip: skipReason(run.gid) ?? false }, async () => {
      const result = await runCli(['ping', '-c', '1', '127.0.0.1'], { unprivileged: run.unprivileged });
      assert.equal(result.code, 3, result.stderr);
      assert.equal(result.stdout, '');
      assert.doesNotMatch(result.stderr, STACK_TRACE);
      assert.match(result.stderr, /^icmp-doctor: ICMP is not permitted: the kernel refused an unprivileged ICMPv4 socket \(EACCES\)\./);
      assert.ok(result.stderr.includes(`net.ipv4.ping_group_range is "${RANGE}" in this network namespace`), result.stderr);
      assert.ok(result.stderr.includes(`(egid ${run.gid}; supplementary groups: `), result.stderr);
      assert.ok(result.stderr.includes(`sudo sysctl -w net.ipv4.ping_group_range="${suggested(run.gid)}"`), result.stderr);
      assert.ok(result.stderr.includes('"0 2147483647"'));
      assert.ok(result.stderr.includes('/etc/sysctl.d/'));
    });

    it(`--json, as ${run.who}: one fatal object with the range, GIDs and fix`, { skip: skipReason(run.gid) ?? false }, async () => {
      const result = await runCli(['ping', '--json', '-c', '1', '::1'], { unprivileged: run.unprivileged });
      assert.equal(result.code, 3, result.stderr);
      assert.equal(result.stderr, '', 'nothing on stderr: the fatal object carries the message');
      const lines = jsonLines(result.stdout);
      assert.equal(lines.length, 1);
      const fatal = lines[0] ?? {};
      assert.equal(fatal.type, 'fatal');
      assert.equal(fatal.code, 'ICMP_SOCKET_DENIED');
      assert.equal(fatal.target, '::1');
      const message = String(fatal.message);
      assert.match(message, /unprivileged ICMPv6 socket/);
      assert.ok(message.includes(`net.ipv4.ping_group_range is "${RANGE}"`), message);
      assert.ok(message.includes(`egid ${run.gid};`), message);
      assert.ok(message.includes(`sudo sysctl -w net.ipv4.ping_group_range="${suggested(run.gid)}"`), message);
      assert.deepEqual(fatal.pingGroupRange, hostRange());
      assert.equal(fatal.egid, run.gid);
      if (run.unprivileged) assert.deepEqual(fatal.groups, []);
      assert.deepEqual(fatal.fix, {
        command: `sudo sysctl -w net.ipv4.ping_group_range="${suggested(run.gid)}"`,
        everyGroup: 'sudo sysctl -w net.ipv4.ping_group_range="0 2147483647"',
        persist:
          `echo 'net.ipv4.ping_group_range = ${suggested(run.gid)}' | sudo tee /etc/sysctl.d/60-icmp-doctor-ping.conf` +
          ' && sudo sysctl -p /etc/sysctl.d/60-icmp-doctor-ping.conf',
      });
    });
  }
});
