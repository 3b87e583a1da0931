import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { checkLocalIcmpSocket } from './local-icmp-socket';
import { CAPABILITY_SOURCE, IDENTITY_SOURCE, RANGE_SOURCE, citations, evidence, gathered, inputs, local, notGathered, remediationText } from './testing/evidence';
import { argvOf } from '../remediation/testing/bash';

describe('local-icmp-socket', () => {
  it('passes when both families open, citing the probe, the range and our groups', () => {
    const f = checkLocalIcmpSocket(evidence((e) => (e.local = local())), inputs());
    assert.equal(f.status, 'pass');
    assert.deepEqual(f.evidence.map((e) => e.source), [CAPABILITY_SOURCE, RANGE_SOURCE, IDENTITY_SOURCE]);
    assert.match(citations(f), /ICMPv4 allowed, ICMPv6 allowed/);
    assert.match(citations(f), /net\.ipv4\.ping_group_range = 0 2147483647/);
    assert.equal(f.remediation.length, 0);
  });

  it('passes for IPv4 when this host has no IPv6', () => {
    const f = checkLocalIcmpSocket(evidence((e) => (e.local = local({ v6: { allowed: false, errno: 'EAFNOSUPPORT' } }))), inputs());
    assert.equal(f.status, 'pass');
    assert.match(f.summary, /IPv6 is not available here \(EAFNOSUPPORT\)/);
  });

  it('fails with the range "1 0", our egid and groups, and a sysctl that admits our group', () => {
    const e = evidence(
      (e) =>
        (e.local = local({
          v4: { allowed: false, errno: 'EACCES' },
          v6: { allowed: false, errno: 'EACCES' },
          range: { low: 1, high: 0 },
          identity: { uid: 1000, euid: 1000, gid: 1000, egid: 1000, groups: [1000, 27, 100] },
        })),
    );
    const f = checkLocalIcmpSocket(e, inputs());
    assert.equal(f.status, 'fail');
    assert.match(f.summary, /refused an unprivileged ICMP socket \(EACCES\)/);
    assert.match(f.summary, /"1 0" \(admits nobody, root included\)/);
    assert.match(f.summary, /egid 1000; supplementary groups: 1000, 27, 100/);
    assert.match(citations(f), /ICMPv4 refused \(EACCES\)/);
    const now = f.remediation.find((r) => r.kind === 'command');
    assert.deepEqual(argvOf(now?.text ?? ''), ['sudo', 'sysctl', '-w', 'net.ipv4.ping_group_range=1000 1000']);
    assert.match(remediationText(f), /\/etc\/sysctl\.d\/60-icmp-doctor-ping\.conf/);
    assert.match(remediationText(f), /net\.ipv4\.ping_group_range = 1000 1000/);
  });

  it('widens a range that admits others instead of replacing it', () => {
    const e = evidence((e) => (e.local = local({ v4: { allowed: false, errno: 'EACCES' }, range: { low: 100, high: 200 } })));
    const f = checkLocalIcmpSocket(e, inputs());
    assert.equal(f.status, 'fail');
    assert.match(f.remediation[0]?.text ?? '', /net\.ipv4\.ping_group_range=100 1000'/);
  });

  it('fails pointing away from the sysctl when the range already admits us', () => {
    const e = evidence((e) => (e.local = local({ v4: { allowed: false, errno: 'EACCES' }, range: { low: 0, high: 2147483647 } })));
    const f = checkLocalIcmpSocket(e, inputs());
    assert.equal(f.status, 'fail');
    assert.match(f.summary, /admits group 1000, 27/);
    assert.match(f.summary, /SELinux, AppArmor/);
    assert.equal(f.remediation.length, 0);
  });

  it('still fails, suggesting every group, when the range and our groups could not be read', () => {
    const e = evidence((e) => (e.local = local({ v4: { allowed: false, errno: 'EACCES' }, range: null, identity: null })));
    const f = checkLocalIcmpSocket(e, inputs());
    assert.equal(f.status, 'fail');
    assert.match(citations(f), /PERMISSION_DENIED/);
    assert.match(f.remediation[0]?.text ?? '', /0 2147483647/);
  });

  it('is unknown before the local step ran, or when the socket probe failed', () => {
    assert.equal(checkLocalIcmpSocket(evidence(), inputs()).status, 'unknown');
    const e = evidence((e) => {
      e.local = { ...local(), capability: notGathered('FAILED', 'the native addon could not be loaded', CAPABILITY_SOURCE) };
    });
    const f = checkLocalIcmpSocket(e, inputs());
    assert.equal(f.status, 'unknown');
    assert.match(f.summary, /icmp-doctor ping 127\.0\.0\.1/);
    assert.match(citations(f), /FAILED \(failed\): the native addon could not be loaded/);
  });

  it('warns when only ICMPv6 is refused', () => {
    const e = evidence((e) => {
      e.local = { ...local(), capability: gathered({ v4: { allowed: true, errno: null }, v6: { allowed: false, errno: 'EACCES' } }, CAPABILITY_SOURCE) };
    });
    assert.equal(checkLocalIcmpSocket(e, inputs()).status, 'warn');
  });
});
