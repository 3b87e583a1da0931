import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { englishProse } from '../../../test-support/i18n/english-prose';
import { renderMessage } from '../../i18n/messages/render';
import { connector, connectorReport, connectors, evidence, gathered, inputs, local } from '../../../test-support/checks/evidence';
import { decideDeploy, systemdUnitOf } from './detect';

const ID = '3f4e1c2b9a8d7e6f5a4b3c2d1e0f9a8b7c6d5e4f3a2b1c0d9e8f7a6b5c4d3e2f';

function openwrtLocal() {
  const l = local();
  if (l.host.ok) l.host.value.openwrt = true;
  return l;
}

describe('decideDeploy', () => {
  it('takes the user\'s choice over any signal', () => {
    const e = evidence((x) => (x.connectors = connectors(connector({ container: 'docker' }))));
    assert.deepEqual(decideDeploy(e, inputs({ deploy: 'podman' })), { style: 'podman', from: 'chosen', signal: null });
  });

  // One row per signal of the table: the evidence, and the style it decides.
  const CASES: Array<[string, Parameters<typeof evidence>[0], string]> = [
    ['imported Helm values', (x) => x.imported.helmValues.push(gathered({ icmpSupportEnabled: null, podSecurityContext: null }, 'values.yaml')), 'helm'],
    ['an imported pod spec', (x) => x.imported.podSpecs.push(gathered({ name: 'twingate', sysctls: [], runAsUser: null, runAsGroup: null, supplementalGroups: [], containers: [] }, 'pod.yaml')), 'kubernetes'],
    ['a connector in kubepods', (x) => (x.connectors = connectors(connector({ container: 'kubernetes', cgroup: '/kubepods.slice/kubepods-pod1.slice/cri-containerd-x.scope' }))), 'kubernetes'],
    ['a connector in a Docker container', (x) => (x.connectors = connectors(connector({ container: 'docker', cgroup: `/system.slice/docker-${ID}.scope` }))), 'docker'],
    ['a connector in a libpod scope', (x) => (x.connectors = connectors(connector({ container: 'podman', cgroup: `/machine.slice/libpod-${ID}.scope/container` }))), 'podman'],
    ['a connector started by a systemd unit', (x) => (x.connectors = connectors(connector({ cgroup: '/system.slice/cloudflared.service' }))), 'systemd'],
    ['a connector on OpenWrt', (x) => { x.local = openwrtLocal(); x.connectors = connectors(connector({ cgroup: '/' })); }, 'openwrt'],
    ['this host is OpenWrt and no connector was listed', (x) => (x.local = openwrtLocal()), 'openwrt'],
    ['a systemd unit seen in an imported connector report', (x) => x.imported.connectorReports.push(connectorReport('c.json', { connectors: connectors(connector({ kind: 'twingate', cgroup: '/system.slice/twingate-connector.service' })) })), 'systemd'],
  ];
  for (const [what, patch, style] of CASES) {
    it(`detects ${style} from ${what}`, () => {
      const decision = decideDeploy(evidence(patch), inputs());
      assert.equal(decision.style, style);
      assert.equal(decision.from, 'detected');
      assert.ok(decision.signal);
      // What decided it is said in Japanese too (reports and the CLI print it).
      const said = decision.signalMessage ?? assert.fail('no signal message');
      assert.ok(said.key.startsWith('deploy.signal.'));
      assert.deepEqual(englishProse(renderMessage(said, 'ja')), []);
      assert.equal(renderMessage(said, 'en'), decision.signal);
    });
  }

  it('is unknown with no signal: a process in a user session, on a plain host', () => {
    const e = evidence((x) => {
      x.local = local();
      x.connectors = connectors(connector({ cgroup: '/user.slice/user-1000.slice/session-2.scope' }));
    });
    assert.deepEqual(decideDeploy(e, inputs()), { style: 'unknown', from: 'none', signal: null });
  });

  it('a container beats the systemd unit that happens to be in its path', () => {
    const e = evidence((x) => (x.connectors = connectors(connector({ container: 'docker', cgroup: `/system.slice/docker-${ID}.scope` }))));
    assert.equal(decideDeploy(e, inputs()).style, 'docker');
  });

  it('does not throw on malformed evidence', () => {
    const e = evidence((x) => ((x as unknown as { imported: null }).imported = null));
    assert.equal(decideDeploy(e, inputs()).style, 'unknown');
  });
});

describe('systemdUnitOf', () => {
  it('names the unit of a system.slice service, and nothing else', () => {
    assert.equal(systemdUnitOf('/system.slice/cloudflared.service'), 'cloudflared');
    assert.equal(systemdUnitOf('/system.slice/docker.service/x'), null);
    assert.equal(systemdUnitOf(`/system.slice/docker-${ID}.scope`), null);
    assert.equal(systemdUnitOf(null), null);
  });
});
