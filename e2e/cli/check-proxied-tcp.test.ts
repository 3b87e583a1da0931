// `icmp-doctor check --target T --tcp-port P` where a middlebox completes every TCP handshake
// itself (the lab router's 'proxy-every-port': nftables redirects every connection from the
// client to a listener on the router) and the target is down — cloudflared#824's "all ports
// … complete the TCP handshake". The connect proves nothing, so neither tcp-vs-icmp nor
// icmp-policy may blame ICMP. And the control case: no proxy, a real server, echo dropped on
// the way — the connect reaches the host and still counts. Asserts statuses and evidence
// fields, not prose; run by the unprivileged user alone in a PID namespace of the client.

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createLab, labUnavailableReason, type Lab } from '../lab/lab';
import { MIDDLEBOX_SCENARIOS, setUpMiddleboxScenario, type MiddleboxScenario } from '../lab/middlebox-scenarios';
import { cliArgv, cliMissingReason, STACK_TRACE } from '../support/cli';
import { byId, reportLine, statuses, verdictLinePattern } from './support/check-results';
import { execIsolated } from './support/pid-namespace';

describe('icmp-doctor check: TCP answered by a middlebox vs by the target', { skip: cliMissingReason() ?? labUnavailableReason() ?? false, concurrency: true }, () => {
  const labs = new Map<string, Lab>();

  before(async () => {
    await Promise.all(
      MIDDLEBOX_SCENARIOS.map(async (s) => {
        const lab = await createLab();
        labs.set(s.id, lab);
        await setUpMiddleboxScenario(lab, s);
      }),
    );
  });
  after(async () => {
    await Promise.all([...labs.values()].map((lab) => lab.destroy()));
  });

  function check(s: MiddleboxScenario, json: boolean) {
    const lab = labs.get(s.id) ?? assert.fail(`no lab for ${s.id}`);
    return execIsolated(lab, 'client', cliArgv(['check', '--target', s.target, '--tcp-port', String(s.tcpPort), ...(json ? ['--json'] : [])]));
  }

  for (const s of MIDDLEBOX_SCENARIOS) {
    it(`${s.id}: proxied=${s.expect.proxied}; ${Object.entries(s.expect.findings).map(([id, status]) => `${id} ${status}`).join(', ')}`, async () => {
      const run = await check(s, true);
      const report = reportLine(run);
      const findings = byId(report.findings);

      // The verdict: what the TCP half decides, and nothing else fails.
      for (const [id, status] of Object.entries(s.expect.findings)) {
        assert.equal(findings[id as keyof typeof findings].status, status, `${id}: ${findings[id as keyof typeof findings].summary}`);
      }
      assert.deepEqual(
        report.findings.filter((f) => f.status === 'fail').map((f) => f.id).sort(),
        [...s.expect.failingFindings].sort(),
        statuses(report.findings),
      );
      assert.equal(run.code, s.expect.failingFindings.length > 0 ? 1 : 0, 'exit code: 1 only when something fails');

      // The evidence: the connect, the control connects, and the decision made from them.
      const tcp = report.evidence.probes.tcp;
      assert.ok(tcp?.ok, JSON.stringify(tcp));
      assert.deepEqual(
        { outcome: tcp.value.outcome, port: tcp.value.port, proxied: tcp.value.proxied, controls: tcp.value.controls?.map((c) => c.outcome) },
        { outcome: 'connected', port: s.tcpPort, proxied: s.expect.proxied, controls: [s.expect.controls, s.expect.controls] },
      );
      const controlPorts = tcp.value.controls?.map((c) => c.port) ?? [];
      assert.equal(controlPorts[0], 9, 'discard is one control port');
      assert.ok(controlPorts.every((p) => p !== s.tcpPort), 'no control port is the port asked about');

      // The echo itself is silent in both: it is the TCP half that decides.
      assert.ok(report.probes.some((p) => p.target === s.target && p.status === 'timeout'), 'echo went unanswered');
      assert.ok(!report.probes.some((p) => p.target === s.target && p.status === 'reply'), 'no echo was answered');
    });
  }

  const proxied = MIDDLEBOX_SCENARIOS.find((s) => s.expect.proxied && s.family === 4) ?? assert.fail('no proxied v4 scenario');
  it(`${proxied.id} for people: the verdict lines carry the same statuses, and nothing is "How to fix"`, async () => {
    const run = await check(proxied, false);
    assert.doesNotMatch(run.stderr, STACK_TRACE);
    assert.equal(run.code, 0, run.stderr);
    for (const [id, status] of Object.entries(proxied.expect.findings)) assert.match(run.stdout, verdictLinePattern({ id: id as keyof typeof proxied.expect.findings, status }));
    assert.doesNotMatch(run.stdout, /^FAIL\s/m, 'no finding fails');
  });
});
