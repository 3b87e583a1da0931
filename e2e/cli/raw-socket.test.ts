// `icmp-doctor ping` through raw ICMP sockets (CAP_NET_RAW), in the lab: the same probes and
// the same JSON as through ping sockets (reply, timeout, host unreachable, TTL exceeded, frag
// needed / packet too big, v4 and v6); root on a "1 0" namespace probes through raw sockets
// by itself (auto); two concurrent raw sessions each count only their own replies; and the
// unprivileged user asking for raw sockets is refused with exit 3, naming CAP_NET_RAW.

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { ProbeError } from '../../native/index';
import { ADDRESSES, createLab, labUnavailableReason, type Lab } from '../lab/lab';
import { scenario, type Scenario } from '../lab/scenarios';
import { cliMissingReason, jsonLines, runCli, scenarioPingArgs, STACK_TRACE } from '../support/cli';
import { assertProbeMatches, type ProbeFields } from '../support/expect-probe';
import { LAB_TCP_PORT } from '../lab/tcp-service';
import { byId, reportLine, statuses } from './support/check-results';

/** One probe per outcome the brief names, in both families. */
const SCENARIO_IDS = [
  'reply-v4',
  'reply-v6',
  'blackhole-v4',
  'blackhole-v6',
  'unreachable-v4',
  'unreachable-v6',
  'ttl-exceeded-v4',
  'hop-limit-exceeded-v6',
  'frag-needed-v4',
  'packet-too-big-v6',
];

/** The shape of a JSON value: the same keys, nested, with the type of each leaf. */
function shape(value: unknown): unknown {
  if (value === null) return 'null';
  if (Array.isArray(value)) return value.map(shape);
  if (typeof value === 'object') return Object.fromEntries(Object.entries(value as Record<string, unknown>).map(([key, inner]) => [key, shape(inner)]));
  return typeof value;
}

