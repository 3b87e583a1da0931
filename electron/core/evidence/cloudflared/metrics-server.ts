// Finds cloudflared's metrics server and reads what it knows. Without --metrics, cloudflared
// binds the first free port of localhost:20241–20245 (metrics/metrics.go), so we try those
// in order: refused means "not there, next"; a stall is remembered and the scan goes on;
// a server that answers without cloudflared's metrics is some other program. Once /metrics
// answers, /ready, /diag/tunnel, /diag/configuration and /quicktunnel are read alongside.
// /ready is kept as it answered (its HTTP status and readyConnections): 503 with 0 connections
// is the clearest sign of a tunnel that never connected (tunnel-connection).

import type { CloudflaredEvidence, GatherFailureCode } from '../../../../contract/evidence';
import type { Message } from '../../../../contract/message';
import { msg } from '../../../../renderer/i18n/messages/message';
import { renderMessage } from '../../../../renderer/i18n/messages/render';
import { refusal, type Refusal } from '../gathered';
import { boundedGet, type GetOutcome } from './bounded-get';
import {
  parseDiagConfiguration,
  parseDiagTunnel,
  parseQuickTunnel,
  parseReady,
  type DiagTunnel,
  type ReadyState,
} from './diag-responses';
import { METRICS_MAX_BYTES, METRICS_TIMEOUT_MS } from './limits';
import { readPrometheusText, type MetricFacts } from './prometheus-text';

export interface MetricsCandidate {
  base: URL;
  /** How we came to try it: "given", "--metrics of pid 1234", "port scan" (gather.lead.*). */
  why: Message;
}

export interface MetricsReading {
  /** e.g. "http://127.0.0.1:20241" */
  base: string;
  /** How it was found, in English; `whyMessage` in every language. */
  why: string;
  whyMessage: Message;
  facts: MetricFacts;
  ready: ReadyState | null;
  /** /ready as it answered: its URL, HTTP status (200 or 503) and readyConnections (null: not in the body). */
  readiness: Readiness | null;
  tunnel: DiagTunnel | null;
  configuration: Record<string, string> | null;
  quickTunnelHostname: string | null;
  /** Endpoints that did not answer usefully, and candidates passed over on the way: in English, and as messages. */
  notes: string[];
  noteMessages: Message[];
}

export type Readiness = NonNullable<CloudflaredEvidence['readiness']>;

export type MetricsOutcome = { ok: true; reading: MetricsReading } | Refusal<GatherFailureCode>;

export interface MetricsOptions {
  timeoutMs?: number;
  signal?: AbortSignal;
}

/** Longer than this is no address anyone typed or a config holds. */
const MAX_ADDRESS_CHARS = 2048;
/** RFC 1035: a name of at most 253 characters (written without the final dot), labels of at most 63. */
const MAX_HOST_CHARS = 253;
const MAX_LABEL_CHARS = 63;

export type MetricsAddressCheck = { ok: true; url: URL } | { ok: false; problem: string };

/**
 * The base URL for a cloudflared metrics address as its flag, config or log gives it
 * ("localhost:20241", "0.0.0.0:2000", ":2000", "[::]:2000") or as a user types it
 * ("http://127.0.0.1:20241/metrics"), or what is wrong with it: a phrase that completes
 * "the address …" (":0" is a random port, so it names none to reach).
 */
