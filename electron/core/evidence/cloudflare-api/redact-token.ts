// The API token must never leave this module in anything we return or log. Our own messages
// never include it; this removes it from text we did not write (an error from Node, an error
// body a misbehaving or hostile server echoes back) before that text is passed on.

export const TOKEN_REDACTED = '[redacted token]';

export function redactToken(text: string, token: string): string {
  if (token.length === 0) return text;
  let redacted = text.split(token).join(TOKEN_REDACTED);
  // Also as the server might re-encode it (URL or JSON escaping leaves API tokens unchanged,
  // but a percent-encoded or base64 echo would not be).
  const encoded = encodeURIComponent(token);
  if (encoded !== token) redacted = redacted.split(encoded).join(TOKEN_REDACTED);
  const base64 = Buffer.from(token, 'utf8').toString('base64');
  if (base64.length >= 8) redacted = redacted.split(base64).join(TOKEN_REDACTED);
  return redacted;
}
