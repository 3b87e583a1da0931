// gatherLocal() against the real kernel: on the host as root, and in lab namespaces as the
// unprivileged user where ping_group_range admits everyone (client) or no one (denied). The
// socket verdict must follow the kernel's rule (egid or a supplementary group inside the
// range), and identity and range must match what `id` and `sysctl` print there. Without the
// addon, identity and capability fail with a reason while host facts and range are still read.

import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtemp, readFile, readlink, rm, writeFile } from 'node:fs/promises';
import os, { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { LocalEvidence, PingGroupRange } from '../../../contract/evidence';
import { gatherLocal } from '../../../electron/core/evidence/local/index';
import { createLab, labUnavailableReason, type Lab } from '../../lab/lab';
import { REPO_ROOT, runWorkerOk } from '../../support/worker';
import type { GatherOutput } from './workers/gather';

const WORKER = 'e2e/evidence/local-connectors/workers/gather.ts';

function admits(range: PingGroupRange, gids: readonly number[]): boolean {
  return gids.some((gid) => range.low <= gid && gid <= range.high);
}

function value<T>(gathered: { ok: boolean; value?: T; message?: string }): T {
  assert.equal(gathered.ok, true, JSON.stringify(gathered));
  return gathered.value as T;
}

/** The socket verdict the kernel's rule predicts from identity and range. */
function assertFollowsKernelRule(local: LocalEvidence): void {
  const identity = value(local.identity);
  const range = value(local.pingGroupRange);
  const capability = value(local.capability);
  const expected = admits(range, [identity.egid, ...identity.groups]);
  assert.equal(capability.v4.allowed, expected, `v4 with range ${range.low} ${range.high}, egid ${identity.egid}, groups ${identity.groups}`);
  assert.equal(capability.v4.errno, expected ? null : 'EACCES');
}

describe('gatherLocal on this host', () => {
  it('host facts, identity and range agree with os, process and /proc', async () => {
    const local = await gatherLocal();
    const host = value(local.host);
    assert.equal(host.kernel, os.release());
    assert.equal(host.arch, os.arch());
    assert.equal(host.hostname, os.hostname());
    assert.equal(host.platform, process.platform);
    assert.equal(host.netns, await readlink('/proc/self/ns/net'));
    const osRelease = await readFile('/etc/os-release', 'utf8').catch(() => '');
    const pretty = /^PRETTY_NAME="?([^"\n]*)"?$/m.exec(osRelease)?.[1];
    assert.equal(host.os, pretty ?? os.type());

    const identity = value(local.identity);
    assert.deepEqual(
      { uid: identity.uid, euid: identity.euid, gid: identity.gid, egid: identity.egid },
      { uid: process.getuid?.(), euid: process.geteuid?.(), gid: process.getgid?.(), egid: process.getegid?.() },
    );
    // The kernel's list (process.getgroups() would add the egid, which Node always includes).
    const status = await readFile('/proc/self/status', 'utf8');
    const kernelGroups = (/^Groups:\t(.*)$/m.exec(status)?.[1] ?? '').trim().split(/\s+/).filter(Boolean).map(Number);
    assert.deepEqual([...identity.groups].sort(), kernelGroups.sort());
    const sysctl = spawnSync('sysctl', ['-n', 'net.ipv4.ping_group_range'], { encoding: 'utf8' });
    const [low, high] = sysctl.stdout.trim().split(/\s+/).map(Number);
    assert.deepEqual(value(local.pingGroupRange), { low, high });
    assert.equal(local.pingGroupRange.source, '/proc/sys/net/ipv4/ping_group_range');
    assertFollowsKernelRule(local);
  });

  it('a cancelled call returns CANCELLED parts at once', async () => {
    const controller = new AbortController();
    controller.abort();
    const local = await gatherLocal({ signal: controller.signal });
    for (const part of [local.host, local.identity, local.pingGroupRange, local.capability]) {
      assert.equal(!part.ok && part.code, 'CANCELLED');
    }
  });
});

describe('gatherLocal without the native addon', () => {
  let directory: string;
  before(async () => {
    directory = await mkdtemp(join(tmpdir(), 'icd-addon-'));
  });
  after(async () => {
    await rm(directory, { recursive: true, force: true });
  });

  function runWithAddon(addonPath: string): GatherOutput {
    const run = spawnSync(process.execPath, ['--import', 'tsx', join(REPO_ROOT, WORKER), 'local'], {
      cwd: REPO_ROOT,
      encoding: 'utf8',
      env: { ...process.env, ICMP_DOCTOR_ADDON: addonPath },
      timeout: 60_000,
    });
    assert.equal(run.status, 0, run.stderr);
    return JSON.parse(run.stdout.trim().split('\n').at(-1) ?? '') as GatherOutput;
  }

  it('a missing addon: identity and capability are NOT_FOUND saying how to build it; host and range are still gathered', () => {
    const { local } = runWithAddon(join(directory, 'missing', 'icmp-doctor.linux-x64-gnu.node'));
    assert.ok(local);
    for (const part of [local.identity, local.capability]) {
      assert.equal(!part.ok && part.code, 'NOT_FOUND', JSON.stringify(part));
      assert.match(!part.ok ? part.message : '', /was not found.*npm run build:native/);
    }
    assert.equal(!local.identity.ok && local.identity.reason?.key, 'gather.local.identity-unavailable');
    assert.equal(!local.capability.ok && local.capability.reason?.key, 'gather.local.capability-unavailable');
    assert.equal(local.host.ok, true);
    assert.equal(local.pingGroupRange.ok, true);
  });

  it('an addon that fails to load (not a shared object): FAILED with the loader’s reason', async () => {
    const garbage = join(directory, 'icmp-doctor.linux-x64-gnu.node');
    await writeFile(garbage, 'this is not an ELF file\n');
    const { local } = runWithAddon(garbage);
    assert.ok(local);
    for (const part of [local.identity, local.capability]) {
      assert.equal(!part.ok && part.code, 'FAILED', JSON.stringify(part));
      assert.match(!part.ok ? part.message : '', /failed to load/);
    }
    assert.equal(local.host.ok, true);
    assert.equal(local.pingGroupRange.ok, true);
  });
});

describe('gatherLocal in lab namespaces', { skip: labUnavailableReason() ?? false }, () => {
  let lab: Lab;
  before(async () => {
    lab = await createLab();
  });
  after(() => lab.destroy());

  for (const ns of ['client', 'denied'] as const) {
    it(`${ns}, unprivileged: identity as \`id\` prints it, range as \`sysctl\` prints it, sockets per the kernel's rule`, async () => {
      const { local } = await runWorkerOk<GatherOutput>(lab, ns, WORKER, ['local'], { user: 'unprivileged' });
      assert.ok(local);
      const identity = value(local.identity);
      const id = await lab.exec(ns, ['id', '-u'], { user: 'unprivileged' });
      const gid = await lab.exec(ns, ['id', '-g'], { user: 'unprivileged' });
      assert.equal(identity.euid, Number(id.stdout.trim()));
      assert.equal(identity.egid, Number(gid.stdout.trim()));
      assert.deepEqual(identity.groups, [], 'setpriv --clear-groups leaves no supplementary groups');
      const [low, high] = await lab.getPingGroupRange(ns);
      assert.deepEqual(value(local.pingGroupRange), { low, high });
      assertFollowsKernelRule(local);
      assert.equal(value(local.capability).v4.allowed, ns === 'client');
      const hostNetns = await readlink('/proc/self/ns/net');
      assert.notEqual(value(local.host).netns, hostNetns, 'a lab namespace is not the host’s');
    });
  }
});
