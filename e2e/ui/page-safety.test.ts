// What the page must never do, and how it meets bad input: the built index.html carries the
// strict CSP and nothing inline; without the preload's bridge the app says so; the API token
// is handed to the core and then exists nowhere in the page — no storage, no DOM, no report;
// wrong fields, unreadable imports and failed saves get a clear message, never a crash.

import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Browser } from 'playwright-core';
import { createLab, type Lab } from '../lab/lab';
import { chromiumUnavailableReason, launchChromium, openApp, RENDERER_HTML, rendererUrl, withPage } from './support/browser';
import { startCoreBridge, type CoreBridge } from './support/core-bridge';
import { readReport, sharedDirectory, uiSkipReason } from './support/scenario';
import { exportReport, fillSetup, goTo } from './support/wizard-page';

const CSP =
  "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

describe('the built page', () => {
  it('carries the strict CSP and loads only its own files, nothing inline', () => {
    rendererUrl(); // fails with "run npm run build first" when there is nothing to test
    const html = readFileSync(RENDERER_HTML, 'utf8');
    const meta = /<meta http-equiv="Content-Security-Policy" content="([^"]*)"/.exec(html);
    assert.equal(meta?.[1], CSP);
    assert.match(html, /<link rel="stylesheet" href="\.\/main\.css" \/>/);
    assert.match(html, /<script defer src="\.\/main\.js"><\/script>/);
    assert.doesNotMatch(html, /<script(?![^>]*\bsrc=)[^>]*>/, 'no inline script');
    assert.doesNotMatch(html, /<style|\sstyle=|\son[a-z]+=/i, 'no inline style or handler');
  });
});

