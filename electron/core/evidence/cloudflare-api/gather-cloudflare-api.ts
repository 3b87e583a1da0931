// Asks the Cloudflare API whether the Zero Trust ICMP proxy is on for an account (dashboard:
// Traffic settings › Proxy › ICMP). The token is sent in one Authorization header and goes
// nowhere else: every message we return is built from our own words and the server's
// error text, with the token redacted from the latter; `source` names the URL only.

import type { CloudflareApiEvidence, Gathered, GatherFailureCode } from '../../../../contract/evidence';
import { boundedGet } from '../cloudflared/bounded-get';
import { checkAccountId } from './account-id';
import { checkApiBase, cloudflareApiBase } from './api-base';
import { readApiAnswer } from './api-answer';
import { redactToken } from './redact-token';

export const API_TIMEOUT_MS = 10_000;
const API_MAX_BYTES = 1024 * 1024;
const MAX_TOKEN_CHARS = 4096;
/** API tokens are printable ASCII without spaces; anything else cannot go in a header. */
const TOKEN_SHAPE = /^[\x21-\x7e]+$/;

export interface CloudflareApiOptions {
  /** Default 10 s: connect, headers and body together. */
  timeoutMs?: number;
  signal?: AbortSignal;
}

function connectivitySettingsUrl(base: URL, accountId: string): URL {
  const url = new URL(base.href);
  url.pathname = `${base.pathname.replace(/\/+$/, '')}/accounts/${accountId}/zerotrust/connectivity_settings`;
  return url;
}

async function ask(
  accountIdInput: string,
  tokenInput: string,
  baseInput: string | null | undefined,
  options: CloudflareApiOptions,
): Promise<Gathered<CloudflareApiEvidence>> {
  const at = new Date().toISOString();
  const defaultSource = 'Cloudflare API (zerotrust/connectivity_settings)';
  const failure = (code: GatherFailureCode, message: string, source = defaultSource): Gathered<CloudflareApiEvidence> => ({
    ok: false,
    code,
    message,
    source,
    at,
  });

  const account = checkAccountId(accountIdInput);
  if (!account.ok) return failure(typeof accountIdInput === 'string' && accountIdInput.trim() !== '' ? 'UNPARSEABLE' : 'NOT_APPLICABLE', account.message);
  const token = typeof tokenInput === 'string' ? tokenInput.trim() : '';
  if (token === '') {
    return failure('NOT_APPLICABLE', 'No Cloudflare API token was given: set CLOUDFLARE_API_TOKEN (an API token with Account › Zero Trust › Read).');
  }
  if (token.length > MAX_TOKEN_CHARS || !TOKEN_SHAPE.test(token)) {
    return failure('AUTH_FAILED', 'The Cloudflare API token holds spaces, line breaks or non-ASCII characters, so it cannot be a token: copy it again.');
  }
  const base = checkApiBase(typeof baseInput === 'string' && baseInput.trim() !== '' ? baseInput.trim() : cloudflareApiBase());
  if (!base.ok) return failure('FAILED', base.message);

  const url = connectivitySettingsUrl(base.base, account.accountId);
  const source = `GET ${url.href}`;
  const timeoutMs = options.timeoutMs ?? API_TIMEOUT_MS;
  const outcome = await boundedGet(url, {
    timeoutMs,
    maxBytes: API_MAX_BYTES,
    signal: options.signal,
    headers: { Authorization: `Bearer ${token}`, Accept: 'application/json' },
  });
  const redacted = (text: string): string => redactToken(text, token);

  switch (outcome.kind) {
    case 'response': {
      const answer = readApiAnswer(outcome.status, outcome.body, account.accountId, redacted);
      if (!answer.ok) return failure(answer.code, redacted(answer.message), source);
      return { ok: true, value: { accountId: account.accountId, icmpProxyEnabled: answer.icmpProxyEnabled }, source, at };
    }
    case 'timeout':
      return failure('TIMEOUT', `The Cloudflare API at ${url.host} did not answer within ${timeoutMs} ms.`, source);
    case 'cancelled':
      return failure('CANCELLED', 'The Cloudflare API call was cancelled.', source);
    case 'too-large':
      return failure('UNPARSEABLE', `The Cloudflare API answer is larger than ${API_MAX_BYTES} bytes; that is not the settings JSON.`, source);
    case 'refused':
      return failure('FAILED', `Could not reach the Cloudflare API at ${url.host}: connection refused.`, source);
    case 'failed':
      return failure('FAILED', redacted(`Could not reach the Cloudflare API at ${url.host}: ${outcome.message}.`), source);
  }
}

/**
 * GET {base}/accounts/{accountId}/zerotrust/connectivity_settings with the token; base from
 * `baseUrl`, else CLOUDFLARE_API_BASE, else https://api.cloudflare.com/client/v4. Never
 * throws; the token appears in nothing it returns.
 */
export async function gatherCloudflareApi(
  accountId: string,
  token: string,
  baseUrl?: string | null,
  options: CloudflareApiOptions = {},
): Promise<Gathered<CloudflareApiEvidence>> {
  try {
    return await ask(accountId, token, baseUrl, options);
  } catch (error) {
    let text = error instanceof Error ? error.message : String(error);
    if (typeof token === 'string') text = redactToken(redactToken(text, token), token.trim());
    return {
      ok: false,
      code: 'FAILED',
      message: `Asking the Cloudflare API failed unexpectedly: ${text}`,
      source: 'Cloudflare API (zerotrust/connectivity_settings)',
      at: new Date().toISOString(),
    };
  }
}
