// The recordings of a real cloudflared 2023.7.3 (e2e/evidence/cloudflared/recordings/2023.7.3,
// see its README.md) as tests read them: the `curl -i` answers of /metrics and /ready split
// into status, content type and body (to serve again on loopback), and the lines of a log.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { CloudflaredEvidence } from '../../contract/evidence';

export const RECORDINGS_DIR = fileURLToPath(new URL('../../e2e/evidence/cloudflared/recordings/2023.7.3/', import.meta.url));

export interface RecordedAnswer {
  status: number;
  contentType: string | undefined;
  body: string;
}

/** A `curl -i` file: "HTTP/1.1 503 …" CRLF headers CRLF CRLF body, as cloudflared sent it. */
export function recordedAnswer(file: string): RecordedAnswer {
  const text = readFileSync(join(RECORDINGS_DIR, file), 'utf8');
  const split = text.indexOf('\r\n\r\n');
  if (split < 0) throw new Error(`${file}: no blank line after the headers; not a curl -i recording`);
  const [statusLine = '', ...headers] = text.slice(0, split).split('\r\n');
  const status = /^HTTP\/[\d.]+ (\d{3})\b/.exec(statusLine);
  if (!status) throw new Error(`${file}: "${statusLine}" is not an HTTP status line`);
  const contentType = headers.find((h) => /^content-type:/i.test(h))?.replace(/^content-type:\s*/i, '');
  return { status: Number(status[1]), contentType, body: text.slice(split + 4) };
}

/** A recorded file's text, as written: `recording('http2-config.log')`. */
export function recording(file: string): string {
  return readFileSync(join(RECORDINGS_DIR, file), 'utf8');
}

/** The body of a recorded `curl -i` answer. */
export function recordedBody(file: string): string {
  return recordedAnswer(file).body;
}

/** The 1-based number of the first line of `text` that includes `needle`. */
export function lineNumberOf(text: string, needle: string): number {
  const index = text.split('\n').findIndex((line) => line.includes(needle));
  if (index < 0) throw new Error(`no line includes ${needle}`);
  return index + 1;
}

/** /metrics and /ready of recording NAME, as routes for testing/loopback-server. */
export function recordedMetricsRoutes(name: string): Record<string, RecordedAnswer> {
  return { '/metrics': recordedAnswer(`${name}.metrics.txt`), '/ready': recordedAnswer(`${name}.ready.txt`) };
}

/** The lines of a recorded log, numbered from 1 as a log reader cites them. */
export function recordedLogLines(file: string): Array<{ text: string; line: number }> {
  return readFileSync(join(RECORDINGS_DIR, file), 'utf8')
    .split('\n')
    .map((text, index) => ({ text, line: index + 1 }))
    .filter((l) => l.text !== '');
}

interface ManifestEntry {
  name: string;
  argv: string[];
  environment: string[];
  metrics_addr: string | null;
}

function manifestEntry(name: string): ManifestEntry {
  const manifest = JSON.parse(readFileSync(join(RECORDINGS_DIR, 'manifest.json'), 'utf8')) as { recordings: ManifestEntry[] };
  const entry = manifest.recordings.find((r) => r.name === name);
  if (!entry) throw new Error(`no recording named ${name} in manifest.json`);
  return entry;
}

/**
 * What the gatherer adds to recording NAME's log on the connector's host: /ready as it
 * answered (at the run's metrics address) and the transport its argv or environment asked for
 * (the gatherer reads those from the process). The log itself is read by the real parser.
 */
export type RecordedHostFacts = Required<Pick<CloudflaredEvidence, 'readiness' | 'requestedTransport'>>;

function asTransportValue(value: string): 'auto' | 'quic' | 'http2' | null {
  return value === 'auto' || value === 'quic' || value === 'http2' ? value : null;
}

export function recordedHostFacts(name: string): RecordedHostFacts {
  const entry = manifestEntry(name);
  const flag = entry.argv.indexOf('--protocol');
  const env = entry.environment.find((e) => e.startsWith('TUNNEL_TRANSPORT_PROTOCOL='));
  const flagValue = flag >= 0 ? asTransportValue(entry.argv[flag + 1] ?? '') : null;
  const envValue = env ? asTransportValue(env.split('=')[1] ?? '') : null;
  const requestedTransport: RecordedHostFacts['requestedTransport'] = flagValue
    ? { value: flagValue, from: 'flag', detail: `--protocol ${flagValue}` }
    : envValue && env
      ? { value: envValue, from: 'env', detail: env }
      : null;
  let readiness: RecordedHostFacts['readiness'] = null;
  if (entry.metrics_addr) {
    const ready = recordedAnswer(`${name}.ready.txt`);
    const body = JSON.parse(ready.body) as { readyConnections?: number };
    readiness = { url: `http://${entry.metrics_addr}/ready`, status: ready.status, readyConnections: body.readyConnections ?? null };
  }
  return { readiness, requestedTransport };
}
