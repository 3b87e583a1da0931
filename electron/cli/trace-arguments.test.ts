import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseTraceArguments } from './trace-arguments';

const run = (argv: string[]) => {
  const parsed = parseTraceArguments(argv);
  assert.ok(parsed.ok && parsed.value.kind === 'run', JSON.stringify(parsed));
  return parsed.value.arguments;
};
const problem = (argv: string[]): string => {
  const parsed = parseTraceArguments(argv);
  assert.ok(!parsed.ok, JSON.stringify(parsed));
  return parsed.message;
};

describe('parseTraceArguments', () => {
  it('defaults: 30 hops, 3 probes per hop, 2000 ms, 56 bytes', () => {
    assert.deepEqual(run(['10.0.0.5']), { target: '10.0.0.5', family: null, maxHops: 30, probesPerHop: 3, timeoutMs: 2000, size: 56, df: false, json: false });
  });
  it('every option, before or after the target, attached or not', () => {
    assert.deepEqual(run(['-6', 'example.net', '--max-hops=12', '-q5', '-W', '300', '--size', '1400', '--df', '--json']), {
      target: 'example.net',
      family: 6,
      maxHops: 12,
      probesPerHop: 5,
      timeoutMs: 300,
      size: 1400,
      df: true,
      json: true,
    });
    assert.equal(run(['-m', '7', 'h']).maxHops, 7);
    assert.equal(run(['--', '-odd']).target, '-odd');
  });
  it('--help anywhere before --', () => {
    assert.deepEqual(parseTraceArguments(['x', '--help']), { ok: true, value: { kind: 'help' } });
  });
  it('bad input names the flag, the value and what is accepted', () => {
    assert.equal(problem(['-q', '0', 'h']), '-q 0: PROBES_PER_HOP must be an integer from 1 to 100');
    assert.equal(problem(['--max-hops', 'x', 'h']), '--max-hops x: N must be an integer from 1 to 255');
    assert.equal(problem(['h', '-W']), '-W: missing TIMEOUT_MS (an integer from 1 to 60000)');
    assert.match(problem(['-4', '-6', 'h']), /-4 and -6 cannot be used together/);
    assert.match(problem(['a', 'b']), /b: unexpected extra argument/);
    assert.match(problem([]), /missing TARGET/);
    assert.match(problem(['--df=1', 'h']), /--df takes no value/);
    assert.match(problem(['-c', '3', 'h']), /-c: unknown option \(accepted: -4 -6 --max-hops -q -W -s --df --json -h\)/);
  });
});
