// Every wizard screen in both themes and both languages: a screenshot of each under
// e2e/artifacts/ui/<screen>-<theme>-<lang>.png (for people to look at), and axe-core run on
// each, which must find nothing serious or critical. The screens show a real diagnosis: a
// Cloudflare setup whose target sits behind a link with 12 ms ± 4 ms of delay, a pasted sysctl
// from the connector host that admits no group (so one finding fails, with its fixes), a paste
// the parser refuses, and a saved report.

import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { ADDRESSES, createLab, type Lab } from '../lab/lab';
import { axeViolations, describeViolations, seriousOnly } from './support/axe';
import { ARTIFACTS, launchChromium, openApp, withPage } from './support/browser';
import { startCoreBridge, type CoreBridge } from './support/core-bridge';
import { sharedDirectory, uiSkipReason } from './support/scenario';
import { exportReport, fillSetup, goTo, goToScreen, runChecks, SCREEN_IDS, switchLanguage } from './support/wizard-page';

const THEMES = ['light', 'dark'] as const;
const LANGUAGES = ['en', 'ja'] as const;

/** The state every screenshot shows: a finished run with imports and an export. */
async function prepare(page: Page): Promise<void> {
  await goTo(page, 'Evidence');
  await page.getByLabel('Kind', { exact: true }).selectOption('sysctl');
  await page.getByLabel('Text', { exact: true }).fill('net.ipv4.ping_group_range = 1\t0\n');
  await page.getByLabel('Name (optional)').fill('sysctl on the connector host');
  await page.getByRole('button', { name: 'Import', exact: true }).click();
  await page.locator('tr[data-import-state="ok"]').waitFor();
  await page.getByLabel('Kind', { exact: true }).selectOption('id');
  await page.getByLabel('Text', { exact: true }).fill('this is not the output of id');
  await page.getByRole('button', { name: 'Import', exact: true }).click();
  await page.locator('tr[data-import-state="failed"]').waitFor();

  await goTo(page, 'Setup');
  // No TCP port: the lab's netem link carries ICMP but not TCP (connects to 10.200.4.2 time out).
  await fillSetup(page, { product: 'cloudflare', target: ADDRESSES.server.netem.v4, unreachable: ADDRESSES.routes.unreachable.v4 });
  await page.getByLabel('Account ID').fill('0123456789abcdef0123456789abcdef');
  await runChecks(page);
  await exportReport(page, 'html');
  await goTo(page, 'Findings');
  // Open the first failing finding: its fixes are what the screen is for.
  await page.getByRole('navigation', { name: 'All findings' }).getByRole('button', { name: /Fail$/ }).first().click();
}

describe('every screen, both themes, both languages', { skip: uiSkipReason() }, () => {
  let lab: Lab;
  let browser: Browser;
  let bridge: CoreBridge;
  let directory: ReturnType<typeof sharedDirectory>;

  before(async () => {
    lab = await createLab();
    await lab.setNetem({ delayMs: 12, jitterMs: 4 });
    directory = sharedDirectory('icd-ui-screens-');
    bridge = await startCoreBridge(lab, { saveAs: (name) => join(directory.path, name) });
    browser = await launchChromium();
    mkdirSync(ARTIFACTS, { recursive: true });
  });

  after(async () => {
    await browser?.close();
    await bridge?.close();
    await lab?.destroy();
    directory?.remove();
  });

  it('starts in the language the OS prefers, until the user picks another', async () => {
    const app = await openApp(browser, { bridge: { ...bridge, appInfo: async () => ({ version: '1', platform: 'linux', locale: 'ja-JP' }) }, locale: 'en-US' });
    await withPage('os-language', app, async (page) => {
      await page.locator('html[lang="ja"]').waitFor({ state: 'attached' });
      assert.equal(await page.locator('#screen-title').innerText(), 'チェックの設定');
      assert.equal(await page.locator('.language button[aria-pressed="true"]').innerText(), '日本語');
      await switchLanguage(page, 'en');
      assert.equal(await page.locator('#screen-title').innerText(), 'Set up the check');
      assert.equal(await page.locator('.language button[aria-pressed="true"]').innerText(), 'English');
    });
  });

  for (const theme of THEMES) {
    it(`${theme} theme: screenshots of each screen in English and Japanese, and no serious axe violations`, async () => {
      const app = await openApp(browser, { bridge, colorScheme: theme });
      await withPage(`screens-${theme}`, app, async (page) => {
        await prepare(page);
        const found: string[] = [];
        for (const language of LANGUAGES) {
          await switchLanguage(page, language);
          for (const screen of SCREEN_IDS) {
            await goToScreen(page, screen);
            const path = join(ARTIFACTS, `${screen}-${theme}-${language}.png`);
            await page.screenshot({ path, fullPage: true });
            const violations = seriousOnly(await axeViolations(page));
            if (violations.length > 0) found.push(`${screen} (${theme}, ${language}):\n  ${describeViolations(violations)}`);
          }
        }
        writeFileSync(join(ARTIFACTS, `axe-${theme}.txt`), found.length > 0 ? found.join('\n\n') : 'no serious or critical violations\n');
        assert.deepEqual(found, [], found.join('\n\n'));
        assert.deepEqual(app.problems, []);
      });
    });
  }
});
