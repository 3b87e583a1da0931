import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { asTransport, protocolFlag, redactedCommandLine, secretFlag } from './command-line';

describe('connector command lines', () => {
  it('redact tunnel tokens and credentials in every spelling', () => {
    assert.equal(redactedCommandLine(['cloudflared', 'tunnel', 'run', '--token', 'eyJsecret']), 'cloudflared tunnel run --token [redacted]');
    assert.equal(redactedCommandLine(['cloudflared', 'tunnel', 'run', '--token=eyJsecret']), 'cloudflared tunnel run --token=[redacted]');
    assert.equal(redactedCommandLine(['cloudflared', '-token', 'eyJsecret', 'x']), 'cloudflared --token [redacted] x');
    assert.equal(redactedCommandLine(['cloudflared', '--credentials-contents', '{"TunnelSecret":"s"}']), 'cloudflared --credentials-contents [redacted]');
    assert.equal(redactedCommandLine(['cloudflared', '--token']), 'cloudflared --token');
    assert.equal(secretFlag('--tokenizer'), null);
    assert.deepEqual(secretFlag('--token=a=b'), { flag: '--token', inline: true });
  });

  it('read --protocol in Go flag spellings', () => {
    assert.equal(protocolFlag(['cloudflared', 'tunnel', '--protocol', 'http2', 'run']), 'http2');
    assert.equal(protocolFlag(['cloudflared', 'tunnel', '-protocol=quic', 'run']), 'quic');
    assert.equal(protocolFlag(['cloudflared', 'tunnel', 'run']), null);
    assert.equal(asTransport(' HTTP2 '), 'http2');
    assert.equal(asTransport('h3'), null);
  });
});
