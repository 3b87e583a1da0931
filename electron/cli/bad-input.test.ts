// Bad input never produces a stack trace: each case runs the built CLI and expects exit 2,
// one line naming the flag, the value and what is accepted, then the pointer to --help.
// Names that fail to resolve are bad input too; they need a resolver whose answers we set,
// so they run in the lab (e2e/cli/host-names.test.ts).

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { cliMissingReason, runCli, STACK_TRACE } from '../../test-support/cli/run-cli';

interface BadInputCase {
  args: string[];
  /** The first stderr line, exactly (string) or by pattern. */
  message: string | RegExp;
  /** The command whose help is suggested; "ping" unless the problem is at the top level. */
  help?: string;
}

const P = 'icmp-doctor: ';

const CASES: BadInputCase[] = [
  { args: ['ping'], message: `${P}missing TARGET (an IP address, host name or CIDR prefix, or --targets-file FILE)` },
  { args: ['ping', '-x', '127.0.0.1'], message: `${P}-x: unknown option (accepted: -c -C -i -W -t -s -I --df -4 -6 -v -q --json --socket --targets-file --pace -h)` },
  { args: ['ping', '--bogus', '127.0.0.1'], message: /^icmp-doctor: --bogus: unknown option \(accepted: / },
  { args: ['ping', '--socket', 'dgram', '127.0.0.1'], message: /^icmp-doctor: --socket dgram: KIND must be one of auto, ping, raw \(raw needs CAP_NET_RAW/ },
  { args: ['ping', '127.0.0.1', '-c'], message: `${P}-c: missing COUNT (an integer from 0 to 1000000)` },
  { args: ['ping', '127.0.0.1', '-I'], message: /^icmp-doctor: -I: missing IFACE_OR_ADDRESS \(an interface name / },
  { args: ['ping', '-c', 'abc', '127.0.0.1'], message: `${P}-c abc: COUNT must be an integer from 0 to 1000000` },
  { args: ['ping', '-c', '-1', '127.0.0.1'], message: `${P}-c -1: COUNT must be an integer from 0 to 1000000` },
  { args: ['ping', '-c', '1000001', '127.0.0.1'], message: `${P}-c 1000001: COUNT must be an integer from 0 to 1000000` },
  { args: ['ping', '-c2.5', '127.0.0.1'], message: `${P}-c2.5: COUNT must be an integer from 0 to 1000000` },
  { args: ['ping', '--count=x', '127.0.0.1'], message: `${P}--count=x: COUNT must be an integer from 0 to 1000000` },
  {
    args: ['ping', '-i', '-5', '127.0.0.1'],
    message: `${P}-i -5: INTERVAL_MS must be a number of milliseconds from 0 to 3600000 (fractions allowed)`,
  },
  {
    args: ['ping', '-i', '3600001', '127.0.0.1'],
    message: `${P}-i 3600001: INTERVAL_MS must be a number of milliseconds from 0 to 3600000 (fractions allowed)`,
  },
  { args: ['ping', '-i', '1e3', '127.0.0.1'], message: /^icmp-doctor: -i 1e3: INTERVAL_MS must be a number / },
  {
    args: ['ping', '-W', '0', '127.0.0.1'],
    message: `${P}-W 0: TIMEOUT_MS must be a number of milliseconds from 1 to 3600000 (fractions allowed)`,
  },
  { args: ['ping', '-W', 'soon', '127.0.0.1'], message: /^icmp-doctor: -W soon: TIMEOUT_MS must be a number / },
  { args: ['ping', '-t', '300', '127.0.0.1'], message: `${P}-t 300: TTL must be an integer from 1 to 255` },
  { args: ['ping', '-t', '0', '127.0.0.1'], message: `${P}-t 0: TTL must be an integer from 1 to 255` },
  { args: ['ping', '-s', '-1', '127.0.0.1'], message: `${P}-s -1: SIZE must be an integer from 0 to 65507 (IPv4) or 65527 (IPv6)` },
  {
    args: ['ping', '-s', '65508', '127.0.0.1'],
    message: `${P}-s 65508: SIZE must be an integer from 0 to 65507 for the IPv4 target 127.0.0.1`,
  },
  { args: ['ping', '-s', '65528', '::1'], message: `${P}-s 65528: SIZE must be an integer from 0 to 65507 (IPv4) or 65527 (IPv6)` },
  {
    args: ['ping', '-4', '::1'],
    message: `${P}-4 ::1: this is an IPv6 address, but -4 asks for IPv4 (drop -4 or give an IPv4 address)`,
  },
  {
    args: ['ping', '-6', '127.0.0.1'],
    message: `${P}-6 127.0.0.1: this is an IPv4 address, but -6 asks for IPv6 (drop -6 or give an IPv6 address)`,
  },
  { args: ['ping', '-4', '-6', '127.0.0.1'], message: /^icmp-doctor: -4 and -6 cannot be used together/ },
  { args: ['ping', '-46', 'localhost'], message: /^icmp-doctor: -4 and -6 cannot be used together/ },
  {
    args: ['ping', '127.0.0.1', '10.0.0.0/33'],
    message: `${P}10.0.0.0/33: the prefix length must be a whole number from 0 to 32 for IPv4`,
  },
  {
    args: ['ping', '127.0.0.1', '10.0.0.0/8'],
    message: `${P}10.0.0.0/8: 16,777,214 addresses; a sweep takes at most 65,536 (IPv4 /16 or longer); split it into smaller prefixes`,
  },
  { args: ['ping', ''], message: `${P}TARGET is empty; give an IP address or a host name` },
  {
    args: ['ping', '224.0.0.1'],
    message: `${P}224.0.0.1: this is a multicast address (a group, not one host); give a unicast host address`,
  },
  { args: ['ping', 'ff02::1'], message: `${P}ff02::1: this is a multicast address (a group, not one host); give a unicast host address` },
  { args: ['ping', '255.255.255.255'], message: /^icmp-doctor: 255\.255\.255\.255: this is the broadcast address/ },
  { args: ['ping', '0.0.0.0'], message: `${P}0.0.0.0: this is the unspecified address, not a host; give a unicast host address` },
  { args: ['ping', '::'], message: `${P}::: this is the unspecified address, not a host; give a unicast host address` },
  { args: ['ping', '::ffff:127.0.0.1'], message: /^icmp-doctor: ::ffff:127\.0\.0\.1: this is an IPv4-mapped IPv6 address; give the IPv4 address 127\.0\.0\.1/ },
  { args: ['ping', 'fe80::1%lo'], message: /^icmp-doctor: fe80::1%lo: zone ids \(%IFACE\) are not supported/ },
  { args: ['ping', '300.1.1.1'], message: /^icmp-doctor: 300\.1\.1\.1: not a valid IPv4 address; use four numbers from 0 to 255/ },
  { args: ['ping', 'bad_host!'], message: /^icmp-doctor: bad_host!: not an IP address or a valid host name/ },
  {
    args: ['ping', '-I', 'averyveryverylongname', '127.0.0.1'],
    message: `${P}-I averyveryverylongname: not an IP address, and too long for an interface name (at most 15 characters)`,
  },
  { args: ['ping', '-I', 'eth/0', '127.0.0.1'], message: /^icmp-doctor: -I eth\/0: IFACE_OR_ADDRESS must be an interface name/ },
  {
    args: ['ping', '-I', '::1', '127.0.0.1'],
    message: `${P}-I ::1: an IPv6 source address cannot send to the IPv4 target 127.0.0.1`,
  },
  { args: ['ping', '-I', '224.0.0.1', '127.0.0.1'], message: /^icmp-doctor: -I 224\.0\.0\.1: a source address must be a unicast/ },
  { args: ['ping', '--json=yes', '127.0.0.1'], message: `${P}--json=yes: --json takes no value` },
  // JSON mode changes nothing for bad usage: stderr, exit 2, empty stdout.
  { args: ['ping', '--json', '-t', '300', '127.0.0.1'], message: `${P}-t 300: TTL must be an integer from 1 to 255` },
  { args: ['frobnicate'], message: `${P}frobnicate: unknown command (commands: ping, trace, check)`, help: '' },
  { args: ['--frobnicate'], message: `${P}--frobnicate: unknown option (commands: ping, trace, check)`, help: '' },
];

describe('icmp-doctor ping: bad input', { concurrency: 8, skip: cliMissingReason() ?? false }, () => {
  for (const testCase of CASES) {
    it(`exit 2: icmp-doctor ${testCase.args.map((arg) => (arg === '' ? "''" : arg)).join(' ')}`, async () => {
      const run = await runCli(testCase.args);
      assert.doesNotMatch(run.stderr, STACK_TRACE, 'no stack trace');
      assert.equal(run.code, 2, `exit code (stderr: ${run.stderr})`);
      assert.equal(run.stdout, '', 'nothing on stdout');
      const [first = '', second, ...rest] = run.stderr.split('\n');
      if (typeof testCase.message === 'string') assert.equal(first, testCase.message);
      else assert.match(first, testCase.message);
      const help = testCase.help === undefined ? 'icmp-doctor ping --help' : 'icmp-doctor --help';
      assert.equal(second, `Try '${help}'.`);
      assert.deepEqual(rest, [''], 'exactly two lines');
    });
  }
});