describe('icmp-doctor ping through raw sockets', { skip: cliMissingReason() ?? labUnavailableReason() ?? false }, () => {
  let lab: Lab;
  before(async () => {
    lab = await createLab();
  });
  after(() => lab?.destroy());

  async function probe(s: Scenario, socket: 'ping' | 'raw'): Promise<Array<Record<string, unknown>>> {
    if (s.setup.flushRouteCache) await lab.flushRouteCache(s.ns);
    const run = await runCli(lab, s.ns, [...scenarioPingArgs(s, true), '--socket', socket], {
      user: socket === 'raw' ? 'root' : 'unprivileged',
      timeoutMs: 20_000,
    });
    assert.equal(run.code, s.cliExitCode, `${s.id} through a ${socket} socket: ${run.stderr}`);
    return jsonLines(run.stdout);
  }

  for (const id of SCENARIO_IDS) {
    it(`${id}: the raw socket reports what the ping socket does, in the same JSON shape`, async () => {
      const s = scenario(id);
      const viaPing = await probe(s, 'ping');
      const viaRaw = await probe(s, 'raw');
      assert.equal(viaRaw.length, 2);
      const [probeLine, summary] = viaRaw as [Record<string, unknown>, Record<string, unknown>];
      const error = probeLine.error as ProbeError | null;
      // The raw socket numbers its probes from a random start; the quote must carry that number.
      assertProbeMatches(s, probeLine as unknown as ProbeFields, { wireSeq: error?.original?.seq ?? 1, echoId: null });
      if (error) assert.equal(error.untranslated, null);
      assert.equal(summary.socket, 'raw');
      assert.equal(viaPing[1]?.socket, 'ping');
      assert.deepEqual(
        viaRaw.map((line) => shape({ ...line, socket: 'kind' })),
        viaPing.map((line) => shape({ ...line, socket: 'kind' })),
      );
      const pingError = viaPing[0]?.error as ProbeError | null;
      if (pingError && error) {
        assert.deepEqual(
          { type: error.icmpType, code: error.icmpCode, from: error.from, errno: error.errno, mtu: error.mtu, dst: error.original?.dst },
          { type: pingError.icmpType, code: pingError.icmpCode, from: pingError.from, errno: pingError.errno, mtu: pingError.mtu, dst: pingError.original?.dst },
        );
      }
    });
  }

  it('a DF probe larger than the interface MTU: the raw socket names the MTU as the ping socket does', async () => {
    // A ping socket reads EMSGSIZE's MTU from its error queue; a raw socket's sendto fails
    // with EMSGSIZE alone, and the MTU comes from the route (IP_MTU / IPV6_MTU).
    for (const target of [ADDRESSES.server.main.v4, ADDRESSES.server.main.v6]) {
      const errors: Array<ProbeError | null> = [];
      for (const socket of ['ping', 'raw'] as const) {
        const run = await runCli(lab, 'client', ['ping', '--json', '--socket', socket, '--df', '-s', '2000', '-c', '1', target], {
          user: socket === 'raw' ? 'root' : 'unprivileged',
          timeoutMs: 20_000,
        });
        const [line] = jsonLines(run.stdout);
        assert.equal(line?.status, 'local-error', `${target} through ${socket}: ${run.stdout}${run.stderr}`);
        errors.push(line?.error as ProbeError | null);
      }
      const [viaPing, viaRaw] = errors;
      assert.equal(viaRaw?.errno, 'EMSGSIZE');
      assert.equal(typeof viaPing?.mtu, 'number', `the ping socket names the MTU: ${JSON.stringify(viaPing)}`);
      assert.equal(viaRaw?.mtu, viaPing?.mtu, `${target}: raw ${JSON.stringify(viaRaw)} vs ping ${JSON.stringify(viaPing)}`);
    }
  });

  it('two concurrent raw sessions each see only their own replies', async () => {
    const args = ['ping', '--json', '--socket', 'raw', '-c', '20', '-i', '10', ADDRESSES.server.main.v4];
    const runs = await Promise.all([runCli(lab, 'client', args, { user: 'root' }), runCli(lab, 'client', args, { user: 'root' })]);
    for (const run of runs) {
      assert.equal(run.code, 0, run.stderr);
      const lines = jsonLines(run.stdout);
      const probes = lines.filter((line) => line.type === 'probe');
      assert.deepEqual(
        probes.map((line) => line.seq),
        Array.from({ length: 20 }, (_, index) => index + 1),
      );
      assert.ok(probes.every((line) => line.status === 'reply'));
      assert.deepEqual({ sent: lines.at(-1)?.sent, received: lines.at(-1)?.received }, { sent: 20, received: 20 });
    }
  });

  it('the unprivileged user asking for raw sockets is refused: exit 3, naming CAP_NET_RAW', async () => {
    const json = await runCli(lab, 'client', ['ping', '--json', '--socket', 'raw', '-c', '1', ADDRESSES.server.main.v4]);
    assert.equal(json.code, 3);
    const [fatal] = jsonLines(json.stdout);
    assert.equal(fatal?.type, 'fatal');
    assert.equal(fatal?.code, 'ICMP_RAW_SOCKET_DENIED');
    assert.equal(fatal?.capability, 'CAP_NET_RAW');
    assert.match(String(fatal?.message), /CAP_NET_RAW/);
    const human = await runCli(lab, 'client', ['ping', '--socket', 'raw', '-c', '1', ADDRESSES.server.main.v6]);
    assert.equal(human.code, 3);
    assert.match(human.stderr, /raw ICMPv6 socket \(EPERM\): raw sockets need CAP_NET_RAW/);
    assert.doesNotMatch(human.stderr, STACK_TRACE);
  });

  it('root in a "1 0" namespace probes through raw sockets by itself; -v says so', async () => {
    await lab.setPingGroupRange('client', 1, 0);
    try {
      for (const target of [ADDRESSES.server.main.v4, ADDRESSES.server.main.v6]) {
        const json = await runCli(lab, 'client', ['ping', '--json', '-c', '2', '-i', '20', target], { user: 'root' });
        assert.equal(json.code, 0, json.stderr);
        const lines = jsonLines(json.stdout);
        assert.deepEqual(lines.slice(0, 2).map((line) => line.status), ['reply', 'reply']);
        assert.equal(lines[2]?.socket, 'raw');
      }
      const verbose = await runCli(lab, 'client', ['ping', '-v', '-c', '1', ADDRESSES.server.main.v4], { user: 'root' });
      assert.equal(verbose.code, 0, verbose.stderr);
      assert.match(verbose.stdout, /^socket: raw \(CAP_NET_RAW/m);
      // The whole check, v4 and v6: every probe through raw sockets, every probed finding passes.
      const tcp = await lab.serveTcp();
      try {
        for (const target of [ADDRESSES.server.main.v4, ADDRESSES.server.main.v6]) {
          const run = await runCli(lab, 'client', ['check', '--target', target, '--tcp-port', String(LAB_TCP_PORT), '--json'], { user: 'root', timeoutMs: 90_000 });
          const report = reportLine(run);
          const findings = byId(report.findings);
          assert.deepEqual(
            { local: findings['local-icmp-socket'].status, reason: findings['local-icmp-socket'].reason?.key, tcpVsIcmp: findings['tcp-vs-icmp'].status },
            { local: 'pass', reason: 'raw-socket.local.raw-probes', tcpVsIcmp: 'pass' },
            statuses(report.findings),
          );
          // The findings our probes decide (connector findings depend on what else runs on this host).
          const probed = ['tcp-vs-icmp', 'icmp-policy', 'path-mtu', 'icmp-error-transparency'] as const;
          assert.deepEqual(
            probed.map((id) => `${id}=${findings[id].status}`),
            probed.map((id) => `${id}=pass`),
          );
          const probes = report.probes.filter((event) => event.type === 'probe');
          assert.ok(probes.some((event) => event.status === 'reply'));
          assert.ok(probes.every((event) => event.socket === 'raw'));
        }
        // The human output says which socket the probes went through (issue 10).
        const human = await runCli(lab, 'client', ['check', '--target', ADDRESSES.server.main.v4, '--tcp-port', String(LAB_TCP_PORT)], { user: 'root', timeoutMs: 90_000 });
        assert.match(human.stdout, /^Probes went through: raw socket \(CAP_NET_RAW\)$/m, human.stdout);
      } finally {
        await tcp.stop();
      }
      // --socket ping keeps the old refusal, explained by the range.
      const ping = await runCli(lab, 'client', ['ping', '--json', '--socket', 'ping', '-c', '1', ADDRESSES.server.main.v4], { user: 'root' });
      assert.equal(ping.code, 3);
      assert.equal(jsonLines(ping.stdout)[0]?.code, 'ICMP_SOCKET_DENIED');
    } finally {
      await lab.setPingGroupRange('client', 0, 2147483647);
    }
  });
});
