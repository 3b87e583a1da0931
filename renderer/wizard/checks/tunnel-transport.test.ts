import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parse } from 'yaml';
import type { Evidence } from '../../../contract/evidence';
import type { Finding } from '../../../contract/findings';
import type { CheckInputs } from '../../../contract/inputs';
import type { Message } from '../../../contract/message';
import { argvOf } from '../../../test-support/remediation/bash';
import { checkTunnelTransport } from './tunnel-transport';
import { en as TRANSPORT_MESSAGES } from '../../i18n/messages/parts/tunnel-transport';
import { assertFindingHasNoEnglishProse } from '../../../test-support/i18n/english-prose';
import { inJapaneseOwnWordsOnly, messageKeys } from '../../../test-support/i18n/finding-messages';
import {
  LOG,
  LOG_SOURCE,
  citations,
  cloudflared,
  connector,
  connectorReport,
  connectors,
  evidence,
  gathered,
  inputs,
  line,
  notGathered,
  remediationText,
} from '../../../test-support/checks/evidence';

const cloudflare = inputs({ product: 'cloudflare' });

/** Every finding the tests below produced, said again in Japanese at the end. */
const produced: Finding[] = [];
function check(e: Evidence, i: CheckInputs): Finding {
  const f = checkTunnelTransport(e, i);
  produced.push(f);
  return f;
}

/** The per-source reasons a fail or pass summary joins, by key. */
function reasons(f: Finding): string[] {
  return ((f.reason?.params?.['reasons'] ?? []) as readonly Message[]).map((r) => r.key);
}

