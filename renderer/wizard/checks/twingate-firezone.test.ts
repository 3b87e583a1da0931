// Twingate connector logs in connector-gid-range, the Firezone gateway's version in
// icmp-error-transparency and Firezone traffic restrictions in icmp-policy. Evidence is built
// by the real parsers from the samples in electron/core/evidence/imports/testdata/.

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, it } from 'node:test';
import type { Evidence } from '../../../contract/evidence';
import type { Finding } from '../../../contract/findings';
import type { Message } from '../../../contract/message';
import { parseFirezoneLog, parseFirezoneResources, parsePodSpecs, parseTwingateHelmValues, parseTwingateLog } from '../../../electron/core/evidence/imports/index';
import { localizeFinding } from '../../i18n/messages/render';
import { assertFindingHasNoEnglishProse } from '../../../test-support/i18n/english-prose';
import { ECHO_PROHIBITED_V4, ECHO_TIMEOUT, TRANSPARENCY_UNREACHABLE_SWALLOWED } from '../../../test-support/checks/lab-captures';
import { echo, evidence, gathered, inputs, repeated, tcp } from '../../../test-support/checks/evidence';
import { checkConnectorGidRange } from './connector-gid-range';
import { checkIcmpErrorTransparency } from './icmp-error-transparency';
import { checkIcmpPolicy } from './icmp-policy';

function sample(name: string): string {
  return readFileSync(fileURLToPath(new URL(`../../../electron/core/evidence/imports/testdata/${name}`, import.meta.url)), 'utf8');
}

/** The notes a finding's reason joins (connector-gid.fail's, icmp-policy.observations'), or the reason itself. */
function notes(f: Finding): Message[] {
  const reason = f.reason;
  assert.ok(reason, `${f.id} has a reason`);
  const listed = reason.params?.['notes'];
  return Array.isArray(listed) ? (listed as Message[]) : [reason];
}

function noteKeys(f: Finding): string[] {
  return notes(f).map((n) => n.key);
}

function fixIds(f: Finding): string[] {
  return f.remediation.map((r) => r.id ?? '');
}

const refusedLog = (): Evidence['imported']['twingateLogs'] => [parseTwingateLog(sample('twingate-connector-socket-refused.log'), 'journalctl -u twingate-connector')];

describe('connector-gid-range: a Twingate connector log', () => {
  it('the connector’s ICMP socket refusal fails the check, the line quoted, the chart’s icmpSupport fix offered', () => {
    const f = checkConnectorGidRange(
      evidence((e) => (e.imported.twingateLogs = refusedLog())),
      inputs({ product: 'twingate' }),
    );
    assert.equal(f.status, 'fail');
    const denied = notes(f).find((n) => n.key === 'twingate.gid.denied');
    assert.deepEqual(denied?.params, { lines: [3], helm: null });
    assert.ok(f.evidence.some((e) => e.detail === '[WARN] [libsdwan] icmp: failed to open ping socket: Permission denied' && e.message === undefined));
    assert.ok(fixIds(f).includes('ping-range.helm-icmp-support'), fixIds(f).join(' '));
    assert.ok(fixIds(f).some((id) => id !== 'ping-range.helm-icmp-support' && id !== 'ping-range.helm-upgrade'), 'a fix for a connector outside Kubernetes too');
  });

  it('Helm values that enable icmpSupport are shown beside the refusal, not overruled by it', () => {
    const f = checkConnectorGidRange(
      evidence((e) => {
        e.imported.twingateLogs = refusedLog();
        e.imported.helmValues = [parseTwingateHelmValues(sample('twingate-values.yaml'), 'values.yaml')];
      }),
      inputs({ product: 'twingate' }),
    );
    assert.equal(f.status, 'fail');
    assert.equal(notes(f).find((n) => n.key === 'twingate.gid.denied')?.params?.['helm'], 'enabled');
    assert.ok(f.evidence.some((e) => e.message?.key === 'twingate.gid.evidence.helm' && e.source === 'values.yaml'));
  });

  it('a pod spec whose sysctl admits the connector is set beside the refusal as a contradiction', () => {
    const f = checkConnectorGidRange(
      evidence((e) => {
        e.imported.twingateLogs = refusedLog();
        e.imported.podSpecs = parsePodSpecs(sample('twingate-helm-template.yaml'), 'helm template');
      }),
      inputs({ product: 'twingate' }),
    );
    assert.equal(f.status, 'fail');
    assert.ok(noteKeys(f).includes('twingate.gid.denied'));
    assert.ok(noteKeys(f).includes('twingate.gid.contradicted'), noteKeys(f).join(' '));
    assertFindingHasNoEnglishProse(localizeFinding(f, 'ja'));
  });

  it('a log without a refusal fails nothing (the 410 article’s lines)', () => {
    const f = checkConnectorGidRange(
      evidence((e) => (e.imported.twingateLogs = [parseTwingateLog(sample('twingate-connector-gone-410.log'), 'connector.log')])),
      inputs({ product: 'twingate' }),
    );
    assert.notEqual(f.status, 'fail');
    assert.ok(!noteKeys(f).includes('twingate.gid.denied'));
  });

  it('in Japanese, without English prose', () => {
    const f = checkConnectorGidRange(
      evidence((e) => {
        e.imported.twingateLogs = refusedLog();
        e.imported.helmValues = [parseTwingateHelmValues(sample('twingate-values.yaml'), 'values.yaml')];
      }),
      inputs({ product: 'twingate' }),
    );
    assertFindingHasNoEnglishProse(localizeFinding(f, 'ja'));
  });
});

