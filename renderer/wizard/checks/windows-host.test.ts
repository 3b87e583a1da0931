// On Windows (and the Windows build under Wine) probes go through its ICMP API: the local
// check speaks of IcmpCreateFile / Icmp6CreateFile handles, never of ping_group_range,
// SELinux/AppArmor or socket(AF_INET…); and path-mtu does not pass a DF search whose replies
// prove DF was ignored. The evidence has the shape e2e/windows/wine.test.ts's check run gathers.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { LocalEvidence, PathMtuResult, SocketCapability } from '../../../contract/evidence';
import type { Finding } from '../../../contract/findings';
import { localizeFinding } from '../../i18n/messages/render';
import { assertFindingHasNoEnglishProse } from '../../../test-support/i18n/english-prose';
import { evidence, gathered, inputs, local, notGathered } from '../../../test-support/checks/evidence';
import { checkLocalIcmpSocket } from './local-icmp-socket';
import { checkPathMtu, LARGEST_LINK_MTU } from './path-mtu';

/** What the Windows addon reports under Wine: IPv4 handle opened, Icmp6CreateFile a stub, no raw sockets. */
const WINE_CAPABILITY: SocketCapability = {
  v4: { allowed: true, errno: null },
  v6: { allowed: false, errno: 'ERROR_CALL_NOT_IMPLEMENTED' },
  raw: { v4: { allowed: false, errno: null }, v6: { allowed: false, errno: null } },
  capNetRaw: null,
};

function windowsLocal(capability: SocketCapability = WINE_CAPABILITY): LocalEvidence {
  return {
    host: gathered({ os: 'Windows_NT', platform: 'win32', kernel: '6.1.7601', arch: 'x64', hostname: 'client', netns: null }, 'os.type(), os.release(), os.arch(), os.hostname()'),
    identity: gathered({ uid: 0, euid: 0, gid: 0, egid: 0, groups: [] }, 'native addon'),
    pingGroupRange: notGathered('NOT_APPLICABLE', 'net.ipv4.ping_group_range is a Linux sysctl; not on win32', '/proc/sys/net/ipv4/ping_group_range'),
    capability: gathered(capability, 'ICMP socket probe (native addon)'),
  };
}

function localOn(host: LocalEvidence): Finding {
  return checkLocalIcmpSocket(evidence((e) => (e.local = host)), inputs());
}

const findings: Finding[] = [];
function keep(f: Finding): Finding {
  findings.push(f);
  return f;
}

describe('local-icmp-socket on Windows', () => {
  it("Wine's stubbed IPv6 handle: IPv4 probes work, said in terms of the ICMP API", () => {
    const f = keep(localOn(windowsLocal()));
    assert.equal(f.status, 'pass');
    assert.deepEqual(f.reason, { key: 'windows.local.no-ipv6', params: { errno: 'ERROR_CALL_NOT_IMPLEMENTED' } });
    assert.equal(f.evidence.length, 1, 'no ping_group_range or identity: they mean nothing on Windows');
    assert.equal(f.evidence[0]?.sourceMessage?.key, 'windows.source.icmp-api');
    assert.equal(f.evidence[0]?.message?.key, 'windows.local.handles');
    const said = `${f.summary}\n${f.evidence.map((e) => `${e.source}: ${e.detail}`).join('\n')}`;
    assert.doesNotMatch(said, /SELinux|AppArmor|AF_INET|ping_group_range/);
    assert.match(said, /Icmp6CreateFile/);
  });

  it('both handles open: pass', () => {
    const f = keep(localOn(windowsLocal({ ...WINE_CAPABILITY, v6: { allowed: true, errno: null } })));
    assert.equal(f.status, 'pass');
    assert.equal(f.reason?.key, 'windows.local.both-open');
  });

  it('an IPv6 handle refused by something on the host: warn, no sysctl fix', () => {
    const f = keep(localOn(windowsLocal({ ...WINE_CAPABILITY, v6: { allowed: false, errno: 'ERROR_ACCESS_DENIED' } })));
    assert.equal(f.status, 'warn');
    assert.deepEqual(f.reason?.params, { errno: 'ERROR_ACCESS_DENIED' });
    assert.equal(f.reason?.key, 'windows.local.v6-refused');
    assert.equal(f.remediation.length, 0);
  });

  it('no IPv4 handle: fail, and never the Linux range fixes or "run as root"', () => {
    const f = keep(localOn(windowsLocal({ ...WINE_CAPABILITY, v4: { allowed: false, errno: 'ERROR_ACCESS_DENIED' } })));
    assert.equal(f.status, 'fail');
    assert.deepEqual(f.reason, { key: 'windows.local.v4-refused', params: { errno: 'ERROR_ACCESS_DENIED' } });
    assert.equal(f.remediation.length, 0);
  });

  it('Linux keeps its own wording for the same refused IPv6', () => {
    const f = localOn(local({ v6: { allowed: false, errno: 'EACCES' } }));
    assert.equal(f.reason?.key, 'local-icmp-socket.v6-refused');
  });
});

