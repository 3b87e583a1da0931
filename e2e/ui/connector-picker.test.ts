// Two connector processes on one host, in the app (issue 9): real stand-in cloudflared
// processes in a lab PID namespace, the real core running beside them (so its /proc scan finds
// exactly these two), Debian's Chromium showing the result. The namespace's ping_group_range is
// `0 0`. A: `cloudflared --protocol http2 --config A` as root, as Debian's service runs it (its
// group is admitted); B: a renamed copy, `--config B` (quic), as 65532 — the container image's
// user, which `0 0` does not admit. The core runs as root too: only root may read the /proc
// of both (and its own gid 0 is admitted, so this machine's ICMP works). The picker lists both, the
// roll-up (selected by default) shows both causes, each connector shows only its own cause and
// fixes — never the other's config path — by mouse and by keyboard, in English and Japanese;
// the sidebar count follows what is shown; the exported report carries both verdicts.
// Screenshots of the Findings screen (light/dark, en/ja) go to e2e/artifacts/ui/.

import assert from 'node:assert/strict';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import type { FindingId } from '../../contract/findings';
import { englishProse } from '../../test-support/i18n/english-prose';
import { standInProgram, startStandIn } from '../cli/support/lab-stand-in';
import { PidNamespace } from '../cli/support/pid-namespace';
import { ADDRESSES, createLab, type Lab } from '../lab/lab';
import { axeViolations, describeViolations, seriousOnly } from './support/axe';
import { ARTIFACTS, launchChromium, openApp, withPage } from './support/browser';
import { startCoreBridge, type CoreBridge } from './support/core-bridge';
import { focused } from './support/keyboard';
import { readReport, sharedDirectory, uiSkipReason } from './support/scenario';
import { fillSetup, goToScreen, runChecks, switchLanguage } from './support/wizard-page';

const JAPANESE = /[\u3040-\u30ff\u3400-\u9fff]/;
/** Admits gid 0 (the core and A), not B's 65532. */
const RANGE = [0, 0] as const;
const B_GID = 65532;

interface Connector {
  pid: number;
  program: string;
  config: string;
}

async function causesShown(page: Page): Promise<FindingId[]> {
  return page.locator('.causes-summary [data-cause]').evaluateAll((items) => items.map((item) => (item as unknown as { dataset: { cause: string } }).dataset.cause as FindingId));
}

async function findingsBadge(page: Page): Promise<string> {
  return (await page.locator('nav.sidebar li').nth(3).locator('.nav-badge').innerText()).trim();
}

function radio(page: Page, name: string | RegExp) {
  return page.getByRole('radiogroup').getByRole('radio', { name, exact: typeof name === 'string' });
}

/** Everything the Findings screen says about the shown verdict: causes, every finding's evidence and fixes. */
async function shownText(page: Page): Promise<string> {
  const parts = [await page.locator('.causes-summary').innerText()];
  const items = page.locator('nav.finding-overview button');
  const count = await items.count();
  for (let index = 0; index < count; index += 1) {
    await items.nth(index).click();
    parts.push(await page.locator('article.finding').innerText());
  }
  return parts.join('\n');
}

