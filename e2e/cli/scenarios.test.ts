// `icmp-doctor ping` against every lab scenario, as the unprivileged user, the way scripts run
// it: one probe (`-c 1 -W waitMs` plus the scenario's -t/-s/--df), once with --json (every
// field of DESIGN.md §2's probe, summary and fatal lines) and once for people (iputils'
// wording). Socket-denied scenarios run in the lab's denied namespace.

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { ProbeError } from '../../native/index';
import { iputilsErrorText, iputilsExpectation } from '../lab/iputils';
import { createLab, labUnavailableReason, type ExecResult, type Lab } from '../lab/lab';
import { SCENARIOS, type Scenario } from '../lab/scenarios';
import { cliMissingReason, jsonLines, runCli, scenarioPingArgs, STACK_TRACE } from '../support/cli';
import { assertProbeMatches, type ProbeFields } from '../support/expect-probe';

/** The one netem setting every netem scenario asks for; set once for the whole file. */
const NETEM = { delayMs: 10 };
/** CLI runs at once: each is a short Node process; a few in parallel keep the file fast. */
const CONCURRENCY = 6;

const PROBE_KEYS = ['type', 'seq', 'target', 'address', 'status', 'rttMs', 'ttl', 'bytes', 'error'];
const ERROR_KEYS = ['family', 'icmpType', 'icmpCode', 'name', 'message', 'from', 'mtu', 'original'];
const ORIGINAL_KEYS = ['src', 'dst', 'protocol', 'id', 'seq'];
const SUMMARY_KEYS = ['type', 'target', 'sent', 'received', 'errors', 'lossPct', 'rttMs'];
const RTT_KEYS = ['min', 'avg', 'max', 'mdev'];

const escape = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

