// Only the main frame of one of our windows, showing one of our pages, may use the bridge.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { IPC } from '../../contract/bridge';
import { assertTrustedSender, type SenderFacts, untrustedSenderReason, UntrustedSenderError } from '../../electron/ipc/trusted-sender';

const OURS = new Set([7]);
const page = (url: string, isMainFrame = true, webContentsId = 7): SenderFacts => ({ webContentsId, frame: { url, isMainFrame } });

describe('trusted IPC senders', () => {
  it('accepts our window showing our page', () => {
    assert.equal(untrustedSenderReason(page('icmp-doctor://app/index.html'), OURS), null);
    assert.doesNotThrow(() => assertTrustedSender(IPC.call, page('icmp-doctor://app/index.html#/step/2'), OURS));
  });

  const refused: ReadonlyArray<readonly [string, SenderFacts, RegExp]> = [
    ['another webContents', page('icmp-doctor://app/index.html', true, 8), /webContents 8 is not an ICMP Doctor window/],
    ['a frame that is gone', { webContentsId: 7, frame: null }, /no longer exists/],
    ['a subframe of our page', page('icmp-doctor://app/index.html', false), /subframe/],
    ['a web page in our window', page('https://example.com/'), /"https:\/\/example.com\/" is not an ICMP Doctor page/],
    ['a local file', page('file:///tmp/index.html'), /not an ICMP Doctor page/],
    ['a look-alike host', page('icmp-doctor://app.evil/index.html'), /not an ICMP Doctor page/],
    ['about:blank', page('about:blank'), /not an ICMP Doctor page/],
    ['a data: page', page('data:text/html,<script>1</script>'), /not an ICMP Doctor page/],
  ];
  for (const [what, sender, reason] of refused) {
    it(`refuses ${what}, naming the channel and the reason`, () => {
      assert.match(untrustedSenderReason(sender, OURS) ?? '', reason);
      assert.throws(
        () => assertTrustedSender(IPC.saveReport, sender, OURS),
        (error: unknown) =>
          error instanceof UntrustedSenderError && error.code === 'UNTRUSTED_SENDER' && error.message.startsWith(`refused ${IPC.saveReport}: `),
      );
    });
  }

  it('trusts nobody once the window is gone from the set', () => {
    assert.match(untrustedSenderReason(page('icmp-doctor://app/index.html'), new Set()) ?? '', /not an ICMP Doctor window/);
  });
});
