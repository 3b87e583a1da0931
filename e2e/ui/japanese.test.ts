// The app in Japanese after a real run (Debian's Chromium, the real core in the lab): echo to
// the target is refused by policy while TCP connects — one cause (icmp-policy) and its
// symptom (tcp-vs-icmp). What the app itself says — step titles, reasons and results, finding
// titles, the causes block's chrome, the sidebar — carries no English prose; no banner says
// the findings stay in English; a finding's title (and its summary, once its check gives a
// reason) follows the language; the sidebar counts problems as the Findings screen does; and
// a report exported from the Japanese UI is asked for in Japanese.
//
// Text that reaches the screen without a message (a fix or a summary not yet keyed, a quoted
// log line) is marked lang="en"; the prose checks leave those out, and code blocks (commands),
// but the step results may hold none of them.

import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { FINDING_IDS } from '../../contract/findings';
import { englishProse } from '../../test-support/i18n/english-prose';
import { POLICY_SCENARIOS } from '../lab/policy-scenarios';
import { openApp, withPage } from './support/browser';
import { sharedDirectory, uiSkipReason } from './support/scenario';
import { useUiLab } from './support/ui-lab';
import { fillSetup, goToScreen, runChecks, switchLanguage } from './support/wizard-page';

const JAPANESE = /[\u3040-\u30ff\u3400-\u9fff]/;

/**
 * The text of `selector`, one text node a line, without code blocks and without what is marked
 * lang="en" (text that came without a message: not the app's own words).
 */
async function saidText(page: Page, selector: string): Promise<string> {
  return page.locator(selector).evaluateAll((elements) => {
    // The page's DOM, typed here: the tests compile without the DOM library.
    interface TextTree {
      nodeType: number;
      nodeValue: string | null;
      childNodes: ArrayLike<TextTree>;
      matches?(selector: string): boolean;
    }
    // A loop, not a named helper: the bundler would wrap a named function in a helper the page lacks.
    const lines: string[] = [];
    const stack: TextTree[] = (elements as unknown as TextTree[]).flatMap((element) => Array.from(element.childNodes)).reverse();
    while (stack.length > 0) {
      const node = stack.pop() as TextTree;
      if (node.nodeType === 3) lines.push(node.nodeValue ?? '');
      if (node.nodeType !== 1 || node.matches?.('.code-block, pre, code, [lang="en"]')) continue;
      stack.push(...Array.from(node.childNodes).reverse());
    }
    return lines.map((line) => line.trim()).filter(Boolean).join('\n');
  });
}

async function findingsBadge(page: Page): Promise<string> {
  return (await page.locator('nav.sidebar li').nth(3).locator('.nav-badge').innerText()).trim();
}

