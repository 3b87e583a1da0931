// The real cloudflared 2023.7.3 output recorded for issue 9 (e2e/evidence/cloudflared/
// recordings/2023.7.3/README.md): tests read these files as they are, never an imitation.

import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const RECORDINGS_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', '..', '..', 'e2e', 'evidence', 'cloudflared', 'recordings', '2023.7.3');

/** A recorded file's text: `recording('http2-config.log')`. */
export function recording(file: string): string {
  return readFileSync(join(RECORDINGS_DIR, file), 'utf8');
}

/** The body of a recorded `curl -i` response (after the blank line that ends the headers). */
export function recordedBody(file: string): string {
  const text = recording(file).replace(/\r\n/g, '\n');
  const end = text.indexOf('\n\n');
  return end < 0 ? '' : text.slice(end + 2);
}

/** The 1-based number of the first line of `text` that includes `needle`. */
export function lineNumberOf(text: string, needle: string): number {
  const index = text.split('\n').findIndex((line) => line.includes(needle));
  if (index < 0) throw new Error(`no line includes ${needle}`);
  return index + 1;
}
