import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Finding } from '../../../contract/findings';
import { msg } from '../../i18n/messages/message';
import { localizeFinding } from '../../i18n/messages/render';
import { assertFindingHasNoEnglishProse } from '../../../test-support/i18n/english-prose';
import { checkLocalIcmpSocket } from './local-icmp-socket';
import { CAPABILITY_SOURCE, IDENTITY_SOURCE, RANGE_SOURCE, citations, evidence, gathered, inputs, local, notGathered, remediationText } from '../../../test-support/checks/evidence';
import { argvOf } from '../../../test-support/remediation/bash';

describe('local-icmp-socket', () => {
  it('passes when both families open, citing the probe, the range and our groups', () => {
    const f = checkLocalIcmpSocket(evidence((e) => (e.local = local())), inputs());
    assert.equal(f.status, 'pass');
    assert.equal(f.reason?.key, 'local-icmp-socket.both-allowed');
    assert.deepEqual(f.evidence.map((e) => e.source), [CAPABILITY_SOURCE, RANGE_SOURCE, IDENTITY_SOURCE]);
    assert.deepEqual(f.evidence[0]?.message, msg('local-icmp-socket.sockets', { v4Allowed: true, v4Errno: null, v6Allowed: true, v6Errno: null }));
    // The range is quoted as `sysctl` prints it.
    assert.match(citations(f), /net\.ipv4\.ping_group_range = 0 2147483647/);
    assert.equal(f.evidence[2]?.message?.key, 'local-icmp-socket.identity');
    assert.equal(f.remediation.length, 0);
  });

  it('passes for IPv4 when this host has no IPv6', () => {
    const f = checkLocalIcmpSocket(evidence((e) => (e.local = local({ v6: { allowed: false, errno: 'EAFNOSUPPORT' } }))), inputs());
    assert.equal(f.status, 'pass');
    assert.deepEqual(f.reason, msg('local-icmp-socket.no-ipv6', { errno: 'EAFNOSUPPORT' }));
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
    assert.deepEqual(
      f.reason,
      msg('local-icmp-socket.refused', {
        errno: 'EACCES',
        range: msg('ping-range.quoted', { range: '1 0', empty: true }),
        groups: msg('local-icmp-socket.groups', { egid: 1000, groups: [1000, 27, 100] }),
      }),
    );
    assert.deepEqual(f.evidence[0]?.message?.params, { v4Allowed: false, v4Errno: 'EACCES', v6Allowed: false, v6Errno: 'EACCES' });
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
    assert.equal(f.reason?.key, 'local-icmp-socket.refused-though-admitted');
    assert.deepEqual(f.reason?.params?.['admitted'], [1000, 27]);
    assert.equal(f.reason?.params?.['range'], '0 2147483647');
    assert.equal(f.remediation.length, 0);
  });

  it('still fails, suggesting every group, when the range and our groups could not be read', () => {
    const e = evidence((e) => (e.local = local({ v4: { allowed: false, errno: 'EACCES' }, range: null, identity: null })));
    const f = checkLocalIcmpSocket(e, inputs());
    assert.equal(f.status, 'fail');
    assert.deepEqual(f.reason, msg('local-icmp-socket.refused', { errno: 'EACCES', range: null, groups: null }));
    assert.deepEqual(f.evidence.slice(1).map((e) => [e.message?.key, e.message?.params?.['code']]), [
      ['failure.cited', 'PERMISSION_DENIED'],
      ['failure.cited', 'PERMISSION_DENIED'],
    ]);
    assert.match(f.remediation[0]?.text ?? '', /0 2147483647/);
  });

  it('is unknown before the local step ran, or when the socket probe failed', () => {
    const before = checkLocalIcmpSocket(evidence(), inputs());
    assert.equal(before.status, 'unknown');
    assert.equal(before.reason?.key, 'local-icmp-socket.not-examined');
    const e = evidence((e) => {
      e.local = { ...local(), capability: notGathered('FAILED', 'the native addon could not be loaded', CAPABILITY_SOURCE) };
    });
    const f = checkLocalIcmpSocket(e, inputs());
    assert.equal(f.status, 'unknown');
    assert.deepEqual(f.reason, msg('local-icmp-socket.probe-failed', { code: 'FAILED' }));
    assert.equal(f.evidence[0]?.message?.key, 'failure.cited');
    assert.equal(f.evidence[0]?.message?.params?.['code'], 'FAILED');
    // The gatherer's own words travel as they came (e.g. in an imported report).
    assert.match(f.evidence[0]?.detail ?? '', /the native addon could not be loaded/);
  });

  it('warns when only ICMPv6 is refused', () => {
    const e = evidence((e) => {
      e.local = { ...local(), capability: gathered({ v4: { allowed: true, errno: null }, v6: { allowed: false, errno: 'EACCES' } }, CAPABILITY_SOURCE) };
    });
    const f = checkLocalIcmpSocket(e, inputs());
    assert.equal(f.status, 'warn');
    assert.deepEqual(f.reason, msg('local-icmp-socket.v6-refused', { errno: 'EACCES' }));
  });

  it('fails, naming the kernel, when ICMPv4 sockets do not exist at all', () => {
    const e = evidence((e) => (e.local = local({ v4: { allowed: false, errno: 'EAFNOSUPPORT' }, v6: { allowed: false, errno: 'EAFNOSUPPORT' } })));
    const f = checkLocalIcmpSocket(e, inputs());
    assert.equal(f.status, 'fail');
    assert.deepEqual(f.reason, msg('local-icmp-socket.v4-error', { errno: 'EAFNOSUPPORT', noDatagramSockets: true }));
    assert.equal(f.remediation.length, 0, 'no sysctl makes sockets the kernel lacks');
  });
});

