// Asks the Cloudflare API whether the Zero Trust ICMP proxy is on for an account (dashboard:
// Traffic settings › Proxy › ICMP). The token is sent in one Authorization header and goes
// nowhere else: every message we return is built from our own words and the server's
// error text, with the token redacted from the latter; `source` names the URL only.

import type { CloudflareApiEvidence, Gathered, GatherFailureCode } from '../../../../contract/evidence';
import type { Message, MessageParam } from '../../../../contract/message';
import { isMessage, msg } from '../../../../renderer/i18n/messages/message';
import { renderMessage } from '../../../../renderer/i18n/messages/render';
import { notGathered, sourceFields } from '../gathered';
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

/** `reason` with `redact` applied to every text parameter, at any depth (the server's words, Node's errors). */
function redactMessage(reason: Message, redact: (text: string) => string): Message {
  const param = (value: MessageParam): MessageParam => {
    if (typeof value === 'string') return redact(value);
    if (Array.isArray(value)) return value.map((item: string | number | Message) => (typeof item === 'string' ? redact(item) : isMessage(item) ? redactMessage(item, redact) : item));
    if (isMessage(value)) return redactMessage(value, redact);
    return value;
  };
  if (!reason.params) return reason;
  return { key: reason.key, params: Object.fromEntries(Object.entries(reason.params).map(([name, value]) => [name, param(value)])) };
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
  const defaultSource: string | Message = msg('source.cloudflare-api', { endpoint: 'zerotrust/connectivity_settings' });
  const token = typeof tokenInput === 'string' ? tokenInput.trim() : '';
  // Text we did not write (the server's errors, Node's) is only ever a parameter: redacting
  // every parameter keeps the token out of the reason and of the words made from it, in any
  // language, without touching our own words (a short token could match inside them).
  const redacted = (text: string): string => redactToken(text, token);
  const failure = (code: GatherFailureCode, why: Message, source: string | Message = defaultSource): Gathered<CloudflareApiEvidence> => {
    const reason = redactMessage(why, redacted);
    return { ok: false, code, message: renderMessage(reason, 'en'), reason, ...sourceFields(source), at };
  };

  const account = checkAccountId(accountIdInput);
  if (!account.ok) return failure(typeof accountIdInput === 'string' && accountIdInput.trim() !== '' ? 'UNPARSEABLE' : 'NOT_APPLICABLE', account.reason);
  if (token === '') {
    return failure('NOT_APPLICABLE', msg('gather.cf.no-token'));
  }
  if (token.length > MAX_TOKEN_CHARS || !TOKEN_SHAPE.test(token)) {
    return failure('AUTH_FAILED', msg('gather.cf.bad-token'));
  }
  const base = checkApiBase(typeof baseInput === 'string' && baseInput.trim() !== '' ? baseInput.trim() : cloudflareApiBase());
  if (!base.ok) return failure('FAILED', base.reason);

  const url = connectivitySettingsUrl(base.base, account.accountId);
  const source = `GET ${url.href}`;
  const timeoutMs = options.timeoutMs ?? API_TIMEOUT_MS;
  const outcome = await boundedGet(url, {
    timeoutMs,
    maxBytes: API_MAX_BYTES,
    signal: options.signal,
    headers: { Authorization: `Bearer ${token}`, Accept: 'application/json' },
  });

  switch (outcome.kind) {
    case 'response': {
      const answer = readApiAnswer(outcome.status, outcome.body, account.accountId, redacted);
      if (!answer.ok) return failure(answer.code, answer.reason, source);
      return { ok: true, value: { accountId: account.accountId, icmpProxyEnabled: answer.icmpProxyEnabled }, source, at };
    }
    case 'timeout':
      return failure('TIMEOUT', msg('gather.cf.timeout', { host: url.host, ms: timeoutMs }), source);
    case 'cancelled':
      return failure('CANCELLED', msg('gather.cf.cancelled'), source);
    case 'too-large':
      return failure('UNPARSEABLE', msg('gather.cf.too-large', { max: API_MAX_BYTES }), source);
    case 'refused':
      return failure('FAILED', msg('gather.cf.refused', { host: url.host }), source);
    case 'failed':
      return failure('FAILED', msg('gather.cf.unreachable', { host: url.host, detail: outcome.reason }), source);
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
    return notGathered('FAILED', msg('gather.cf.unexpected', { detail: text }), msg('source.cloudflare-api', { endpoint: 'zerotrust/connectivity_settings' }));
  }
}
