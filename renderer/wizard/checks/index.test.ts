import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Evidence } from '../../../contract/evidence';
import { emptyEvidence } from '../../../contract/evidence';
import { FINDING_IDS } from '../../../contract/findings';
import { assertFindingHasNoEnglishProse } from '../../../test-support/i18n/english-prose';
import { localizeFinding } from '../../i18n/messages/render';
import { CHECKS, findingTitle, runChecks } from './index';
import { ECHO_REPLY, ECHO_TIMEOUT, PATH_MTU_REPORTED_V4, TRANSPARENCY_TTL_OK } from '../../../test-support/checks/lab-captures';
import { interfacesWith, routeFacts, viaTunnel } from '../../../test-support/route/ip-json';
import { LOG, cloudflared, connector, connectors, echo, evidence, gathered, inputs, line, local, repeated, tcp } from '../../../test-support/checks/evidence';

describe('runChecks', () => {
  it('has one check per finding id and returns them in FINDING_IDS order with their titles', () => {
    assert.deepEqual(Object.keys(CHECKS).sort(), [...FINDING_IDS].sort());
    const findings = runChecks(emptyEvidence(), inputs());
    assert.deepEqual(findings.map((f) => f.id), [...FINDING_IDS]);
    for (const f of findings) {
      assert.equal(f.title, findingTitle(f.id));
      assert.ok(f.summary.length > 20, `${f.id} says why`);
    }
  });

  it('diagnoses seeds/002 end to end: fallback to HTTP/2, ICMP proxy off, cloudflared\'s GID outside "1 0"', () => {
    const ACCOUNT = '0123456789abcdef0123456789abcdef';
    const e = evidence((e) => {
      e.local = local();
      e.connectors = connectors(connector());
      e.cloudflared = cloudflared({
        registered: [{ transport: 'http2', evidence: line(LOG.registeredHttp2, 5) }],
        fallbackToHttp2: line(LOG.fallback, 4),
        gidOutsideRange: { gid: 0, low: 1, high: 0, evidence: line(LOG.gidWarning, 1) },
        icmpProxyDisabled: line(LOG.proxyDisabled, 2),
      });
      e.cloudflareApi = gathered({ accountId: ACCOUNT, icmpProxyEnabled: false }, 'Cloudflare API');
      e.probes.tcp = tcp('connected', '192.168.4.5', 22);
      e.probes.icmp = echo('192.168.4.5', repeated({ ...ECHO_TIMEOUT, target: '192.168.4.5' }, 4));
    });
    const findings = runChecks(e, inputs({ product: 'cloudflare', target: '192.168.4.5', tcpPort: 22, cloudflareAccountId: ACCOUNT, cloudflareApiToken: 'provided' }));
    const status = Object.fromEntries(findings.map((f) => [f.id, f.status]));
    assert.deepEqual(status, {
      'local-icmp-socket': 'pass',
      'tcp-vs-icmp': 'fail',
      // The HTTP/2 registration: the tunnel is up, it just carries no ICMP.
      'tunnel-connection': 'pass',
      'tunnel-transport': 'fail',
      'icmp-proxy': 'fail',
      'connector-gid-range': 'fail',
      'icmp-error-transparency': 'unknown',
      'path-mtu': 'unknown',
      'icmp-policy': 'fail',
      // No route was looked up in this evidence: what would decide it is said, not guessed.
      'route-through-tunnel': 'unknown',
    });
    for (const f of findings.filter((f) => f.status === 'fail')) {
      assert.ok(f.evidence.length > 0, `${f.id} cites evidence`);
      assert.ok(f.remediation.length > 0, `${f.id} says what to change`);
    }
  });

  it('passes everything on a healthy Cloudflare path', () => {
    const e = evidence((e) => {
      e.local = local();
      e.connectors = connectors(connector({ pingGroupRange: gathered({ low: 0, high: 2147483647 }, '/proc/812/ns/net') }));
      e.cloudflared = cloudflared({ registered: [{ transport: 'quic', evidence: line(LOG.registeredQuic, 3) }] });
      e.cloudflareApi = gathered({ accountId: 'a', icmpProxyEnabled: true }, 'Cloudflare API');
      e.probes.tcp = tcp('connected', '10.200.2.2', 22);
      e.probes.icmp = echo('10.200.2.2', repeated(ECHO_REPLY, 4));
      e.probes.transparency = TRANSPARENCY_TTL_OK;
      e.probes.pathMtu = PATH_MTU_REPORTED_V4;
      e.route = routeFacts('10.200.2.2', viaTunnel('CloudflareWARP'), interfacesWith('CloudflareWARP'));
    });
    const findings = runChecks(e, inputs({ product: 'cloudflare', target: '10.200.2.2', tcpPort: 22 }));
    assert.deepEqual(
      findings.filter((f) => f.status !== 'pass').map((f) => `${f.id}: ${f.status}`),
      ['path-mtu: warn'],
    );
  });

  it('turns malformed evidence (a hostile imported report) into unknown findings instead of throwing', () => {
    const hostile = JSON.parse(
      JSON.stringify({
        ...emptyEvidence(),
        local: { host: null, identity: 'x', pingGroupRange: { ok: true, value: null }, capability: { ok: true, value: { v4: null } } },
        connectors: { ok: true, value: [{ kind: 'cloudflared', command: null, gids: null }], source: '/proc', at: 'x' },
        probes: { tcp: null, icmp: { ok: true, value: { probes: 'not a list' }, source: 's', at: 'x' }, pathMtu: { ok: true, value: { steps: 7 } }, transparency: { ok: true, value: {} } },
        imported: { ...emptyEvidence().imported, calico: [{ ok: true, value: { policies: null, icmpRules: [null] }, source: 'x', at: 'x' }] },
      }),
    ) as Evidence;
    const findings = runChecks(hostile, inputs({ product: 'cloudflare', target: '10.0.0.1', tcpPort: 22 }));
    assert.equal(findings.length, FINDING_IDS.length);
    const broken = findings.filter((f) => f.reason?.key === 'check.malformed-evidence');
    assert.ok(broken.length >= 3, findings.map((f) => `${f.id} ${f.status}: ${f.summary}`).join('\n'));
    for (const f of broken) {
      assert.equal(f.status, 'unknown');
      assert.equal(typeof f.reason?.params?.['error'], 'string', 'quotes what broke');
      assertFindingHasNoEnglishProse(localizeFinding(f, 'ja'));
    }
  });
});
