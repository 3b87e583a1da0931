// `icmp-doctor ping NAME`: names resolved by the real system resolver (glibc getaddrinfo) in
// the lab, whose name resolution the lab sets per namespace (e2e/lab/names.ts):
//
//   client  hosts: files   server.lab (v4 + v6), server4.lab (v4 only), sinkhole.lab (0.0.0.0)
//   router  hosts: dns     a nameserver that refuses (nothing listens on the server's port 53)
//
// Every bad name is bad input: exit 2, one line saying why, the pointer to --help.

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ADDRESSES, createLab, labUnavailableReason, type Lab } from '../lab/lab';
import { readFileSync } from 'node:fs';
import { hostsFileOnly, NAMES, refusingDns, unansweredDns } from '../lab/names';
import { cliArgv, cliMissingReason, finished, jsonLines, runCli, STACK_TRACE } from '../support/cli';
import { REPO_ROOT } from '../support/worker';

const SERVER = ADDRESSES.server.main;
const HELP = "Try 'icmp-doctor ping --help'.\n";

describe('icmp-doctor ping with host names, resolved in the lab', { skip: cliMissingReason() ?? labUnavailableReason() ?? false, concurrency: 6 }, () => {
  let lab: Lab;
  before(async () => {
    lab = await createLab();
    await Promise.all([
      lab.setNameResolution('client', hostsFileOnly()),
      lab.setNameResolution('router', refusingDns()),
      // A nameserver that never answers, with glibc's longest wait: 2 × 30 s.
      lab.setNameResolution('server', unansweredDns(30)),
    ]);
  });
  after(() => lab?.destroy());

  it(`${NAMES.dual} without -4/-6 pings the address glibc gives first (IPv6) and names it like iputils`, async () => {
    const run = await runCli(lab, 'client', ['ping', '-c', '2', '-i', '20', NAMES.dual]);
    assert.equal(run.code, 0, run.stderr);
    assert.equal(run.stderr, '');
    const lines = run.stdout.split('\n');
    assert.equal(lines[0], `PING ${NAMES.dual} (${SERVER.v6}) 56 data bytes`);
    for (const seq of [1, 2]) {
      assert.match(lines[seq] ?? '', new RegExp(`^64 bytes from ${SERVER.v6}: icmp_seq=${seq} ttl=63 time=\\d+\\.\\d+ ms$`));
    }
    assert.equal(lines[4], `--- ${NAMES.dual} ping statistics ---`);
    assert.match(lines[5] ?? '', /^2 packets transmitted, 2 received, 0% packet loss/);
  });

  it(`--json -4 ${NAMES.dual}: probes the IPv4 address and says which host it came from`, async () => {
    const run = await runCli(lab, 'client', ['ping', '--json', '-4', '-c', '1', NAMES.dual]);
    assert.equal(run.code, 0, run.stderr);
    const [probe, summary] = jsonLines(run.stdout);
    assert.deepEqual(
      { type: probe?.type, target: probe?.target, address: probe?.address, status: probe?.status, host: probe?.host },
      { type: 'probe', target: SERVER.v4, address: SERVER.v4, status: 'reply', host: NAMES.dual },
    );
    assert.deepEqual({ type: summary?.type, received: summary?.received, host: summary?.host }, { type: 'summary', received: 1, host: NAMES.dual });
  });

  const badNames: Array<{ title: string; ns: 'client' | 'router'; args: string[]; stderr: string }> = [
    {
      title: '-6 with a v4-only name',
      ns: 'client',
      args: ['-6', NAMES.v4Only],
      stderr: `icmp-doctor: ${NAMES.v4Only}: unknown host (no IPv6 address found, ENOTFOUND); check the name or give an IP address\n`,
    },
    {
      title: 'a name in no file',
      ns: 'client',
      args: [NAMES.unknown],
      stderr: `icmp-doctor: ${NAMES.unknown}: unknown host (no address found, ENOTFOUND); check the name or give an IP address\n`,
    },
    {
      title: 'a name in no file, --json (bad input stays on stderr)',
      ns: 'client',
      args: ['--json', NAMES.unknown],
      stderr: `icmp-doctor: ${NAMES.unknown}: unknown host (no address found, ENOTFOUND); check the name or give an IP address\n`,
    },
    {
      title: 'a name the hosts file sinks to 0.0.0.0',
      ns: 'client',
      args: [NAMES.sinkhole],
      stderr: `icmp-doctor: ${NAMES.sinkhole}: resolves to 0.0.0.0, which is the unspecified address, not a host; give a unicast host address\n`,
    },
    {
      title: 'a nameserver that refuses (glibc: EAI_AGAIN)',
      ns: 'router',
      args: [NAMES.dual],
      stderr: `icmp-doctor: ${NAMES.dual}: name resolution failed (EAI_AGAIN); check the resolver (/etc/resolv.conf) or give an IP address\n`,
    },
  ];
  for (const bad of badNames) {
    it(`exit 2: ${bad.title}: icmp-doctor ping ${bad.args.join(' ')} (${bad.ns})`, async () => {
      const run = await runCli(lab, bad.ns, ['ping', '-c', '1', ...bad.args]);
      assert.doesNotMatch(run.stderr, STACK_TRACE);
      assert.equal(run.code, 2, run.stderr);
      assert.equal(run.stdout, '');
      assert.equal(run.stderr, bad.stderr + HELP);
    });
  }
  // getaddrinfo cannot be cancelled and Node's exit waits for the thread running it, so the
  // CLI ends by the signal itself, as an uncaught Ctrl-C would (shells show status 130).
  it('Ctrl-C while the resolver waits ends the run by that signal, not when the lookup times out', { timeout: 20_000 }, async () => {
    const child = lab.spawn('server', cliArgv(['ping', '-c', '1', 'slow.lab']), { user: 'unprivileged', cwd: REPO_ROOT });
    const result = finished(child);
    // Wait until the query is on its way: the process has a UDP socket to port 53 (0035).
    const udpTable = `/proc/${child.pid}/net/udp`;
    while (!readFileSync(udpTable, 'utf8').split('\n').some((line) => / [0-9A-F]{8}:0035 /.test(line))) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    child.kill('SIGINT');
    // The lookup alone would hold the process 60 s; the test's own timeout guards the hang.
    const run = await result;
    assert.deepEqual({ code: run.code, signal: run.signal }, { code: null, signal: 'SIGINT' }, run.stderr);
    assert.equal(run.stderr, '');
  });
});