export function checkMetricsAddress(address: string): MetricsAddressCheck {
  const text = address.trim();
  const problem = (phrase: string): MetricsAddressCheck => ({ ok: false, problem: phrase });
  if (text === '') return problem('is empty');
  if (text.length > MAX_ADDRESS_CHARS) return problem(`is ${text.length} characters long; an address has at most ${MAX_ADDRESS_CHARS}`);
  // The URL parser would silently drop tabs and line breaks; a typed address has none of them.
  if (/[\s\u0000-\u001f\u007f-\u009f]/.test(text)) return problem('contains spaces or control characters');
  const scheme = /^([a-z][a-z0-9+.-]*):\/\//i.exec(text);
  if (scheme && !/^https?$/i.test(scheme[1] ?? '')) return problem(`uses ${scheme[1]}://; cloudflared's metrics server speaks http`);
  let url: URL;
  try {
    url = new URL(scheme ? text : `http://${text.startsWith(':') ? `127.0.0.1${text}` : text}`);
  } catch {
    return problem('is not host:port or a URL (and a port is a number from 1 to 65535)');
  }
  if (url.username !== '' || url.password !== '') return problem('holds a user name or password; the metrics server takes none');
  if (url.port === '' || url.port === '0') return problem('has no port (cloudflared picks a random one for port 0): give the one it listens on');
  const host = url.hostname.replace(/\.$/, '');
  if (!host.startsWith('[')) {
    if (host.length > MAX_HOST_CHARS) return problem(`has a host name of ${host.length} characters; a host name has at most ${MAX_HOST_CHARS}`);
    if (host.split('.').some((label) => label.length > MAX_LABEL_CHARS)) return problem(`has a host name with a label longer than ${MAX_LABEL_CHARS} characters`);
  }
  // A listener on every address is reachable on loopback; Go binds "localhost" to 127.0.0.1.
  if (url.hostname === '0.0.0.0' || url.hostname === 'localhost') url.hostname = '127.0.0.1';
  if (url.hostname === '[::]') url.hostname = '[::1]';
  url.pathname = url.pathname.replace(/\/+$/, '').replace(/\/metrics$/, '') || '/';
  url.search = '';
  url.hash = '';
  return { ok: true, url };
}

/** The base URL for a metrics address (see checkMetricsAddress), or null when it is not one. */
export function metricsBaseUrl(address: string): URL | null {
  const checked = checkMetricsAddress(address);
  return checked.ok ? checked.url : null;
}

function endpoint(base: URL, path: string): URL {
  const url = new URL(base.href);
  url.pathname = `${base.pathname.replace(/\/$/, '')}${path}`;
  return url;
}

function baseText(base: URL): string {
  return base.href.replace(/\/$/, '');
}

/** An endpoint's JSON parsed by `parse`, or a note on why not. */
async function readJson<T>(base: URL, path: string, parse: (body: string) => T | null, options: Required<Pick<MetricsOptions, 'timeoutMs'>> & MetricsOptions, notes: Message[]): Promise<T | null> {
  const outcome = await boundedGet(endpoint(base, path), { timeoutMs: options.timeoutMs, maxBytes: METRICS_MAX_BYTES, signal: options.signal });
  if (outcome.kind !== 'response') {
    notes.push(msg('source.cloudflared.endpoint.failed', { path, problem: outcome.reason }));
    return null;
  }
  if (outcome.status !== 200) {
    notes.push(msg('source.cloudflared.endpoint.status', { path, status: outcome.status }));
    return null;
  }
  const parsed = parse(outcome.body);
  if (parsed === null) notes.push(msg('source.cloudflared.endpoint.not-json', { path }));
  return parsed;
}

/** `readyConnections` of /ready's JSON, or null when the body has none. */
function readyConnectionsOf(body: string): number | null {
  try {
    const data: unknown = JSON.parse(body);
    if (typeof data !== 'object' || data === null) return null;
    const count = (data as Record<string, unknown>)['readyConnections'];
    return typeof count === 'number' && Number.isInteger(count) && count >= 0 ? count : null;
  } catch {
    return null;
  }
}

/**
 * GETs /ready (bounded like every other endpoint). 200 and 503 are both answers: cloudflared
 * serves 503 with readyConnections 0 until a connection registers. Anything else is a note.
 */
