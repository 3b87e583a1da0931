import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parsePingArguments } from './arguments';
import type { PingArguments } from './arguments';

function parsed(argv: string[]): PingArguments {
  const result = parsePingArguments(argv);
  assert.ok(result.ok, result.ok ? '' : result.message);
  assert.equal(result.value.kind, 'run');
  return (result.value as { kind: 'run'; arguments: PingArguments }).arguments;
}

function problem(argv: string[]): string {
  const result = parsePingArguments(argv);
  assert.equal(result.ok, false, `expected ${argv.join(' ')} to fail`);
  return result.ok ? '' : result.message;
}

describe('parsePingArguments', () => {
  it('uses the documented defaults', () => {
    assert.deepEqual(parsed(['10.0.0.5']), {
      target: '10.0.0.5',
      targets: ['10.0.0.5'],
      targetsFile: null,
      quiet: false,
      rttList: false,
      paceMs: 0.1,
      count: 4,
      intervalMs: 1000,
      timeoutMs: 2000,
      ttl: null,
      size: 56,
      df: false,
      family: null,
      bind: null,
      json: false,
      verbose: false,
      socket: 'auto',
    });
  });

  it('reads every option, before or after the target', () => {
    const args = parsed(['-c', '3', 'host.example', '-i', '0.5', '-W', '1500', '-t', '7', '-s', '1400', '--df', '-4', '-v', '--json', '--socket', 'raw']);
    assert.deepEqual(
      { ...args },
      {
        target: 'host.example',
        targets: ['host.example'],
        targetsFile: null,
        quiet: false,
        rttList: false,
        paceMs: 0.1,
        count: 3,
        intervalMs: 0.5,
        timeoutMs: 1500,
        ttl: 7,
        size: 1400,
        df: true,
        family: 4,
        bind: null,
        json: true,
        verbose: true,
        socket: 'raw',
      },
    );
  });

  it('accepts attached values, bundled flags, long names and --name=value', () => {
    const args = parsed(['-c5', '-6v', '--interval=0', '--ttl', '64', '--size=0', '::1']);
    assert.equal(args.count, 5);
    assert.equal(args.family, 6);
    assert.equal(args.verbose, true);
    assert.equal(args.intervalMs, 0);
    assert.equal(args.ttl, 64);
    assert.equal(args.size, 0);
  });

  it('takes the boundaries of every range', () => {
    assert.equal(parsed(['-c', '0', 'h']).count, 0);
    assert.equal(parsed(['-c', '1000000', 'h']).count, 1_000_000);
    assert.equal(parsed(['-i', '3600000', 'h']).intervalMs, 3_600_000);
    assert.equal(parsed(['-W', '1', 'h']).timeoutMs, 1);
    assert.equal(parsed(['-t', '255', 'h']).ttl, 255);
    assert.equal(parsed(['-s', '65527', 'h']).size, 65527);
  });

  it('-I binds a source address or a device', () => {
    assert.deepEqual(parsed(['-I', '10.0.0.2', 'h']).bind, { kind: 'source', source: '10.0.0.2', family: 4 });
    assert.deepEqual(parsed(['-I', 'eth0', 'h']).bind, { kind: 'device', device: 'eth0' });
    assert.deepEqual(parsed(['-I', 'abcdefghijklmno', 'h']).bind, { kind: 'device', device: 'abcdefghijklmno' });
  });

  it('-- ends the options', () => {
    assert.equal(parsed(['-c', '1', '--', 'host']).target, 'host');
    assert.deepEqual(parsed(['--', '-c', 'x']).targets, ['-c', 'x']);
  });

  it('--help wins over everything else', () => {
    assert.deepEqual(parsePingArguments(['-t', '999', '--help']), { ok: true, value: { kind: 'help' } });
    assert.deepEqual(parsePingArguments(['-h']), { ok: true, value: { kind: 'help' } });
  });

  it('names the flag, the value and what is accepted', () => {
    assert.equal(problem(['-t', '300', 'h']), '-t 300: TTL must be an integer from 1 to 255');
    assert.equal(problem(['-c', '', 'h']), '-c "": COUNT must be an integer from 0 to 1000000');
    assert.equal(problem(['-c', '0x10', 'h']), '-c 0x10: COUNT must be an integer from 0 to 1000000');
    assert.equal(problem(['-i', '.', 'h']), '-i .: INTERVAL_MS must be a number of milliseconds from 0 to 3600000 (fractions allowed)');
    assert.equal(problem(['h', '-W']), '-W: missing TIMEOUT_MS (a number of milliseconds from 1 to 3600000 (fractions allowed))');
    assert.equal(problem(['-z', 'h']), '-z: unknown option (accepted: -c -C -i -W -t -s -I --df -4 -6 -v -q --json --socket --targets-file --pace -h)');
    assert.match(problem(['--socket', 'dgram', 'h']), /^--socket dgram: KIND must be one of auto, ping, raw \(raw needs CAP_NET_RAW/);
    assert.equal(parsed(['--socket=ping', 'h']).socket, 'ping');
    assert.equal(problem(['--df=1', 'h']), '--df=1: --df takes no value');
    assert.equal(problem(['-I', 'a b', 'h']).startsWith('-I "a b": IFACE_OR_ADDRESS must be an interface name'), true);
    assert.equal(problem(['-I', '::1', '-4', 'h']), '-I ::1: an IPv6 source address cannot be used with -4');
    assert.equal(problem([]), 'missing TARGET (an IP address, host name or CIDR prefix, or --targets-file FILE)');
  });

  it('takes many targets, a targets file, -q and --pace', () => {
    const many = parsed(['10.0.0.1', '-c1', 'host.example', '10.1.0.0/28', '-q', '--targets-file=-', '--pace', '0.5']);
    assert.deepEqual(many.targets, ['10.0.0.1', 'host.example', '10.1.0.0/28']);
    assert.equal(many.target, '10.0.0.1');
    assert.equal(many.targetsFile, '-');
    assert.equal(many.quiet, true);
    assert.equal(many.paceMs, 0.5);
    assert.equal(parsed(['h']).paceMs, 0.1);
    assert.deepEqual([parsed(['-C', '3', 'h']).count, parsed(['-C3', 'h']).rttList], [3, true]);
    assert.equal(problem(['-C', '0', 'h']), '-C 0: COUNT must be an integer from 1 to 1000000');
    assert.deepEqual(parsed(['--targets-file', 'list.txt']).targets, []);
    assert.equal(problem(['--targets-file', 'a', '--targets-file', 'b']), '--targets-file b: give one targets file (already have a)');
    assert.equal(problem(['--pace', '-1', 'h']), '--pace -1: PACE_MS must be a number of milliseconds from 0 to 60000 (fractions allowed)');
  });
});
