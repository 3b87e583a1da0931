import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { PathMtuResult } from '../../../contract/evidence';
import type { Finding } from '../../../contract/findings';
import { msg } from '../../i18n/messages/message';
import { renderMessage } from '../../i18n/messages/render';
import { assertSaidInJapanese } from '../../../test-support/i18n/english-prose';
import { bashSyntax } from '../../../test-support/remediation/bash';
import { checkPathMtu } from './path-mtu';
import { PATH_MTU_BLACK_HOLE_V4, PATH_MTU_BLACK_HOLE_V6, PATH_MTU_REPORTED_V4, PATH_MTU_REPORTED_V6 } from '../../../test-support/checks/lab-captures';
import { evidence, gathered, inputs, notGathered } from '../../../test-support/checks/evidence';

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
/** Only 1200-byte packets pass, and no router says why. */
const small: PathMtuResult = { ...healthy, steps: [{ size: 1172, packetBytes: 1200, status: 'reply', mtu: null, errorName: null }], largestPassing: 1172, smallestFailing: 1173 };
/** Not even the smallest DF probe gets a reply. */
const none: PathMtuResult = { ...healthy, steps: [{ size: 0, packetBytes: 28, status: 'timeout', mtu: null, errorName: null }], largestPassing: null, smallestFailing: 0 };

function check(result: PathMtuResult): Finding {
  return checkPathMtu(evidence((e) => (e.probes.pathMtu = gathered(result, SOURCE))), inputs({ target: '10.200.2.2' }));
}

/** The step messages of a finding's first evidence, each said in English. */
function stepsSaid(f: Finding): string[] {
  const message = f.evidence[0]?.message;
  assert.equal(message?.key, 'path-mtu.steps');
  const steps = message?.params?.['steps'];
  assert.ok(Array.isArray(steps));
  return steps.map((step) => (typeof step === 'object' ? renderMessage(step, 'en') : String(step)));
}

