// The Findings screen for each field report's situation (seeds/000–003), rebuilt in the lab
// and diagnosed by the app's real core with the same evidence the CLI got, imported through
// the Evidence screen: the causes block lists exactly the real causes in order, the first
// cause's first fix is the one for the deployment, and in Japanese the causes block carries
// no English prose. Screenshots in both themes and both languages go to
// e2e/artifacts/seeds/seed-NNN-findings-THEME-LANG.png, for people to look at.

import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { englishProse } from '../../test-support/i18n/english-prose';
import { REPO_ROOT } from '../support/worker';
import { launchChromium, openApp, withPage } from '../ui/support/browser';
import { PidNamespace } from '../cli/support/pid-namespace';
import { startCoreBridge, type CoreBridge } from '../ui/support/core-bridge';
import { uiSkipReason } from '../ui/support/scenario';
import { fillSetup, goTo, goToScreen, runChecks, switchLanguage } from '../ui/support/wizard-page';
import { POLICY_SCENARIOS } from '../lab/policy-scenarios';
import { startSeedLab, type SeedLab } from './run-seed';
import { SEED_SITUATIONS, SEED_TOKEN, type SeedSituation } from './situations';

const SCREENSHOTS = join(REPO_ROOT, 'e2e', 'artifacts', 'seeds');

/** The causes block's words, without its code (the re-test command stays a command). */
async function causesProse(page: Page): Promise<string> {
  return page.locator('section.causes-summary').evaluate((section) => {
    const copy = section.cloneNode(true) as typeof section;
    for (const code of copy.querySelectorAll('pre, code, .code-block')) code.remove();
    // Lines as a reader sees them: one block element per line.
    for (const block of copy.querySelectorAll('h2, h3, p, li, div')) block.append('\n');
    return copy.textContent ?? '';
  });
}

async function diagnose(page: Page, s: SeedSituation, seed: SeedLab, bridge: CoreBridge): Promise<void> {
  const scenario = POLICY_SCENARIOS.find((entry) => entry.policy === s.policy && entry.family === 4) ?? assert.fail(`no scenario for ${s.policy}`);
  await goTo(page, 'Evidence');
  for (const item of seed.run.imports) {
    bridge.options.pick = (kind) => (kind === item.kind ? item.path : null);
    await page.locator('#import-kind').selectOption(item.kind);
    const before = await page.locator('tr[data-import-state="ok"]').count();
    await page.getByRole('button', { name: 'Choose a file…' }).click();
    await page.locator('tr[data-import-state="ok"]').nth(before).waitFor();
  }
  await goTo(page, 'Setup');
  await fillSetup(page, { product: s.product, target: scenario.target, tcpPort: scenario.tcpPort, unreachable: scenario.unreachableTarget });
  if (s.deploy) await page.getByLabel('How the connector is deployed').selectOption(s.deploy);
  const account = seed.run.args[seed.run.args.indexOf('--cloudflare-account') + 1];
  if (s.product === 'cloudflare' && account) {
    await page.getByLabel('Account ID').fill(account);
    await page.getByLabel('Cloudflare API token').and(page.locator('input')).fill(SEED_TOKEN);
    await page.getByRole('button', { name: 'Use this token' }).click();
    await page.getByText('A token is held in memory for this session.').waitFor();
  }
  await runChecks(page);
  await goToScreen(page, 'findings');
}

describe('the seeds on the Findings screen', { skip: uiSkipReason(), concurrency: false }, () => {
  let browser: Browser;
  before(async () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    browser = await launchChromium();
  });
  after(async () => {
    await browser?.close();
  });

  for (const s of SEED_SITUATIONS) {
    it(`seed ${s.seed}: the causes in order with the deployment's fix first; Japanese without English prose; screenshots`, async () => {
      const seed = await startSeedLab(s);
      // The core runs in a private PID namespace, as the CLI's seed runs do: its connector scan
      // must not find connector stand-ins that other tests run on this machine at the same time.
      const space = await PidNamespace.start(seed.lab, 'client');
      const bridge = await startCoreBridge(seed.lab, { env: seed.run.env, space });
      try {
        const app = await openApp(browser, { bridge });
        await withPage(`seed-${s.seed}`, app, async (page) => {
          await diagnose(page, s, seed, bridge);
          const causes = await page.locator('section.causes-summary li[data-cause]').evaluateAll((items) => items.map((item) => item.getAttribute('data-cause')));
          assert.deepEqual(causes, s.causes);
          const [first] = s.causes;
          const firstFix = first ? s.firstFix[first] : undefined;
          if (first && firstFix) {
            await page.locator('section.causes-summary li[data-cause] button').first().click();
            assert.equal(await page.locator(`article[data-finding="${first}"] li.fix`).first().getAttribute('data-fix'), firstFix);
          }
          for (const lang of ['en', 'ja'] as const) {
            await switchLanguage(page, lang);
            if (lang === 'ja') assert.deepEqual(englishProse(await causesProse(page)), [], await causesProse(page));
            for (const theme of ['light', 'dark'] as const) {
              await page.emulateMedia({ colorScheme: theme });
              await page.locator('main').evaluate((main) => main.scrollTo(0, 0));
              await page.screenshot({ path: join(SCREENSHOTS, `seed-${s.seed}-findings-${theme}-${lang}.png`), fullPage: true });
            }
          }
        });
      } finally {
        await bridge.close();
        space.stop();
        await seed.destroy();
      }
    });
  }
});