describe('icmp-doctor ping: every lab scenario', { skip: cliMissingReason() ?? labUnavailableReason() ?? false, concurrency: CONCURRENCY }, () => {
  let lab: Lab;
  before(async () => {
    lab = await createLab();
    await lab.setNetem(NETEM);
  });
  after(() => lab?.destroy());

  async function ping(s: Scenario, json: boolean): Promise<ExecResult> {
    if (s.setup.netem) assert.deepEqual(s.setup.netem, NETEM, 'the lab runs with one netem setting for all scenarios');
    if (s.setup.flushRouteCache) await lab.flushRouteCache(s.ns);
    const run = await runCli(lab, s.ns, scenarioPingArgs(s, json));
    assert.doesNotMatch(run.stderr, STACK_TRACE);
    return run;
  }

  function assertDenialMessage(s: Scenario, message: string): void {
    assert.match(message, new RegExp(`^ICMP is not permitted: the kernel refused an unprivileged ICMPv${s.family} socket \\(EACCES\\)\\.`));
    assert.ok(message.includes('net.ipv4.ping_group_range is "1 0" in this network namespace'), message);
    assert.ok(message.includes('(egid 65534; supplementary groups: none)'), message);
    assert.ok(message.includes('sudo sysctl -w net.ipv4.ping_group_range="65534 65534"'), message);
  }

  for (const s of SCENARIOS) {
    it(`${s.id} --json: exit ${s.cliExitCode}, ${s.expect.status}`, async () => {
      const run = await ping(s, true);
      assert.equal(run.code, s.cliExitCode, `exit code (stderr: ${run.stderr})`);
      assert.equal(run.stderr, '', 'nothing on stderr in --json mode');
      const lines = jsonLines(run.stdout);

      if (s.expect.status === 'socket-denied') {
        assert.equal(lines.length, 1, run.stdout);
        const fatal = lines[0]!;
        assert.deepEqual(Object.keys(fatal).slice(0, 3), ['type', 'code', 'message']);
        assert.equal(fatal.type, 'fatal');
        assert.equal(fatal.code, s.expect.fatalCode);
        assert.equal(fatal.target, s.target);
        assertDenialMessage(s, String(fatal.message));
        assert.deepEqual(fatal.pingGroupRange, [1, 0]);
        assert.equal(fatal.egid, 65534);
        assert.deepEqual(fatal.groups, []);
        assert.deepEqual(fatal.coveredGroups, []);
        assert.deepEqual(fatal.fix, {
          command: 'sudo sysctl -w net.ipv4.ping_group_range="65534 65534"',
          everyGroup: 'sudo sysctl -w net.ipv4.ping_group_range="0 2147483647"',
          persist:
            "echo 'net.ipv4.ping_group_range = 65534 65534' | sudo tee /etc/sysctl.d/60-icmp-doctor-ping.conf" +
            ' && sudo sysctl -p /etc/sysctl.d/60-icmp-doctor-ping.conf',
        });
        return;
      }

      assert.equal(lines.length, 2, run.stdout);
      const [probe, summary] = lines as [Record<string, unknown>, Record<string, unknown>];
      assert.deepEqual(Object.keys(probe).slice(0, PROBE_KEYS.length), PROBE_KEYS);
      assert.equal(probe.type, 'probe');
      // A fresh session's first probe to a destination is wire sequence 1; the echo id is the kernel's.
      assertProbeMatches(s, probe as unknown as ProbeFields, { wireSeq: 1, echoId: null });
      if (probe.error !== null) {
        const error = probe.error as ProbeError;
        assert.deepEqual(Object.keys(error).slice(0, ERROR_KEYS.length), ERROR_KEYS);
        assert.deepEqual(Object.keys(error.original ?? {}).slice(0, ORIGINAL_KEYS.length), ORIGINAL_KEYS);
      }

      assert.deepEqual(Object.keys(summary).slice(0, SUMMARY_KEYS.length), SUMMARY_KEYS);
      const replied = s.expect.status === 'reply';
      const rtt = probe.rttMs as number;
      assert.deepEqual(
        { ...summary, timeMs: 0 },
        {
          type: 'summary',
          target: s.target,
          sent: 1,
          received: replied ? 1 : 0,
          errors: s.expect.status === 'icmp-error' ? 1 : 0,
          lossPct: replied ? 0 : 100,
          rttMs: replied ? { min: rtt, avg: rtt, max: rtt, mdev: 0 } : { min: null, avg: null, max: null, mdev: null },
          timeouts: s.expect.status === 'timeout' ? 1 : 0,
          timeMs: 0,
          cancelled: false,
          socket: 'ping',
        },
      );
      assert.deepEqual(Object.keys(summary.rttMs as object), RTT_KEYS);
      assert.ok(Number.isInteger(summary.timeMs) && (summary.timeMs as number) >= 0);
    });

    it(`${s.id} human: exit ${s.cliExitCode}, iputils' wording`, async () => {
      const run = await ping(s, false);
      assert.equal(run.code, s.cliExitCode, `exit code (stderr: ${run.stderr})`);
      const e = s.expect;
      if (e.status === 'socket-denied') {
        assert.equal(run.stdout, '');
        assert.ok(run.stderr.startsWith('icmp-doctor: '), run.stderr);
        assertDenialMessage(s, run.stderr.slice('icmp-doctor: '.length).replace(/\n {2}/g, '\n'));
        return;
      }
      assert.equal(run.stderr, '');
      const size = s.probe.size ?? 56;
      const lines = run.stdout.split('\n');
      const bytes = s.family === 4 ? `${size}(${size + 28}) bytes of data.` : `${size} data bytes`;
      assert.equal(lines[0], `PING ${s.target} (${s.target}) ${bytes}`);
      const iputils = iputilsExpectation(s);
      assert.match(run.stdout, iputils.output);
      if (iputils.notOutput) assert.doesNotMatch(run.stdout, iputils.notOutput);
      let stats: string;
      switch (e.status) {
        case 'reply':
          assert.match(lines[1] ?? '', new RegExp(`^${8 + size} bytes from ${escape(e.from)}: icmp_seq=1 ttl=63 time=\\d+(\\.\\d+)? ms$`));
          stats = '1 packets transmitted, 1 received, 0% packet loss';
          assert.match(lines[5] ?? '', /^rtt min\/avg\/max\/mdev = (\d+\.\d{3})\/\1\/\1\/0\.000 ms$/);
          break;
        case 'timeout':
          // iputils prints nothing for a lost probe; we say so.
          assert.equal(lines[1], `no answer for icmp_seq=1 within ${s.waitMs} ms`);
          stats = '1 packets transmitted, 0 received, 100% packet loss';
          break;
        case 'icmp-error':
          assert.equal(lines[1], `From ${e.error.from} icmp_seq=1 ${iputilsErrorText(e.error.name, e.error.mtu)}`);
          stats = '1 packets transmitted, 0 received, +1 errors, 100% packet loss';
          break;
      }
      assert.equal(lines[2], '');
      assert.equal(lines[3], `--- ${s.target} ping statistics ---`);
      assert.match(lines[4] ?? '', new RegExp(`^${escape(stats)}, time \\d+ms$`));
      assert.equal(lines.length, e.status === 'reply' ? 7 : 6, run.stdout);
      assert.equal(lines.at(-1), '');
    });
  }
});
