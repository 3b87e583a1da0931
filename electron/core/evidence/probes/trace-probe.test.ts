// The Path step's gatherer on this host (no lab): bad requests are UNPARSEABLE naming the
// field; the host's own ping_group_range ("1 0", see the brief) refuses the socket, which is
// PERMISSION_DENIED with the explanation (ping sockets asked for: root would fall back to raw); sources are messages that read in Japanese.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { renderMessage } from '../../../../renderer/i18n/messages/render';
import { englishProse } from '../../../../test-support/i18n/english-prose';
import { loadAddon } from '../../../native/addon';
import { preferredSocket, preferSocket } from '../../ping/socket-choice';
import { probeTrace } from './trace-probe';

describe('probeTrace', () => {
  it('refuses a request without a target or with a bad setting, naming the field', async () => {
    const missing = await probeTrace({} as never);
    assert.ok(!missing.ok);
    assert.equal(missing.code, 'UNPARSEABLE');
    assert.match(missing.message, /target/);
    const hops = await probeTrace({ target: '127.0.0.1', maxHops: 0 });
    assert.ok(!hops.ok);
    assert.equal(hops.code, 'UNPARSEABLE');
    assert.match(hops.message, /maxHops/);
    assert.equal(hops.sourceMessage?.key, 'trace.source');
    const ja = renderMessage(hops.sourceMessage, 'ja');
    assert.deepEqual(englishProse(ja), [], ja);
  });

  it('where the socket is refused: PERMISSION_DENIED with the explanation, the source naming the target', async (t) => {
    const range = loadAddon().probeCapability();
    if (range.v4.allowed) return t.skip('this host admits our group to ICMP sockets');
    // Ping sockets only: as root, `auto` would fall back to a raw socket (CAP_NET_RAW) and probe.
    const before = preferredSocket();
    preferSocket('ping');
    t.after(() => preferSocket(before));
    const refused = await probeTrace({ target: '127.0.0.1', timeoutMs: 200 });
    assert.ok(!refused.ok);
    assert.equal(refused.code, 'PERMISSION_DENIED');
    assert.match(refused.message, /ping_group_range/);
    assert.equal(refused.sourceMessage?.key, 'trace.source.to');
    assert.match(refused.source, /127\.0\.0\.1/);
  });
});
