// The recordings of a real cloudflared 2023.7.3 (e2e/evidence/cloudflared/recordings/2023.7.3,
// see its README.md) as tests read them: the `curl -i` answers of /metrics and /ready split
// into status, content type and body (to serve again on loopback), and the lines of a log.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

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
