// The built renderer, served by the app protocol's own handler (serveAppRequest: its MIME
// types and CSP header) and opened in Debian's Chromium: the bundle loads and renders under
// the app's CSP without a single violation, while inline script and network access
// are refused. This is what Electron would show, minus Electron (which cannot run here).

import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { chromium, type Browser, type Page } from 'playwright-core';
import { APP_ORIGIN } from '../../electron/main/app-origin';
import { serveAppRequest } from '../../electron/main/app-protocol';
import { CONTENT_SECURITY_POLICY } from '../../electron/main/window-security';
import { REPO_ROOT } from '../support/worker';

const CHROMIUM = '/usr/bin/chromium';
const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'];
const RENDERER = join(REPO_ROOT, 'dist', 'renderer');

interface PageGlobals {
  [name: string]: unknown;
  document: {
    createElement(tag: 'script'): { textContent: string | null };
    head: { append(node: unknown): void };
    getElementById(id: string): { childElementCount: number } | null;
  };
  fetch(url: string): Promise<unknown>;
}

describe('the renderer under the app’s CSP, in Chromium', { skip: existsSync(CHROMIUM) ? false : `${CHROMIUM} is missing (apt-get install -y chromium)` }, () => {
  let server: Server;
  let origin: string;
  let browser: Browser;
  let page: Page;
  const violations: string[] = [];
  const violationWaiters: Array<{ prefix: string; resolve: () => void }> = [];
  /** Resolves once a violation of a directive starting with `prefix` has been reported. */
  const violationOf = (prefix: string): Promise<void> =>
    violations.some((line) => line.startsWith(prefix)) ? Promise.resolve() : new Promise((resolve) => violationWaiters.push({ prefix, resolve }));
  const errors: string[] = [];
  let headers: Record<string, string> = {};

  before(async () => {
    assert.ok(existsSync(join(RENDERER, 'index.html')), 'dist/renderer/index.html is missing: run npm run build first');
    // The HTTP origin stands in for icmp-doctor://app: each request is answered by the handler Electron uses.
    server = createServer((request, response) => {
      const url = `${APP_ORIGIN}${request.url ?? '/'}`;
      serveAppRequest({ url, method: request.method ?? 'GET' }, RENDERER)
        .then(async (answer) => {
          response.writeHead(answer.status, Object.fromEntries(answer.headers));
          response.end(Buffer.from(await answer.arrayBuffer()));
        })
        .catch((error: unknown) => {
          response.writeHead(500);
          response.end(String(error));
        });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
    page = await browser.newPage();
    await page.exposeFunction('__reportViolation', (text: string) => {
      violations.push(text);
      for (const waiter of violationWaiters.filter((candidate) => text.startsWith(candidate.prefix))) waiter.resolve();
    });
    await page.addInitScript(() => {
      const scope = globalThis as unknown as { addEventListener(type: string, listener: (event: unknown) => void): void };
      scope.addEventListener('securitypolicyviolation', (event) => {
        const violation = event as { violatedDirective: string; blockedURI: string };
        (globalThis as unknown as { __reportViolation(text: string): void }).__reportViolation(`${violation.violatedDirective} ${violation.blockedURI}`);
      });
    });
    page.on('pageerror', (error) => errors.push(error.message));
    const response = await page.goto(`${origin}/index.html`, { waitUntil: 'load' });
    headers = response?.headers() ?? {};
    // The app renders into #root (an error screen when there is no bridge, as here).
    await page.waitForFunction(() => ((globalThis as unknown as PageGlobals).document.getElementById('root')?.childElementCount ?? 0) > 0);
  });
  after(async () => {
    await browser?.close();
    server?.closeAllConnections();
    await new Promise((resolve) => server?.close(resolve));
  });

  it('the page arrives with the CSP header', () => {
    assert.equal(headers['content-security-policy'], CONTENT_SECURITY_POLICY);
    assert.equal(headers['content-type'], 'text/html; charset=utf-8');
  });

  it('the bundle loads and renders without one CSP violation or page error', () => {
    // Checked before the next test provokes violations on purpose.
    assert.deepEqual(violations, []);
    assert.deepEqual(errors, []);
  });

  // The timeout only guards against a hang should a violation never be reported.
  it('inline script and fetch are refused (eval is not testable from evaluate(): DevTools code is exempt from CSP)', { timeout: 30_000 }, async () => {
    const outcome = await page.evaluate(async () => {
      const scope = globalThis as unknown as PageGlobals;
      const script = scope.document.createElement('script');
      script.textContent = 'window.__inlineRan = true';
      scope.document.head.append(script);
      let fetchBlocked = false;
      try {
        await scope.fetch('/index.html');
      } catch {
        fetchBlocked = true;
      }
      return { inlineRan: scope['__inlineRan'] === true, fetchBlocked };
    });
    assert.deepEqual(outcome, { inlineRan: false, fetchBlocked: true });
    // Both refusals are reported as violations of the directives that refused them.
    await Promise.all([violationOf('script-src'), violationOf('connect-src')]);
  });
});
