// A Cloudflare account id is 32 hexadecimal characters (the id in dash.cloudflare.com/<id>/…).
// Checked before any request, so a typo costs no round trip and no token is sent in vain.

import type { Message } from '../../../../contract/message';
import { msg } from '../../../../renderer/i18n/messages/message';
import { renderMessage } from '../../../../renderer/i18n/messages/render';

const ACCOUNT_ID = /^[0-9a-f]{32}$/i;

/** A refused id says why in `reason`; `message` is its English words (the CLI prints them). */
export type AccountIdCheck = { ok: true; accountId: string } | { ok: false; message: string; reason: Message };

function refused(reason: Message): AccountIdCheck {
  return { ok: false, message: renderMessage(reason, 'en'), reason };
}

export function checkAccountId(input: unknown): AccountIdCheck {
  if (typeof input !== 'string' || input.trim() === '') return refused(msg('gather.cf.no-account'));
  const accountId = input.trim();
  if (ACCOUNT_ID.test(accountId)) return { ok: true, accountId: accountId.toLowerCase() };
  // The input is not echoed: a token pasted into the wrong field must not end up in a report.
  return refused(msg('gather.cf.bad-account', { length: accountId.length, nonHex: /[^0-9a-f]/i.test(accountId) }));
}