/** Errors to a Firezone DNS-resource address vanish; the gateway's log (if any) says its version. */
function swallowedThroughFirezone(...logs: string[]): Finding {
  const swallowed = TRANSPARENCY_UNREACHABLE_SWALLOWED.ok ? TRANSPARENCY_UNREACHABLE_SWALLOWED.value : null;
  assert.ok(swallowed);
  return checkIcmpErrorTransparency(
    evidence((e) => {
      e.probes.transparency = gathered({ ...swallowed, target: '100.96.0.3', address: '100.96.0.3' }, 'transparency');
      e.imported.firezoneLogs = logs.map((text, i) => parseFirezoneLog(text, `gateway-${i + 1}.log`));
    }),
    inputs({ product: 'firezone', target: '100.96.0.3', unreachableTarget: '100.96.0.3' }),
  );
}

function firezoneNote(f: Finding): Message {
  const note = f.reason?.params?.['firezone'];
  assert.ok(note && typeof note === 'object' && !Array.isArray(note), JSON.stringify(f.reason));
  return note as Message;
}

describe('icmp-error-transparency: the Firezone gateway’s version', () => {
  it('a gateway older than 1.4.2 is named as the cause, its version cited, the upgrade offered', () => {
    const f = swallowedThroughFirezone(sample('firezone-gateway-version-1.4.1.txt'));
    assert.equal(f.status, 'fail');
    assert.deepEqual(firezoneNote(f), { key: 'firezone.gateway.predates', params: { version: '1.4.1', fixed: '1.4.2' } });
    assert.ok(f.evidence.some((e) => e.detail === 'firezone-gateway 1.4.1'));
    assert.ok(fixIds(f).includes('firezone-gateway.other-upgrade'));
  });

  it('a gateway with the translation (1.4.12 start line) is not blamed and not upgraded', () => {
    const f = swallowedThroughFirezone(sample('firezone-gateway-1.4.12.log'));
    assert.equal(f.status, 'fail');
    assert.equal(firezoneNote(f).key, 'firezone.gateway.has-fix');
    assert.ok(!fixIds(f).some((id) => id.startsWith('firezone-gateway.')), fixIds(f).join(' '));
  });

  it('two logs that disagree are both cited', () => {
    const f = swallowedThroughFirezone(sample('firezone-gateway-version-1.4.1.txt'), sample('firezone-gateway-1.4.12.log'));
    assert.deepEqual(firezoneNote(f).params?.['versions'], ['1.4.1', '1.4.12']);
    assert.ok(fixIds(f).includes('firezone-gateway.other-upgrade'));
  });

  it('in Japanese, without English prose', () => {
    assertFindingHasNoEnglishProse(localizeFinding(swallowedThroughFirezone(sample('firezone-gateway-version-1.4.1.txt')), 'ja'));
    assertFindingHasNoEnglishProse(localizeFinding(swallowedThroughFirezone(sample('firezone-gateway-1.4.12.log')), 'ja'));
  });
});

