// The API token must never leave this module in anything we return or log. Our own messages
// never include it; this removes it from text we did not write (an error from Node, an error
// body a misbehaving or hostile server echoes back) before that text is passed on — and before
// it is shortened, so no cut can leave a piece of the token behind.

import { redactSecretEchoes } from '../../../report/secret-echoes';

export const TOKEN_REDACTED = '[redacted token]';

/**
 * `text` without `token` in any form a server may echo it: raw, percent- or JSON-escaped,
 * hex, base64/base64url (alone or inside an encoded `Authorization: Bearer …` header), split
 * across lines, or in part (see secret-echoes.ts).
 */
export function redactToken(text: string, token: string): string {
  if (typeof token !== 'string' || token.trim() === '') return text;
  const whole = text.split(token).join(TOKEN_REDACTED);
  return redactSecretEchoes(whole, [token], TOKEN_REDACTED);
}
