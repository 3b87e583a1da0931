// The two output formats, fed probe events by hand: iputils' wording and precision for
// people, the JSON Lines contract's field names and order for scripts.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ProbeError, ProbeEvent } from '../../native/index';
import type { TextSink } from './ping-output-batch';
import { formatRtt, humanReporter } from './ping-output-human';
import { jsonReporter } from './ping-output-json';
import type { PingRunInfo } from './ping-output';

function capture(): TextSink & { stdout: string; stderr: string } {
  return {
    stdout: '',
    stderr: '',
    out(text) {
      this.stdout += text;
    },
    error(text) {
      this.stderr += text;
    },
  };
}

const RUN: PingRunInfo = {
  target: { input: 'gw.example', address: '10.200.2.5', family: 4, isHostName: true },
  size: 56,
  timeoutMs: 2000,
  bind: null,
  socket: 'ping',
};

const FILTERED: ProbeError = {
  family: 4,
  origin: 'icmp',
  icmpType: 3,
  icmpCode: 13,
  name: 'communication-administratively-prohibited',
  message: 'Packet filtered',
  from: '10.200.1.1',
  mtu: null,
  pointer: null,
  errno: 'EHOSTUNREACH',
  original: { src: '10.200.1.2', dst: '10.200.2.5', protocol: 'icmp', id: 4321, seq: 2, quotedBytes: 64 },
};

function event(seq: number, status: ProbeEvent['status'], extra: Partial<ProbeEvent> = {}): ProbeEvent {
  return {
    type: 'probe',
    job: 1,
    seq,
    wireSeq: seq,
    target: '10.200.2.5',
    address: null,
    status,
    rttMs: null,
    ttl: null,
    bytes: 0,
    sentAt: 0,
    error: null,
    ...extra,
  };
}

const REPLY = event(1, 'reply', { address: '10.200.2.5', rttMs: 0.1234, ttl: 63, bytes: 64 });
const ERROR = event(2, 'icmp-error', { address: '10.200.1.1', rttMs: 0.05, ttl: 64, error: FILTERED });
const TIMEOUT = event(3, 'timeout');
const LOCAL = event(4, 'local-error', {
  error: { ...FILTERED, origin: 'local', icmpType: null, icmpCode: null, name: 'message-too-long', message: 'local error: Message too long, mtu=1500', from: null, mtu: 1500, errno: 'EMSGSIZE', original: null },
});
const SUMMARY = { sent: 4, received: 1, errors: 2, timeouts: 1, lossPct: 75, rttMs: { min: 0.1234, avg: 0.1234, max: 0.1234, mdev: 0 } };

describe('formatRtt', () => {
  it('keeps iputils precision', () => {
    assert.equal(formatRtt(0.1234), '0.123');
    assert.equal(formatRtt(1.2345), '1.23');
    assert.equal(formatRtt(12.345), '12.3');
    assert.equal(formatRtt(123.45), '123');
  });
});

