// One HTTP GET with a hard deadline and a size cap, for servers we do not control (a metrics
// server that hangs, an API behind a stalled proxy). node:http rather than fetch: fetch
// refuses "bad ports" (6000, 10080, …) a user may well have given cloudflared's --metrics,
// and its errors can quote header values. Never throws: every outcome is a value.

import http from 'node:http';
import https from 'node:https';
import type { Message } from '../../../../contract/message';
import { msg } from '../../../../renderer/i18n/messages/message';

/** Every outcome but an answer says why in `reason`; `detail` is Node's own words, when there are any. */
export type GetOutcome =
  | { kind: 'response'; status: number; contentType: string | null; body: string }
  /** Nothing listens there (ECONNREFUSED): the next candidate may. */
  | { kind: 'refused'; reason: Message }
  /** No complete answer within the deadline (connect, headers and body together). */
  | { kind: 'timeout'; reason: Message }
  | { kind: 'too-large'; reason: Message }
  | { kind: 'cancelled'; reason: Message }
  /** Anything else: bad URL, DNS failure, reset, TLS error. */
  | { kind: 'failed'; reason: Message; detail: string };

export interface GetOptions {
  timeoutMs: number;
  maxBytes: number;
  headers?: Record<string, string>;
  signal?: AbortSignal;
}

function errorCode(error: unknown): string | null {
  if (typeof error === 'object' && error !== null && 'code' in error && typeof error.code === 'string') return error.code;
  return null;
}

function errorText(error: unknown): string {
  const code = errorCode(error);
  if (code) return code;
  return error instanceof Error ? error.message : String(error);
}

function failed(error: unknown): GetOutcome {
  const detail = errorText(error);
  return { kind: 'failed', reason: msg('gather.http.failed', { detail }), detail };
}

/** GETs `url`; the body is decoded as UTF-8. Redirects are not followed (they are answers too). */
export function boundedGet(url: URL, options: GetOptions): Promise<GetOutcome> {
  if (options.signal?.aborted) return Promise.resolve({ kind: 'cancelled', reason: msg('gather.http.cancelled-before') });
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    return Promise.resolve({ kind: 'failed', reason: msg('gather.http.bad-scheme', { scheme: url.protocol }), detail: url.protocol });
  }
  return new Promise<GetOutcome>((resolve) => {
    let settled = false;
    let request: http.ClientRequest | null = null;
    const finish = (outcome: GetOutcome): void => {
      if (settled) return;
      settled = true;
      clearTimeout(deadline);
      options.signal?.removeEventListener('abort', onAbort);
      request?.destroy();
      resolve(outcome);
    };
    const onAbort = (): void => finish({ kind: 'cancelled', reason: msg('gather.http.cancelled') });
    const deadline = setTimeout(
      () => finish({ kind: 'timeout', reason: msg('gather.http.timeout', { ms: options.timeoutMs }) }),
      options.timeoutMs,
    );
    options.signal?.addEventListener('abort', onAbort, { once: true });

    const client = url.protocol === 'https:' ? https : http;
    try {
      // agent: false: one connection per request, closed after it; nothing lingers in a pool.
      request = client.get(url, { headers: options.headers ?? {}, agent: false }, (response) => {
        const chunks: Buffer[] = [];
        let bytes = 0;
        response.on('data', (chunk: Buffer) => {
          bytes += chunk.length;
          if (bytes > options.maxBytes) {
            finish({ kind: 'too-large', reason: msg('gather.http.too-large', { max: options.maxBytes }) });
            return;
          }
          chunks.push(chunk);
        });
        response.on('end', () => {
          const contentType = response.headers['content-type'] ?? null;
          finish({ kind: 'response', status: response.statusCode ?? 0, contentType, body: Buffer.concat(chunks).toString('utf8') });
        });
        response.on('error', (error) => finish({ kind: 'failed', reason: msg('gather.http.broke-off', { detail: errorText(error) }), detail: errorText(error) }));
      });
      request.on('error', (error) => {
        if (errorCode(error) === 'ECONNREFUSED') finish({ kind: 'refused', reason: msg('gather.http.refused') });
        else finish(failed(error));
      });
    } catch (error) {
      // Invalid header characters and the like throw synchronously; the message is Node's own
      // (it names the header, not its value), and callers redact secrets from it regardless.
      finish(failed(error));
    }
  });
}