describe('the app in Japanese', { skip: uiSkipReason() }, () => {
  const ui = useUiLab();

  it('step results, finding titles and the causes are said in Japanese; the sidebar counts causes; the export asks for Japanese', async () => {
    const scenario = POLICY_SCENARIOS.find((entry) => entry.id === 'refuse-echo-v4');
    assert.ok(scenario);
    await ui.lab.applyPolicy(scenario.policy);
    const directory = sharedDirectory('icd-ui-ja-');
    ui.bridge.options.saveAs = (name) => join(directory.path, name);
    const app = await openApp(ui.browser, { bridge: ui.bridge });
    try {
      await withPage('japanese', app, async (page) => {
        await fillSetup(page, { target: scenario.target, tcpPort: scenario.tcpPort, unreachable: scenario.unreachableTarget });
        await runChecks(page);

        // --- The sidebar counts causes, as Findings does: one problem, though two checks fail.
        assert.equal(await findingsBadge(page), '1 problem');

        await switchLanguage(page, 'ja');
        assert.equal(await findingsBadge(page), '問題 1 件');

        // --- Checks: every card's title, reason and result in Japanese.
        await goToScreen(page, 'checks');
        const cards = page.locator('ol.step-list > li');
        assert.equal(await cards.count(), 10);
        assert.equal(await page.locator('ol.step-list [lang="en"]').count(), 0, 'no step text is left in English');
        const details = (await page.locator('ol.step-list .step-detail').allInnerTexts()).map((text) => text.trim());
        assert.equal(details.length, 10, 'every step says how it ended');
        for (const detail of details) {
          assert.match(detail, JAPANESE, `a step result in Japanese: ${detail}`);
          assert.deepEqual(englishProse(detail), [], detail);
        }
        assert.ok(details.includes('見つかりませんでした'), `no connector on this host: ${details.join(' | ')}`);
        assert.ok(details.some((detail) => /^4 回中 0 回応答がありました$/.test(detail)), `echo refused: ${details.join(' | ')}`);
        assert.ok(details.some((detail) => detail.startsWith('接続できました（')), `TCP connected: ${details.join(' | ')}`);
        assert.equal((await cards.nth(0).locator('h2').innerText()).trim(), 'このマシン');
        const checks = await saidText(page, 'ol.step-list, .verdict-counts');
        assert.deepEqual(englishProse(checks), [], checks);
        assert.deepEqual(await page.locator('.verdict-counts ul.problem-names li').allInnerTexts(), ['ポリシーによる ICMP の破棄・拒否']);

        // --- Findings: no banner, the causes block in Japanese, the titles too.
        await goToScreen(page, 'findings');
        const screen = await page.locator('section.screen').innerText();
        assert.doesNotMatch(screen, /英語のまま/, 'no banner that findings stay in English');
        assert.equal((await page.locator('#causes-title').innerText()).trim(), '1 件の問題が見つかりました');
        assert.deepEqual(await page.locator('.causes-summary [data-cause] .link-button').allInnerTexts(), ['ポリシーによる ICMP の破棄・拒否']);
        const causes = await saidText(page, '.causes-summary');
        assert.match(causes, /まず行う対処/);
        assert.deepEqual(englishProse(causes), [], causes);
        const titles = await page.locator('nav.finding-overview .overview-text').allInnerTexts();
        assert.equal(titles.length, FINDING_IDS.length);
        for (const title of titles) assert.match(title, JAPANESE, title);

        // --- A finding follows the language: its title always, its summary when its check gave a reason.
        await page.locator('.causes-summary [data-cause="icmp-policy"] .link-button').click();
        const article = page.locator('article[data-finding="icmp-policy"]');
        const japanese = { title: (await article.locator('h2').innerText()).trim(), summary: (await article.locator('.finding-summary').innerText()).trim() };
        const summaryLang = await article.locator('.finding-summary').getAttribute('lang');
        await switchLanguage(page, 'en');
        const english = { title: (await article.locator('h2').innerText()).trim(), summary: (await article.locator('.finding-summary').innerText()).trim() };
        assert.deepEqual([japanese.title, english.title], ['ポリシーによる ICMP の破棄・拒否', 'ICMP dropped or refused by policy']);
        if (summaryLang === null) {
          // Said from the finding's reason: Japanese, and not the English text.
          assert.match(japanese.summary, JAPANESE);
          assert.notEqual(japanese.summary, english.summary);
        } else {
          // No reason yet: the check's own English, marked as such.
          assert.equal(summaryLang, 'en');
          assert.equal(japanese.summary, english.summary);
        }
        assert.equal(await findingsBadge(page), '1 problem');

        // --- Export from the Japanese UI: the report is asked for in Japanese.
        await switchLanguage(page, 'ja');
        await goToScreen(page, 'export');
        await page.locator('input[name="format"][value="json"]').check();
        await page.locator('.actions .button.primary').click();
        await page.locator('.export-result .saved-path', { hasText: /\.json$/ }).waitFor();
        const saves = ui.bridge.events.flatMap((event) => (event.type === 'saveReport' ? [event] : []));
        assert.equal(saves.at(-1)?.lang, 'ja');
        assert.deepEqual(app.problems, []);
      });
    } finally {
      await ui.lab.applyPolicy('none');
      directory.remove();
    }
  });
});
