// What an answer of GET /accounts/{id}/zerotrust/connectivity_settings means. The API's
// envelope (developers.cloudflare.com/api, "Get Zero Trust Connectivity Settings"):
//   {"success": true, "errors": [], "messages": [],
//    "result": {"icmp_proxy_enabled": true, "offramp_warp_enabled": false}}
// and on failure {"success": false, "errors": [{"code": 10000, "message": "Authentication
// error"}], …}; a malformed token draws 400 with code 6003 and an error_chain of 6111
// "Invalid format for Authorization header". Reading the setting takes one of the account
// permissions Zero Trust Read, Zero Trust Report or Zero Trust Write.

import type { GatherFailureCode } from '../../../../contract/evidence';

export type ApiAnswer = { ok: true; icmpProxyEnabled: boolean } | { ok: false; code: GatherFailureCode; message: string };

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

function saying(errors: readonly ApiError[]): string {
  if (errors.length === 0) return '';
  return ` Cloudflare says: ${errors.map((error) => (error.code !== null ? `${error.code} ${error.message}` : error.message)).join('; ')}.`;
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

  if (status === 401) {
    return {
      ok: false,
      code: 'AUTH_FAILED',
      message:
        'The Cloudflare API refused the token (HTTP 401): it is invalid, expired or revoked. Create a new API token at ' +
        'dash.cloudflare.com › My Profile › API Tokens with the account permission Zero Trust › Read.' + says,
    };
  }
  if (status === 400 && errors.some((error) => error.code !== null && MALFORMED_TOKEN_CODES.has(error.code))) {
    return {
      ok: false,
      code: 'AUTH_FAILED',
      message: 'The Cloudflare API rejected the token as malformed (HTTP 400): it is not a complete API token; copy it again.' + says,
    };
  }
  if (status === 403) {
    return {
      ok: false,
      code: 'FORBIDDEN',
      message:
        `The API token may not read the Zero Trust settings of account ${accountId} (HTTP 403): it needs the account ` +
        'permission "Zero Trust Read" (Account › Zero Trust › Read; "Zero Trust Write" or "Zero Trust Report" also do), ' +
        'and this account among its Account Resources. Edit the token at dash.cloudflare.com › My Profile › API Tokens.' + says,
    };
  }
  if (status === 404) {
    return {
      ok: false,
      code: 'HTTP_ERROR',
      message: `The Cloudflare API has no Zero Trust connectivity settings for account ${accountId} (HTTP 404): check the account id, and that Zero Trust is set up for that account.${says}`,
    };
  }
  if (status === 429) {
    return { ok: false, code: 'HTTP_ERROR', message: `The Cloudflare API is rate-limiting this token (HTTP 429): try again in a few minutes.${says}` };
  }
  if (status >= 500) {
    return { ok: false, code: 'HTTP_ERROR', message: `The Cloudflare API failed (HTTP ${status}); this is on Cloudflare's side, try again later.${says}` };
  }
  if (status !== 200) {
    return { ok: false, code: 'HTTP_ERROR', message: `The Cloudflare API answered HTTP ${status}.${says}` };
  }

  if (!envelope) {
    return { ok: false, code: 'UNPARSEABLE', message: 'The Cloudflare API answered HTTP 200 with something that is not its JSON envelope.' };
  }
  if (envelope['success'] !== true) {
    return {
      ok: false,
      code: 'HTTP_ERROR',
      message: `The Cloudflare API answered HTTP 200 but reported failure (success: ${JSON.stringify(envelope['success'] ?? null)}).${says || ' It gave no error message.'}`,
    };
  }
  const result = envelope['result'];
  const enabled = typeof result === 'object' && result !== null ? (result as Record<string, unknown>)['icmp_proxy_enabled'] : undefined;
  if (typeof enabled !== 'boolean') {
    return {
      ok: false,
      code: 'UNPARSEABLE',
      message: 'The Cloudflare API answered without result.icmp_proxy_enabled, so the ICMP proxy setting is unknown.',
    };
  }
  return { ok: true, icmpProxyEnabled: enabled };
}
