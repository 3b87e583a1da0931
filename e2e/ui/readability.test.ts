// What a network engineer reads after a real run, in Debian's Chromium against the real core:
// - the Checks summary and the sidebar count problems as the Findings screen does (causes), and says apart
//   how many failing checks follow from them, so "1 problem" never sits beside green cards
//   unexplained;
// - the live table says which probe is the echo, the path-MTU search or the error probe;
// - a fix's code block shows a long command whole (wrapped, with a hanging indent), and Copy
//   copies exactly the command, with no line break the wrapping drew.
// The run: echo silently dropped on the way (TCP connects), a Cloudflare tunnel, and the
// connector host's sysctl admitting no group — the connector is the cause, the vanished echo
// its symptom.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { POLICY_SCENARIOS } from '../lab/policy-scenarios';
import { openApp, withPage } from './support/browser';
import { uiSkipReason } from './support/scenario';
import { useUiLab } from './support/ui-lab';
import { fillSetup, goTo, runChecks, switchLanguage } from './support/wizard-page';

/** Narrow enough that the longer fixes cannot fit on one line at the code blocks' width. */
const NARROW = { width: 820, height: 900 };

interface BlockGeometry {
  text: string;
  scrollWidth: number;
  clientWidth: number;
  textIndent: string;
  /** For the longest line: the left edge of each line box it was laid out in. */
  longestLineStarts: number[];
  copyName: string;
}

/** Every command/file/YAML block on the open finding, with how it was laid out. */
async function blockGeometry(page: Page): Promise<BlockGeometry[]> {
  return page.locator('article.finding .code-block').evaluateAll((blocks) =>
    blocks.flatMap((block) => {
      // The page's globals, typed here: the tests compile without the DOM library.
      interface LineRect {
        top: number;
        left: number;
      }
      const doc = Reflect.get(globalThis, 'document') as { createRange(): { setStart(node: unknown, offset: number): void; setEnd(node: unknown, offset: number): void; getClientRects(): Iterable<LineRect> } };
      const styleOf = Reflect.get(globalThis, 'getComputedStyle') as (element: unknown) => { textIndent: string };
      const pre = block.querySelector('pre:not(.prose-pre)');
      const code = pre?.querySelector('code');
      const node = code?.firstChild;
      if (!pre || !code || !node) return [];
      const text = code.textContent ?? '';
      let offset = 0;
      let longest = { start: 0, end: 0 };
      for (const line of text.split('\n')) {
        if (line.length > longest.end - longest.start) longest = { start: offset, end: offset + line.length };
        offset += line.length + 1;
      }
      const range = doc.createRange();
      range.setStart(node, longest.start);
      range.setEnd(node, longest.end);
      // One rect per line box; rounding keeps fragments of one line box together.
      const lefts = [...range.getClientRects()].map((rect) => ({ top: Math.round(rect.top), left: rect.left }));
      const starts = lefts.filter((rect, index) => index === 0 || rect.top !== lefts[index - 1]?.top).map((rect) => rect.left);
      return [
        {
          text,
          scrollWidth: pre.scrollWidth,
          clientWidth: pre.clientWidth,
          textIndent: styleOf(pre).textIndent,
          longestLineStarts: starts,
          copyName: block.querySelector('button')?.getAttribute('aria-label') ?? '',
        },
      ];
    }),
  );
}

