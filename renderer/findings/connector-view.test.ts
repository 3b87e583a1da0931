// The app's view over several connectors' verdicts: the roll-up by default, a picked
// connector's own findings when one is picked, and the roll-up again when the pick is gone.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { cloudflared, connector, connectors, evidence, gathered, inputs } from '../../test-support/checks/evidence';
import { runChecks } from '../wizard/checks/index';
import { verdictsOf } from '../wizard/connector-verdicts';
import { connectorName, pickedVerdict, shownFindings, type VerdictSource } from './connector-view';

/** pid 100: --protocol http2, gid in range; pid 200: gid 65532 under `1 0`. */
function twoConnectors(): VerdictSource {
  const a = connector({ pid: 100, command: ['/usr/bin/cloudflared', 'tunnel', '--protocol', 'http2', 'run'], pingGroupRange: gathered({ low: 0, high: 2147483647 }, 'range of 100') });
  const b = connector({
    pid: 200,
    command: ['/opt/cf/cloudflared-b', 'tunnel', 'run'],
    uids: [65532, 65532, 65532, 65532],
    gids: [65532, 65532, 65532, 65532],
    pingGroupRange: gathered({ low: 1, high: 0 }, 'range of 200'),
  });
  const ofA = cloudflared({ requestedTransport: { value: 'http2', from: 'flag', detail: '--protocol http2 (pid 100)' }, configPath: '/etc/a.yml' }, 'flags of pid 100');
  const ofB = cloudflared({ requestedTransport: { value: 'quic', from: 'config', detail: 'protocol: quic in /etc/b.yml' }, configPath: '/etc/b.yml' }, 'flags of pid 200');
  const e = evidence((draft) => {
    draft.connectors = connectors(a, b);
    draft.cloudflared = ofA;
    draft.cloudflaredPerConnector = [
      { pid: 100, cloudflared: ofA },
      { pid: 200, cloudflared: ofB },
    ];
  });
  const { findings, connectors: verdicts } = verdictsOf(e, inputs({ product: 'cloudflare' }), runChecks);
  return { findings, connectorVerdicts: verdicts };
}

const statusOf = (findings: readonly { id: string; status: string }[], id: string) => findings.find((f) => f.id === id)?.status;

describe('the connector view', () => {
  it('shows the roll-up when nothing is picked', () => {
    const source = twoConnectors();
    assert.equal(pickedVerdict(source, null), null);
    assert.equal(shownFindings(source, null), source.findings);
    assert.equal(statusOf(shownFindings(source, null), 'tunnel-transport'), 'fail');
    assert.equal(statusOf(shownFindings(source, null), 'connector-gid-range'), 'fail');
  });

  it("shows a picked connector's own findings: its cause, not the other's", () => {
    const source = twoConnectors();
    const a = shownFindings(source, 100);
    const b = shownFindings(source, 200);
    assert.deepEqual([statusOf(a, 'tunnel-transport'), statusOf(a, 'connector-gid-range')], ['fail', 'pass']);
    assert.deepEqual([statusOf(b, 'tunnel-transport'), statusOf(b, 'connector-gid-range')], ['pass', 'fail']);
    assert.equal(pickedVerdict(source, 200)?.connector.executable, '/opt/cf/cloudflared-b');
  });

  it('falls back to the roll-up when the picked process is no longer among the verdicts', () => {
    const source = twoConnectors();
    assert.equal(pickedVerdict(source, 999), null);
    assert.equal(shownFindings(source, 999), source.findings);
    const single: VerdictSource = { findings: source.findings, connectorVerdicts: [] };
    assert.equal(shownFindings(single, 100), source.findings);
  });

  it('names a process as the CLI prints it', () => {
    assert.equal(connectorName({ kind: 'cloudflared', pid: 4242 }), 'cloudflared pid 4242');
  });
});