describe('without the preload', { skip: chromiumUnavailableReason() ?? false }, () => {
  let browser: Browser;
  before(async () => {
    browser = await launchChromium();
  });
  after(async () => {
    await browser?.close();
  });

  for (const [locale, title] of [
    ['en-US', 'ICMP Doctor cannot reach its main process'],
    ['ja-JP', 'ICMP Doctor のメインプロセスに接続できません'],
  ] as const) {
    it(`says so instead of failing (${locale})`, async () => {
      const app = await openApp(browser, { bridge: null, locale });
      await withPage(`no-bridge-${locale}`, app, async (page) => {
        const alert = page.getByRole('alert');
        await alert.getByRole('heading', { level: 1, name: title }).waitFor();
        assert.match(await alert.innerText(), /window\.icmpDoctor is not defined: the app's preload script did not run/);
        assert.deepEqual(app.problems, []);
      });
    });
  }
});

describe('secrets and bad input in the running app', { skip: uiSkipReason() }, () => {
  let lab: Lab;
  let browser: Browser;
  let bridge: CoreBridge;
  let directory: ReturnType<typeof sharedDirectory>;

  before(async () => {
    lab = await createLab();
    directory = sharedDirectory('icd-ui-safety-');
    bridge = await startCoreBridge(lab, { env: { CLOUDFLARE_API_BASE: 'http://10.200.2.2:9/client/v4' } });
    browser = await launchChromium();
  });

  after(async () => {
    await browser?.close();
    await bridge?.close();
    await lab?.destroy();
    directory?.remove();
  });

  it('the API token goes to the core and then exists nowhere in the page or the report', async () => {
    const token = 'cf-ui-test-token-0123456789abcdefghij';
    bridge.options.saveAs = (name) => join(directory.path, `token-${name}`);
    const app = await openApp(browser, { bridge });
    await withPage('token', app, async (page) => {
      await goTo(page, 'Evidence');
      const field = page.getByLabel('Cloudflare API token').and(page.locator('input'));
      assert.equal(await field.getAttribute('type'), 'password');
      await field.fill(token);
      await field.press('Enter');
      await page.getByText('A token is held in memory for this session.').waitFor();
      assert.equal(await field.inputValue(), '', 'the field is cleared once the token is handed over');
      assert.ok(bridge.events.some((event) => event.type === 'call' && event.method === 'setCloudflareApiToken'));

      const traces = await page.evaluate(async () => {
        const scope = globalThis as unknown as {
          localStorage: { length: number };
          sessionStorage: { length: number };
          indexedDB: { databases(): Promise<unknown[]> };
          document: { cookie: string; documentElement: { outerHTML: string } };
          caches: { keys(): Promise<string[]> };
        };
        return {
          local: scope.localStorage.length,
          session: scope.sessionStorage.length,
          databases: (await scope.indexedDB.databases()).length,
          cookie: scope.document.cookie,
          html: scope.document.documentElement.outerHTML,
        };
      });
      assert.deepEqual({ ...traces, html: undefined }, { local: 0, session: 0, databases: 0, cookie: '', html: undefined });
      assert.ok(!traces.html.includes(token), 'the token is not in the DOM');

      // The core used it (the Zero Trust step ran, and failed only because nobody serves that API).
      await goTo(page, 'Setup');
      await fillSetup(page, { product: 'cloudflare' });
      await page.getByLabel('Account ID').fill('0123456789abcdef0123456789abcdef');
      await page.getByRole('button', { name: 'Run the checks' }).click();
      await page.getByText('The checks have finished.').waitFor({ timeout: 60_000 });
      const apiStep = page.locator('li[aria-labelledby="step-cloudflare-api-title"]');
      assert.doesNotMatch(await apiStep.innerText(), /no API token given/);

      const path = await exportReport(page, 'json');
      const text = readFileSync(path, 'utf8');
      assert.ok(!text.includes(token), 'the report does not carry the token');
      assert.equal(readReport(path).inputs.cloudflareApiToken, 'provided');
      assert.ok(!(await page.content()).includes(token));

      await goTo(page, 'Evidence');
      await page.getByRole('button', { name: 'Forget the token' }).click();
      await page.getByText('No token is held.').waitFor();
      assert.deepEqual(app.problems, []);
    });
  });

  it('wrong fields are named, focused and keep the checks from running', async () => {
    const app = await openApp(browser, { bridge });
    await withPage('bad-fields', app, async (page) => {
      const callsBefore = bridge.events.filter((event) => event.type === 'call').length;
      await fillSetup(page, { target: '10.0.0.256', tcpPort: 99999, unreachable: 'not an address!' });
      await page.getByRole('button', { name: 'Run the checks' }).click();
      const summary = page.getByRole('alert');
      await summary.waitFor();
      assert.equal(await summary.innerText(), '✕ 3 fields need attention.');
      assert.equal(await page.evaluate(() => (Reflect.get(globalThis, 'document') as { activeElement: { className: string } }).activeElement.className), 'form-errors');
      const target = page.getByLabel('Target', { exact: true });
      assert.equal(await target.getAttribute('aria-invalid'), 'true');
      assert.match((await target.getAttribute('aria-describedby')) ?? '', /target-error/);
      await page.getByText('Enter an IP address or a host name (letters, digits, dots and hyphens).').first().waitFor();
      await page.getByText('Enter a whole number from 1 to 65535.').waitFor();
      assert.equal(bridge.events.filter((event) => event.type === 'call').length, callsBefore, 'nothing was asked of the core');
      assert.equal(await page.locator('.phase-chip').innerText(), 'Not run yet');
      assert.deepEqual(app.problems, []);
    });
  });

  it('imports that cannot be used say why; empty pastes are refused; failed saves say why', async () => {
    const garbage = join(directory.path, 'garbage.json');
    writeFileSync(garbage, '{"schema": "not-a-connector-report"}');
    const app = await openApp(browser, { bridge });
    await withPage('bad-imports', app, async (page) => {
      await goTo(page, 'Evidence');
      await page.getByRole('button', { name: 'Import', exact: true }).click();
      await page.getByText('Paste some text first.').waitFor();

      bridge.options.pick = () => join(directory.path, 'missing.log');
      await page.getByLabel('Kind', { exact: true }).selectOption('sysctl');
      await page.getByRole('button', { name: 'Choose a file…' }).click();
      const missing = page.locator('tr[data-import-state="failed"]').first();
      await missing.waitFor();
      assert.match(await missing.innerText(), /Not found:.*missing\.log: no such file/s);

      bridge.options.pick = () => garbage;
      await page.getByRole('button', { name: 'Import a connector report…' }).click();
      const refused = page.locator('tr[data-import-state="failed"]').nth(1);
      await refused.waitFor();
      assert.match(await refused.innerText(), /garbage\.json/);

      // A cancelled open dialog imports nothing.
      bridge.options.pick = () => null;
      await page.getByRole('button', { name: 'Choose a file…' }).click();
      assert.equal(await page.locator('table.import-table tbody tr').count(), 2);

      await goTo(page, 'Export');
      bridge.options.saveAs = () => null;
      await page.getByRole('button', { name: 'Save the report…' }).click();
      await page.getByText('Not saved: the save dialog was cancelled.').waitFor();
      bridge.options.saveAs = (name) => join(directory.path, 'no-such-directory', name);
      await page.getByRole('button', { name: 'Save the report…' }).click();
      const failure = page.locator('.export-result .tone-text-fail');
      await failure.waitFor();
      assert.match(await failure.innerText(), /Not saved: .*no-such-directory.*does not exist/s);
      assert.deepEqual(app.problems, []);
    });
  });
});
