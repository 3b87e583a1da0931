// The path-MTU search's decisions, driven by paths described as data: which sizes it probes,
// in what order, and what it concludes. The real probes run in e2e/evidence/probes.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Family } from '../../../../native/index';
import { headerBytes, maxPayload, PathMtuSearch } from './path-mtu-search';
import type { PathMtuVerdict, SizeOutcome } from './path-mtu-search';

/** A path as the prober sees it: the host's interface MTU, a narrower hop, and what that hop does. */
interface Path {
  family: Family;
  interfaceMtu: number;
  /** MTU of a narrower hop, or null. */
  hopMtu: number | null;
  /** 'report': frag-needed / packet-too-big; 'silent': a black hole; the hop's own reported value may differ. */
  hop: 'report' | 'silent';
  /** What the hop reports, when not its real MTU (a lying or stale router). */
  reports?: number;
  /** Sizes at or above which nothing answers at all (e.g. echo blocked: 0). */
  blockedFrom?: number;
  /** How a blocked probe fails: an ICMP error without MTU, or silence. */
  blocked?: 'refused' | 'silent';
}

function answer(path: Path, size: number): SizeOutcome {
  const packet = size + headerBytes(path.family);
  if (packet > path.interfaceMtu) return { size, status: 'local-error', mtu: path.interfaceMtu, origin: 'local' };
  if (path.hopMtu !== null && packet > path.hopMtu) {
    return path.hop === 'report'
      ? { size, status: 'icmp-error', mtu: path.reports ?? path.hopMtu, origin: 'icmp' }
      : { size, status: 'timeout', mtu: null, origin: null };
  }
  if (path.blockedFrom !== undefined && size >= path.blockedFrom) {
    return path.blocked === 'refused' ? { size, status: 'icmp-error', mtu: null, origin: 'icmp' } : { size, status: 'timeout', mtu: null, origin: null };
  }
  return { size, status: 'reply', mtu: null, origin: null };
}

function search(path: Path): { sizes: number[]; verdict: PathMtuVerdict } {
  const s = new PathMtuSearch(path.family);
  const sizes: number[] = [];
  for (let size = s.next(); size !== null; size = s.next()) {
    assert.ok(sizes.length < 40, `the search ends (sizes so far: ${sizes.join(' ')})`);
    assert.ok(!sizes.includes(size), `size ${size} is probed only once (sizes: ${sizes.join(' ')})`);
    sizes.push(size);
    s.record(answer(path, size));
  }
  return { sizes, verdict: s.verdict() };
}

describe('path-MTU search', () => {
  it('on a plain 1500-byte path: the ceiling from EMSGSIZE, then 1472 passes and 1473 fails locally (IPv4)', () => {
    const r = search({ family: 4, interfaceMtu: 1500, hopMtu: null, hop: 'report' });
    assert.deepEqual(r.sizes, [65_507, 1472, 1473]);
    assert.deepEqual(r.verdict, { largestPassing: 1472, smallestFailing: 1473, reportedMtu: null, blackHole: false });
  });

  it('on a plain 1500-byte path over IPv6: 1452', () => {
    const r = search({ family: 6, interfaceMtu: 1500, hopMtu: null, hop: 'report' });
    assert.deepEqual(r.sizes, [65_527, 1452, 1453]);
    assert.deepEqual(r.verdict, { largestPassing: 1452, smallestFailing: 1453, reportedMtu: null, blackHole: false });
  });

  for (const family of [4, 6] as const) {
    const fits = 1280 - headerBytes(family);
    it(`jumps to a reported MTU of 1280 and confirms both sides of it (IPv${family}: ${fits})`, () => {
      const r = search({ family, interfaceMtu: 1500, hopMtu: 1280, hop: 'report' });
      assert.deepEqual(r.sizes, [maxPayload(family), 1500 - headerBytes(family), fits, fits + 1]);
      assert.deepEqual(r.verdict, { largestPassing: fits, smallestFailing: fits + 1, reportedMtu: 1280, blackHole: false });
    });

    it(`finds a black hole at 1280 by bisection (IPv${family})`, () => {
      const r = search({ family, interfaceMtu: 1500, hopMtu: 1280, hop: 'silent' });
      assert.equal(r.sizes[2], 0, 'after the first silent probe, a baseline at payload 0');
      assert.deepEqual(r.verdict, { largestPassing: fits, smallestFailing: fits + 1, reportedMtu: null, blackHole: true });
    });
  }

  it('calls it a black hole when a reported MTU (1400) does not explain the loss further on (1280)', () => {
    // A first hop says 1400; a second, narrower one drops silently.
    const s = new PathMtuSearch(4);
    const sizes: number[] = [];
    for (let size = s.next(); size !== null; size = s.next()) {
      sizes.push(size);
      const packet = size + 28;
      if (packet > 1500) s.record({ size, status: 'local-error', mtu: 1500, origin: 'local' });
      else if (packet > 1400) s.record({ size, status: 'icmp-error', mtu: 1400, origin: 'icmp' });
      else if (packet > 1280) s.record({ size, status: 'timeout', mtu: null, origin: null });
      else s.record({ size, status: 'reply', mtu: null, origin: null });
    }
    assert.deepEqual(s.verdict(), { largestPassing: 1252, smallestFailing: 1253, reportedMtu: 1400, blackHole: true });
  });

  it('stops after the baseline when echo is refused at every size: nothing passes, no black hole', () => {
    const r = search({ family: 4, interfaceMtu: 1500, hopMtu: null, hop: 'report', blockedFrom: 0, blocked: 'refused' });
    assert.deepEqual(r.sizes, [65_507, 1472, 0]);
    assert.deepEqual(r.verdict, { largestPassing: null, smallestFailing: 0, reportedMtu: null, blackHole: false });
  });

  it('stops after the baseline when echo vanishes at every size: silence everywhere is not a black hole', () => {
    const r = search({ family: 6, interfaceMtu: 1500, hopMtu: null, hop: 'report', blockedFrom: 0, blocked: 'silent' });
    assert.deepEqual(r.sizes, [65_527, 1452, 0]);
    assert.equal(r.verdict.largestPassing, null);
    assert.equal(r.verdict.blackHole, false);
  });

  it('settles in one probe when the largest packet passes (loopback, MTU 65536)', () => {
    const r = search({ family: 4, interfaceMtu: 65_536, hopMtu: null, hop: 'report' });
    assert.deepEqual(r.sizes, [65_507]);
    assert.deepEqual(r.verdict, { largestPassing: 65_507, smallestFailing: null, reportedMtu: null, blackHole: false });
  });

  it('uses the interface MTU of a narrow local link (WARP-like 1280) without calling it a path report', () => {
    const r = search({ family: 4, interfaceMtu: 1280, hopMtu: null, hop: 'report' });
    assert.deepEqual(r.sizes, [65_507, 1252, 1253]);
    assert.deepEqual(r.verdict, { largestPassing: 1252, smallestFailing: 1253, reportedMtu: null, blackHole: false });
  });

  it('ignores a reported MTU too small to carry any echo', () => {
    const r = search({ family: 4, interfaceMtu: 1500, hopMtu: 1280, hop: 'report', reports: 20 });
    assert.equal(r.verdict.largestPassing, 1252, 'bisection still finds the limit');
    assert.equal(r.verdict.reportedMtu, null, 'an MTU no echo fits in is not reported');
    assert.equal(r.verdict.blackHole, false, 'the failures came with errors');
  });
});
