import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { englishProse } from '../../../../test-support/i18n/english-prose';
import { msg } from '../message';
import { renderMessage } from '../render';

const MESSAGES = [
  msg('discovery.lead.listening-socket', { pid: 21720, address: '127.0.0.1:36147' }),
  msg('discovery.pid.missing', { pid: 4194304 }),
  msg('discovery.pid.not-connector', { pid: 812, program: '/usr/bin/node' }),
  msg('discovery.pid.not-in-scan', { pid: 812 }),
];

describe('discovery.* messages', () => {
  for (const message of MESSAGES) {
    it(`${message.key}: Japanese without English prose, naming the PID in both`, () => {
      const ja = renderMessage(message, 'ja');
      assert.deepEqual(englishProse(ja), [], ja);
      const pid = String((message.params as { pid: number }).pid);
      assert.ok(ja.includes(pid) && renderMessage(message, 'en').includes(pid));
    });
  }
});
