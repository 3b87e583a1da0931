// The wizard with the keyboard alone: skip link, a logical tab order, visible focus, Enter and
// Space on controls, the new screen's heading focused after each navigation, Escape to
// cancel a running check, open a cause, Copy on its fix — through to the findings of a real run.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { POLICY_SCENARIOS } from '../lab/policy-scenarios';
import { openApp, withPage } from './support/browser';
import { focused, tabTo } from './support/keyboard';
import { uiSkipReason } from './support/scenario';
import { useUiLab } from './support/ui-lab';
import { FINDING_IDS } from '../../contract/findings';

describe('keyboard only', { skip: uiSkipReason() }, () => {
  const ui = useUiLab();

  it('from the skip link to a fix on the clipboard, without a mouse', async () => {
    const scenario = POLICY_SCENARIOS.find((entry) => entry.id === 'refuse-echo-v4');
    assert.ok(scenario);
    await ui.lab.applyPolicy(scenario.policy);
    const app = await openApp(ui.browser, { bridge: ui.bridge });
    await withPage('keyboard-run', app, async (page) => {
      await page.locator('#screen-title').waitFor();
      // First Tab: the skip link; Enter takes focus past the header and the steps.
      await page.keyboard.press('Tab');
      assert.equal((await focused(page)).name, 'Skip to main content');
      await page.keyboard.press('Enter');
      assert.equal((await focused(page)).id, 'main');

      // From the top, the order is header → steps → the screen's fields.
      await page.keyboard.press('Shift+Tab');
      const order = [(await focused(page)).name];
      for (let step = 0; step < 3; step += 1) {
        await page.keyboard.press('Shift+Tab');
        order.push((await focused(page)).name);
      }
      assert.match(order[0] ?? '', /^6?Export/, `last step in the sidebar comes right before the screen: ${order.join(' | ')}`);
      const passed = await tabTo(page, /^Target$/);
      assert.ok(passed.length <= 8, `the first field follows the sidebar: ${passed.join(' → ')}`);
      const target = await focused(page);
      assert.equal(target.tag, 'input');
      assert.match(target.outline, /^(solid|auto) [1-9]/, `focus is visible: ${target.outline}`);

      await page.keyboard.type(scenario.target);
      await tabTo(page, /^TCP port/);
      await page.keyboard.type(String(scenario.tcpPort));
      // Enter in a field submits the form: Run.
      await page.keyboard.press('Enter');
      const heading = await focused(page);
      assert.equal(heading.id, 'screen-title', 'the Checks heading takes focus');
      assert.equal(heading.name, 'Checks');
      await page.getByText('The checks have finished.').waitFor({ timeout: 60_000 });

      await tabTo(page, /^Review the findings$/);
      await page.keyboard.press('Enter');
      assert.deepEqual([(await focused(page)).id, (await focused(page)).name], ['screen-title', 'Findings']);

      // The causes come first: Enter on the one cause opens it, and its heading takes focus.
      await tabTo(page, /^Show: /);
      await page.keyboard.press('Enter');
      const cause = await focused(page);
      assert.equal(cause.tag, 'h2');
      assert.equal(cause.name, 'ICMP dropped or refused by policy');
      assert.equal(await page.locator('article.finding .finding-position').innerText(), `Finding ${FINDING_IDS.indexOf('icmp-policy') + 1} of ${FINDING_IDS.length}`);
      assert.match(await page.locator('article.finding .finding-head .badge').innerText(), /Fail/);

      // Its first fix, copied with Enter; the live region says so.
      await tabTo(page, /^Copy: /);
      const copyName = (await focused(page)).name;
      await page.keyboard.press('Enter');
      await page.locator('[role="status"]', { hasText: 'Copied' }).first().waitFor();
      const fixTitle = copyName.replace(/^Copy: /, '');
      const expected = await page.locator('li.fix', { has: page.getByRole('heading', { name: fixTitle, exact: true }) }).locator('pre code').innerText();
      const clipboard = await page.evaluate(() => (Reflect.get(globalThis, 'navigator') as { clipboard: { readText(): Promise<string> } }).clipboard.readText());
      assert.equal(clipboard, expected);

      // Walk back with Space on "Previous finding": its heading takes focus.
      await tabTo(page, /Previous finding$/);
      await page.keyboard.press(' ');
      const previous = await focused(page);
      assert.equal(previous.tag, 'h2');
      assert.equal(previous.name, 'Path MTU');
      assert.equal(await page.locator('article.finding .finding-position').innerText(), `Finding ${FINDING_IDS.indexOf('path-mtu') + 1} of ${FINDING_IDS.length}`);
      assert.deepEqual(app.problems, []);
    });
    await ui.lab.applyPolicy('none');
  });

  it('Escape cancels a running check', async () => {
    // Echo silently dropped: the probes wait out their timeouts, so the run takes seconds.
    const scenario = POLICY_SCENARIOS.find((entry) => entry.id === 'drop-echo-v4');
    assert.ok(scenario);
    await ui.lab.applyPolicy(scenario.policy);
    const app = await openApp(ui.browser, { bridge: ui.bridge });
    await withPage('keyboard-escape', app, async (page) => {
      await page.locator('#screen-title').waitFor();
      await tabTo(page, /^Target$/);
      await page.keyboard.type(scenario.target);
      await page.keyboard.press('Enter');
      await page.locator('.step-item .badge', { hasText: 'Running' }).first().waitFor();
      const cancelsBefore = ui.bridge.events.filter((event) => event.type === 'cancel').length;
      await page.keyboard.press('Escape');
      await page.getByText('The checks were cancelled.').waitFor({ timeout: 10_000 });
      assert.ok(ui.bridge.events.filter((event) => event.type === 'cancel').length > cancelsBefore, 'running calls were cancelled in the core');
      assert.ok((await page.locator('.step-item .badge', { hasText: 'Cancelled' }).count()) > 0);
      assert.equal(await page.locator('.phase-chip').innerText(), 'Cancelled');
      assert.deepEqual(app.problems, []);
    });
    await ui.lab.applyPolicy('none');
  });
});