describe('readable results: problems counted as causes, probe kinds, long commands', { skip: uiSkipReason() }, () => {
  const ui = useUiLab();

  it('a connector outside its range, echo vanishing: Checks agrees with Findings, probes say their kind, commands show whole', async () => {
    const scenario = POLICY_SCENARIOS.find((entry) => entry.id === 'drop-echo-v4');
    assert.ok(scenario);
    await ui.lab.applyPolicy(scenario.policy);
    const app = await openApp(ui.browser, { bridge: ui.bridge });
    await withPage('readability', app, async (page) => {
      await goTo(page, 'Evidence');
      await page.getByLabel('Kind', { exact: true }).selectOption('sysctl');
      await page.getByLabel('Text', { exact: true }).fill('net.ipv4.ping_group_range = 1\t0\n');
      await page.getByRole('button', { name: 'Import', exact: true }).click();
      await page.locator('tr[data-import-state="ok"]').waitFor();
      await goTo(page, 'Setup');
      await fillSetup(page, { product: 'cloudflare', target: scenario.target, tcpPort: scenario.tcpPort, unreachable: scenario.unreachableTarget });
      await runChecks(page);

      // --- The Checks summary, then the Findings screen it must agree with.
      const summary = (await page.locator('.verdict-counts p').innerText()).trim();
      const namesOnChecks = await page.locator('.verdict-counts ul.problem-names li').allInnerTexts();
      await goTo(page, 'Findings');
      const causeTitles = await page.locator('.causes-summary [data-cause] .cause-head .link-button').allInnerTexts();
      const overview = page.getByRole('navigation', { name: 'All findings' }).getByRole('button');
      const failingShown = await overview.filter({ hasText: /Fail$/ }).count();
      assert.ok(causeTitles.length >= 1, 'the run has a cause');
      assert.ok(failingShown > causeTitles.length, `the run has symptoms too: ${failingShown} failing, ${causeTitles.length} causes`);
      assert.equal((await page.locator('#causes-title').innerText()).trim(), causeTitles.length === 1 ? '1 problem found' : `${causeTitles.length} problems found`);
      const warnShown = await overview.filter({ hasText: /Warning$/ }).count();
      const passShown = await overview.filter({ hasText: /Pass$/ }).count();
      const problems = causeTitles.length === 1 ? '1 problem' : `${causeTitles.length} problems`;
      const explained = failingShown - causeTitles.length;
      const from = causeTitles.length === 1 ? 'that problem' : 'those problems';
      assert.equal(
        summary,
        `${problems} to fix. Checks: ${failingShown} failing (${explained} of them follow from ${from}), ` +
          `${warnShown} ${warnShown === 1 ? 'warning' : 'warnings'}, ${passShown} passing.`,
      );
      assert.deepEqual(namesOnChecks, causeTitles, 'Checks names the same causes, in the same order');
      // The sidebar's badge counts the same problems, not the failing checks.
      assert.equal((await page.locator('nav.sidebar li').nth(3).locator('.nav-badge').innerText()).trim(), problems);
      await goTo(page, 'Checks');
      // The step cards are about gathering: a note says so, beside their green "Done".
      assert.match(await page.locator('.steps-note').innerText(), /whether its evidence was gathered/);

      // --- The live table: every probe row names its kind; the echo is the wizard's 4 probes.
      await goTo(page, 'Live ping');
      const kinds = await page.locator('.probe-table tbody tr').evaluateAll((rows) => rows.map((row) => row.getAttribute('data-probe-kind')));
      assert.ok(kinds.length > 0);
      assert.deepEqual(kinds.filter((kind) => kind === null || kind === 'other'), [], 'every row has a known kind');
      assert.equal(kinds.filter((kind) => kind === 'icmp').length, 4, `echo rows: ${kinds.join(',')}`);
      assert.ok(kinds.includes('path-mtu'), 'path-MTU probes are labelled');
      assert.ok(kinds.includes('transparency'), 'error probes are labelled');
      const labelOf = async (kind: string): Promise<string> => (await page.locator(`.probe-table tbody tr[data-probe-kind="${kind}"] .probe-kind`).first().innerText()).trim();
      assert.deepEqual([await labelOf('icmp'), await labelOf('path-mtu'), await labelOf('transparency')], ['Echo', 'Path MTU', 'Error return']);
      assert.equal(await page.locator('.probe-table thead th').nth(1).innerText(), 'Probe');
      // Echo, path MTU and error return, and the Path step's trace probes where it ran: one legend entry per kind present.
      assert.equal(await page.locator('.probe-kinds dt').count(), new Set(kinds).size, `the legend explains the kinds present: ${[...new Set(kinds)].join(', ')}`);
      await switchLanguage(page, 'ja');
      assert.deepEqual([await labelOf('icmp'), await labelOf('path-mtu'), await labelOf('transparency')], ['エコー', '経路 MTU', 'エラー返送']);
      await switchLanguage(page, 'en');

      // --- Code blocks: at a narrow width, every fix of every failing finding shows whole.
      await page.setViewportSize(NARROW);
      await goTo(page, 'Findings');
      const failingCount = await overview.filter({ hasText: /Fail$/ }).count();
      const blocks: Array<BlockGeometry & { finding: number }> = [];
      for (let index = 0; index < failingCount; index += 1) {
        await overview.filter({ hasText: /Fail$/ }).nth(index).click();
        blocks.push(...(await blockGeometry(page)).map((block) => ({ ...block, finding: index })));
      }
      assert.ok(blocks.length > 0, 'the failing findings have fixes');
      const clipped = blocks.filter((block) => block.scrollWidth > block.clientWidth).map((block) => `${block.scrollWidth} > ${block.clientWidth}: ${block.text.slice(0, 60)}`);
      assert.deepEqual(clipped, [], 'no code block runs past its edge');
      for (const block of blocks) {
        // The continuation cue: only a wrapped line's continuation is indented.
        assert.match(block.textIndent, /hanging/);
        assert.match(block.textIndent, /each-line/);
      }
      const wrapped = blocks.filter((block) => block.longestLineStarts.length > 1);
      assert.ok(wrapped.length > 0, 'some command is long enough to wrap at this width');
      for (const block of wrapped) {
        const [first, ...continued] = block.longestLineStarts as [number, ...number[]];
        for (const left of continued) assert.ok(left - first >= 10, `a continuation line is indented: ${left} vs ${first}`);
      }

      // Copy the longest wrapped command: the clipboard holds it exactly, as one line.
      const longest = wrapped.reduce((a, b) => (b.text.length > a.text.length ? b : a));
      await overview.filter({ hasText: /Fail$/ }).nth(longest.finding).click();
      await page.locator('article.finding').getByRole('button', { name: longest.copyName, exact: true }).first().click();
      await page.locator('[role="status"]', { hasText: 'Copied' }).first().waitFor();
      const clipboard = await page.evaluate(() => (Reflect.get(globalThis, 'navigator') as { clipboard: { readText(): Promise<string> } }).clipboard.readText());
      assert.equal(clipboard, longest.text);
      assert.equal(clipboard.split('\n').length, longest.text.split('\n').length, 'no line break was added by the wrapping');
      assert.deepEqual(app.problems, []);
    });
    await ui.lab.applyPolicy('none');
  });
});
