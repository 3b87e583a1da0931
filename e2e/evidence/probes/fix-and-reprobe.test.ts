// A fault, its evidence, the fix, and the evidence again: each fault policy is applied, the
// probe that exposes it runs, the policy is removed (what the user's fix does on a real
// router), and the same probe now shows a healthy path. Proves the probes report the path as
// it is now, not a cached verdict.

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { IcmpEchoResult, PathMtuResult, TransparencyResult } from '../../../contract/evidence';
import { ADDRESSES, createLab, labUnavailableReason, type Lab, type LabPolicy } from '../../lab/lab';
import { runProbes, valueOf, type ProbeCase } from './run-probes';

const skip = labUnavailableReason() ?? false;
const TIMEOUT_MS = 400;

/** Applies `policy`, runs `cases`, and returns the first case's value. */
async function probeUnder<T>(lab: Lab, policy: LabPolicy, c: ProbeCase): Promise<T> {
  await lab.applyPolicy(policy);
  const results = await runProbes(lab, [c]);
  return valueOf<T>(results[c.name], `${c.name} under ${policy}`);
}

describe('apply a fault, probe, remove it, probe again (client, unprivileged)', { skip, concurrency: 1 }, () => {
  let lab: Lab;
  before(async () => {
    lab = await createLab();
  });
  after(() => lab.destroy());

  for (const [family, v] of [[4, 'v4'], [6, 'v6']] as const) {
    it(`${v}: ICMP errors return, stop returning under swallow-errors, and return again once it is removed`, async () => {
      const c: ProbeCase = { name: 'ttl', probe: 'transparency', request: { target: ADDRESSES.server.main[v], unreachableTarget: null, timeoutMs: TIMEOUT_MS } };
      const seen: boolean[] = [];
      for (const policy of ['none', 'swallow-errors', 'none'] as const) {
        seen.push((await probeUnder<TransparencyResult>(lab, policy, c)).errorReturned);
      }
      assert.deepEqual(seen, [true, false, true]);
    });

    it(`${v}: echo is dropped under drop-echo and answered once the policy is removed`, async () => {
      const c: ProbeCase = { name: 'icmp', probe: 'icmp', request: { target: ADDRESSES.server.main[v], count: 1, timeoutMs: TIMEOUT_MS } };
      const dropped = await probeUnder<IcmpEchoResult>(lab, 'drop-echo', c);
      const fixed = await probeUnder<IcmpEchoResult>(lab, 'none', c);
      assert.deepEqual([dropped.probes[0]?.status, fixed.probes[0]?.status], ['timeout', 'reply']);
    });

    it(`${v}: a PMTU black hole, then — with the router's ${family === 4 ? 'frag-needed' : 'packet-too-big'} let through — a reported MTU of 1280`, async () => {
      const c: ProbeCase = { name: 'mtu', probe: 'pathMtu', request: { target: ADDRESSES.server.mtu[v], timeoutMs: TIMEOUT_MS } };
      const broken = await probeUnder<PathMtuResult>(lab, 'pmtu-black-hole', c);
      const fixed = await probeUnder<PathMtuResult>(lab, 'none', c);
      const fits = 1280 - (family === 4 ? 28 : 48);
      assert.deepEqual([broken.largestPassing, broken.reportedMtu, broken.blackHole], [fits, null, true]);
      assert.deepEqual([fixed.largestPassing, fixed.reportedMtu, fixed.blackHole], [fits, 1280, false]);
    });
  }
});
