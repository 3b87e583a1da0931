import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { selectEnvironment } from './connector-environment';

function environ(entries: string[]): string {
  return `${entries.join('\0')}\0`;
}

describe('selectEnvironment', () => {
  it('keeps the transport and metrics settings of cloudflared and never its credentials', () => {
    const text = environ([
      'PATH=/usr/local/bin:/usr/bin',
      'TUNNEL_TRANSPORT_PROTOCOL=http2',
      'TUNNEL_METRICS=0.0.0.0:2000',
      'TUNNEL_TOKEN=eyJhIjoiMTIzIn0',
      'TUNNEL_CRED_CONTENTS={"AccountTag":"x","TunnelSecret":"y"}',
      'TUNNEL_ORIGIN_CERT=/etc/cloudflared/cert.pem',
      'HOME=/home/nonroot',
    ]);
    assert.deepEqual(selectEnvironment('cloudflared', text), { TUNNEL_TRANSPORT_PROTOCOL: 'http2', TUNNEL_METRICS: '0.0.0.0:2000' });
  });

  it('drops credentials embedded in a quick tunnel origin URL', () => {
    assert.deepEqual(selectEnvironment('cloudflared', environ(['TUNNEL_URL=http://admin:hunter2@localhost:8080/'])), { TUNNEL_URL: 'http://localhost:8080/' });
  });

  it('Twingate and Firezone keep their network settings, not their tokens', () => {
    const twingate = environ(['TWINGATE_NETWORK=acme', 'TWINGATE_ACCESS_TOKEN=a', 'TWINGATE_REFRESH_TOKEN=r', 'TWINGATE_LOG_LEVEL=3']);
    assert.deepEqual(selectEnvironment('twingate', twingate), { TWINGATE_NETWORK: 'acme', TWINGATE_LOG_LEVEL: '3' });
    const firezone = environ(['FIREZONE_TOKEN=t', 'FIREZONE_ID=4f1c', 'FIREZONE_NAME=gw-1', 'RUST_LOG=info']);
    assert.deepEqual(selectEnvironment('firezone', firezone), { FIREZONE_ID: '4f1c', FIREZONE_NAME: 'gw-1', RUST_LOG: 'info' });
  });

  it('another product’s variables are not picked, the first of duplicates wins, malformed entries are skipped', () => {
    assert.deepEqual(selectEnvironment('twingate', environ(['TUNNEL_TRANSPORT_PROTOCOL=quic'])), {});
    assert.deepEqual(selectEnvironment('cloudflared', environ(['TUNNEL_TRANSPORT_PROTOCOL=quic', 'TUNNEL_TRANSPORT_PROTOCOL=http2'])), { TUNNEL_TRANSPORT_PROTOCOL: 'quic' });
    assert.deepEqual(selectEnvironment('cloudflared', environ(['=x', 'no-equals', 'TUNNEL_LOGLEVEL=', ''])), { TUNNEL_LOGLEVEL: '' });
  });
});
