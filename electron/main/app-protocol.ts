// Serves the app's pages for the icmp-doctor:// scheme: only files of the bundled renderer
// directory, only known file types, each response with the CSP header. Plain Node (fs and
// the fetch Response), so it is tested without Electron; main.ts hands it to protocol.handle.

import { readFile } from 'node:fs/promises';
import { extname, isAbsolute, join, relative, sep } from 'node:path';
import { APP_ENTRY_URL, isAppUrl } from './app-origin';
import { appResponseHeaders } from './window-security';

/** The types the renderer bundle consists of; anything else is not served. */
const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.ttf': 'font/ttf',
};

export type AppFileLookup =
  | { ok: true; path: string; contentType: string }
  | { ok: false; status: 400 | 403 | 404 | 405; reason: string };

/** Decodes one path segment; null when it is malformed or could step outside the root. */
function safeSegment(raw: string): string | null {
  let segment: string;
  try {
    segment = decodeURIComponent(raw);
  } catch {
    return null;
  }
  if (segment === '.' || segment === '..' || /[/\\\0]/.test(segment)) return null;
  return segment;
}

/**
 * The file under `root` that `url` names, or why it is not served. `root` must be absolute.
 * The URL parser has already folded "." and ".." segments; encoded separators and dots are
 * refused here, and the result is checked to lie under `root` all the same.
 */
export function resolveAppFile(url: string, root: string): AppFileLookup {
  if (!isAppUrl(url)) return { ok: false, status: 403, reason: `not an app URL: ${url}` };
  const segments = new URL(url).pathname.split('/').filter((segment) => segment !== '');
  if (segments.length === 0) segments.push(new URL(APP_ENTRY_URL).pathname.slice(1));
  const decoded = segments.map(safeSegment);
  if (decoded.some((segment) => segment === null)) return { ok: false, status: 400, reason: `malformed path in ${url}` };
  const path = join(root, ...(decoded as string[]));
  const inside = relative(root, path);
  if (inside === '' || inside.startsWith(`..${sep}`) || inside === '..' || isAbsolute(inside)) {
    return { ok: false, status: 403, reason: `outside the app: ${url}` };
  }
  const contentType = CONTENT_TYPES[extname(path).toLowerCase()];
  if (contentType === undefined) return { ok: false, status: 404, reason: `not an app file type: ${url}` };
  return { ok: true, path, contentType };
}

function refusal(status: number, reason: string): Response {
  return new Response(reason, { status, headers: appResponseHeaders('text/plain; charset=utf-8') });
}

/** Answers one request of the app scheme: the file with the app's headers, or a plain-text refusal. */
export async function serveAppRequest(request: { url: string; method: string }, root: string): Promise<Response> {
  if (request.method !== 'GET' && request.method !== 'HEAD') return refusal(405, `${request.method} is not served`);
  const lookup = resolveAppFile(request.url, root);
  if (!lookup.ok) return refusal(lookup.status, lookup.reason);
  let body: Buffer;
  try {
    body = await readFile(lookup.path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'EISDIR' || code === 'ENOTDIR') return refusal(404, `no such app file: ${request.url}`);
    return refusal(500, `could not read ${request.url}: ${(error as Error).message}`);
  }
  return new Response(request.method === 'HEAD' ? null : new Uint8Array(body), {
    status: 200,
    headers: appResponseHeaders(lookup.contentType),
  });
}
