import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { cgroupPath, containerFromCgroup } from './container-hint';

const ID = '3f4e1c2b9a8d7e6f5a4b3c2d1e0f9a8b7c6d5e4f3a2b1c0d9e8f7a6b5c4d3e2f';

// /proc/PID/cgroup as seen from the host, per runtime and cgroup version.
const CASES: Array<[string, string, ReturnType<typeof containerFromCgroup>]> = [
  ['Docker, cgroup v2, systemd driver', `0::/system.slice/docker-${ID}.scope\n`, 'docker'],
  ['Docker, cgroup v1, cgroupfs driver', `12:pids:/docker/${ID}\n11:memory:/docker/${ID}\n1:name=systemd:/docker/${ID}\n`, 'docker'],
  ['Kubernetes with containerd, cgroup v2', `0::/kubepods.slice/kubepods-besteffort.slice/kubepods-besteffort-pod0a1b2c3d_4e5f_6a7b_8c9d_0e1f2a3b4c5d.slice/cri-containerd-${ID}.scope\n`, 'kubernetes'],
  ['Kubernetes, cgroup v1, cgroupfs', `4:memory:/kubepods/burstable/pod0a1b2c3d-4e5f-6a7b-8c9d-0e1f2a3b4c5d/${ID}\n`, 'kubernetes'],
  ['containerd without the kubelet', `0::/system.slice/cri-containerd-${ID}.scope\n`, 'containerd'],
  ['nerdctl', `0::/system.slice/nerdctl-${ID}.scope\n`, 'containerd'],
  ['Podman', `0::/machine.slice/libpod-${ID}.scope/container\n`, 'podman'],
  ['a systemd service on the host', '0::/system.slice/cloudflared.service\n', null],
  ['the Docker daemon itself', '0::/system.slice/docker.service\n', null],
  ['the containerd daemon itself', '0::/system.slice/containerd.service\n', null],
  ['a user session', '0::/user.slice/user-1000.slice/session-2.scope\n', null],
  ['inside a private cgroup namespace', '0::/\n', null],
  ['empty', '', null],
];

describe('containerFromCgroup', () => {
  for (const [name, text, expected] of CASES) {
    it(`${name} → ${expected}`, () => assert.equal(containerFromCgroup(text), expected));
  }
});

describe('cgroupPath', () => {
  it('takes the cgroup v2 line: the systemd unit a connector runs in', () => {
    assert.equal(cgroupPath('0::/system.slice/cloudflared.service\n'), '/system.slice/cloudflared.service');
  });
  it('takes the name=systemd hierarchy under cgroup v1', () => {
    assert.equal(cgroupPath('12:pids:/system.slice/x.service\n1:name=systemd:/system.slice/twingate-connector.service\n'), '/system.slice/twingate-connector.service');
  });
  it('is null for an empty file', () => {
    assert.equal(cgroupPath(''), null);
  });
});
