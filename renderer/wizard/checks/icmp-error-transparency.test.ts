import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { argvOf, bashSyntax } from '../remediation/testing/bash';
import { firezoneDnsResourceRange } from './firezone';
import { checkIcmpErrorTransparency } from './icmp-error-transparency';
import {
  ECHO_REPLY,
  TRANSPARENCY_TTL_OK,
  TRANSPARENCY_TTL_SWALLOWED,
  TRANSPARENCY_UNREACHABLE_OK,
  TRANSPARENCY_UNREACHABLE_SWALLOWED,
} from './testing/lab-captures';
import { citations, evidence, gathered, inputs, notGathered, remediationText, repeated } from './testing/evidence';

const withTarget = inputs({ target: '10.200.2.2', unreachableTarget: '10.200.9.2' });

describe('icmp-error-transparency', () => {
  it('passes when the unreachable address draws an error that quotes our probe (lab capture)', () => {
    const f = checkIcmpErrorTransparency(evidence((e) => (e.probes.transparency = TRANSPARENCY_UNREACHABLE_OK)), withTarget);
    assert.equal(f.status, 'pass');
    assert.match(f.summary, /"Destination Host Unreachable" \(ICMP 3\/1\) from 10\.200\.1\.1/);
    assert.equal(f.evidence[0]?.source, 'ICMP error-transparency probe from this host: echo to the should-be-unreachable 10.200.9.2');
    assert.match(citations(f), /seq 1: "Destination Host Unreachable" \(ICMP 3\/1\) from 10\.200\.1\.1, quotes a probe to 10\.200\.9\.2 \(id \d+, seq 1\)/);
  });

  it('passes on time exceeded from TTL-limited probes (lab capture)', () => {
    const f = checkIcmpErrorTransparency(evidence((e) => (e.probes.transparency = TRANSPARENCY_TTL_OK)), inputs({ target: '10.200.2.2' }));
    assert.equal(f.status, 'pass');
    assert.match(f.summary, /Time to live exceeded/);
  });

  it('fails when a router swallows its errors: silence instead of "unreachable", with happy-eyeballs stalls named', () => {
    const f = checkIcmpErrorTransparency(evidence((e) => (e.probes.transparency = TRANSPARENCY_UNREACHABLE_SWALLOWED)), withTarget);
    assert.equal(f.status, 'fail');
    assert.match(f.summary, /No ICMP error came back for probes to 10\.200\.9\.2, an address that should be unreachable/);
    assert.match(f.summary, /happy-eyeballs stalls/);
    assert.match(citations(f), /3 sent: 0 replies, 0 ICMP errors, 3 timeouts/);
    const fixes = f.remediation.filter((r) => r.kind === 'command');
    assert.ok(fixes.length > 0);
    for (const fix of fixes) assert.ok(bashSyntax(fix.text).ok);
  });

  it('fails when TTL-limited probes time out before a larger TTL reaches the target (lab capture)', () => {
    const f = checkIcmpErrorTransparency(evidence((e) => (e.probes.transparency = TRANSPARENCY_TTL_SWALLOWED)), inputs({ target: '10.200.2.2' }));
    assert.equal(f.status, 'fail');
    assert.match(f.summary, /drew no "time exceeded": 2 probe\(s\) .* then a larger TTL reached the target itself/);
  });

  it('names Firezone\'s DNS-resource ranges and the gateway fix when the target is in one', () => {
    const swallowed = TRANSPARENCY_UNREACHABLE_SWALLOWED.ok ? TRANSPARENCY_UNREACHABLE_SWALLOWED.value : null;
    assert.ok(swallowed);
    const probes = swallowed.probes.map((p) => ({ ...p, target: '100.96.0.12' }));
    const e = evidence((e) => (e.probes.transparency = gathered({ ...swallowed, target: '100.96.0.12', address: '100.96.0.12', probes }, 'ICMP error-transparency probe from this host')));
    const f = checkIcmpErrorTransparency(e, inputs({ target: '100.96.0.12', product: 'firezone' }));
    assert.equal(f.status, 'fail');
    assert.match(f.summary, /100\.96\.0\.12 is a Firezone DNS-resource address \(100\.96\.0\.0\/11\).*firezone\/firezone#7398/);
    assert.match(citations(f), /Firezone DNS resource ranges :: 100\.96\.0\.12 is inside 100\.96\.0\.0\/11/);
    const upgrade = f.remediation.find((r) => r.title.startsWith('Firezone: upgrade the gateway'));
    assert.deepEqual(argvOf(upgrade?.text.split(' && ')[0] ?? ''), ['docker', 'compose', 'pull', 'firezone-gateway']);
    assert.equal(firezoneDnsResourceRange('fd00:2021:1111:8000::a'), 'fd00:2021:1111:8000::/107');
    assert.equal(firezoneDnsResourceRange('fd00:2021:1111:8020::a'), null);
    assert.equal(firezoneDnsResourceRange('100.128.0.1'), null);
    assert.equal(firezoneDnsResourceRange('db.internal'), null);
  });

  it('fails when errors come back quoting some other packet (a NAT that did not translate the quote)', () => {
    const ok = TRANSPARENCY_UNREACHABLE_OK.ok ? TRANSPARENCY_UNREACHABLE_OK.value : null;
    assert.ok(ok);
    const probes = ok.probes.map((p) => (p.error?.original ? { ...p, error: { ...p.error, original: { ...p.error.original, dst: '172.16.5.9', id: 9999 } } } : p));
    const e = evidence((e) => (e.probes.transparency = gathered({ ...ok, probes, errorReturned: false }, 'transparency')));
    const f = checkIcmpErrorTransparency(e, withTarget);
    assert.equal(f.status, 'fail');
    assert.match(f.summary, /quotes a probe to 172\.16\.5\.9 \(id 9999, seq 1\), not our probe to 10\.200\.9\.2/);
  });

  it('is unknown when the "unreachable" address answers, asking for a better one', () => {
    const e = evidence((e) => (e.probes.transparency = gathered({ target: '10.200.2.2', address: '10.200.2.2', method: 'unreachable-address' as const, probes: repeated(ECHO_REPLY, 3), errorReturned: false }, 'transparency')));
    const f = checkIcmpErrorTransparency(e, inputs({ target: '10.200.2.2', unreachableTarget: '10.200.2.2' }));
    assert.equal(f.status, 'unknown');
    assert.match(f.summary, /answered, so it is not unreachable: give --unreachable-target/);
  });

  it('is skipped without a target and unknown before the probe ran or when it failed', () => {
    assert.equal(checkIcmpErrorTransparency(evidence(), inputs()).status, 'skip');
    assert.equal(checkIcmpErrorTransparency(evidence(), withTarget).status, 'unknown');
    const failed = checkIcmpErrorTransparency(evidence((e) => (e.probes.transparency = notGathered('PERMISSION_DENIED', 'ICMP socket refused', 'transparency'))), withTarget);
    assert.equal(failed.status, 'unknown');
    assert.match(citations(failed), /PERMISSION_DENIED/);
    assert.equal(remediationText(failed), '');
  });
});