/** Echo requests answered with 3/13 (the lab capture), with the given Firezone resources imported. */
function refusedEcho(product: 'firezone' | 'generic', resources: string[] = []): Finding {
  return checkIcmpPolicy(
    evidence((e) => {
      e.probes.icmp = echo('10.200.9.1', repeated(ECHO_PROHIBITED_V4, 3));
      e.imported.firezoneResources = resources.map((text) => parseFirezoneResources(text, 'resource.json'));
    }),
    inputs({ product, target: '10.200.9.1' }),
  );
}

const PERMITS_ICMP = JSON.stringify({ name: 'lab', address: '10.200.9.0/24', filters: [{ protocol: 'icmp' }, { protocol: 'tcp', ports: ['22'] }] });

describe('icmp-policy: Firezone traffic restrictions', () => {
  it('3/13 through Firezone is the resource’s traffic restrictions: the portal fix, no firewall or Calico fix', () => {
    const f = refusedEcho('firezone');
    assert.equal(f.status, 'fail');
    assert.equal(f.reason?.key, 'firezone.filter.refused');
    assert.deepEqual(fixIds(f), ['firezone.allow-icmp']);
  });

  it('without Firezone, the same refusal stays a firewall’s', () => {
    const f = refusedEcho('generic');
    assert.equal(f.reason?.key, 'icmp-policy.refused');
    assert.ok(!fixIds(f).includes('firezone.allow-icmp'));
  });

  it('an imported resource that permits ICMP is set beside the refusal', () => {
    const f = refusedEcho('firezone', [PERMITS_ICMP]);
    assert.deepEqual(noteKeys(f), ['firezone.filter.refused', 'firezone.filter.contradiction']);
    assert.ok(f.evidence.some((e) => e.message?.key === 'firezone.filter.evidence.filters'));
  });

  it('an imported resource limited to TCP 5432 fails on its own, naming the resource in the fix', () => {
    const f = checkIcmpPolicy(
      evidence((e) => (e.imported.firezoneResources = [parseFirezoneResources(sample('firezone-resource-prod-db.json'), 'resource.json')])),
      inputs({ product: 'firezone' }),
    );
    assert.equal(f.status, 'fail');
    assert.deepEqual(f.reason?.params, { resource: 'Prod DB', allowed: ['TCP 5432'] });
    assert.deepEqual(f.remediation[0]?.textMessage?.params, { resources: ['Prod DB'] });
  });

  it('in Japanese, without English prose', () => {
    assertFindingHasNoEnglishProse(localizeFinding(refusedEcho('firezone', [PERMITS_ICMP]), 'ja'));
    assertFindingHasNoEnglishProse(
      localizeFinding(
        checkIcmpPolicy(
          evidence((e) => (e.imported.firezoneResources = [parseFirezoneResources(sample('firezone-resource-prod-db.json'), 'resource.json')])),
          inputs({ product: 'firezone' }),
        ),
        'ja',
      ),
    );
  });

  it('echo that vanishes while TCP connects: a gateway before 1.4.13 drops filtered traffic silently, so its restrictions are named beside the firewall', () => {
    const vanished = (log: string): Finding =>
      checkIcmpPolicy(
        evidence((e) => {
          e.probes.icmp = echo('10.200.9.1', repeated(ECHO_TIMEOUT, 3));
          e.probes.tcp = tcp('connected', '10.200.9.1', 443);
          e.imported.firezoneLogs = [parseFirezoneLog(log, 'gateway')];
        }),
        inputs({ product: 'firezone', target: '10.200.9.1' }),
      );
    const old = vanished(sample('firezone-gateway-version-1.4.1.txt'));
    assert.equal(old.status, 'fail');
    assert.deepEqual(noteKeys(old), ['icmp-policy.vanishes.tcp-reached', 'firezone.filter.silent-gateway']);
    assert.ok(fixIds(old).includes('firezone.allow-icmp'), fixIds(old).join(' '));
    // 1.4.12 still drops silently; the start line of a later gateway clears its restrictions.
    assert.ok(noteKeys(vanished(sample('firezone-gateway-1.4.12.log'))).includes('firezone.filter.silent-gateway'));
    const current = vanished('2025-09-01T08:00:00.000Z  INFO firezone_gateway: `gateway` started logging arch="x86_64" os="linux" version="1.4.13"\n');
    assert.deepEqual(noteKeys(current), ['icmp-policy.vanishes.tcp-reached', 'firezone.filter.answering-gateway']);
    assert.ok(!fixIds(current).includes('firezone.allow-icmp'));
    assertFindingHasNoEnglishProse(localizeFinding(old, 'ja'));
  });
});
