// A per-process fix restarts that process the way it was started (issue 9: a connector outside
// systemd was told `systemctl restart cloudflared`).

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CloudflaredEvidence, ConnectorProcess } from '../../../contract/evidence';
import type { Finding } from '../../../contract/findings';
import { parseCloudflaredLog } from '../../../electron/core/evidence/cloudflared/parse-log';
import { RECORDINGS_DIR, recordedHostFacts } from '../../../test-support/recordings/cloudflared-2023.7.3';
import { checkTunnelConnection } from '../checks/tunnel-connection';
import { checkTunnelTransport } from '../checks/tunnel-transport';
import { localizeFinding } from '../../i18n/messages/render';
import { assertFindingHasNoEnglishProse } from '../../../test-support/i18n/english-prose';
import { argvOf } from '../../../test-support/remediation/bash';
import { cloudflared, connector, connectors, evidence, gathered, inputs, line, LOG } from '../../../test-support/checks/evidence';
import { checkConnectorGidRange } from '../checks/connector-gid-range';
import { containerIdOf, processRestartFix, restartTargetOf, type RestartTarget } from './process-restart';
import { msg } from '../../i18n/messages/message';

const cloudflare = inputs({ product: 'cloudflare' });
const why = msg('fix.ping-range.restart-why', { product: 'cloudflared' });
const DOCKER_ID = '3f1c2a9b8d7e6f5a4b3c2d1e0f9a8b7c6d5e4f3a2b1c0d9e8f7a6b5c4d3e2f1a';

/** Every restart-like command a finding carries. */
function restarts(f: Finding): string[] {
  return f.remediation.filter((r) => /restart/.test(r.id)).map((r) => r.text);
}

function known(target: RestartTarget | null): RestartTarget {
  assert.ok(target, 'a process whose cgroup was read has a restart target');
  return target;
}

