// The cause model on real checks and evidence shaped as the gatherers produce it: the field
// situations of issue 8, asserted by ids, statuses and explainedBy — never by prose.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Finding, FindingId } from '../../../contract/findings';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Evidence } from '../../../contract/evidence';
import { parseCalicoPolicies, parseFirezoneResources } from '../../../electron/core/evidence/imports/index';
import { runChecks } from '../checks/index';
import { ECHO_PROHIBITED_V4, ECHO_TIMEOUT, PATH_MTU_BLACK_HOLE_V4, TRANSPARENCY_UNREACHABLE_SWALLOWED } from '../../../test-support/checks/lab-captures';
import { cloudflared, echo, evidence, inputs, LOG, line, local, notGathered, repeated, tcp } from '../../../test-support/checks/evidence';
import { fixesOfCauses, fixKey, rootCauses } from './index';
import { echoVanishes, QIITA_CAUSES, QIITA_TARGET, qiitaEvidence, qiitaInputs } from '../../../test-support/causes/qiita';

const TARGET = QIITA_TARGET;
const cloudflare = qiitaInputs;

function importSample(name: string): string {
  return readFileSync(fileURLToPath(new URL(`../../../electron/core/evidence/imports/testdata/${name}`, import.meta.url)), 'utf8');
}

function byId(findings: readonly Finding[], id: FindingId): Finding {
  const found = findings.find((f) => f.id === id);
  assert.ok(found, `finding ${id}`);
  return found;
}

