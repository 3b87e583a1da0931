// The sweep's output, fed probe events by hand: fping-style lines named by target, -q,
// per-target statistics and totals for people; the single-target objects plus one "sweep"
// line for scripts, every probe carrying its target.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ProbeError, ProbeEvent } from '../../native/index';
import type { ResolvedTarget } from '../core/ping/resolve-target';
import { PingStatistics } from '../core/ping/statistics';
import { humanSweepReporter, jsonSweepReporter, sweepTotals, type SweepReporter, type TargetFinish } from './ping-many-output';
import type { TextSink } from './ping-output-batch';

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

const literal = (address: string): ResolvedTarget => ({ input: address, address, family: 4, isHostName: false });
const UP: ResolvedTarget = { input: 'gw.example', address: '10.0.0.5', family: 4, isHostName: true };
const REFUSED = literal('10.0.0.6');
const SILENT = literal('10.0.0.7');
const TARGETS = [UP, REFUSED, SILENT];

const FILTERED: ProbeError = {
  family: 4,
  origin: 'icmp',
  icmpType: 3,
  icmpCode: 13,
  name: 'communication-administratively-prohibited',
  message: 'Packet filtered',
  from: '10.0.0.1',
  mtu: null,
  pointer: null,
  errno: 'EHOSTUNREACH',
  original: { src: '10.0.0.2', dst: '10.0.0.6', protocol: 'icmp', id: 7, seq: 1, quotedBytes: 64 },
};

function event(target: string, seq: number, status: ProbeEvent['status'], extra: Partial<ProbeEvent> = {}): ProbeEvent {
  return { type: 'probe', job: 1, seq, wireSeq: seq, target, address: null, status, rttMs: null, ttl: null, bytes: 0, sentAt: 0, error: null, ...extra };
}

/** Feeds two probes per target through `reporter` and finishes; returns nothing, output is in the sink. */
function sweep(reporter: SweepReporter, cancelled = false, rttList = false): void {
  const statistics = new Map(TARGETS.map((target) => [target.address, new PingStatistics()]));
  const events: Array<[ResolvedTarget, ProbeEvent]> = [
    [UP, event('10.0.0.5', 1, 'reply', { address: '10.0.0.5', rttMs: 0.2, ttl: 63, bytes: 64 })],
    [REFUSED, event('10.0.0.6', 1, 'icmp-error', { address: '10.0.0.1', error: FILTERED })],
    [UP, event('10.0.0.5', 2, 'reply', { address: '10.0.0.5', rttMs: 0.4, ttl: 63, bytes: 64 })],
    [SILENT, event('10.0.0.7', 1, 'timeout')],
    [REFUSED, event('10.0.0.6', 2, 'icmp-error', { address: '10.0.0.1', error: FILTERED })],
    [SILENT, event('10.0.0.7', 2, 'timeout')],
  ];
  for (const [target, probe] of events) {
    const running = statistics.get(target.address)!;
    running.record(probe);
    reporter.probe(target, probe, running.summary());
  }
  const finishes: TargetFinish[] = TARGETS.map((target) => ({
    target,
    summary: statistics.get(target.address)!.summary(),
    elapsedMs: 1001.2,
    cancelled,
    lastError: target === REFUSED ? 'Packet filtered from 10.0.0.1' : null,
    socket: 'ping',
    rtts: rttList ? (target === UP ? [0.2, 0.4] : [null, null]) : null,
  }));
  reporter.finish(finishes, sweepTotals(finishes, 1, 1002.4, cancelled));
}

const INFO = { targets: TARGETS, size: 56, timeoutMs: 500, bind: null };

describe('sweep output for people', () => {
  it('one fping-style line per probe, then a line per target, then the totals', () => {
    const output = capture();
    sweep(humanSweepReporter(output, INFO, { quiet: false }));
    assert.equal(
      output.stdout,
      [
        'gw.example (10.0.0.5) : [1], 64 bytes, 0.200 ms (0.200 avg, 0% loss)',
        '10.0.0.6              : [1], Packet filtered from 10.0.0.1 (100% loss)',
        'gw.example (10.0.0.5) : [2], 64 bytes, 0.400 ms (0.300 avg, 0% loss)',
        '10.0.0.7              : [1], timed out, no answer within 500 ms (100% loss)',
        '10.0.0.6              : [2], Packet filtered from 10.0.0.1 (100% loss)',
        '10.0.0.7              : [2], timed out, no answer within 500 ms (100% loss)',
        '',
        'gw.example (10.0.0.5) : xmt/rcv/%loss = 2/2/0%, min/avg/max = 0.200/0.300/0.400',
        '10.0.0.6              : xmt/rcv/%loss = 2/0/100%, 2 errors (Packet filtered from 10.0.0.1)',
        '10.0.0.7              : xmt/rcv/%loss = 2/0/100%',
        '',
        '--- 3 targets: 1 answered, 1 unreachable (ICMP errors only), 1 silent; 6 probes sent, 2 replies, time 1002ms ---',
        '',
      ].join('\n'),
    );
  });

  it('-q prints only the statistics; an interrupted sweep says so', () => {
    const output = capture();
    sweep(humanSweepReporter(output, INFO, { quiet: true }), true);
    const lines = output.stdout.split('\n');
    assert.equal(lines[0], 'gw.example (10.0.0.5) : xmt/rcv/%loss = 2/2/0%, min/avg/max = 0.200/0.300/0.400');
    assert.equal(lines.length, 6);
    assert.match(lines[4] ?? '', /, time 1002ms, interrupted ---$/);
  });

  it('-C lists each target’s RTTs, "-" where a probe drew no reply', () => {
    const output = capture();
    sweep(humanSweepReporter(output, INFO, { quiet: true }), false, true);
    assert.deepEqual(output.stdout.split('\n').slice(0, 3), ['gw.example (10.0.0.5) : 0.200 0.400', '10.0.0.6              : - -', '10.0.0.7              : - -']);
  });
});

describe('sweep output for scripts', () => {
  it('every probe carries its target; a summary per target; then the sweep totals', () => {
    const output = capture();
    sweep(jsonSweepReporter(output, INFO));
    const lines = output.stdout.trimEnd().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>);
    assert.equal(lines.length, 6 + 3 + 1);
    const probes = lines.slice(0, 6);
    assert.deepEqual(
      probes.map((probe) => [probe.type, probe.target, probe.seq, probe.status]),
      [
        ['probe', '10.0.0.5', 1, 'reply'],
        ['probe', '10.0.0.6', 1, 'icmp-error'],
        ['probe', '10.0.0.5', 2, 'reply'],
        ['probe', '10.0.0.7', 1, 'timeout'],
        ['probe', '10.0.0.6', 2, 'icmp-error'],
        ['probe', '10.0.0.7', 2, 'timeout'],
      ],
    );
    assert.equal(probes[0]?.host, 'gw.example');
    const summaries = lines.slice(6, 9);
    assert.deepEqual(
      summaries.map((summary) => [summary.type, summary.target, summary.sent, summary.received, summary.errors, summary.socket]),
      [
        ['summary', '10.0.0.5', 2, 2, 0, 'ping'],
        ['summary', '10.0.0.6', 2, 0, 2, 'ping'],
        ['summary', '10.0.0.7', 2, 0, 0, 'ping'],
      ],
    );
    assert.deepEqual(lines[9], {
      type: 'sweep',
      targets: 3,
      answered: 1,
      unreachable: 1,
      silent: 1,
      sent: 6,
      received: 2,
      duplicates: 1,
      timeMs: 1002,
      cancelled: false,
    });
  });
});
