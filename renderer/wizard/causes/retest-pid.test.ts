import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { argvOf } from '../../../test-support/remediation/bash';
import { inputs } from '../../../test-support/checks/evidence';
import { retestCommand } from './index';

describe('re-test command with --pid', () => {
  it('examines the same connector process again', () => {
    assert.deepEqual(argvOf(retestCommand(inputs({ product: 'cloudflare', pid: 4242 }))), ['icmp-doctor', 'check', '--product', 'cloudflare', '--pid', '4242']);
  });
  it('leaves it out when none was chosen, or when a hand-edited report carries no PID', () => {
    assert.deepEqual(argvOf(retestCommand(inputs({ product: 'cloudflare', pid: null }))), ['icmp-doctor', 'check', '--product', 'cloudflare']);
    assert.deepEqual(argvOf(retestCommand(inputs({ product: 'cloudflare', pid: '1; rm -rf /' as never }))), ['icmp-doctor', 'check', '--product', 'cloudflare']);
    assert.deepEqual(argvOf(retestCommand(inputs({ product: 'cloudflare', pid: -3 }))), ['icmp-doctor', 'check', '--product', 'cloudflare']);
  });
});
