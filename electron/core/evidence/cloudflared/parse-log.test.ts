// parseCloudflaredLog over log text as cloudflared writes it (console and --output json),
// as users paste it (syslog prefixes, colours, CRLF), and over text that is no log at all.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { CloudflaredEvidence, Gathered } from '../../../../contract/evidence';
import { parseCloudflaredLog } from './parse-log';
import { consoleLine, consoleRun, jsonRun, quickTunnelRun } from '../../../../test-support/cloudflared/cloudflared-lines';

function evidenceOf(result: Gathered<CloudflaredEvidence>): CloudflaredEvidence {
  if (!result.ok) assert.fail(`expected evidence, got ${result.code}: ${result.message}`);
  return result.value;
}

/** The 1-based number of the first line of `lines` that includes `text`. */
function lineOf(lines: string[], text: string): number {
  const index = lines.findIndex((line) => line.includes(text));
  assert.ok(index >= 0, `no line includes ${text}`);
  return index + 1;
}

describe('parseCloudflaredLog', () => {
  it('finds the GID warning, the disabled ICMP proxy and QUIC registrations in console lines', () => {
    const lines = consoleRun({ gidOutside: { gid: 0, low: 1, high: 0 } });
    const evidence = evidenceOf(parseCloudflaredLog(lines.join('\n'), 'pasted by the user'));
    assert.deepEqual(
      { gid: evidence.gidOutsideRange?.gid, low: evidence.gidOutsideRange?.low, high: evidence.gidOutsideRange?.high },
      { gid: 0, low: 1, high: 0 },
    );
    assert.equal(evidence.gidOutsideRange?.evidence.line, lineOf(lines, 'has a GID (group ID)'));
    assert.match(evidence.gidOutsideRange?.evidence.text ?? '', /WRN The user running cloudflared .* error="Group ID 0 is not between ping group 1 to 0"/);
    assert.equal(evidence.icmpProxyDisabled?.line, lineOf(lines, 'ICMP proxy feature is disabled'));
    assert.deepEqual(evidence.registered.map((r) => r.transport), ['quic', 'quic', 'quic', 'quic']);
    assert.equal(evidence.registered[3]?.evidence.line, lines.length);
    assert.equal(evidence.fallbackToHttp2, null);
    assert.equal(evidence.quickTunnel, null);
    assert.deepEqual(evidence.sources, [`cloudflared log pasted by the user: ${lines.length} lines`]);
  });

  it('finds the fallback to HTTP/2 and the HTTP/2 registrations after it', () => {
    const lines = consoleRun({ fallback: true, connections: 2 });
    const evidence = evidenceOf(parseCloudflaredLog(lines.join('\n'), 'cloudflared.log'));
    assert.equal(evidence.fallbackToHttp2?.line, lineOf(lines, 'Switching to fallback protocol http2'));
    assert.match(evidence.fallbackToHttp2?.text ?? '', /INF Switching to fallback protocol http2 connIndex=0 event=0 ip=198\.41\.192\.227$/);
    assert.deepEqual(evidence.registered.map((r) => r.transport), ['http2', 'http2']);
    assert.equal(evidence.gidOutsideRange, null);
    assert.equal(evidence.icmpProxyDisabled, null);
  });

  it('reads the same facts from --output json lines', () => {
    const lines = jsonRun({ gidOutside: { gid: 65532, low: 1, high: 0 }, fallback: true, connections: 1 });
    const evidence = evidenceOf(parseCloudflaredLog(lines.join('\n'), 'json log'));
    assert.equal(evidence.gidOutsideRange?.gid, 65532);
    assert.equal(evidence.gidOutsideRange?.evidence.line, lineOf(lines, 'has a GID'));
    assert.equal(evidence.fallbackToHttp2?.line, lineOf(lines, 'Switching to fallback'));
    assert.deepEqual(evidence.registered, [{ transport: 'http2', evidence: { text: lines.at(-1), line: lines.length } }]);
    assert.equal(evidence.icmpProxyDisabled?.line, lineOf(lines, 'ICMP proxy feature is disabled'));
  });

  it('takes TUNNEL_TRANSPORT_PROTOCOL from the startup environment line', () => {
    const lines = consoleRun({ envProtocol: 'http2', registerWith: 'http2' });
    const evidence = evidenceOf(parseCloudflaredLog(lines.join('\n'), 'log'));
    assert.equal(evidence.requestedTransport?.value, 'http2');
    assert.equal(evidence.requestedTransport?.from, 'env');
    assert.match(evidence.requestedTransport?.detail ?? '', new RegExp(`log line ${lineOf(lines, 'Environmental variables')}`));
  });

  it('keeps only the latest registration of each connection', () => {
    const reconnect = consoleLine('2024-10-13T10:00:00Z', 'info', 'Registered tunnel connection', {
      connIndex: 1, connection: 'ffffffff-5e6f-4a1b-9c2d-3e4f5a6b7c01', event: 0, ip: '198.41.200.13', location: 'kix01', protocol: 'quic',
    });
    const lines = [...consoleRun({ connections: 2 }), reconnect];
    const evidence = evidenceOf(parseCloudflaredLog(lines.join('\n'), 'log'));
    assert.equal(evidence.registered.length, 2);
    assert.equal(evidence.registered[1]?.evidence.line, lines.length);
  });

  it('counts only the last start of cloudflared: a fixed GID range and a later QUIC run win', () => {
    const before = consoleRun({ gidOutside: { gid: 0, low: 1, high: 0 }, fallback: true, connections: 1, minute: 30 });
    const after = consoleRun({ connections: 1, minute: 45 });
    const evidence = evidenceOf(parseCloudflaredLog([...before, ...after].join('\n'), 'log'));
    assert.equal(evidence.gidOutsideRange, null);
    assert.equal(evidence.fallbackToHttp2, null);
    assert.deepEqual(evidence.registered.map((r) => r.evidence.line), [before.length + after.length]);
    assert.match(evidence.sources[0] ?? '', new RegExp(`started 2 times; only its last start at line ${before.length + 1} and after count`));
  });

  it('recognises a quick tunnel by its trycloudflare.com URL', () => {
    const lines = quickTunnelRun();
    const evidence = evidenceOf(parseCloudflaredLog(lines.join('\n'), 'log'));
    assert.equal(evidence.quickTunnel?.line, lineOf(lines, 'https://seasonal-deck-organisms-subject.trycloudflare.com'));
    assert.deepEqual(evidence.registered.map((r) => r.transport), ['quic']);
  });

  it('reads lines as pasted from journalctl or syslog, with colours and CRLF line ends', () => {
    const text = [
      'Oct 13 18:39:24 raspberrypi2 cloudflared[21808]: 2024-10-13T09:39:24Z WRN The user running cloudflared process has a GID (group ID) that is not within ping_group_range. You might need to add that user to a group within that range, or instead update the range to encompass a group the user is already in by modifying /proc/sys/net/ipv4/ping_group_range. Otherwise cloudflared will not be able to ping this network error="Group ID 0 is not between ping group 1 to 0"',
      'Oct 13 18:39:24 raspberrypi2 cloudflared[21808]: 2024-10-13T09:39:24Z WRN ICMP proxy feature is disabled error="cannot create ICMPv4 proxy: Group ID 0 is not between ping group 1 to 0 nor ICMPv6 proxy: socket: permission denied"',
      '\x1b[90m2024-10-13T09:39:30Z\x1b[0m \x1b[32mINF\x1b[0m Registered tunnel connection \x1b[36mconnIndex=\x1b[0m0 \x1b[36mconnection=\x1b[0m1c2a3b4d-5e6f-4a1b-9c2d-3e4f5a6b7c00 \x1b[36mevent=\x1b[0m0 \x1b[36mip=\x1b[0m198.41.192.227 \x1b[36mlocation=\x1b[0mnrt01 \x1b[36mprotocol=\x1b[0mhttp2',
    ].join('\r\n');
    const evidence = evidenceOf(parseCloudflaredLog(text, 'pasted'));
    assert.equal(evidence.gidOutsideRange?.evidence.line, 1);
    assert.equal(evidence.icmpProxyDisabled?.line, 2);
    assert.equal(evidence.registered[0]?.transport, 'http2');
    assert.doesNotMatch(evidence.registered[0]?.evidence.text ?? '', /\x1b|\r/);
  });

  it('understands registrations of cloudflared before 2023.4', () => {
    const text = '2022-11-02T10:00:00Z INF Connection 4f3b9a4e-2ad3-4e1c-b7a2-3c5f0e8d9a10 registered with protocol: http2 connIndex=0 ip=198.41.192.7 location=AMS';
    const evidence = evidenceOf(parseCloudflaredLog(text, 'old log'));
    assert.deepEqual(evidence.registered.map((r) => [r.transport, r.evidence.line]), [['http2', 1]]);
  });

  it('quotes a cloudflared line even when it is all that was pasted, without a time', () => {
    const evidence = evidenceOf(parseCloudflaredLog('Switching to fallback protocol http2', 'one line'));
    assert.equal(evidence.fallbackToHttp2?.line, 1);
  });

  it('does not take a protocol that is only part of a longer word', () => {
    const text = consoleLine('2024-10-13T09:39:30Z', 'info', 'Registered tunnel connection', { connIndex: 0, protocol: 'quicker' });
    const evidence = evidenceOf(parseCloudflaredLog(text, 'log'));
    assert.deepEqual(evidence.registered, []);
  });

  it('reads only the tail of a long text and keeps the whole text\'s line numbers', () => {
    const filler = consoleRun({ fallback: true, connections: 1 });
    const last = consoleRun({ connections: 1, minute: 50 });
    const text = [...filler, ...last].join('\n');
    const tail = last.join('\n').length + 10;
    const evidence = evidenceOf(parseCloudflaredLog(text, 'log', tail));
    assert.equal(evidence.fallbackToHttp2, null);
    assert.equal(evidence.registered[0]?.evidence.line, filler.length + last.length);
    assert.match(evidence.sources[0] ?? '', /only the last \d+ characters of \d+ were read/);
  });

  it('says binary garbage is not a log', () => {
    const bytes = Buffer.alloc(4096);
    for (let index = 0; index < bytes.length; index += 1) bytes[index] = (index * 131 + 7) % 256;
    const result = parseCloudflaredLog(bytes.toString('latin1').replace(/\n/g, '\x00') + '\n' + bytes.toString('utf8'), 'upload.bin');
    assert.equal(result.ok, false);
    if (result.ok) return;
    assert.equal(result.code, 'UNPARSEABLE');
    assert.match(result.message, /^upload\.bin does not look like a cloudflared log: it looks like binary data/);
  });

  it('says plain text without cloudflared lines is not a cloudflared log', () => {
    const result = parseCloudflaredLog('hello\nworld\n', 'notes.txt');
    assert.equal(result.ok, false);
    if (!result.ok) assert.match(result.message, /none of its 2 lines has cloudflared's shape/);
  });

  it('says empty text is empty, and rejects what is not text', () => {
    const empty = parseCloudflaredLog('\n\n  \n', 'pasted');
    assert.equal(empty.ok, false);
    if (!empty.ok) assert.equal(empty.message, 'pasted is empty: there is no cloudflared log line in it.');
    if (!empty.ok) assert.deepEqual(empty.reason, { key: 'gather.log.empty', params: { name: 'pasted' } });
    const notText = parseCloudflaredLog(42 as unknown as string, 'pasted');
    assert.equal(notText.ok, false);
    if (!notText.ok) assert.equal(notText.code, 'UNPARSEABLE');
  });

  it('cuts very long lines instead of quoting them whole', () => {
    const long = consoleLine('2024-10-13T09:39:30Z', 'warn', 'ICMP proxy feature is disabled', { error: 'x'.repeat(100_000) });
    const evidence = evidenceOf(parseCloudflaredLog(long, 'log'));
    assert.ok((evidence.icmpProxyDisabled?.text.length ?? 0) <= 1001);
    assert.ok(evidence.icmpProxyDisabled?.text.endsWith('…'));
  });
});