describe('human output', () => {
  it('prints iputils-style lines and statistics', () => {
    const output = capture();
    const reporter = humanReporter(output, { verbose: false });
    reporter.start(RUN);
    for (const probe of [REPLY, ERROR, TIMEOUT, LOCAL]) reporter.probe(probe);
    reporter.finish({ summary: SUMMARY, elapsedMs: 3003.4, cancelled: false });
    assert.equal(
      output.stdout,
      [
        'PING gw.example (10.200.2.5) 56(84) bytes of data.',
        '64 bytes from 10.200.2.5: icmp_seq=1 ttl=63 time=0.123 ms',
        'From 10.200.1.1 icmp_seq=2 Packet filtered',
        'no answer for icmp_seq=3 within 2000 ms',
        'ping: local error: Message too long, mtu=1500 (icmp_seq=4)',
        '',
        '--- gw.example ping statistics ---',
        '4 packets transmitted, 1 received, +2 errors, 75% packet loss, time 3003ms',
        'rtt min/avg/max/mdev = 0.123/0.123/0.123/0.000 ms',
        '',
      ].join('\n'),
    );
  });

  it('-v adds the decoded error and the quoted probe', () => {
    const output = capture();
    const reporter = humanReporter(output, { verbose: true });
    reporter.start({ ...RUN, target: { input: 'fd00:2::5', address: 'fd00:2::5', family: 6, isHostName: false } });
    reporter.probe(ERROR);
    assert.equal(
      output.stdout,
      [
        'PING fd00:2::5 (fd00:2::5) 56 data bytes',
        'socket: ping (unprivileged; ICMP errors from the error queue)',
        'From 10.200.1.1 icmp_seq=2 Packet filtered',
        '    ICMP type 3 code 13 (communication-administratively-prohibited) from 10.200.1.1, errno EHOSTUNREACH',
        '    quoted probe: icmp 10.200.1.2 > 10.200.2.5 id=4321 seq=2 (64 bytes quoted)',
        '',
      ].join('\n'),
    );
  });
});

describe('JSON Lines output', () => {
  it('keeps the contract’s fields, in order, and adds host for names', () => {
    const output = capture();
    const reporter = jsonReporter(output);
    reporter.start(RUN);
    reporter.probe(ERROR);
    reporter.finish({ summary: { ...SUMMARY, rttMs: { min: 1 / 3, avg: 1 / 3, max: 1 / 3, mdev: 0 } }, elapsedMs: 10.4, cancelled: false });
    const [probe, summary, extra] = output.stdout.split('\n').map((line) => (line ? (JSON.parse(line) as Record<string, unknown>) : null));
    assert.equal(extra, null);
    assert.deepEqual(Object.keys(probe ?? {}), ['type', 'seq', 'target', 'address', 'status', 'rttMs', 'ttl', 'bytes', 'error', 'host']);
    assert.deepEqual((probe ?? {}).error, {
      family: 4,
      icmpType: 3,
      icmpCode: 13,
      name: 'communication-administratively-prohibited',
      message: 'Packet filtered',
      from: '10.200.1.1',
      mtu: null,
      original: { src: '10.200.1.2', dst: '10.200.2.5', protocol: 'icmp', id: 4321, seq: 2, quotedBytes: 64 },
      origin: 'icmp',
      errno: 'EHOSTUNREACH',
      pointer: null,
      untranslated: null,
    });
    assert.deepEqual(summary, {
      type: 'summary',
      target: '10.200.2.5',
      sent: 4,
      received: 1,
      errors: 2,
      lossPct: 75,
      rttMs: { min: 0.333333, avg: 0.333333, max: 0.333333, mdev: 0 },
      host: 'gw.example',
      timeouts: 1,
      timeMs: 10,
      cancelled: false,
      socket: 'ping',
    });
    assert.equal(output.stderr, '');
  });

  it('-v names a raw socket and an untranslated error', () => {
    const output = capture();
    const reporter = humanReporter(output, { verbose: true });
    reporter.start({ ...RUN, socket: 'raw' });
    const quoted = { ...FILTERED, original: { ...FILTERED.original!, dst: '198.51.100.9' }, untranslated: { quotedDestination: '198.51.100.9', from: '10.200.1.1' } };
    reporter.probe({ ...ERROR, error: quoted });
    assert.match(output.stdout, /^socket: raw \(CAP_NET_RAW; ICMP errors read inline/m);
    assert.match(output.stdout, /^    untranslated: the error quotes 198\.51\.100\.9, not the probe's destination/m);
  });

  it('a fatal is one object on stdout', () => {
    const output = capture();
    jsonReporter(output).fatal({ code: 'ADDON_UNAVAILABLE', message: 'no addon', details: { target: '::1' } });
    assert.equal(output.stdout, '{"type":"fatal","code":"ADDON_UNAVAILABLE","message":"no addon","target":"::1"}\n');
  });
});
