// A per-process fix restarts that process the way it was started (issue 9: a connector outside
// systemd was told `systemctl restart cloudflared`).

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Finding } from '../../../contract/findings';
import { localizeFinding } from '../../i18n/messages/render';
import { assertFindingHasNoEnglishProse } from '../../../test-support/i18n/english-prose';
import { argvOf } from '../../../test-support/remediation/bash';
import { connector, connectors, evidence, gathered, inputs } from '../../../test-support/checks/evidence';
import { checkConnectorGidRange } from '../checks/connector-gid-range';
import { containerIdOf, processRestartFix, restartTargetOf } from './process-restart';
import { msg } from '../../i18n/messages/message';

const cloudflare = inputs({ product: 'cloudflare' });
const why = msg('fix.ping-range.restart-why', { product: 'cloudflared' });
const DOCKER_ID = '3f1c2a9b8d7e6f5a4b3c2d1e0f9a8b7c6d5e4f3a2b1c0d9e8f7a6b5c4d3e2f1a';

/** Every restart-like command a finding carries. */
function restarts(f: Finding): string[] {
  return f.remediation.filter((r) => /restart/.test(r.id)).map((r) => r.text);
}

describe('process-restart: the restart follows how the process was started', () => {
  it('reads the container id from Docker (systemd and cgroupfs drivers) and Podman cgroups', () => {
    assert.deepEqual(containerIdOf(`/system.slice/docker-${DOCKER_ID}.scope`), { runtime: 'docker', id: DOCKER_ID.slice(0, 12) });
    assert.deepEqual(containerIdOf(`/docker/${DOCKER_ID}`), { runtime: 'docker', id: DOCKER_ID.slice(0, 12) });
    assert.deepEqual(containerIdOf(`/machine.slice/libpod-${DOCKER_ID}.scope/container`), { runtime: 'podman', id: DOCKER_ID.slice(0, 12) });
    assert.equal(containerIdOf('/system.slice/docker.service'), null);
    assert.equal(containerIdOf(null), null);
  });

  it('a unit named by the cgroup: systemctl restart of that unit, not of a guessed one', () => {
    const target = restartTargetOf(connector({ pid: 901, cgroup: '/system.slice/cloudflared-b.service' }));
    const made = processRestartFix(target, { id: 'ping-range', why });
    assert.equal(made?.id, 'ping-range.systemd-restart');
    assert.deepEqual(made?.deploy, ['systemd']);
    assert.deepEqual(argvOf(made?.text ?? ''), ['sudo', 'systemctl', 'restart', 'cloudflared-b']);
    assert.equal(made?.titleMessage?.key, 'process-restart.systemd');
  });

  it('a Docker container: docker restart of its id', () => {
    const target = restartTargetOf(connector({ container: 'docker', cgroup: `/system.slice/docker-${DOCKER_ID}.scope` }));
    const made = processRestartFix(target, { id: 'ping-range', why });
    assert.deepEqual([made?.id, made?.deploy], ['ping-range.docker-restart', ['docker']]);
    assert.deepEqual(argvOf(made?.text ?? ''), ['docker', 'restart', DOCKER_ID.slice(0, 12)]);
  });

  it('a pod: no restart of its own (the Kubernetes fixes roll the workload out)', () => {
    const target = restartTargetOf(connector({ container: 'kubernetes', cgroup: '/kubepods/besteffort/pod1/abc' }));
    assert.equal(processRestartFix(target, { id: 'ping-range', why }), null);
  });

  it('a plain process: says which pid and how it was started, token redacted, no systemctl', () => {
    const target = restartTargetOf(connector({ pid: 4242, command: ['/opt/cf/cloudflared-2023.7.3', 'tunnel', 'run', '--token', 'SECRET'], cgroup: '/user.slice/user-0.slice/session-3.scope' }));
    const made = processRestartFix(target, { id: 'ping-range', why });
    assert.deepEqual([made?.id, made?.kind, made?.deploy], ['ping-range.process-restart', 'dashboard', ['host']]);
    assert.deepEqual(made?.titleMessage?.params, { kind: 'cloudflared', pid: 4242, program: '/opt/cf/cloudflared-2023.7.3' });
    assert.equal(made?.textMessage?.params?.['command'], '/opt/cf/cloudflared-2023.7.3 tunnel run --token [redacted]');
    assert.ok(!JSON.stringify(made).includes('SECRET'));
    assert.ok(!JSON.stringify(made).includes('systemctl'));
  });
});

describe('connector-gid-range: each refused process is restarted its own way', () => {
  const refused = { gids: [65532, 65532, 65532, 65532] as [number, number, number, number], pingGroupRange: gathered({ low: 0, high: 0 }, '/proc/ns') };

  it('a process outside systemd gets the plain restart, never systemctl restart cloudflared', () => {
    const f = checkConnectorGidRange(evidence((e) => (e.connectors = connectors(connector({ ...refused, pid: 77, cgroup: '/' })))), cloudflare);
    assert.equal(f.status, 'fail');
    assert.deepEqual(
      f.remediation.filter((r) => r.id.endsWith('restart')).map((r) => [r.id, r.titleMessage?.params?.['pid']]),
      [['ping-range.process-restart', 77]],
    );
    assert.ok(!restarts(f).some((text) => text.includes('systemctl')), restarts(f).join('\n'));
  });

  it('a process in unit cloudflared-b.service: systemctl restart cloudflared-b', () => {
    const f = checkConnectorGidRange(evidence((e) => (e.connectors = connectors(connector({ ...refused, cgroup: '/system.slice/cloudflared-b.service' })))), cloudflare);
    assert.deepEqual(restarts(f), ['sudo systemctl restart cloudflared-b']);
  });

  it('two refused processes, one per unit and one by hand: one restart each, with ids that stay apart', () => {
    const f = checkConnectorGidRange(
      evidence((e) => (e.connectors = connectors(connector({ ...refused, pid: 10, cgroup: '/system.slice/cf-a.service' }), connector({ ...refused, pid: 11, cgroup: '/' })))),
      cloudflare,
    );
    const ids = f.remediation.map((r) => r.id);
    assert.ok(ids.includes('ping-range.systemd-restart.10') && ids.includes('ping-range.process-restart.11'), ids.join(' | '));
    assert.equal(new Set(ids).size, ids.length);
  });

  it('says it all in Japanese', () => {
    const f = checkConnectorGidRange(evidence((e) => (e.connectors = connectors(connector({ ...refused, pid: 77, cgroup: '/' })))), cloudflare);
    assertFindingHasNoEnglishProse(localizeFinding(f, 'ja'));
  });
});