/** Wine's DF search: every size passes, the first (65535 bytes) included. */
const wineSearch: PathMtuResult = {
  target: '10.200.2.2',
  address: '10.200.2.2',
  family: 4,
  steps: [{ size: 65507, packetBytes: 65535, status: 'reply', mtu: null, errorName: null }],
  largestPassing: 65507,
  smallestFailing: null,
  reportedMtu: null,
  blackHole: false,
};

function pathMtuOn(host: LocalEvidence | null, result: PathMtuResult): Finding {
  return checkPathMtu(
    evidence((e) => {
      e.local = host;
      e.probes.pathMtu = gathered(result, 'path-MTU search (DF echo) from this host to 10.200.2.2');
    }),
    inputs({ target: result.target }),
  );
}

describe('path-mtu on Windows', () => {
  it('a 65535-byte DF packet answered: DF was not honoured, so unknown, not pass', () => {
    const f = keep(pathMtuOn(windowsLocal(), wineSearch));
    assert.equal(f.status, 'unknown');
    assert.deepEqual(f.reason, { key: 'windows.path-mtu.df-ignored', params: { address: '10.200.2.2', bytes: 65535, localMtu: null, ceiling: LARGEST_LINK_MTU } });
  });

  it('above the interface MTU this host reported: unknown too', () => {
    const aboveLocal: PathMtuResult = {
      ...wineSearch,
      steps: [
        { size: 65507, packetBytes: 65535, status: 'local-error', mtu: 1500, errorName: 'message-too-long' },
        { size: 1972, packetBytes: 2000, status: 'reply', mtu: null, errorName: null },
      ],
      largestPassing: 1972,
    };
    const f = keep(pathMtuOn(windowsLocal(), aboveLocal));
    assert.equal(f.status, 'unknown');
    assert.equal(f.reason?.params?.['localMtu'], 1500);
  });

  it('a plausible Windows result (1500 bytes) still passes, and loopback may carry 64 KiB', () => {
    const plausible: PathMtuResult = { ...wineSearch, steps: [{ size: 1472, packetBytes: 1500, status: 'reply', mtu: null, errorName: null }], largestPassing: 1472, smallestFailing: 1473 };
    assert.equal(pathMtuOn(windowsLocal(), plausible).status, 'pass');
    assert.equal(pathMtuOn(windowsLocal(), { ...wineSearch, target: '127.0.0.1', address: '127.0.0.1' }).status, 'pass');
  });

  it('Linux is unchanged: the same answers pass there', () => {
    assert.equal(pathMtuOn(local(), wineSearch).status, 'pass');
  });

  it('every Windows finding reads in Japanese', () => {
    assert.ok(findings.length >= 6);
    for (const f of findings) assertFindingHasNoEnglishProse(localizeFinding(f, 'ja'));
  });
});