describe('the app with two connector processes on the host', { skip: uiSkipReason() }, () => {
  let lab: Lab;
  let space: PidNamespace;
  let bridge: CoreBridge;
  let browser: Browser;
  let dir: string;
  let reports: ReturnType<typeof sharedDirectory>;
  let a: Connector;
  let b: Connector;

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'icd-ui-picker-'));
    // The stand-ins and the unprivileged core read their programs and configs under it.
    chmodSync(dir, 0o755);
    const configs = join(dir, 'etc');
    mkdirSync(configs, { mode: 0o755 });
    const configA = join(configs, 'tunnel-a.yml');
    const configB = join(configs, 'tunnel-b.yml');
    writeFileSync(configA, 'tunnel: 6ff42ae2-765d-4adf-8112-31c55c1551ef\nprotocol: http2\n', { mode: 0o644 });
    writeFileSync(configB, 'tunnel: 0b7c1e7a-2d0e-4b4e-9d59-1f0e7a3c9b21\nprotocol: quic\n', { mode: 0o644 });

    lab = await createLab({ clientPingGroupRange: RANGE });
    await lab.serveTcp();
    space = await PidNamespace.start(lab, 'client');
    const start = async (name: string, uid: number, args: string[], config: string): Promise<Connector> => {
      const home = join(dir, name);
      mkdirSync(home);
      const pid = await startStandIn(space, { dir: home, program: name, uid, gid: uid, args, env: { PATH: '/usr/bin:/bin' } });
      return { pid, program: standInProgram(home, name), config };
    };
    a = await start('cloudflared', 0, ['tunnel', '--no-autoupdate', '--protocol', 'http2', '--config', configA, 'run'], configA);
    // Another executable name: found by what it is, told apart from A by its own /proc.
    b = await start('cloudflared-b', B_GID, ['tunnel', '--no-autoupdate', '--config', configB, 'run'], configB);
    reports = sharedDirectory('icd-ui-picker-reports-');
    bridge = await startCoreBridge(lab, { space, user: 'root', saveAs: (name) => join(reports.path, name) });
    browser = await launchChromium();
    mkdirSync(ARTIFACTS, { recursive: true });
  });

  after(async () => {
    await browser?.close();
    await bridge?.close();
    space?.stop();
    await lab?.destroy();
    reports?.remove();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  /** Runs a Cloudflare check of the lab's server and opens Findings. */
  async function diagnose(page: Page): Promise<void> {
    await fillSetup(page, { product: 'cloudflare', target: ADDRESSES.server.main.v4, tcpPort: 8080 });
    await runChecks(page);
    await goToScreen(page, 'findings');
  }

  it('lists both processes, shows both causes by default and each connector\'s own cause and fixes when picked', async () => {
    const app = await openApp(browser, { bridge });
    await withPage('connector-picker', app, async (page) => {
      await diagnose(page);

      // --- The list: both pids, with what tells them apart; the roll-up is the default.
      const group = page.getByRole('radiogroup', { name: '2 connector processes found on this host' });
      await group.waitFor();
      assert.equal(await radio(page, 'All connectors on this host').isChecked(), true);
      const optionA = page.locator(`[data-connector-option="connector-${a.pid}"]`);
      const optionB = page.locator(`[data-connector-option="connector-${b.pid}"]`);
      assert.equal(await radio(page, `cloudflared pid ${a.pid}`).count(), 1);
      assert.equal(await radio(page, `cloudflared pid ${b.pid}`).count(), 1);
      const factsA = await optionA.innerText();
      const factsB = await optionB.innerText();
      assert.ok(factsA.includes(a.program) && factsA.includes('uid 0, gid 0'), factsA);
      assert.ok(factsB.includes(b.program) && factsB.includes(`uid ${B_GID}, gid ${B_GID}`), factsB);
      assert.match(factsA, /Network namespace: net:\[\d+\]/);
      assert.match(factsB, /Network namespace: net:\[\d+\]/);
      assert.ok(factsA.includes(a.config) && !factsA.includes(b.config), `A's own config: ${factsA}`);
      assert.ok(factsB.includes(b.config) && !factsB.includes(a.config), `B's own config: ${factsB}`);

      // --- The roll-up: both connectors' causes; a finding from one connector says whose.
      const rollUp = await causesShown(page);
      assert.ok(rollUp.includes('tunnel-transport') && rollUp.includes('connector-gid-range'), rollUp.join(' '));
      assert.equal(await page.locator(`.causes-summary [data-cause="tunnel-transport"] .connector-tag`).innerText(), `cloudflared pid ${a.pid}`);
      assert.equal(await page.locator(`.causes-summary [data-cause="connector-gid-range"] .connector-tag`).innerText(), `cloudflared pid ${b.pid}`);
      assert.equal(await findingsBadge(page), `${rollUp.length} problems`);

      // --- A alone: its transport cause, not B's group; nothing of B in its causes, evidence or fixes.
      await radio(page, `cloudflared pid ${a.pid}`).check();
      await page.getByRole('status').filter({ hasText: `Showing cloudflared pid ${a.pid} only` }).waitFor();
      const causesA = await causesShown(page);
      assert.ok(causesA.includes('tunnel-transport') && !causesA.includes('connector-gid-range'), causesA.join(' '));
      assert.equal(await findingsBadge(page), causesA.length === 1 ? '1 problem' : `${causesA.length} problems`);
      assert.match(await page.locator('#causes-retest + .code-block, .causes-summary pre').first().innerText(), new RegExp(`--pid ${a.pid}\\b`));
      const textA = await shownText(page);
      assert.ok(textA.includes(a.config), 'A\'s fixes name its config');
      assert.ok(!textA.includes(b.config) && !textA.includes(b.program) && !textA.includes(`pid ${b.pid}`), `nothing of B in A's view:\n${textA}`);

      // --- B alone: its group cause, not A's transport; nothing of A.
      await radio(page, `cloudflared pid ${b.pid}`).check();
      const causesB = await causesShown(page);
      assert.ok(causesB.includes('connector-gid-range') && !causesB.includes('tunnel-transport'), causesB.join(' '));
      assert.equal(await findingsBadge(page), causesB.length === 1 ? '1 problem' : `${causesB.length} problems`);
      // The Checks screen counts what Findings shows, and says for whom.
      await goToScreen(page, 'checks');
      assert.equal(await page.locator('.connector-counted').innerText(), `Counted for cloudflared pid ${b.pid} only, as picked on the Findings screen.`);
      assert.equal(await page.locator('.verdict-counts').getAttribute('data-problems'), String(causesB.length));
      await goToScreen(page, 'findings');
      assert.equal(await radio(page, `cloudflared pid ${b.pid}`).isChecked(), true, 'the pick outlives a visit to another screen');
      const textB = await shownText(page);
      assert.ok(textB.includes(String(B_GID)), 'B\'s group is its evidence');
      assert.ok(!textB.includes(a.config) && !textB.includes(a.program) && !textB.includes(`pid ${a.pid}`), `nothing of A in B's view:\n${textB}`);

      // --- Back to all of them.
      await radio(page, 'All connectors on this host').check();
      assert.deepEqual(await causesShown(page), rollUp);
      assert.deepEqual(app.problems, []);
    });
  });

  it('is a radio group the keyboard moves through', async () => {
    const app = await openApp(browser, { bridge });
    await withPage('connector-picker-keyboard', app, async (page) => {
      await diagnose(page);
      await radio(page, 'All connectors on this host').focus();
      await page.keyboard.press('ArrowDown');
      assert.equal((await focused(page)).tag, 'input');
      assert.equal(await radio(page, `cloudflared pid ${a.pid}`).isChecked(), true);
      assert.equal((await causesShown(page)).includes('connector-gid-range'), false);
      await page.keyboard.press('ArrowDown');
      assert.equal(await radio(page, `cloudflared pid ${b.pid}`).isChecked(), true);
      assert.equal((await causesShown(page)).includes('tunnel-transport'), false);
      // Tab leaves the group: one stop for the whole choice, then the causes.
      await page.keyboard.press('Tab');
      assert.notEqual((await focused(page)).tag, 'input');
      await page.keyboard.press('Shift+Tab');
      assert.equal(await radio(page, `cloudflared pid ${b.pid}`).evaluate((element) => element === (element as unknown as { ownerDocument: { activeElement: unknown } }).ownerDocument.activeElement), true);
      await page.keyboard.press('ArrowUp');
      await page.keyboard.press('ArrowUp');
      assert.equal(await radio(page, 'All connectors on this host').isChecked(), true);
    });
  });

  it('speaks Japanese, keeps the export whole, and is axe-clean in both themes and languages (screenshots)', async () => {
    for (const theme of ['light', 'dark'] as const) {
      const app = await openApp(browser, { bridge, colorScheme: theme });
      await withPage(`connector-picker-${theme}`, app, async (page) => {
        await diagnose(page);
        await radio(page, `cloudflared pid ${b.pid}`).check();
        const found: string[] = [];
        for (const language of ['en', 'ja'] as const) {
          await switchLanguage(page, language);
          await page.locator('fieldset.connector-picker').scrollIntoViewIfNeeded();
          await page.screenshot({ path: join(ARTIFACTS, `connector-picker-${theme}-${language}.png`), fullPage: true });
          const violations = seriousOnly(await axeViolations(page));
          if (violations.length > 0) found.push(`${theme}, ${language}:\n  ${describeViolations(violations)}`);
        }
        assert.deepEqual(found, [], found.join('\n\n'));

        // Japanese: the legend, the options and the facts' labels; names and paths stay as they are.
        const legend = (await page.locator('fieldset.connector-picker legend').innerText()).trim();
        assert.equal(legend, 'このホストでコネクタのプロセスが 2 個見つかりました');
        assert.equal(await page.getByRole('radio', { name: 'このホストのすべてのコネクタ' }).count(), 1);
        const factsB = await page.locator(`[data-connector-option="connector-${b.pid}"]`).innerText();
        assert.match(factsB, /実行ファイル/);
        assert.match(factsB, /設定ファイル/);
        assert.ok(factsB.includes(`uid ${B_GID}、gid ${B_GID}`), factsB);
        assert.match(await page.locator('.connector-showing').innerText(), new RegExp(`^cloudflared pid ${b.pid} の診断結果・原因・対処だけを表示しています。$`));
        assert.match(await findingsBadge(page), /^問題 \d+ 件$/);
        const picker = await page.locator('fieldset.connector-picker').innerText();
        assert.deepEqual(englishProse(picker), [], picker);
        const titles = await page.locator('.causes-summary [data-cause] .link-button').allInnerTexts();
        for (const title of titles) assert.match(title, JAPANESE, title);

        if (theme === 'light') {
          // The export holds the roll-up and both connectors' own verdicts, whichever is shown.
          await goToScreen(page, 'export');
          assert.match(await page.locator('.screen .subtle').filter({ hasText: 'コネクタ' }).first().innerText(), /2 個のコネクタのプロセスそれぞれの判定も含みます/);
          await page.locator('input[name="format"][value="json"]').check();
          await page.locator('.actions .button.primary').click();
          const path = (await page.locator('.export-result .saved-path', { hasText: /\.json$/ }).innerText()).trim();
          const report = readReport(path);
          assert.deepEqual(report.connectors?.map((verdict) => verdict.connector.pid), [a.pid, b.pid]);
          assert.ok(report.connectors?.[0]?.causes.includes('tunnel-transport') && !report.connectors[0].causes.includes('connector-gid-range'));
          assert.ok(report.connectors?.[1]?.causes.includes('connector-gid-range') && !report.connectors[1].causes.includes('tunnel-transport'));
          assert.ok(report.causes.includes('tunnel-transport') && report.causes.includes('connector-gid-range'), 'the report leads with the roll-up');
        }
        assert.deepEqual(app.problems, []);
      });
    }
  });
});
