import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parse } from 'yaml';
import { argvOf } from '../remediation/testing/bash';
import { checkTunnelTransport } from './tunnel-transport';
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
} from './testing/evidence';

const cloudflare = inputs({ product: 'cloudflare' });

describe('tunnel-transport', () => {
  it('fails on the fallback line: HTTP/2 carries only TCP, and it stays there until restarted', () => {
    const e = evidence((e) => {
      e.cloudflared = cloudflared({
        registered: [{ transport: 'http2', evidence: line(LOG.registeredHttp2, 5) }],
        fallbackToHttp2: line(LOG.fallback, 4),
      });
    });
    const f = checkTunnelTransport(e, cloudflare);
    assert.equal(f.status, 'fail');
    assert.match(f.summary, /fell back to HTTP\/2 because QUIC \(UDP 7844 outbound\) failed.*until it is restarted/);
    assert.match(f.summary, /HTTP\/2 carries only TCP/);
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
    const f = checkTunnelTransport(e, cloudflare);
    assert.equal(f.status, 'fail');
    assert.match(f.summary, /registered its connections over HTTP\/2/);
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
    const f = checkTunnelTransport(e, cloudflare);
    assert.equal(f.status, 'fail');
    assert.match(f.summary, /told to use HTTP\/2 \(flag: --protocol http2 \(pid 812\)\)/);
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
    const f = checkTunnelTransport(e, cloudflare);
    assert.equal(f.status, 'fail');
    assert.match(citations(f), /\/proc \(pid 812\) :: TUNNEL_TRANSPORT_PROTOCOL=http2/);
  });

  it('passes on a QUIC registration, and after a restart that came back on QUIC', () => {
    const quic = evidence((e) => (e.cloudflared = cloudflared({ registered: [{ transport: 'quic', evidence: line(LOG.registeredQuic, 3) }] })));
    const f = checkTunnelTransport(quic, cloudflare);
    assert.equal(f.status, 'pass');
    assert.match(citations(f), /protocol=quic/);
    assert.equal(f.remediation.length, 0);

    const restarted = evidence((e) => (e.cloudflared = cloudflared({ fallbackToHttp2: line(LOG.fallback, 4), registered: [{ transport: 'quic', evidence: line(LOG.registeredQuic, 90) }] })));
    assert.equal(checkTunnelTransport(restarted, cloudflare).status, 'pass');
  });

  it('passes when QUIC is requested explicitly (it never falls back)', () => {
    const e = evidence((e) => (e.cloudflared = cloudflared({ requestedTransport: { value: 'quic', from: 'config', detail: 'protocol: quic in /etc/cloudflared/config.yml' } })));
    const f = checkTunnelTransport(e, cloudflare);
    assert.equal(f.status, 'pass');
    assert.match(f.summary, /never falls back/);
  });

  it('is unknown with nothing to go on, saying which evidence decides it, and notes a quick tunnel', () => {
    const f = checkTunnelTransport(evidence(), cloudflare);
    assert.equal(f.status, 'unknown');
    assert.match(f.summary, /give --cloudflared-log FILE/);

    const quick = checkTunnelTransport(evidence((e) => (e.cloudflared = cloudflared({ quickTunnel: line(LOG.quickTunnel, 7), requestedTransport: { value: 'auto', from: 'flag', detail: 'default' } }))), cloudflare);
    assert.equal(quick.status, 'unknown');
    assert.match(quick.summary, /quick tunnel \(trycloudflare\.com\), which never proxies ICMP/);
    assert.match(citations(quick), /trycloudflare\.com/);
  });

  it('cites a cloudflared gatherer that failed', () => {
    const f = checkTunnelTransport(evidence((e) => (e.cloudflared = notGathered('NOT_FOUND', 'no metrics server on 127.0.0.1:20241-20245', 'cloudflared metrics'))), cloudflare);
    assert.equal(f.status, 'unknown');
    assert.match(citations(f), /NOT_FOUND \(not found\): no metrics server/);
  });

  it('reads a connector report from another host', () => {
    const e = evidence((e) => {
      e.imported.connectorReports = [connectorReport('connector-pi.json', { cloudflared: cloudflared({ fallbackToHttp2: line(LOG.fallback, 40) }, 'journalctl -u cloudflared') })];
    });
    const f = checkTunnelTransport(e, inputs({ product: 'generic' }));
    assert.equal(f.status, 'fail');
    assert.equal(f.evidence[0]?.source, 'connector report connector-pi.json: journalctl -u cloudflared, line 40');
  });

  it('is skipped for Twingate and Firezone, and for a generic tunnel without cloudflared', () => {
    for (const product of ['twingate', 'firezone'] as const) {
      const f = checkTunnelTransport(evidence((e) => (e.cloudflared = cloudflared({ fallbackToHttp2: line(LOG.fallback, 1) }))), inputs({ product }));
      assert.equal(f.status, 'skip');
      assert.match(f.summary, /not Cloudflare/);
    }
    assert.equal(checkTunnelTransport(evidence(), inputs()).status, 'skip');
  });
});
