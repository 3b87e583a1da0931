// readConnectorRange when it may not look: the refusal names the connector, why it may not
// look (another namespace, or not even which one) and what to run instead, as a message.
// These paths decide before any nsenter runs, so they need no privileges and no other process.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Message } from '../../../../contract/message';
import { CONNECTOR_CHECK_COMMAND, manualCommand, readConnectorRange } from './namespace-range';

describe('readConnectorRange without the privilege to look', () => {
  it('names the other namespace and CAP_SYS_ADMIN when it may not enter it', async () => {
    const range = await readConnectorRange({ pid: 4242, kind: 'cloudflared', netns: 'net:[4026532999]', ownNetns: 'net:[4026531840]', mayEnterNamespaces: false });
    assert.equal(range.ok, false);
    if (range.ok) return;
    assert.equal(range.code, 'PERMISSION_DENIED');
    assert.equal(range.source, '/proc/4242/ns/net');
    assert.equal(range.reason?.key, 'gather.connector.range-denied');
    const params = range.reason?.params ?? {};
    assert.deepEqual([params['kind'], params['pid'], params['checkCommand'], params['manualCommand']], ['cloudflared', 4242, CONNECTOR_CHECK_COMMAND, manualCommand(4242)]);
    assert.deepEqual(params['why'], { key: 'gather.connector.netns-other', params: { netns: 'net:[4026532999]', ownNetns: 'net:[4026531840]' } });
    // The English stays as it was: logs and older readers see the same words.
    assert.match(range.message, /^cannot read cloudflared \(pid 4242\)'s net\.ipv4\.ping_group_range: it runs in another network namespace \(net:\[4026532999\]; ours is net:\[4026531840\]\).*CAP_SYS_ADMIN\. Run as root/);
  });

  it('says it cannot even see the namespace when /proc/PID/ns/net is unreadable', async () => {
    const range = await readConnectorRange({ pid: 7, kind: 'twingate', netns: null, ownNetns: null, mayEnterNamespaces: true });
    assert.equal(range.ok ? null : range.code, 'PERMISSION_DENIED');
    const why = range.ok ? null : (range.reason?.params?.['why'] as Message | undefined);
    assert.deepEqual(why, { key: 'gather.connector.netns-unseen', params: { pid: 7 } });
  });
});
