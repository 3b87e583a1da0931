// The four evidence probes against every entry of the lab's policy catalog
// (e2e/lab/policy-scenarios.ts), run inside the client namespace as the unprivileged user with
// the real addon: TCP connect, ICMP echo, error transparency (TTL-limited and toward an
// unreachable address), and the path-MTU search. One worker run per policy probes all of its
// scenarios, IPv4 and IPv6, at once.

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { IcmpEchoResult, PathMtuResult, TcpProbeResult, TransparencyResult } from '../../../contract/evidence';
import type { ProbeEvent } from '../../../native/index';
import { createLab, labUnavailableReason, LAB_POLICIES, type Lab } from '../../lab/lab';
import { echoOverhead, LINK_MTU, POLICY_SCENARIOS, type PolicyScenario } from '../../lab/policy-scenarios';
import { ADDRESSES } from '../../lab/topology';
import { runProbes, valueOf, type CaseOutcome, type ProbeCase } from './run-probes';
import type { EchoIdsReport } from './workers/probe';

const skip = labUnavailableReason() ?? false;
/** Short per-probe timeouts keep the silent cases quick; the lab answers in well under 1 ms. */
const TIMEOUT_MS = 400;
const ECHOES = 2;

function casesFor(s: PolicyScenario): ProbeCase[] {
  return [
    { name: `${s.id}/tcp`, probe: 'tcp', request: { target: s.target, port: s.tcpPort, timeoutMs: 2000 } },
    { name: `${s.id}/icmp`, probe: 'icmp', request: { target: s.target, count: ECHOES, intervalMs: 50, timeoutMs: TIMEOUT_MS } },
    { name: `${s.id}/ttl`, probe: 'transparency', request: { target: s.target, unreachableTarget: null, timeoutMs: TIMEOUT_MS } },
    { name: `${s.id}/unreachable`, probe: 'transparency', request: { target: s.target, unreachableTarget: s.unreachableTarget, timeoutMs: TIMEOUT_MS } },
    { name: `${s.id}/mtu`, probe: 'pathMtu', request: { target: s.target, timeoutMs: TIMEOUT_MS } },
  ];
}

/** The error quotes the very probe that drew it: destination, a kernel-assigned echo id, wire sequence. */
function assertQuotesProbe(probe: ProbeEvent, what: string): void {
  const original = probe.error?.original;
  assert.ok(original, `${what}: the error carries the quoted packet`);
  assert.equal(original.dst, probe.target, `${what}: quoted destination`);
  assert.equal(original.seq, probe.wireSeq, `${what}: quoted sequence`);
  assert.equal(typeof original.id, 'number', `${what}: quoted echo id`);
  assert.equal(original.protocol, probe.error?.family === 4 ? 'icmp' : 'icmpv6');
}

/** onProbe streamed exactly the probes the result holds, in order. */
function assertStreamed(outcome: CaseOutcome | undefined, probes: readonly ProbeEvent[], what: string): void {
  assert.deepEqual(outcome?.streamed, probes, `${what}: onProbe streamed every probe event`);
}

