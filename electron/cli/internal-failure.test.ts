// Exit 4 is for failures that are not the user's input nor the network's answer: here the
// native addon cannot be found. One line (human) or one fatal object (--json), no stack.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { cliMissingReason, jsonLines, runCli, STACK_TRACE } from '../../test-support/cli/run-cli';

const env = { ICMP_DOCTOR_ADDON: '/nonexistent/icmp-doctor.node' };

describe('icmp-doctor ping: addon missing', { skip: cliMissingReason() ?? false }, () => {
  it('human: exit 4 with one line that says what to do', async () => {
    const run = await runCli(['ping', '-c', '1', '127.0.0.1'], { env });
    assert.equal(run.code, 4);
    assert.equal(run.stdout, '');
    assert.doesNotMatch(run.stderr, STACK_TRACE);
    assert.match(run.stderr, /^icmp-doctor: the native addon for linux-x64 was not found \(looked in: \/nonexistent\/icmp-doctor\.node\)\. Build it with `npm run build:native`/);
    assert.equal(run.stderr.split('\n').length, 2);
  });

  it('--json: one fatal object', async () => {
    const run = await runCli(['ping', '--json', '-c', '1', '127.0.0.1'], { env });
    assert.equal(run.code, 4);
    assert.equal(run.stderr, '');
    const [fatal, ...rest] = jsonLines(run.stdout);
    assert.deepEqual(rest, []);
    assert.equal(fatal?.type, 'fatal');
    assert.equal(fatal?.code, 'ADDON_UNAVAILABLE');
  });
});
