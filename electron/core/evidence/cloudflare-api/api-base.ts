// Where the Cloudflare API is: https://api.cloudflare.com/client/v4, or CLOUDFLARE_API_BASE
// (tests and proxies). The token is only ever sent over https — or plain http to this
// machine's loopback, where the tests serve the API's documented answers.

import type { Message } from '../../../../contract/message';
import { msg } from '../../../../renderer/i18n/messages/message';

export const DEFAULT_API_BASE = 'https://api.cloudflare.com/client/v4';

export type ApiBaseCheck = { ok: true; base: URL } | { ok: false; reason: Message };

/** CLOUDFLARE_API_BASE from `env`, else the public API. */
export function cloudflareApiBase(env: Record<string, string | undefined> = process.env): string {
  const base = env['CLOUDFLARE_API_BASE'];
  return base && base.trim() !== '' ? base.trim() : DEFAULT_API_BASE;
}

function isLoopback(hostname: string): boolean {
  return hostname === 'localhost' || hostname === '[::1]' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(hostname);
}

export function checkApiBase(input: string): ApiBaseCheck {
  let base: URL;
  try {
    base = new URL(input);
  } catch {
    return { ok: false, reason: msg('gather.cf.base-not-url') };
  }
  if (base.username !== '' || base.password !== '') {
    return { ok: false, reason: msg('gather.cf.base-credentials') };
  }
  if (base.protocol !== 'https:' && !(base.protocol === 'http:' && isLoopback(base.hostname))) {
    return { ok: false, reason: msg('gather.cf.base-insecure', { origin: base.origin }) };
  }
  base.search = '';
  base.hash = '';
  return { ok: true, base };
}