async function readReadiness(
  base: URL,
  options: Required<Pick<MetricsOptions, 'timeoutMs'>> & MetricsOptions,
  notes: Message[],
): Promise<{ ready: ReadyState | null; readiness: Readiness | null }> {
  const url = endpoint(base, '/ready');
  const outcome = await boundedGet(url, { timeoutMs: options.timeoutMs, maxBytes: METRICS_MAX_BYTES, signal: options.signal });
  if (outcome.kind !== 'response') {
    notes.push(msg('source.cloudflared.endpoint.failed', { path: '/ready', problem: outcome.reason }));
    return { ready: null, readiness: null };
  }
  if (outcome.status !== 200 && outcome.status !== 503) {
    notes.push(msg('source.cloudflared.endpoint.status', { path: '/ready', status: outcome.status }));
    return { ready: null, readiness: null };
  }
  const ready = parseReady(outcome.body);
  if (ready === null) notes.push(msg('source.cloudflared.endpoint.not-json', { path: '/ready' }));
  // The HTTP status decides readiness even when the body is not what we expect.
  return { ready, readiness: { url: url.href, status: outcome.status, readyConnections: readyConnectionsOf(outcome.body) } };
}

function describeMiss(candidate: MetricsCandidate, outcome: GetOutcome | { kind: 'not-cloudflared' }): Message {
  const where = msg('gather.metrics.where', { url: `${baseText(candidate.base)}/metrics`, why: candidate.why });
  switch (outcome.kind) {
    case 'response':
      return msg('gather.metrics.miss-status', { where, status: outcome.status });
    case 'not-cloudflared':
      return msg('gather.metrics.miss-other-server', { where });
    default:
      return msg('gather.metrics.miss', { where, problem: outcome.reason });
  }
}

export async function readMetricsServer(candidates: readonly MetricsCandidate[], options: MetricsOptions = {}): Promise<MetricsOutcome> {
  const timeoutMs = options.timeoutMs ?? METRICS_TIMEOUT_MS;
  const misses: Message[] = [];
  let timedOut = false;
  let answeredWrong = false;
  for (const candidate of candidates) {
    if (options.signal?.aborted) return refusal('CANCELLED', msg('gather.metrics.cancelled'));
    const outcome = await boundedGet(endpoint(candidate.base, '/metrics'), { timeoutMs, maxBytes: METRICS_MAX_BYTES, signal: options.signal });
    if (outcome.kind === 'cancelled') return refusal('CANCELLED', msg('gather.metrics.cancelled'));
    if (outcome.kind !== 'response' || outcome.status !== 200) {
      if (outcome.kind === 'timeout') timedOut = true;
      if (outcome.kind === 'response' || outcome.kind === 'too-large' || outcome.kind === 'failed') answeredWrong = true;
      misses.push(describeMiss(candidate, outcome));
      continue;
    }
    const facts = readPrometheusText(outcome.body);
    if (!facts.fromCloudflared) {
      answeredWrong = true;
      misses.push(describeMiss(candidate, { kind: 'not-cloudflared' }));
      continue;
    }

    const notes: Message[] = [...misses];
    const settings = { ...options, timeoutMs };
    const [{ ready, readiness }, tunnel, configuration, quickTunnel] = await Promise.all([
      readReadiness(candidate.base, settings, notes),
      readJson(candidate.base, '/diag/tunnel', parseDiagTunnel, settings, notes),
      readJson(candidate.base, '/diag/configuration', parseDiagConfiguration, settings, notes),
      readJson(candidate.base, '/quicktunnel', parseQuickTunnel, settings, notes),
    ]);
    return {
      ok: true,
      reading: {
        base: baseText(candidate.base),
        why: renderMessage(candidate.why, 'en'),
        whyMessage: candidate.why,
        facts,
        ready,
        readiness,
        tunnel,
        configuration,
        quickTunnelHostname: quickTunnel?.hostname ?? null,
        notes: notes.map((note) => renderMessage(note, 'en')),
        noteMessages: notes,
      },
    };
  }

  if (timedOut) return refusal('TIMEOUT', msg('gather.metrics.timeout', { tried: misses }));
  if (answeredWrong) return refusal('HTTP_ERROR', msg('gather.metrics.wrong', { tried: misses }));
  return refusal('NOT_FOUND', msg('gather.metrics.none', { tried: misses }));
}