describe('evidence probes in every policy scenario (client, unprivileged)', { skip, concurrency: 1 }, () => {
  let lab: Lab;
  before(async () => {
    lab = await createLab();
    await lab.serveTcp();
  });
  after(() => lab.destroy());

  for (const policy of LAB_POLICIES) {
    const scenarios = POLICY_SCENARIOS.filter((s) => s.policy === policy);
    describe(`policy ${policy}`, { concurrency: 1 }, () => {
      let results: Record<string, CaseOutcome>;
      before(async () => {
        await lab.applyPolicy(policy);
        results = await runProbes(lab, scenarios.flatMap(casesFor));
      });

      for (const s of scenarios) {
        describe(`${s.id}: ${s.description}`, () => {
          it(`TCP connect: ${s.expect.tcp}`, () => {
            const tcp = valueOf<TcpProbeResult>(results[`${s.id}/tcp`], 'tcp');
            assert.deepEqual(
              { target: tcp.target, address: tcp.address, port: tcp.port, outcome: tcp.outcome, errno: tcp.errno },
              { target: s.target, address: s.target, port: s.tcpPort, outcome: s.expect.tcp, errno: null },
            );
          });

          it(`ICMP echo: ${s.expect.echo.status}`, () => {
            const outcome = results[`${s.id}/icmp`];
            const icmp = valueOf<IcmpEchoResult>(outcome, 'icmp');
            const e = s.expect.echo;
            assert.equal(icmp.address, s.target);
            assert.deepEqual(icmp.probes.map((p) => p.status), new Array(ECHOES).fill(e.status));
            assert.ok(icmp.done, 'the job ended with its totals');
            assert.deepEqual(
              [icmp.done.sent, icmp.done.received, icmp.done.errors, icmp.done.timeouts, icmp.done.cancelled],
              [ECHOES, e.status === 'reply' ? ECHOES : 0, e.status === 'icmp-error' ? ECHOES : 0, e.status === 'timeout' ? ECHOES : 0, false],
            );
            if (e.status === 'icmp-error') {
              for (const probe of icmp.probes) {
                assert.deepEqual(
                  { type: probe.error?.icmpType, code: probe.error?.icmpCode, name: probe.error?.name, from: probe.error?.from, address: probe.address },
                  { type: e.icmpType, code: e.icmpCode, name: e.name, from: e.from, address: e.from },
                );
                assertQuotesProbe(probe, `echo ${probe.seq}`);
              }
            }
            assertStreamed(outcome, icmp.probes, 'icmp');
          });

          it(`TTL-limited probes: an error quoting them ${s.expect.errorsReturned ? 'returns' : 'never returns'}`, () => {
            const outcome = results[`${s.id}/ttl`];
            const t = valueOf<TransparencyResult>(outcome, 'ttl transparency');
            assert.deepEqual([t.method, t.target, t.address, t.errorReturned], ['ttl', s.target, s.target, s.expect.errorsReturned]);
            const router = s.family === 4 ? ADDRESSES.router.client.v4 : ADDRESSES.router.client.v6;
            if (s.expect.errorsReturned) {
              // TTL 1 already draws "time exceeded" from the router: the search stops there.
              assert.deepEqual(t.probes.map((p) => p.status), ['icmp-error', 'icmp-error']);
              for (const probe of t.probes) {
                assert.equal(probe.error?.name, s.family === 4 ? 'ttl-exceeded' : 'hop-limit-exceeded');
                assert.equal(probe.error?.from, router);
                assertQuotesProbe(probe, `TTL probe ${probe.seq}`);
              }
            } else {
              // Silence at TTL 1 (the router's error is swallowed), then the server answers at TTL 2.
              assert.deepEqual(t.probes.map((p) => p.status), ['timeout', 'timeout', 'reply', 'reply']);
            }
            assertStreamed(outcome, t.probes, 'ttl');
          });

          it(`echo to the unreachable route: an error quoting it ${s.expect.errorsReturned ? 'returns' : 'never returns'}`, () => {
            const outcome = results[`${s.id}/unreachable`];
            const t = valueOf<TransparencyResult>(outcome, 'unreachable transparency');
            assert.deepEqual([t.method, t.target, t.address, t.errorReturned], ['unreachable-address', s.unreachableTarget, s.unreachableTarget, s.expect.errorsReturned]);
            assert.equal(t.probes.length, 3);
            if (s.expect.errorsReturned) {
              for (const probe of t.probes) {
                assert.equal(probe.error?.name, s.family === 4 ? 'host-unreachable' : 'no-route');
                assertQuotesProbe(probe, `unreachable probe ${probe.seq}`);
              }
            } else {
              assert.deepEqual(t.probes.map((p) => p.status), ['timeout', 'timeout', 'timeout']);
            }
            assertStreamed(outcome, t.probes, 'unreachable');
          });

          const m = s.expect.pathMtu;
          it(`path MTU: largest passing ${m.largestPassing}, reported MTU ${m.reportedMtu}, black hole ${m.blackHole}`, () => {
            const outcome = results[`${s.id}/mtu`];
            const r = valueOf<PathMtuResult>(outcome, 'path MTU');
            assert.deepEqual(
              { largestPassing: r.largestPassing, reportedMtu: r.reportedMtu, blackHole: r.blackHole, family: r.family, address: r.address },
              { ...m, family: s.family, address: s.target },
            );
            const overhead = echoOverhead(s.family);
            for (const step of r.steps) assert.equal(step.packetBytes, step.size + overhead, `step ${step.size}: packet bytes`);
            // The first probe, at the protocol's largest payload, is refused by this host with its interface MTU.
            const largestPayload = s.family === 4 ? 65_507 : 65_527;
            assert.deepEqual(r.steps[0], { size: largestPayload, packetBytes: largestPayload + overhead, status: 'local-error', mtu: LINK_MTU, errorName: 'message-too-long' });
            if (m.largestPassing !== null) {
              assert.ok(r.steps.some((step) => step.size === m.largestPassing && step.status === 'reply'), 'the largest passing size was probed and answered');
              assert.equal(r.smallestFailing, m.largestPassing + 1, 'the limit is pinned to one byte');
              const failing = r.steps.filter((step) => step.size === r.smallestFailing);
              if (m.blackHole) {
                assert.deepEqual(failing.map((step) => step.status), ['timeout', 'timeout'], 'a lost size is retried once before it counts');
              } else {
                assert.equal(failing.length, 1);
                assert.equal(failing[0]?.mtu, m.reportedMtu ?? LINK_MTU, 'the failing size names the MTU that stops it');
              }
            }
            if (m.reportedMtu !== null && !m.blackHole) {
              // Healthy PMTU discovery settles in four probes: ceiling, 1500-link size, fits, one more.
              assert.deepEqual(r.steps.map((step) => step.size), [r.steps[0]?.size, LINK_MTU - overhead, m.reportedMtu - overhead, m.reportedMtu - overhead + 1]);
            }
            assert.deepEqual(outcome?.streamed.map((p) => p.status), r.steps.map((step) => step.status), 'onProbe streamed every step');
          });
        });
      }
    });
  }

  it("the probe session knows its sockets' echo ids, and ICMP errors quote exactly those", async () => {
    await lab.applyPolicy('none');
    const results = await runProbes(lab, [{ name: 'ids', probe: 'echoIds', request: { v4: ADDRESSES.server.main.v4, v6: ADDRESSES.server.main.v6 } }]);
    const r = valueOf<EchoIdsReport>(results['ids'], 'echo ids');
    assert.deepEqual(r.before, { v4: null, v6: null }, 'no socket, no id yet: sockets open with the first probe');
    assert.equal(typeof r.after.v4, 'number');
    assert.equal(typeof r.after.v6, 'number');
    assert.deepEqual(r.quoted, r.after, 'the errors quote the ids the kernel gave our sockets');
  });
});
