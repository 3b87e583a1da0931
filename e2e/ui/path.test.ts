// The Path step in the app, in Debian's Chromium against the real core running as the
// unprivileged user in the three-router chain (e2e/lab/chain.ts): the live hop view lists
// hops 1–3 and the target, its chart has one loss bar per hop, and it reads in Japanese with
// no English prose. Screenshots of the Live screen's path view, light and dark, English and
// Japanese, go to e2e/artifacts/path/.

import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Browser } from 'playwright-core';
import { CHAIN, createChainLab, hopAddress, type ChainLab } from '../lab/chain';
import type { Lab } from '../lab/lab';
import { englishProse } from '../../test-support/i18n/english-prose';
import { launchChromium, openApp, withPage } from './support/browser';
import { startCoreBridge, type CoreBridge } from './support/core-bridge';
import { uiSkipReason } from './support/scenario';
import { REPO_ROOT } from '../support/worker';
import { fillSetup, goToScreen, runChecks, switchLanguage } from './support/wizard-page';

const SHOTS = join(REPO_ROOT, 'e2e', 'artifacts', 'path');

describe('the Path step: a live hop view of the trace', { skip: uiSkipReason() }, () => {
  let lab: ChainLab;
  let browser: Browser;
  let bridge: CoreBridge;

  before(async () => {
    lab = await createChainLab();
    // The bridge only spawns its core worker in the client namespace, which the chain has too.
    bridge = await startCoreBridge(lab as unknown as Lab);
    browser = await launchChromium();
    mkdirSync(SHOTS, { recursive: true });
  });

  after(async () => {
    await browser?.close();
    await bridge?.close();
    await lab?.destroy();
  });

  for (const theme of ['light', 'dark'] as const) {
    it(`${theme}: hops 1-3 and the target in the table and the chart, in English and Japanese`, async () => {
      const app = await openApp(browser, { bridge, colorScheme: theme });
      await withPage(`path-${theme}`, app, async (page) => {
        await fillSetup(page, { product: 'generic', target: CHAIN.target.v4 });
        await runChecks(page);
        await goToScreen(page, 'live');
        const rows = page.locator('table.path-table tbody tr');
        await rows.nth(3).waitFor();
        const cells = await rows.evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll('td')].slice(0, 4).map((td) => (td.textContent ?? '').trim())));
        assert.deepEqual(cells, [
          ['1', hopAddress(1, 4), '0.0%', '3'],
          ['2', hopAddress(2, 4), '0.0%', '3'],
          ['3', hopAddress(3, 4), '0.0%', '3'],
          ['4', CHAIN.target.v4, '0.0%', '3'],
        ]);
        assert.equal(await page.locator('.path-chart g.hop').count(), 4);
        assert.equal(await page.locator('.path-chart circle.hop-rtt').count(), 4);
        await page.locator('.path-view').screenshot({ path: join(SHOTS, `path-${theme}-en.png`) });

        await switchLanguage(page, 'ja');
        const text = await page.locator('.path-view').innerText();
        assert.match(text, /経路（ホップごと）/);
        assert.deepEqual(englishProse(text), [], text);
        await page.locator('.path-view').screenshot({ path: join(SHOTS, `path-${theme}-ja.png`) });
        assert.deepEqual(app.problems, []);
      });
    });
  }
});
