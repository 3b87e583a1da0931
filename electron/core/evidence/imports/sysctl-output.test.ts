import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseSysctlOutput } from './sysctl-output';
import { failureOf, failureReason, valueOf } from './testing';

const SOURCE = 'pasted sysctl output';

describe('parseSysctlOutput: the forms people paste', () => {
  const CASES: Array<[string, string, { low: number; high: number }]> = [
    ['`sysctl net.ipv4.ping_group_range` (tab between the numbers)', 'net.ipv4.ping_group_range = 1\t0\n', { low: 1, high: 0 }],
    ['with the command and prompt (seed 002)', '$ sysctl net.ipv4.ping_group_range\nnet.ipv4.ping_group_range = 1\t0\n', { low: 1, high: 0 }],
    ['`sudo sysctl -w` echo', 'net.ipv4.ping_group_range = 0 0\n', { low: 0, high: 0 }],
    ['a sysctl.d line (seed 000)', "echo 'net.ipv4.ping_group_range = 0 2147483647' | sudo tee /etc/sysctl.d/99-twingate-icmp.conf\nnet.ipv4.ping_group_range = 0 2147483647\n", { low: 0, high: 2147483647 }],
    ['sysctl.conf syntax without spaces, quoted', 'net.ipv4.ping_group_range="0 2147483647"\n', { low: 0, high: 2147483647 }],
    ['sysctl.d "-" prefix (ignore errors)', '-net.ipv4.ping_group_range = 100 200\n', { low: 100, high: 200 }],
    ['slash-separated key', 'net/ipv4/ping_group_range = 1 0\n', { low: 1, high: 0 }],
    ['`grep . /proc/sys/net/ipv4/*` excerpt', '/proc/sys/net/ipv4/ping_group_range:1\t0\n/proc/sys/net/ipv4/tcp_syncookies:1\n', { low: 1, high: 0 }],
    ['`cat /proc/sys/net/ipv4/ping_group_range`', '1\t0\n', { low: 1, high: 0 }],
    ['`sysctl -n` with the prompt line', 'root@connector:~# sysctl -n net.ipv4.ping_group_range\n0\t2147483647\n', { low: 0, high: 2147483647 }],
    ['CRLF line ends (pasted from Windows)', 'net.ipv4.ping_group_range = 999 999\r\n', { low: 999, high: 999 }],
  ];
  for (const [name, text, expected] of CASES) {
    it(name, () => assert.deepEqual(valueOf(parseSysctlOutput(text, SOURCE)), expected));
  }

  it('a `sysctl -a` excerpt: the one line among many, cited by line number', () => {
    const text = [
      'net.ipv4.neigh.lo.unres_qlen_bytes = 212992',
      'net.ipv4.nexthop_compat_mode = 1',
      'net.ipv4.ping_group_range = 1\t0',
      'net.ipv4.raw_l3mdev_accept = 1',
      'net.ipv4.route.error_burst = 5000',
      'sysctl: permission denied on key "net.ipv4.route.flush"',
    ].join('\n');
    const result = parseSysctlOutput(text, SOURCE);
    assert.deepEqual(valueOf(result), { low: 1, high: 0 });
    assert.equal(result.source, `${SOURCE} (line 3)`);
  });

  it('the same value twice (sysctl.d and sysctl output) is fine', () => {
    assert.deepEqual(valueOf(parseSysctlOutput('net.ipv4.ping_group_range=0 0\nnet.ipv4.ping_group_range = 0\t0\n', SOURCE)), { low: 0, high: 0 });
  });
});

describe('parseSysctlOutput: what it refuses, and how it says so', () => {
  it('different values from two machines are ambiguous', () => {
    const reason = failureReason(parseSysctlOutput('net.ipv4.ping_group_range = 1\t0\nnet.ipv4.ping_group_range = 0\t2147483647\n', SOURCE), 'UNPARSEABLE', /different values.*line 1: "1 0".*line 2: "0 2147483647"/);
    assert.deepEqual(reason, { key: 'gather.sysctl.conflicting', params: { lines: [1, 2], values: ['1 0', '0 2147483647'] } });
  });
  it('sysctl saying the key does not exist: NOT_FOUND', () => {
    failureOf(parseSysctlOutput('sysctl: cannot stat /proc/sys/net/ipv4/ping_group_range: No such file or directory\n', SOURCE), 'NOT_FOUND', /no net\.ipv4\.ping_group_range/);
  });
  it('another sysctl only', () => {
    failureOf(parseSysctlOutput('net.ipv4.ip_forward = 1\n', SOURCE), 'UNPARSEABLE', /no net\.ipv4\.ping_group_range in 2 lines/, /sysctl net\.ipv4\.ping_group_range/);
  });
  it('a malformed value names the line', () => {
    failureOf(parseSysctlOutput('x\nnet.ipv4.ping_group_range = 1-0\n', SOURCE), 'UNPARSEABLE', /line 2: "1-0" is not a ping_group_range value/);
  });
  it('a bare pair among other text is not trusted', () => {
    failureOf(parseSysctlOutput('some table\n1 0\n', SOURCE), 'UNPARSEABLE', /no net\.ipv4\.ping_group_range/);
  });
  it('empty input', () => failureOf(parseSysctlOutput('  \n\n', SOURCE), 'UNPARSEABLE', /is empty/));
});
