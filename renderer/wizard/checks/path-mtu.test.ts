import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { PathMtuResult } from '../../../contract/evidence';
import { bashSyntax } from '../remediation/testing/bash';
import { checkPathMtu } from './path-mtu';
import { PATH_MTU_BLACK_HOLE_V4, PATH_MTU_BLACK_HOLE_V6, PATH_MTU_REPORTED_V4, PATH_MTU_REPORTED_V6 } from './testing/lab-captures';
import { citations, evidence, gathered, inputs, notGathered } from './testing/evidence';

const SOURCE = 'path-MTU search (DF echo) from this host to 10.200.2.2';
const healthy: PathMtuResult = {
  target: '10.200.2.2',
  address: '10.200.2.2',
  family: 4,
  steps: [
    { size: 65507, packetBytes: 65535, status: 'local-error', mtu: 1500, errorName: 'message-too-long' },
    { size: 1472, packetBytes: 1500, status: 'reply', mtu: null, errorName: null },
    { size: 1473, packetBytes: 1501, status: 'local-error', mtu: 1500, errorName: 'message-too-long' },
  ],
  largestPassing: 1472,
  smallestFailing: 1473,
  reportedMtu: null,
  blackHole: false,
};

describe('path-mtu', () => {
  it('passes with the path MTU when full-size packets pass', () => {
    const f = checkPathMtu(evidence((e) => (e.probes.pathMtu = gathered(healthy, SOURCE))), inputs({ target: '10.200.2.2' }));
    assert.equal(f.status, 'pass');
    assert.match(f.summary, /Packets of up to 1500 bytes with DF set reach 10\.200\.2\.2 \(this host's interface MTU is 1500\): no black hole/);
    assert.match(citations(f), /1500 B: reply/);
  });

  it('warns with the MTU a router reports, since path MTU discovery works (lab capture, v4 and v6)', () => {
    const v4 = checkPathMtu(evidence((e) => (e.probes.pathMtu = PATH_MTU_REPORTED_V4)), inputs({ target: '10.200.3.2' }));
    assert.equal(v4.status, 'warn');
    assert.match(v4.summary, /path MTU toward 10\.200\.3\.2 is 1280 bytes, below this host's 1500.*\(fragmentation-needed\).*ping -s 1252/);
    assert.match(citations(v4), /1500 B: icmp-error \(fragmentation-needed, mtu 1280\)/);
    const v6 = checkPathMtu(evidence((e) => (e.probes.pathMtu = PATH_MTU_REPORTED_V6)), inputs({ target: 'fd00:200:3::2' }));
    assert.equal(v6.status, 'warn');
    assert.match(v6.summary, /packet-too-big.*ping -s 1232/);
  });

  it('fails on a black hole: big DF packets vanish without an error (lab capture, v4 and v6)', () => {
    for (const capture of [PATH_MTU_BLACK_HOLE_V4, PATH_MTU_BLACK_HOLE_V6]) {
      const f = checkPathMtu(evidence((e) => (e.probes.pathMtu = capture)), inputs({ target: '10.200.3.2' }));
      assert.equal(f.status, 'fail');
      assert.match(f.summary, /Path MTU black hole toward .*: packets of 1280 bytes pass, but 1281-byte packets with DF set vanish without a "fragmentation needed" \/ "packet too big" error/);
      assert.match(f.remediation.map((r) => r.title).join('\n'), /Let ICMP errors through[\s\S]*clamp TCP MSS/);
      for (const fix of f.remediation) assert.ok(bashSyntax(fix.text).ok);
    }
  });

  it('warns when only packets below 1280 bytes pass, even without a report', () => {
    const small: PathMtuResult = { ...healthy, steps: [{ size: 1172, packetBytes: 1200, status: 'reply', mtu: null, errorName: null }], largestPassing: 1172, smallestFailing: 1173 };
    const f = checkPathMtu(evidence((e) => (e.probes.pathMtu = gathered(small, SOURCE))), inputs({ target: '10.200.2.2' }));
    assert.equal(f.status, 'warn');
    assert.match(f.summary, /Only 1200-byte packets pass .* below the 1280 bytes every IPv6 path must carry/);
  });

  it('is unknown when nothing passes at all, before the probe ran, or when it failed; skipped without a target', () => {
    const none: PathMtuResult = { ...healthy, steps: [{ size: 0, packetBytes: 28, status: 'timeout', mtu: null, errorName: null }], largestPassing: null, smallestFailing: 0 };
    assert.match(checkPathMtu(evidence((e) => (e.probes.pathMtu = gathered(none, SOURCE))), inputs({ target: 'x' })).summary, /see tcp-vs-icmp/);
    assert.equal(checkPathMtu(evidence(), inputs({ target: 'x' })).status, 'unknown');
    const failed = checkPathMtu(evidence((e) => (e.probes.pathMtu = notGathered('CANCELLED', 'cancelled by the user', SOURCE))), inputs({ target: 'x' }));
    assert.equal(failed.status, 'unknown');
    assert.match(citations(failed), /CANCELLED/);
    assert.equal(checkPathMtu(evidence(), inputs()).status, 'skip');
  });
});
