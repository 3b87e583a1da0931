// Debian's Chromium driven by playwright-core (never a downloaded browser), opening the built
// renderer from dist/ over file://, with a trace recorded per page and kept — with a
// screenshot — under e2e/artifacts/ui/ when a test fails.

import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser, type BrowserContext, type ConsoleMessage, type Page } from 'playwright-core';
import type { DoctorBridge } from '../../../contract/bridge';
import { REPO_ROOT } from '../../support/worker';
import { installBridge } from './page-bridge';

export const CHROMIUM = '/usr/bin/chromium';
const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'];
export const RENDERER_HTML = join(REPO_ROOT, 'dist', 'renderer', 'index.html');
export const ARTIFACTS = join(REPO_ROOT, 'e2e', 'artifacts', 'ui');

/** Why the browser tests cannot run here, or null. */
export function chromiumUnavailableReason(): string | null {
  return existsSync(CHROMIUM) ? null : `${CHROMIUM} is missing (apt-get install -y chromium)`;
}

/** The built renderer, or a clear error: these tests load what `npm run build` made. */
export function rendererUrl(): string {
  if (!existsSync(RENDERER_HTML)) throw new Error(`${RENDERER_HTML} does not exist: run \`npm run build\` first (the UI tests load the built renderer)`);
  return pathToFileURL(RENDERER_HTML).href;
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
}

export interface AppPage {
  context: BrowserContext;
  page: Page;
  /** Console errors, page errors and CSP violations seen so far. */
  problems: string[];
}

export interface OpenOptions {
  colorScheme?: 'light' | 'dark';
  /** navigator.language of the page. */
  locale?: string;
  /** null: open without a bridge (the app's error screen). */
  bridge: DoctorBridge | null;
}

export async function openApp(browser: Browser, options: OpenOptions): Promise<AppPage> {
  const url = rendererUrl();
  const context = await browser.newContext({
    viewport: { width: 1280, height: 900 },
    colorScheme: options.colorScheme ?? 'light',
    locale: options.locale ?? 'en-US',
    reducedMotion: 'reduce',
  });
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await context.tracing.start({ screenshots: true, snapshots: true });
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('console', (message: ConsoleMessage) => {
    // Chromium notes that a <meta> CSP cannot carry frame-ancestors: Electron's header does.
    if (message.type() === 'error' && !/frame-ancestors/.test(message.text())) problems.push(`console: ${message.text()}`);
  });
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  if (options.bridge !== null) await installBridge(page, options.bridge);
  await page.goto(url);
  return { context, page, problems };
}

function fileSafe(name: string): string {
  return name.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 100);
}

/**
 * Runs `body` against the page; on failure keeps the trace and a screenshot under
 * e2e/artifacts/ui/ (named after the test) and rethrows. Always closes the context.
 */
export async function withPage<T>(name: string, app: AppPage, body: (page: Page) => Promise<T>): Promise<T> {
  const base = join(ARTIFACTS, `failed-${fileSafe(name)}`);
  try {
    const result = await body(app.page);
    // A pass clears what an earlier failure of this test left, so the artifacts stay current.
    for (const stale of [`${base}.png`, `${base}.trace.zip`]) rmSync(stale, { force: true });
    return result;
  } catch (error) {
    mkdirSync(ARTIFACTS, { recursive: true });
    await app.page.screenshot({ path: `${base}.png`, fullPage: true }).catch(() => undefined);
    await app.context.tracing.stop({ path: `${base}.trace.zip` }).catch(() => undefined);
    const problems = app.problems.length > 0 ? `\npage problems:\n  ${app.problems.join('\n  ')}` : '';
    const message = error instanceof Error ? error.message : String(error);
    throw new Error(`${message}${problems}\n(trace and screenshot: ${base}.trace.zip, ${base}.png)`, { cause: error });
  } finally {
    await app.context.tracing.stop().catch(() => undefined);
    await app.context.close().catch(() => undefined);
  }
}
