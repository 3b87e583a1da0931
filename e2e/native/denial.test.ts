// ICMP sockets refused by net.ipv4.ping_group_range, and admitted by it: the kernel checks the
// effective GID *or any supplementary group*, per network namespace, for IPv4 and IPv6 alike,
// and root gets no exemption. probeCapability() must report exactly that evidence.

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createLab, labUnavailableReason, type Lab } from '../lab/lab';
import { runWorkerOk, REPO_ROOT } from '../support/worker';
import type { CapabilityWorkerOutput } from './workers/capability';

const WORKER = 'e2e/native/workers/capability.ts';

describe('ping_group_range decides, per namespace and per group', { skip: labUnavailableReason() ?? false }, () => {
  let lab: Lab;
  before(async () => {
    lab = await createLab();
  });
  after(() => lab?.destroy());

  /** The capability worker as a user with these ids, via setpriv (root's own argv). */
  async function asIds(ns: 'client' | 'denied', ids: { uid: number; gid: number; groups: number[] }, target: string) {
    const groups = ids.groups.length > 0 ? [`--groups=${ids.groups.join(',')}`] : ['--clear-groups'];
    const argv = ['setpriv', `--reuid=${ids.uid}`, `--regid=${ids.gid}`, ...groups, '--no-new-privs', '--', 'env', 'HOME=/tmp',
      'node', '--import', 'tsx', `${REPO_ROOT}/${WORKER}`, target];
    const result = await lab.exec(ns, argv, { cwd: REPO_ROOT });
    assert.equal(result.code, 0, result.stderr);
    return JSON.parse(result.stdout.trim()) as CapabilityWorkerOutput;
  }

  for (const [family, target] of [[4, '127.0.0.1'], [6, '::1']] as const) {
    it(`IPv${family}: range "1 0" refuses the unprivileged user, with the evidence and the fix`, async () => {
      const { capability, ping } = await runWorkerOk<CapabilityWorkerOutput>(lab, 'denied', WORKER, [target], { user: 'unprivileged' });
      assert.deepEqual(capability.pingGroupRange, [1, 0]);
      assert.equal(capability.pingGroupRangeError, null);
      assert.equal(capability.egid, 65534);
      assert.deepEqual(capability.groups, []);
      assert.deepEqual(capability.coveredGroups, []);
      for (const socket of [capability.v4, capability.v6]) {
        assert.equal(socket.allowed, false);
        assert.equal(socket.errno, 'EACCES');
        assert.equal(socket.errnoCode, 13);
      }
      assert.equal(ping.started, false);
      assert.ok(!ping.started);
      assert.equal(ping.code, 'ICMP_SOCKET_DENIED');
      assert.match(ping.message, new RegExp(`unprivileged ICMPv${family} socket \\(EACCES\\)`));
      assert.match(ping.message, /net\.ipv4\.ping_group_range is "1 0"/);
      assert.match(ping.message, /egid 65534/);
      assert.match(ping.message, /sudo sysctl -w net\.ipv4\.ping_group_range="65534 65534"/);
    });
  }

  it('root is refused too: ping sockets make no exception for uid 0; auto falls back to raw sockets (CAP_NET_RAW)', async () => {
    const { capability, ping } = await runWorkerOk<CapabilityWorkerOutput>(lab, 'denied', WORKER, ['127.0.0.1', 'ping'], { user: 'root' });
    assert.equal(capability.egid, 0);
    assert.equal(capability.v4.allowed, false);
    assert.equal(ping.started ? null : ping.code, 'ICMP_SOCKET_DENIED');
    assert.deepEqual({ raw: capability.raw.v4.allowed, capNetRaw: capability.capNetRaw }, { raw: true, capNetRaw: true });
    const auto = await runWorkerOk<CapabilityWorkerOutput>(lab, 'denied', WORKER, ['127.0.0.1'], { user: 'root' });
    assert.equal(auto.ping.started, true);
  });

  it('a supplementary group inside the range is enough; the egid alone outside is not', async () => {
    await lab.setPingGroupRange('denied', 4242, 4242);
    const admitted = await asIds('denied', { uid: 65534, gid: 65534, groups: [4242] }, '::1');
    assert.deepEqual(admitted.capability.coveredGroups, [4242]);
    assert.equal(admitted.capability.v4.allowed, true);
    assert.equal(admitted.capability.v6.allowed, true);
    assert.deepEqual(admitted.ping, { started: true });

    const refused = await asIds('denied', { uid: 65534, gid: 65534, groups: [4243] }, '127.0.0.1');
    assert.deepEqual(refused.capability.pingGroupRange, [4242, 4242]);
    assert.deepEqual(refused.capability.coveredGroups, []);
    assert.equal(refused.capability.v4.allowed, false);
    assert.equal(refused.ping.started ? null : refused.ping.code, 'ICMP_SOCKET_DENIED');
  });

  it('the range is per network namespace: the client namespace admits everyone meanwhile', async () => {
    const { capability, ping } = await runWorkerOk<CapabilityWorkerOutput>(lab, 'client', WORKER, ['127.0.0.1'], { user: 'unprivileged' });
    assert.deepEqual(capability.pingGroupRange, [0, 2147483647]);
    assert.deepEqual(capability.coveredGroups, [65534]);
    assert.equal(capability.v4.allowed && capability.v6.allowed, true);
    assert.deepEqual(ping, { started: true });
  });
});
