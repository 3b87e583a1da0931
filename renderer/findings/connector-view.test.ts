// The app's view over several connectors' verdicts: the roll-up by default, a picked
// connector's own findings when one is picked, and the roll-up again when the pick is gone.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { cloudflared, connector, connectors, evidence, gathered, inputs } from '../../test-support/checks/evidence';
import { assertFindingHasNoEnglishProse } from '../../test-support/i18n/english-prose';
import { localizeFinding } from '../i18n/messages/render';
import { runChecks } from '../wizard/checks/index';
import { verdictsOf } from '../wizard/connector-verdicts';
import { connectorName, pickedVerdict, shownFindings, type VerdictSource } from './connector-view';

/** pid 100: --protocol http2, gid in range; pid 200: gid 65532 under `1 0`. */
function twoConnectors(): VerdictSource {
  const a = connector({ pid: 100, command: ['/usr/bin/cloudflared', 'tunnel', '--protocol', 'http2', 'run'], pingGroupRange: gathered({ low: 0, high: 2147483647 }, '/proc/100/ns/net') });
  const b = connector({
    pid: 200,
    command: ['/opt/cf/cloudflared-b', 'tunnel', 'run'],
    uids: [65532, 65532, 65532, 65532],
    gids: [65532, 65532, 65532, 65532],
    pingGroupRange: gathered({ low: 1, high: 0 }, '/proc/200/ns/net'),
  });
  const ofA = cloudflared({ requestedTransport: { value: 'http2', from: 'flag', detail: '--protocol http2 (pid 100)' }, configPath: '/etc/a.yml' }, '/proc/100/cmdline');
  const ofB = cloudflared({ requestedTransport: { value: 'quic', from: 'config', detail: 'protocol: quic in /etc/b.yml' }, configPath: '/etc/b.yml' }, '/proc/200/cmdline');
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

  it('says every finding it shows in Japanese: the roll-up and each connector\'s own', () => {
    const source = twoConnectors();
    for (const pid of [null, 100, 200]) for (const finding of shownFindings(source, pid)) assertFindingHasNoEnglishProse(localizeFinding(finding, 'ja'));
    // The roll-up keeps whose each disputed finding is, for the "cloudflared pid N" tag.
    assert.deepEqual(shownFindings(source, null).find((f) => f.id === 'connector-gid-range')?.connector, { kind: 'cloudflared', pid: 200 });
  });

  it('names a process as the CLI prints it', () => {
    assert.equal(connectorName({ kind: 'cloudflared', pid: 4242 }), 'cloudflared pid 4242');
  });
});
