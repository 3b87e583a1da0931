// The native engine against every probe scenario of the lab, as the unprivileged user, all
// scenarios at once on one Session (many concurrent targets, two sharing a destination).
// Every field of every event is checked against what the lab guarantees.

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { ProbeEvent } from '../../native/index';
import { createLab, labUnavailableReason, type Lab } from '../lab/lab';
import { SCENARIOS, type Scenario } from '../lab/scenarios';
import { assertProbeMatches } from '../support/expect-probe';
import { runWorkerOk } from '../support/worker';
import type { PlanJob, ProbeWorkerOutput } from './workers/probe';

const PROBE_WORKER = 'e2e/native/workers/probe.ts';
const clientScenarios = SCENARIOS.filter((s) => s.ns === 'client');

function planFor(scenarios: readonly Scenario[]): PlanJob[] {
  return scenarios.map((s) => ({
    key: s.id,
    request: { target: s.target, count: 1, timeoutMs: s.waitMs, ttl: s.probe.ttl, size: s.probe.size, df: s.probe.df },
  }));
}

/** Checks one probe against its scenario; `echoIds` are the session's kernel-assigned ids. */
function assertEngineProbeMatches(s: Scenario, probe: ProbeEvent, echoIds: ProbeWorkerOutput['echoIds']): void {
  assert.equal(probe.type, 'probe');
  assert.ok(Number.isInteger(probe.wireSeq) && probe.wireSeq >= 1 && probe.wireSeq <= 0xffff);
  assert.ok(probe.sentAt > Date.UTC(2020, 0) && probe.sentAt <= Date.now(), `sentAt ${probe.sentAt}`);
  assertProbeMatches(s, probe, { wireSeq: probe.wireSeq, echoId: s.family === 4 ? echoIds.v4 : echoIds.v6 });
}

describe('native engine: every lab scenario, unprivileged, one session', { skip: labUnavailableReason() ?? false }, () => {
  let lab: Lab;
  let output: ProbeWorkerOutput;

  before(async () => {
    lab = await createLab();
    await lab.setNetem({ delayMs: 10 });
    output = await runWorkerOk<ProbeWorkerOutput>(lab, 'client', PROBE_WORKER, [JSON.stringify(planFor(clientScenarios))], {
      user: 'unprivileged',
    });
  });
  after(() => lab?.destroy());

  it('opened one socket per family and got kernel-assigned echo ids', () => {
    assert.equal(output.fatal, null);
    assert.ok(Number.isInteger(output.echoIds.v4) && Number.isInteger(output.echoIds.v6));
  });

  for (const s of clientScenarios) {
    it(`${s.id}: ${s.description}`, () => {
      const outcome = output.results[s.id];
      assert.ok(outcome, `no outcome for ${s.id}`);
      assert.equal(outcome.thrown, null);
      assert.equal(outcome.probes.length, 1);
      assertEngineProbeMatches(s, outcome.probes[0]!, output.echoIds);
      const expectReply = s.expect.status === 'reply';
      assert.deepEqual(
        { ...outcome.done, job: 0 },
        {
          type: 'done',
          job: 0,
          target: s.target,
          sent: 1,
          received: expectReply ? 1 : 0,
          errors: s.expect.status === 'icmp-error' ? 1 : 0,
          timeouts: s.expect.status === 'timeout' ? 1 : 0,
          cancelled: false,
        },
      );
    });
  }

  it('two jobs to one destination keep their own sequence numbers (wire seqs differ)', () => {
    const reply = output.results['reply-v4']!.probes[0]!;
    const ttlExceeded = output.results['ttl-exceeded-v4']!.probes[0]!;
    assert.equal(reply.target, ttlExceeded.target);
    assert.notEqual(reply.wireSeq, ttlExceeded.wireSeq);
  });
});