describe('tunnel-transport', () => {
  it('fails on the fallback line: HTTP/2 carries only TCP, and it stays there until restarted', () => {
    const e = evidence((e) => {
      e.cloudflared = cloudflared({
        registered: [{ transport: 'http2', evidence: line(LOG.registeredHttp2, 5) }],
        fallbackToHttp2: line(LOG.fallback, 4),
      });
    });
    const f = check(e, cloudflare);
    assert.equal(f.status, 'fail');
    assert.equal(f.reason?.key, 'tunnel-transport.fail');
    assert.deepEqual(reasons(f), ['tunnel-transport.fell-back']);
    assert.equal(f.reason?.params?.['quickTunnel'], false);
    assert.equal(f.evidence[0]?.source, `${LOG_SOURCE}, line 4`);
    assert.equal(f.evidence[0]?.detail, LOG.fallback);
    const text = remediationText(f);
    assert.match(text, /--protocol quic/);
    assert.match(text, /TUNNEL_TRANSPORT_PROTOCOL=quic/);
    assert.match(text, /UDP 7844/);
    const config = f.remediation.find((r) => r.kind === 'yaml' && r.title.startsWith('config.yml'));
    assert.deepEqual(parse(config?.text ?? ''), { protocol: 'quic' });
  });

  it('fails on a registration over HTTP/2', () => {
    const e = evidence((e) => (e.cloudflared = cloudflared({ registered: [{ transport: 'http2', evidence: line(LOG.registeredHttp2, 12) }] })));
    const f = check(e, cloudflare);
    assert.equal(f.status, 'fail');
    assert.equal(f.reason?.key, 'tunnel-transport.fail');
    assert.deepEqual(reasons(f), ['tunnel-transport.registered-http2']);
    assert.match(citations(f), /line 12 :: .*protocol=http2/);
  });

  it('fails when told to use http2, with the connector\'s own command line rewritten (token kept out)', () => {
    const process = connector({ command: ['/usr/bin/cloudflared', '--no-autoupdate', 'tunnel', '--protocol', 'http2', 'run', '--token', 'eyJsecret'] });
    const e = evidence((e) => {
      e.connectors = connectors(process);
      e.cloudflared = cloudflared(
        { requestedTransport: { value: 'http2', from: 'flag', detail: '--protocol http2 (pid 812)' }, configPath: '/etc/cloudflared/config.yml', sources: ['flags of pid 812'] },
        'flags of pid 812',
      );
    });
    const f = check(e, cloudflare);
    assert.equal(f.status, 'fail');
    assert.deepEqual(f.reason?.params?.['reasons'], [
      { key: 'tunnel-transport.told-http2', params: { from: { key: 'tunnel-transport.from.flag' }, detail: '--protocol http2 (pid 812)' } },
    ]);
    assert.equal(f.evidence[0]?.message?.key, 'tunnel-transport.requested');
    assert.equal(f.evidence[0]?.message?.params?.['transport'], 'http2');
    assert.ok(!remediationText(f).includes('eyJsecret'));
    const flag = f.remediation[0]?.text ?? '';
    assert.deepEqual(argvOf(flag, { TUNNEL_TOKEN: 't' }), ['/usr/bin/cloudflared', '--no-autoupdate', 'tunnel', '--protocol', 'quic', 'run', '--token', 't']);
    assert.match(remediationText(f), /config\.yml: protocol: quic \(\/etc\/cloudflared\/config\.yml\)/);
  });

  it('falls back to the connector\'s flags and environment when cloudflared\'s own evidence says nothing', () => {
    const e = evidence((e) => {
      e.connectors = connectors(connector({ environment: gathered({ TUNNEL_TRANSPORT_PROTOCOL: 'http2' }, '/proc/812/environ') }));
      e.cloudflared = cloudflared();
    });
    const f = check(e, cloudflare);
    assert.equal(f.status, 'fail');
    const how = { key: 'tunnel-transport.how.env', params: { value: 'http2' } };
    assert.deepEqual(f.reason?.params?.['reasons'], [{ key: 'tunnel-transport.process-told-http2', params: { pid: 812, how } }]);
    assert.deepEqual(f.evidence.map((e) => [e.source, e.message]), [['/proc (pid 812)', how]]);
  });

  it('passes on a QUIC registration, and after a restart that came back on QUIC', () => {
    const quic = evidence((e) => (e.cloudflared = cloudflared({ registered: [{ transport: 'quic', evidence: line(LOG.registeredQuic, 3) }] })));
    const f = check(quic, cloudflare);
    assert.equal(f.status, 'pass');
    assert.equal(f.reason?.key, 'tunnel-transport.pass');
    assert.deepEqual(reasons(f), ['tunnel-transport.registered-quic']);
    assert.match(citations(f), /protocol=quic/);
    assert.equal(f.remediation.length, 0);

    const restarted = evidence((e) => (e.cloudflared = cloudflared({ fallbackToHttp2: line(LOG.fallback, 4), registered: [{ transport: 'quic', evidence: line(LOG.registeredQuic, 90) }] })));
    const afterRestart = check(restarted, cloudflare);
    assert.equal(afterRestart.status, 'pass');
    assert.deepEqual(reasons(afterRestart), ['tunnel-transport.registered-quic']);
  });

  it('passes on --protocol quic on the connector\'s command line, and notes that QUIC was tried', () => {
    const e = evidence((e) => {
      e.connectors = connectors(connector({ command: ['cloudflared', 'tunnel', '--protocol', 'quic', 'run', '--token', 'eyJsecret'] }));
      e.cloudflared = cloudflared({ quicTried: true, requestedTransport: { value: 'auto', from: 'env', detail: 'TUNNEL_TRANSPORT_PROTOCOL=auto' } });
    });
    const f = check(e, cloudflare);
    assert.equal(f.status, 'pass');
    const [reason] = (f.reason?.params?.['reasons'] ?? []) as readonly Message[];
    assert.equal(reason?.key, 'tunnel-transport.process-told-quic');
    const how = reason?.params?.['how'] as Message;
    assert.equal(how.key, 'tunnel-transport.how.flag');
    assert.equal(how.params?.['flag'], 'quic');
    assert.ok(!JSON.stringify(f).includes('eyJsecret'), 'the token is redacted from the quoted command line');
    assert.deepEqual(
      f.evidence.map((e) => e.message?.key),
      ['tunnel-transport.requested', 'tunnel-transport.quic-tried', 'tunnel-transport.how.flag'],
    );
  });

  it('passes when QUIC is requested explicitly (it never falls back)', () => {
    const e = evidence((e) => (e.cloudflared = cloudflared({ requestedTransport: { value: 'quic', from: 'config', detail: 'protocol: quic in /etc/cloudflared/config.yml' } })));
    const f = check(e, cloudflare);
    assert.equal(f.status, 'pass');
    assert.deepEqual(f.reason?.params?.['reasons'], [{ key: 'tunnel-transport.told-quic', params: { from: { key: 'tunnel-transport.from.config' } } }]);
  });

  it('is unknown with nothing to go on, saying which evidence decides it, and notes a quick tunnel', () => {
    const f = check(evidence(), cloudflare);
    assert.equal(f.status, 'unknown');
    assert.deepEqual(f.reason, { key: 'tunnel-transport.unknown', params: { looked: [], quickTunnel: false } });

    const quick = check(evidence((e) => (e.cloudflared = cloudflared({ quickTunnel: line(LOG.quickTunnel, 7), requestedTransport: { value: 'auto', from: 'flag', detail: 'default' } }))), cloudflare);
    assert.equal(quick.status, 'unknown');
    assert.equal(quick.reason?.key, 'tunnel-transport.unknown');
    assert.equal(quick.reason?.params?.['quickTunnel'], true);
    assert.deepEqual(quick.reason?.params?.['looked'], [`cloudflared log ${LOG_SOURCE}`]);
    assert.ok(quick.evidence.some((e) => e.message?.key === 'tunnel-transport.requested'), 'the auto request is cited');
    assert.match(citations(quick), /trycloudflare\.com/);
  });

  it('cites a cloudflared gatherer that failed', () => {
    const f = check(evidence((e) => (e.cloudflared = notGathered('NOT_FOUND', 'no metrics server on 127.0.0.1:20241-20245', 'cloudflared metrics'))), cloudflare);
    assert.equal(f.status, 'unknown');
    assert.equal(f.reason?.key, 'tunnel-transport.unknown');
    assert.equal(f.evidence[0]?.message?.key, 'failure.cited');
    assert.equal(f.evidence[0]?.message?.params?.['code'], 'NOT_FOUND');
  });

  it('reads a connector report from another host', () => {
    const e = evidence((e) => {
      e.imported.connectorReports = [connectorReport('connector-pi.json', { cloudflared: cloudflared({ fallbackToHttp2: line(LOG.fallback, 40) }, 'journalctl -u cloudflared') })];
    });
    const f = check(e, inputs({ product: 'generic' }));
    assert.equal(f.status, 'fail');
    assert.equal(f.evidence[0]?.source, 'connector report connector-pi.json: journalctl -u cloudflared, line 40');
  });

  it('is skipped for Twingate and Firezone, and for a generic tunnel without cloudflared', () => {
    for (const product of ['twingate', 'firezone'] as const) {
      const f = check(evidence((e) => (e.cloudflared = cloudflared({ fallbackToHttp2: line(LOG.fallback, 1) }))), inputs({ product }));
      assert.equal(f.status, 'skip');
      assert.deepEqual(f.reason, { key: 'scope.not-cloudflare', params: { product: product === 'twingate' ? 'Twingate' : 'Firezone' } });
    }
    const generic = check(evidence(), inputs());
    assert.equal(generic.status, 'skip');
    assert.equal(generic.reason?.key, 'scope.no-cloudflared');
  });

  it('says every finding above in Japanese with no English prose, covering every message of tunnel-transport and the scope skips', () => {
    assert.ok(produced.length >= 10, `${produced.length} findings`);
    for (const f of produced) assertFindingHasNoEnglishProse(inJapaneseOwnWordsOnly(f));
    const said = messageKeys(produced);
    const unsaid = [...Object.keys(TRANSPORT_MESSAGES), 'scope.not-cloudflare', 'scope.no-cloudflared'].filter((key) => !said.has(key));
    assert.deepEqual(unsaid, []);
  });
});