describe('process-restart: the restart follows how the process was started', () => {
  it('knows nothing when the cgroup was not read (an older report): no target, so no claim about systemd', () => {
    assert.equal(restartTargetOf(connector({ cgroup: null })), null);
    assert.equal(restartTargetOf(connector()), null);
  });

  it('reads the container id from Docker (systemd and cgroupfs drivers) and Podman cgroups', () => {
    assert.deepEqual(containerIdOf(`/system.slice/docker-${DOCKER_ID}.scope`), { runtime: 'docker', id: DOCKER_ID.slice(0, 12) });
    assert.deepEqual(containerIdOf(`/docker/${DOCKER_ID}`), { runtime: 'docker', id: DOCKER_ID.slice(0, 12) });
    assert.deepEqual(containerIdOf(`/machine.slice/libpod-${DOCKER_ID}.scope/container`), { runtime: 'podman', id: DOCKER_ID.slice(0, 12) });
    assert.equal(containerIdOf('/system.slice/docker.service'), null);
    assert.equal(containerIdOf(null), null);
  });

  it('a unit named by the cgroup: systemctl restart of that unit, not of a guessed one', () => {
    const target = restartTargetOf(connector({ pid: 901, cgroup: '/system.slice/cloudflared-b.service' }));
    const made = processRestartFix(known(target), { id: 'ping-range', why });
    assert.equal(made?.id, 'ping-range.systemd-restart');
    assert.deepEqual(made?.deploy, ['systemd']);
    assert.deepEqual(argvOf(made?.text ?? ''), ['sudo', 'systemctl', 'restart', 'cloudflared-b']);
    assert.equal(made?.titleMessage?.key, 'process-restart.systemd');
  });

  it('a Docker container: docker restart of its id', () => {
    const target = restartTargetOf(connector({ container: 'docker', cgroup: `/system.slice/docker-${DOCKER_ID}.scope` }));
    const made = processRestartFix(known(target), { id: 'ping-range', why });
    assert.deepEqual([made?.id, made?.deploy], ['ping-range.docker-restart', ['docker']]);
    assert.deepEqual(argvOf(made?.text ?? ''), ['docker', 'restart', DOCKER_ID.slice(0, 12)]);
  });

  it('a pod: no restart of its own (the Kubernetes fixes roll the workload out)', () => {
    const target = restartTargetOf(connector({ container: 'kubernetes', cgroup: '/kubepods/besteffort/pod1/abc' }));
    assert.equal(processRestartFix(known(target), { id: 'ping-range', why }), null);
  });

  it('a plain process: says which pid and how it was started, token redacted, no systemctl', () => {
    const target = restartTargetOf(connector({ pid: 4242, command: ['/opt/cf/cloudflared-2023.7.3', 'tunnel', 'run', '--token', 'SECRET'], cgroup: '/user.slice/user-0.slice/session-3.scope' }));
    const made = processRestartFix(known(target), { id: 'ping-range', why });
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

  it("puts the primary-group drop-in in the process's own unit, and none for a process outside systemd", () => {
    const supplementary = { gids: [1000, 1000, 1000, 1000] as [number, number, number, number], groups: [1000, 65532], pingGroupRange: gathered({ low: 65532, high: 65532 }, '/proc/ns') };
    const inUnit = checkConnectorGidRange(evidence((e) => (e.connectors = connectors(connector({ ...supplementary, cgroup: '/system.slice/cf-b.service' })))), cloudflare);
    assert.deepEqual(
      inUnit.remediation.filter((r) => r.id === 'ping-range.systemd-primary-group').map((r) => r.path),
      ['/etc/systemd/system/cf-b.service.d/icmp-doctor-group.conf'],
    );
    const byHand = checkConnectorGidRange(evidence((e) => (e.connectors = connectors(connector({ ...supplementary, cgroup: '/' })))), cloudflare);
    assert.equal(byHand.status, 'fail');
    assert.ok(!byHand.remediation.some((r) => r.id === 'ping-range.systemd-primary-group'), byHand.remediation.map((r) => r.id).join(' | '));
  });

  it('says it all in Japanese', () => {
    const f = checkConnectorGidRange(evidence((e) => (e.connectors = connectors(connector({ ...refused, pid: 77, cgroup: '/' })))), cloudflare);
    assertFindingHasNoEnglishProse(localizeFinding(f, 'ja'));
  });
});

/** Recording NAME's log read by the real parser, with its /ready beside it (as tunnel-connection.test.ts joins them). */
function recordedCloudflared(name: string): CloudflaredEvidence {
  const parsed = parseCloudflaredLog(readFileSync(join(RECORDINGS_DIR, `${name}.log`), 'utf8'), `${name}.log`);
  if (!parsed.ok) assert.fail(`${name}.log: ${parsed.message}`);
  const host = recordedHostFacts(name);
  return { ...parsed.value, readiness: host.readiness, requestedTransport: host.requestedTransport ?? parsed.value.requestedTransport };
}

describe('tunnel-transport and tunnel-connection: the restart of the one cloudflared seen', () => {
  const http2 = (process: ConnectorProcess) =>
    evidence((e) => {
      e.cloudflared = cloudflared({ registered: [{ transport: 'http2', evidence: line(LOG.registeredHttp2, 5) }] });
      e.connectors = connectors(process);
    });
  const down = (process: ConnectorProcess) =>
    evidence((e) => {
      e.cloudflared = cloudflared(recordedCloudflared('quic-udp-blocked'), 'quic-udp-blocked.log');
      e.connectors = connectors(process);
    });
  const texts = (f: Finding) => Object.fromEntries(f.remediation.map((r) => [r.id, r.path ?? r.text]));

  it('a process in unit cf-edge.service: the drop-in and the restart name that unit', () => {
    const f = checkTunnelTransport(http2(connector({ cgroup: '/system.slice/cf-edge.service' })), cloudflare);
    assert.equal(f.status, 'fail');
    const fixes = texts(f);
    assert.equal(fixes['transport.systemd-drop-in'], '/etc/systemd/system/cf-edge.service.d/icmp-doctor-quic.conf');
    assert.equal(fixes['transport.systemd-restart'], 'sudo systemctl daemon-reload && sudo systemctl restart cf-edge');
    const t = checkTunnelConnection(down(connector({ cgroup: '/system.slice/cf-edge.service' })), cloudflare);
    assert.equal(t.status, 'fail');
    assert.equal(texts(t)['tunnel-connection.systemd-restart'], 'sudo systemctl restart cf-edge');
  });

  it('a process outside systemd: no drop-in, no systemctl; a restart by pid and program instead', () => {
    const plain = connector({ pid: 5150, cgroup: '/' });
    for (const f of [checkTunnelTransport(http2(plain), cloudflare), checkTunnelConnection(down(plain), cloudflare)]) {
      assert.equal(f.status, 'fail', f.id);
      assert.ok(!f.remediation.some((r) => r.text.includes('systemctl') || r.id.includes('systemd')), `${f.id}: ${f.remediation.map((r) => r.id).join(' | ')}`);
      const restart = f.remediation.find((r) => r.id.endsWith('.process-restart'));
      assert.equal(restart?.titleMessage?.params?.['pid'], 5150, f.id);
      assertFindingHasNoEnglishProse(localizeFinding(f, 'ja'));
    }
  });
});
