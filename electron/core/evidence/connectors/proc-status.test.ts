import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CAP_SYS_ADMIN, CAP_SYS_PTRACE, hasCapability, parseProcStatus } from './proc-status';

// As Linux 6.x prints it for cloudflared in its container image (abridged: real files have ~55 lines).
const CLOUDFLARED_STATUS = `Name:\tcloudflared
Umask:\t0022
State:\tS (sleeping)
Tgid:\t1234
Ngid:\t0
Pid:\t1234
PPid:\t1200
TracerPid:\t0
Uid:\t65532\t65532\t65532\t65532
Gid:\t65532\t65532\t65532\t65532
FDSize:\t64
Groups:\t65532 
NStgid:\t1234\t1
NSpid:\t1234\t1
CapInh:\t0000000000000000
CapPrm:\t0000000000000000
CapEff:\t0000000000000000
CapBnd:\t00000000a80425fb
NoNewPrivs:\t0
Seccomp:\t2
`;

describe('parseProcStatus', () => {
  it('reads name, the four uids and gids, and supplementary groups', () => {
    const status = parseProcStatus(CLOUDFLARED_STATUS);
    assert.deepEqual(status, { name: 'cloudflared', uids: [65532, 65532, 65532, 65532], gids: [65532, 65532, 65532, 65532], groups: [65532], capEff: 0n });
  });

  it('an empty Groups line is no groups; setgid-style differing ids stay in their slots', () => {
    const status = parseProcStatus('Name:\tx\nUid:\t1000\t0\t0\t0\nGid:\t1000\t27\t27\t27\nGroups:\t\nCapEff:\t000001ffffffffff\n');
    assert.deepEqual(status?.uids, [1000, 0, 0, 0]);
    assert.deepEqual(status?.gids, [1000, 27, 27, 27]);
    assert.deepEqual(status?.groups, []);
    assert.equal(hasCapability(status?.capEff ?? null, CAP_SYS_ADMIN), true);
    assert.equal(hasCapability(status?.capEff ?? null, CAP_SYS_PTRACE), true);
  });

  it('capability bits are read from the hex mask', () => {
    const onlySysAdmin = parseProcStatus('Uid:\t0\t0\t0\t0\nGid:\t0\t0\t0\t0\nCapEff:\t0000000000200000\n');
    assert.equal(hasCapability(onlySysAdmin?.capEff ?? null, CAP_SYS_ADMIN), true);
    assert.equal(hasCapability(onlySysAdmin?.capEff ?? null, CAP_SYS_PTRACE), false);
    assert.equal(hasCapability(null, CAP_SYS_ADMIN), false);
  });

  it('text that is not a status file gives null', () => {
    assert.equal(parseProcStatus(''), null);
    assert.equal(parseProcStatus('Uid:\t1 2 3\nGid:\t1 2 3 4\n'), null);
    assert.equal(parseProcStatus('Uid:\ta b c d\nGid:\t1 2 3 4\n'), null);
  });
});