describe('local-icmp-socket in Japanese', () => {
  /** One finding for every way the check can end. */
  function everyBranch(): Finding[] {
    const refused = (over: Parameters<typeof local>[0]) => checkLocalIcmpSocket(evidence((e) => (e.local = local({ v4: { allowed: false, errno: 'EACCES' }, ...over }))), inputs());
    return [
      checkLocalIcmpSocket(evidence((e) => (e.local = local())), inputs()),
      checkLocalIcmpSocket(evidence((e) => (e.local = local({ v6: { allowed: false, errno: 'EAFNOSUPPORT' } }))), inputs()),
      checkLocalIcmpSocket(evidence((e) => (e.local = local({ v6: { allowed: false, errno: 'EACCES' } }))), inputs()),
      checkLocalIcmpSocket(evidence((e) => (e.local = local({ v4: { allowed: false, errno: 'EAFNOSUPPORT' } }))), inputs()),
      checkLocalIcmpSocket(evidence((e) => (e.local = local({ v4: { allowed: false, errno: 'EIO' } }))), inputs()),
      refused({ range: { low: 1, high: 0 }, identity: { uid: 1000, euid: 1000, gid: 1000, egid: 1000, groups: [1000, 27, 100] } }),
      refused({ range: { low: 100, high: 200 } }),
      refused({ range: { low: 0, high: 2147483647 } }),
      refused({ range: null, identity: null }),
      checkLocalIcmpSocket(evidence(), inputs()),
      checkLocalIcmpSocket(
        // A gatherer's words are the gatherers' to translate; this one quotes the loader.
        evidence((e) => (e.local = { ...local(), capability: notGathered('FAILED', 'dlopen icmp_doctor.node: ENOENT', CAPABILITY_SOURCE) })),
        inputs(),
      ),
    ];
  }

  it('says every summary and cited detail in Japanese, with no English prose left', () => {
    const findings = everyBranch();
    assert.deepEqual([...new Set(findings.map((f) => f.status))].sort(), ['fail', 'pass', 'unknown', 'warn']);
    for (const f of findings) {
      assert.ok(f.reason, `${f.summary}: no reason`);
      const ja = localizeFinding(f, 'ja');
      assert.notEqual(ja.summary, f.summary);
      // Fix titles are remediation/'s to say: checked here once they carry a message.
      assertFindingHasNoEnglishProse({ ...ja, remediation: ja.remediation.filter((fix) => fix.titleMessage) });
    }
  });

  it('quotes the range and names our groups the Japanese way', () => {
    const f = everyBranch()[5]!;
    assert.match(localizeFinding(f, 'ja').summary, /ping_group_range は「1 0」（root を含め、どのグループも許可しない値）で、このプロセスのグループ（egid 1000、補助グループ: 1000、27、100）はどれも許可されていません/);
  });

  describe('raw sockets (CAP_NET_RAW)', () => {
    /** Root on a "1 0" host: ping sockets refused, raw sockets open. */
    function rootOnDefaultHost(raw: { allowed: boolean; errno: string | null } = { allowed: true, errno: null }) {
      return evidence((e) => {
        const base = local({
          v4: { allowed: false, errno: 'EACCES' },
          v6: { allowed: false, errno: 'EACCES' },
          range: { low: 1, high: 0 },
          identity: { uid: 0, euid: 0, gid: 0, egid: 0, groups: [0] },
        });
        if (!base.capability.ok) throw new Error('fixture');
        base.capability.value.raw = { v4: raw, v6: raw };
        base.capability.value.capNetRaw = raw.allowed;
        e.local = base;
      });
    }

    it('passes for a process that probes through raw sockets, saying an unprivileged one cannot, with no sysctl fix', () => {
      const f = checkLocalIcmpSocket(rootOnDefaultHost(), inputs());
      assert.equal(f.status, 'pass');
      assert.deepEqual(
        f.reason,
        msg('raw-socket.local.raw-probes', { range: msg('ping-range.quoted', { range: '1 0', empty: true }), groups: msg('local-icmp-socket.groups', { egid: 0, groups: [0] }) }),
      );
      assert.deepEqual(f.evidence[1]?.message, msg('raw-socket.local.raw-sockets', { v4Allowed: true, v4Errno: null, v6Allowed: true, v6Errno: null, capNetRaw: true }));
      assert.equal(f.remediation.length, 0, 'root is not told to change a host sysctl to run the diagnostic');
      assertFindingHasNoEnglishProse(localizeFinding(f, 'ja'));
      // A run told to use ping sockets only fails as before.
      const pingOnly = checkLocalIcmpSocket(rootOnDefaultHost(), inputs({ socket: 'ping' }));
      assert.equal(pingOnly.status, 'fail');
      assert.equal(pingOnly.reason?.key, 'local-icmp-socket.refused');
    });

    it('without the capability offers running the diagnostic with it after the sysctl fixes, but not to root', () => {
      const user = evidence((e) => (e.local = local({ v4: { allowed: false, errno: 'EACCES' }, range: { low: 1, high: 0 } })));
      const f = checkLocalIcmpSocket(user, inputs({ target: '10.0.0.5' }));
      assert.equal(f.status, 'fail');
      const last = f.remediation[f.remediation.length - 1];
      assert.equal(last?.id, 'raw-socket.run-privileged');
      assert.deepEqual(argvOf(last?.text ?? ''), ['sudo', 'icmp-doctor', 'check', '--socket', 'raw', '--target', '10.0.0.5']);
      assert.equal(f.remediation[0]?.id, 'ping-range.this-machine-now');
      assertFindingHasNoEnglishProse(localizeFinding(f, 'ja'));
      const root = checkLocalIcmpSocket(rootOnDefaultHost({ allowed: false, errno: 'EPERM' }), inputs());
      assert.equal(root.status, 'fail');
      assert.equal(root.remediation.some((r) => r.id === 'raw-socket.run-privileged'), false);
    });
  });
});
