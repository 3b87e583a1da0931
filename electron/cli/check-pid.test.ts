// `check --pid PID`: what parses, and what a PID that names no connector turns into before the
// run (a usage error, exit 2, naming the PID and what runs there), on real processes.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseCheckArguments, type CheckArguments } from './check-arguments';
import { preflightCheck } from './check-preflight';

function parsed(argv: string[]): CheckArguments {
  const result = parseCheckArguments(argv);
  assert.ok(result.ok, result.ok ? '' : result.message);
  return (result.value as { kind: 'run'; arguments: CheckArguments }).arguments;
}

describe('check --pid', () => {
  it('takes a process id in either form; absent is null', () => {
    assert.equal(parsed([]).pid, null);
    assert.equal(parsed(['--pid', '4242']).pid, 4242);
    assert.equal(parsed(['--pid=1']).pid, 1);
  });

  it('refuses what is no process id, echoing it escaped', () => {
    for (const raw of ['0', '-5', 'abc', '12.5', '4194305', '1e3', '']) {
      const result = parseCheckArguments(['--pid', raw]);
      assert.ok(!result.ok, raw);
      assert.equal(result.code, 'USAGE');
      assert.match(result.message, /PID must be the process id of the connector to examine, an integer from 1 to 4194304/, result.message);
    }
    const hostile = parseCheckArguments(['--pid', '12\u001b[31m']);
    assert.ok(!hostile.ok);
    assert.ok(!hostile.message.includes('\u001b'), hostile.message);
    assert.match((parseCheckArguments(['--pid', '1', '--pid', '2']) as { message: string }).message, /--pid was already given/);
  });

  it('preflight: a PID nobody runs, and one that is not a connector, are refused naming the PID and what runs there', { skip: process.platform !== 'linux' ? 'reads /proc' : false }, async () => {
    const signal = new AbortController().signal;
    // PID_MAX itself is never handed out on a machine whose pid_max is lower (the default 4194304 hands out up to 4194303).
    const missing = await preflightCheck(parsed(['--pid', '4194304', '--lang', 'en']), signal);
    assert.ok(!missing.ok);
    assert.match(missing.message, /^--pid 4194304: no process 4194304 is running here; give the PID of the connector/);
    // This very test runs as node: a real process, not a connector.
    const other = await preflightCheck(parsed(['--pid', String(process.pid), '--lang', 'en']), signal);
    assert.ok(!other.ok);
    assert.match(other.message, new RegExp(`^--pid ${process.pid}: process ${process.pid} is \\S*node\\S*, not a connector`), other.message);
    const japanese = await preflightCheck(parsed(['--pid', String(process.pid), '--lang', 'ja']), signal);
    assert.ok(!japanese.ok);
    assert.match(japanese.message, /コネクタ.*ではありません/);
  });
});
