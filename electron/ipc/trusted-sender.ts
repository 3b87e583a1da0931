// Who may use the bridge: only the main frame of one of our own windows, showing one of
// our own pages (GitHub Desktop's trusted-sender idea, plus the frame's URL, so a page we
// did not load — were navigation ever to slip through — gets nothing). Pure: register-ipc
// turns Electron's IPC event into SenderFacts.

import { isAppUrl } from '../main/app-origin';

/** What the check needs to know about an IPC message's sender. */
export interface SenderFacts {
  /** The sending webContents' id. */
  webContentsId: number;
  /** The frame that sent it; null when it is gone (navigated away or destroyed). */
  frame: { url: string; isMainFrame: boolean } | null;
}

/** An IPC message came from somewhere other than our app page; the call is refused. */
export class UntrustedSenderError extends Error {
  readonly code = 'UNTRUSTED_SENDER';
  override readonly name = 'UntrustedSenderError';
}

/** null when the sender is trusted; otherwise why it is not. */
export function untrustedSenderReason(sender: SenderFacts, trustedWebContents: ReadonlySet<number>): string | null {
  if (!trustedWebContents.has(sender.webContentsId)) return `webContents ${sender.webContentsId} is not an ICMP Doctor window`;
  if (sender.frame === null) return 'the sending frame no longer exists';
  if (!sender.frame.isMainFrame) return `a subframe (${sender.frame.url}) may not use the bridge`;
  if (!isAppUrl(sender.frame.url)) return `the sending page ${JSON.stringify(sender.frame.url)} is not an ICMP Doctor page`;
  return null;
}

/** @throws UntrustedSenderError naming the channel and the reason. */
export function assertTrustedSender(channel: string, sender: SenderFacts, trustedWebContents: ReadonlySet<number>): void {
  const reason = untrustedSenderReason(sender, trustedWebContents);
  if (reason !== null) throw new UntrustedSenderError(`refused ${channel}: ${reason}`);
}