describe('path-mtu', () => {
  it('passes with the path MTU when full-size packets pass', () => {
    const f = check(healthy);
    assert.equal(f.status, 'pass');
    assert.deepEqual(f.reason, msg('path-mtu.pass', { address: '10.200.2.2', mtu: 1500, localMtu: 1500 }));
    assert.deepEqual(f.evidence[0]?.message?.params?.['steps'], [
      msg('path-mtu.step.local-error', { bytes: 65535, errorName: 'message-too-long', mtu: 1500 }),
      msg('path-mtu.step.reply', { bytes: 1500, errorName: null, mtu: null }),
      msg('path-mtu.step.local-error', { bytes: 1501, errorName: 'message-too-long', mtu: 1500 }),
    ]);
    assert.equal(f.evidence[0]?.message?.params?.['address'], '10.200.2.2');
  });

  it('warns with the MTU a router reports, since path MTU discovery works (lab capture, v4 and v6)', () => {
    const v4 = checkPathMtu(evidence((e) => (e.probes.pathMtu = PATH_MTU_REPORTED_V4)), inputs({ target: '10.200.3.2' }));
    assert.equal(v4.status, 'warn');
    assert.deepEqual(v4.reason, msg('path-mtu.reported', { address: '10.200.3.2', mtu: 1280, localMtu: 1500, errorName: 'fragmentation-needed', largest: 1280, pingSize: 1252 }));
    assert.ok(stepsSaid(v4).includes('1500 B: icmp-error (fragmentation-needed, mtu 1280)'), stepsSaid(v4).join('; '));
    const v6 = checkPathMtu(evidence((e) => (e.probes.pathMtu = PATH_MTU_REPORTED_V6)), inputs({ target: 'fd00:200:3::2' }));
    assert.equal(v6.status, 'warn');
    assert.deepEqual(v6.reason, msg('path-mtu.reported', { address: 'fd00:200:3::2', mtu: 1280, localMtu: 1500, errorName: 'packet-too-big', largest: 1280, pingSize: 1232 }));
  });

  it('fails on a black hole: big DF packets vanish without an error (lab capture, v4 and v6)', () => {
    for (const [capture, address] of [[PATH_MTU_BLACK_HOLE_V4, '10.200.3.2'], [PATH_MTU_BLACK_HOLE_V6, 'fd00:200:3::2']] as const) {
      const f = checkPathMtu(evidence((e) => (e.probes.pathMtu = capture)), inputs({ target: '10.200.3.2' }));
      assert.equal(f.status, 'fail');
      assert.deepEqual(f.reason, msg('path-mtu.black-hole', { address, mtu: 1280, failingBytes: 1281 }));
      assert.ok(stepsSaid(f).includes('1281 B: timeout'), stepsSaid(f).join('; '));
      // Let the errors through first; clamping the MSS is the fallback.
      assert.deepEqual(f.remediation.map((r) => r.id), ['allow-icmp-errors.iptables', 'allow-icmp-errors.nftables', 'path-mtu.clamp-mss']);
      for (const fix of f.remediation) assert.ok(bashSyntax(fix.text).ok);
    }
  });

  it('warns when only packets below 1280 bytes pass, even without a report', () => {
    const f = check(small);
    assert.equal(f.status, 'warn');
    assert.deepEqual(f.reason, msg('path-mtu.below-ipv6-minimum', { address: '10.200.2.2', mtu: 1200, minimum: 1280 }));
  });

  it('is unknown when nothing passes at all, before the probe ran, or when it failed; skipped without a target', () => {
    const nothing = check(none);
    assert.equal(nothing.status, 'unknown');
    assert.deepEqual(nothing.reason, msg('path-mtu.nothing-passes', { address: '10.200.2.2' }));
    const notRun = checkPathMtu(evidence(), inputs({ target: 'x' }));
    assert.equal(notRun.status, 'unknown');
    assert.deepEqual(notRun.reason, msg('path-mtu.not-measured', { target: 'x' }));
    const failed = checkPathMtu(evidence((e) => (e.probes.pathMtu = notGathered('CANCELLED', 'cancelled by the user', SOURCE))), inputs({ target: 'x' }));
    assert.equal(failed.status, 'unknown');
    assert.deepEqual(failed.reason, msg('path-mtu.probe-failed', { code: 'CANCELLED' }));
    assert.equal(failed.evidence[0]?.message?.key, 'failure.cited');
    assert.equal(failed.evidence[0]?.message?.params?.['code'], 'CANCELLED');
    const skipped = checkPathMtu(evidence(), inputs());
    assert.equal(skipped.status, 'skip');
    assert.equal(skipped.reason?.key, 'path-mtu.no-target');
  });

  it('says every branch in Japanese, with no English prose and no message pasted into a string', () => {
    const findings = [
      checkPathMtu(evidence(), inputs()),
      checkPathMtu(evidence(), inputs({ target: '10.200.2.2' })),
      // A failure's own words are its gatherer's (parts/gather.ts), not this check's: a bare errno here.
      checkPathMtu(evidence((e) => (e.probes.pathMtu = notGathered('PERMISSION_DENIED', 'EPERM', SOURCE))), inputs({ target: '10.200.2.2' })),
      check(none),
      checkPathMtu(evidence((e) => (e.probes.pathMtu = PATH_MTU_BLACK_HOLE_V4)), inputs({ target: '10.200.3.2' })),
      checkPathMtu(evidence((e) => (e.probes.pathMtu = PATH_MTU_REPORTED_V6)), inputs({ target: 'fd00:200:3::2' })),
      check(small),
      check(healthy),
    ];
    assert.equal(new Set(findings.map((f) => f.reason?.key)).size, findings.length, 'one finding per summary of the check');
    for (const f of findings) {
      for (const item of f.evidence) assert.ok(item.message, `evidence in our words is a message: ${item.detail}`);
      assertSaidInJapanese(f);
    }
  });
});