describe('cause model on the field situations', () => {
  it('Qiita seed: the three traps are the causes, in fix order; the dropped echo and icmp-policy are their symptoms', () => {
    const findings = runChecks(qiitaEvidence(), cloudflare);
    const traps = [...QIITA_CAUSES];
    for (const id of traps) assert.equal(byId(findings, id).status, 'fail', id);
    assert.equal(byId(findings, 'tcp-vs-icmp').status, 'fail');
    assert.equal(byId(findings, 'icmp-policy').status, 'fail');

    assert.deepEqual(rootCauses(findings), traps);
    assert.deepEqual(byId(findings, 'tcp-vs-icmp').explainedBy, traps);
    assert.deepEqual(byId(findings, 'icmp-policy').explainedBy, traps);
    for (const id of traps) assert.equal(byId(findings, id).explainedBy, undefined, `${id} is a cause`);
  });

  it('Qiita seed: every fix is listed once, and none of the symptoms\' own (firewall) fixes', () => {
    const findings = runChecks(qiitaEvidence(), cloudflare);
    const listed = fixesOfCauses(findings, rootCauses(findings)).flatMap((c) => c.fixes);
    const keys = listed.map(fixKey);
    assert.equal(new Set(keys).size, keys.length, 'no fix twice');
    // The ICMP-proxy dashboard steps were printed three times before (icmp-proxy, tcp-vs-icmp, icmp-policy).
    const dashboard = byId(findings, 'icmp-proxy').remediation.find((r) => r.kind === 'dashboard');
    assert.ok(dashboard);
    assert.equal(keys.filter((k) => k === fixKey(dashboard)).length, 1);
    const policyOnly = byId(findings, 'icmp-policy').remediation.filter((r) => !byId(findings, 'icmp-proxy').remediation.some((p) => fixKey(p) === fixKey(r)));
    assert.ok(policyOnly.length > 0, 'icmp-policy has fixes of its own (firewall rules)');
    for (const fix of policyOnly) assert.ok(!keys.includes(fixKey(fix)), `symptom fix not listed: ${fix.title}`);
  });

  it('one trap alone (HTTP/2): one cause, and the echo loss explained by it', () => {
    const findings = runChecks(
      evidence((e) => {
        e.cloudflared = cloudflared({ registered: [{ transport: 'http2', evidence: line(LOG.registeredHttp2, 5) }] });
        echoVanishes(e);
      }),
      inputs({ target: TARGET, tcpPort: 22, product: 'cloudflare' }),
    );
    assert.deepEqual(rootCauses(findings), ['tunnel-transport']);
    assert.deepEqual(byId(findings, 'tcp-vs-icmp').explainedBy, ['tunnel-transport']);
    assert.deepEqual(byId(findings, 'icmp-policy').explainedBy, ['tunnel-transport']);
  });

  it('a silent drop with no tunnel cause: icmp-policy is the cause, tcp-vs-icmp its symptom', () => {
    const findings = runChecks(evidence(echoVanishes), inputs({ target: TARGET, tcpPort: 22 }));
    assert.deepEqual(rootCauses(findings), ['icmp-policy']);
    assert.deepEqual(byId(findings, 'tcp-vs-icmp').explainedBy, ['icmp-policy']);
    assert.equal(byId(findings, 'icmp-policy').explainedBy, undefined);
  });

  it('an admin-prohibited error is a cause of its own, even beside a tunnel trap', () => {
    const findings = runChecks(
      evidence((e) => {
        e.cloudflared = cloudflared({ registered: [{ transport: 'http2', evidence: line(LOG.registeredHttp2, 5) }] });
        e.probes.icmp = echo(TARGET, repeated({ ...ECHO_PROHIBITED_V4, target: TARGET }, 4));
        e.probes.tcp = tcp('connected', TARGET, 22);
      }),
      inputs({ target: TARGET, tcpPort: 22, product: 'cloudflare' }),
    );
    assert.equal(byId(findings, 'icmp-policy').status, 'fail');
    assert.equal(byId(findings, 'icmp-policy').explainedBy, undefined);
    assert.deepEqual(rootCauses(findings), ['tunnel-transport', 'icmp-policy']);
    // Echo answered by a refusal is the policy's doing, not the transport's.
    assert.deepEqual(byId(findings, 'tcp-vs-icmp').explainedBy, ['icmp-policy']);
  });

  it('a refused local socket explains every probe-based finding that could not run', () => {
    const denied = (source: string) => notGathered<never>('PERMISSION_DENIED', 'ICMP socket refused: ping_group_range is "1 0"', source);
    const findings = runChecks(
      evidence((e) => {
        e.local = local({ v4: { allowed: false, errno: 'EACCES' }, v6: { allowed: false, errno: 'EACCES' }, range: { low: 1, high: 0 } });
        e.probes.icmp = denied('ICMP echo');
        e.probes.pathMtu = denied('Path MTU');
        e.probes.transparency = denied('Transparency');
        e.probes.tcp = tcp('connected', TARGET, 22);
      }),
      inputs({ target: TARGET, tcpPort: 22 }),
    );
    assert.equal(byId(findings, 'local-icmp-socket').status, 'fail');
    assert.deepEqual(rootCauses(findings), ['local-icmp-socket']);
    for (const id of ['tcp-vs-icmp', 'icmp-policy', 'icmp-error-transparency', 'path-mtu'] as const) {
      assert.equal(byId(findings, id).status, 'unknown', id);
      assert.deepEqual(byId(findings, id).explainedBy, ['local-icmp-socket'], id);
    }
  });

  it('a refused local socket does not explain icmp-policy decided from imported configuration (a Firezone resource, a Calico policy)', () => {
    const denied = (source: string) => notGathered<never>('PERMISSION_DENIED', 'ICMP socket refused: ping_group_range is "1 0"', source);
    const blockedHere = (e: Evidence): void => {
      e.local = local({ v4: { allowed: false, errno: 'EACCES' }, v6: { allowed: false, errno: 'EACCES' }, range: { low: 1, high: 0 } });
      e.probes.icmp = denied('ICMP echo');
      e.probes.pathMtu = denied('Path MTU');
      e.probes.transparency = denied('Transparency');
      e.probes.tcp = tcp('connected', TARGET, 22);
    };
    const imports = [
      (e: Evidence) => (e.imported.firezoneResources = [parseFirezoneResources(importSample('firezone-resource-prod-db.json'), 'resource.json')]),
      (e: Evidence) => (e.imported.calico = [parseCalicoPolicies(importSample('calico-seed-001.yaml'), 'calico.yaml')]),
    ];
    for (const imported of imports) {
      const findings = runChecks(
        evidence((e) => {
          blockedHere(e);
          imported(e);
        }),
        inputs({ target: TARGET, tcpPort: 22 }),
      );
      const policy = byId(findings, 'icmp-policy');
      assert.equal(policy.status, 'fail', policy.summary);
      assert.equal(policy.explainedBy, undefined, 'a configuration fact is no symptom of this host\'s socket');
      assert.deepEqual(rootCauses(findings), ['local-icmp-socket', 'icmp-policy']);
      // The probe-based findings that could not run are still the socket's.
      assert.deepEqual(byId(findings, 'path-mtu').explainedBy, ['local-icmp-socket']);
    }
  });

  it('a path-MTU black hole and swallowed errors stay causes when echo itself is answered', () => {
    const findings = runChecks(
      evidence((e) => {
        e.probes.icmp = echo(TARGET, repeated({ ...ECHO_TIMEOUT, target: TARGET, status: 'reply', address: TARGET }, 2));
        e.probes.pathMtu = PATH_MTU_BLACK_HOLE_V4;
        e.probes.transparency = TRANSPARENCY_UNREACHABLE_SWALLOWED;
      }),
      inputs({ target: TARGET, unreachableTarget: '10.200.9.3' }),
    );
    assert.equal(byId(findings, 'path-mtu').status, 'fail');
    assert.equal(byId(findings, 'icmp-error-transparency').status, 'fail');
    assert.deepEqual(rootCauses(findings), ['icmp-error-transparency', 'path-mtu']);
  });
});
