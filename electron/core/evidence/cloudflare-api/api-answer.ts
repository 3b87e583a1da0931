// What an answer of GET /accounts/{id}/zerotrust/connectivity_settings means. The API's
// envelope (developers.cloudflare.com/api, "Get Zero Trust Connectivity Settings"):
//   {"success": true, "errors": [], "messages": [],
//    "result": {"icmp_proxy_enabled": true, "offramp_warp_enabled": false}}
// and on failure {"success": false, "errors": [{"code": 10000, "message": "Authentication
// error"}], …}; a malformed token draws 400 with code 6003 and an error_chain of 6111
// "Invalid format for Authorization header". Reading the setting takes one of the account
// permissions Zero Trust Read, Zero Trust Report or Zero Trust Write.

import type { GatherFailureCode } from '../../../../contract/evidence';
import type { Message } from '../../../../contract/message';
import { msg } from '../../../../renderer/i18n/messages/message';

export type ApiAnswer = { ok: true; icmpProxyEnabled: boolean } | { ok: false; code: GatherFailureCode; reason: Message };

interface ApiError {
  code: number | null;
  message: string;
}

const MAX_ERRORS = 5;
const MAX_ERROR_CHARS = 300;
/** Invalid request headers (6003) and its Authorization-format causes (61xx). */
const MALFORMED_TOKEN_CODES = new Set([6003, 6100, 6101, 6102, 6103, 6111]);

function parseJson(body: string): unknown {
  try {
    return JSON.parse(body);
  } catch {
    return undefined;
  }
}

/**
 * One line of the server's text, redacted BEFORE it is shortened: a cut first could leave a
 * piece of an echoed token that no longer matches whole.
 */
function clean(text: string, redact: (text: string) => string): string {
  const single = redact(text).replace(/[\x00-\x1f\x7f-\x9f]+/g, ' ').trim();
  return single.length > MAX_ERROR_CHARS ? `${single.slice(0, MAX_ERROR_CHARS)}…` : single;
}

/** errors[] and their error_chain[], flattened. */
function apiErrors(envelope: Record<string, unknown>, redact: (text: string) => string): ApiError[] {
  const found: ApiError[] = [];
  const visit = (list: unknown): void => {
    if (!Array.isArray(list)) return;
    for (const entry of list) {
      if (found.length >= MAX_ERRORS || typeof entry !== 'object' || entry === null) continue;
      const fields = entry as Record<string, unknown>;
      const message = typeof fields['message'] === 'string' ? clean(fields['message'], redact) : '';
      found.push({ code: typeof fields['code'] === 'number' ? fields['code'] : null, message });
      visit(fields['error_chain']);
    }
  };
  visit(envelope['errors']);
  return found;
}

/** What the API said, already redacted and shortened; '' when it said nothing. */
function saying(errors: readonly ApiError[]): string | Message {
  if (errors.length === 0) return '';
  return msg('gather.cf.says', { errors: errors.map((error) => (error.code !== null ? `${error.code} ${error.message}` : error.message)) });
}

function envelopeOf(body: string): Record<string, unknown> | null {
  const parsed = parseJson(body);
  return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : null;
}

/**
 * What the API's answer means. `redact` removes the token from the server's own words (error
 * messages) before they are shortened and quoted.
 */
export function readApiAnswer(status: number, body: string, accountId: string, redact: (text: string) => string): ApiAnswer {
  const envelope = envelopeOf(body);
  const errors = envelope ? apiErrors(envelope, redact) : [];
  const says = saying(errors);

  const refuse = (code: GatherFailureCode, reason: Message): ApiAnswer => ({ ok: false, code, reason });
  if (status === 401) return refuse('AUTH_FAILED', msg('gather.cf.unauthorized', { says }));
  if (status === 400 && errors.some((error) => error.code !== null && MALFORMED_TOKEN_CODES.has(error.code))) {
    return refuse('AUTH_FAILED', msg('gather.cf.malformed-token', { says }));
  }
  if (status === 403) return refuse('FORBIDDEN', msg('gather.cf.forbidden', { account: accountId, says }));
  if (status === 404) return refuse('HTTP_ERROR', msg('gather.cf.not-found', { account: accountId, says }));
  if (status === 429) return refuse('HTTP_ERROR', msg('gather.cf.rate-limited', { says }));
  if (status >= 500) return refuse('HTTP_ERROR', msg('gather.cf.server-error', { status, says }));
  if (status !== 200) return refuse('HTTP_ERROR', msg('gather.cf.status', { status, says }));

  if (!envelope) return refuse('UNPARSEABLE', msg('gather.cf.not-envelope'));
  if (envelope['success'] !== true) {
    return refuse('HTTP_ERROR', msg('gather.cf.unsuccessful', { success: JSON.stringify(envelope['success'] ?? null), says }));
  }
  const result = envelope['result'];
  const enabled = typeof result === 'object' && result !== null ? (result as Record<string, unknown>)['icmp_proxy_enabled'] : undefined;
  if (typeof enabled !== 'boolean') {
    return refuse('UNPARSEABLE', msg('gather.cf.no-setting'));
  }
  return { ok: true, icmpProxyEnabled: enabled };
}
