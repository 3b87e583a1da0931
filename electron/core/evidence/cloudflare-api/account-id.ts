// A Cloudflare account id is 32 hexadecimal characters (the id in dash.cloudflare.com/<id>/…).
// Checked before any request, so a typo costs no round trip and no token is sent in vain.

const ACCOUNT_ID = /^[0-9a-f]{32}$/i;

export type AccountIdCheck = { ok: true; accountId: string } | { ok: false; message: string };

export function checkAccountId(input: unknown): AccountIdCheck {
  if (typeof input !== 'string' || input.trim() === '') {
    return { ok: false, message: 'No Cloudflare account id was given.' };
  }
  const accountId = input.trim();
  if (ACCOUNT_ID.test(accountId)) return { ok: true, accountId: accountId.toLowerCase() };
  // The input is not echoed: a token pasted into the wrong field must not end up in a report.
  return {
    ok: false,
    message:
      `The Cloudflare account id must be 32 hexadecimal characters (0-9, a-f); the one given has ${accountId.length} characters` +
      `${/[^0-9a-f]/i.test(accountId) ? ', some of them not 0-9 or a-f' : ''}. ` +
      'Copy it from the dashboard URL (dash.cloudflare.com/<account id>/…) or the account home page (Account ID).',
  };
}
