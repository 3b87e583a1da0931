// The native engine against every probe scenario of the lab, as the unprivileged user, all
// scenarios at once on one Session (many concurrent targets, two sharing a destination).
// Every field of every event is checked against what the lab guarantees.

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { ProbeEvent } from '../../native/index';
import { iputilsErrorText } from '../lab/iputils';
import { ADDRESSES, createLab, labUnavailableReason, type Lab } from '../lab/lab';
import { SCENARIOS, type Scenario } from '../lab/scenarios';
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
export function assertProbeMatches(s: Scenario, probe: ProbeEvent, echoIds: ProbeWorkerOutput['echoIds']): void {
  const client = s.family === 4 ? ADDRESSES.client.v4 : ADDRESSES.client.v6;
  assert.equal(probe.type, 'probe');
  assert.equal(probe.seq, 1);
  assert.equal(probe.target, s.target);
  assert.ok(Number.isInteger(probe.wireSeq) && probe.wireSeq >= 1 && probe.wireSeq <= 0xffff);
  assert.ok(probe.sentAt > Date.UTC(2020, 0) && probe.sentAt <= Date.now(), `sentAt ${probe.sentAt}`);
  const e = s.expect;
  switch (e.status) {
    case 'reply':
      assert.equal(probe.status, 'reply');
      assert.equal(probe.address, e.from);
      assert.equal(probe.ttl, 63, 'one router between client and server');
      assert.equal(probe.bytes, 8 + (s.probe.size ?? 56));
      assert.ok(probe.rttMs !== null && probe.rttMs > 0 && probe.rttMs >= e.minRttMs, `rtt ${probe.rttMs}`);
      assert.equal(probe.error, null);
      return;
    case 'timeout':
      assert.equal(probe.status, 'timeout');
      assert.equal(probe.address, null);
      assert.equal(probe.rttMs, null);
      assert.equal(probe.ttl, null);
      assert.equal(probe.bytes, 0);
      assert.equal(probe.error, null);
      return;
    case 'icmp-error': {
      assert.equal(probe.status, 'icmp-error');
      assert.equal(probe.address, e.error.from);
      assert.ok(probe.rttMs !== null && probe.rttMs > 0);
      assert.equal(probe.ttl, 64, 'errors come from the first hop');
      const error = probe.error;
      assert.ok(error);
      assert.equal(error.family, s.family);
      assert.equal(error.origin, 'icmp');
      assert.equal(error.icmpType, e.error.icmpType);
      assert.equal(error.icmpCode, e.error.icmpCode);
      assert.equal(error.name, e.error.name);
      assert.equal(error.message, iputilsErrorText(e.error.name, e.error.mtu));
      assert.equal(error.from, e.error.from);
      assert.equal(error.mtu, e.error.mtu);
      assert.equal(error.pointer, null);
      assert.match(error.errno ?? '', /^E[A-Z]+$/);
      assert.deepEqual(error.original, {
        src: client,
        dst: e.error.original.dst,
        protocol: s.family === 4 ? 'icmp' : 'icmpv6',
        id: s.family === 4 ? echoIds.v4 : echoIds.v6,
        seq: probe.wireSeq,
        quotedBytes: error.original?.quotedBytes,
      });
      // A Linux router quotes as much as fits an error of 576 bytes (v4) or 1280 (v6), so the
      // ICMP part of the quote is the whole probe up to that bound.
      const quoteLimit = s.family === 4 ? 576 - 20 - 8 - 20 : 1280 - 40 - 8 - 40;
      assert.equal(error.original?.quotedBytes, Math.min(8 + (s.probe.size ?? 56), quoteLimit));
      return;
    }
    case 'socket-denied':
      assert.fail('socket-denied scenarios run in the denied namespace, see denial.test.ts');
  }
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
      assertProbeMatches(s, outcome.probes[0]!, output.echoIds);
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
