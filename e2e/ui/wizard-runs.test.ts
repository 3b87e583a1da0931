// Full wizard runs in Debian's Chromium: the built renderer, its bridge backed by the real
// core in the lab's client namespace as the unprivileged user, real probes through the
// router's policy. Each run goes from Setup to an exported report whose contents are checked:
// the findings the UI showed are the report's, and the evidence proves them.

import assert from 'node:assert/strict';
import { chmod, copyFile, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Browser } from 'playwright-core';
import { FINDING_IDS, type FindingId } from '../../contract/findings';
import { createLab, type Lab } from '../lab/lab';
import { POLICY_SCENARIOS } from '../lab/policy-scenarios';
import { REPO_ROOT } from '../support/worker';
import { launchChromium, openApp, withPage } from './support/browser';
import { startCoreBridge, type CoreBridge } from './support/core-bridge';
import { failing, readReport, sharedDirectory, statusesShown, uiSkipReason } from './support/scenario';
import { exportReport, fillSetup, goTo, openFinding, runChecks } from './support/wizard-page';

const CONNECTOR_ID = 65532;
/** The causes each run leaves: a refusal by policy is icmp-policy's, and tcp-vs-icmp its symptom. */
const CAUSES: Readonly<Record<string, readonly FindingId[]>> = { 'healthy-v4': [], 'refuse-echo-v4': ['icmp-policy'] };

describe('full wizard runs against the real core', { skip: uiSkipReason() }, () => {
  let lab: Lab;
  let browser: Browser;
  let bridge: CoreBridge;
  let directory: ReturnType<typeof sharedDirectory>;

  before(async () => {
    lab = await createLab();
    await lab.serveTcp();
    directory = sharedDirectory('icd-ui-runs-');
    bridge = await startCoreBridge(lab);
    browser = await launchChromium();
  });

  after(async () => {
    await browser?.close();
    await bridge?.close();
    await lab?.destroy();
    directory?.remove();
  });

  for (const id of ['healthy-v4', 'refuse-echo-v4']) {
    const scenario = POLICY_SCENARIOS.find((entry) => entry.id === id);
    assert.ok(scenario, id);

    it(`${id}: ${scenario.description} — the verdicts shown are the report's`, async () => {
      await lab.applyPolicy(scenario.policy);
      bridge.options.saveAs = (name) => join(directory.path, `${id}-${name}`);
      const app = await openApp(browser, { bridge });
      await withPage(id, app, async (page) => {
        await fillSetup(page, { target: scenario.target, tcpPort: scenario.tcpPort, unreachable: scenario.unreachableTarget });
        await runChecks(page);
        await goTo(page, 'Findings');
        // The causes open the screen, in fix order; a symptom names its cause.
        const causesShown = await page.locator('.causes-summary [data-cause]').evaluateAll((items) => items.map((item) => item.getAttribute('data-cause')));
        assert.deepEqual(causesShown, CAUSES[id]);
        const shown = await statusesShown(page);
        assert.deepEqual(failing(shown), scenario.expect.failingFindings, JSON.stringify(shown));
        if (shown['tcp-vs-icmp'] === 'fail') {
          await openFinding(page, FINDING_IDS.indexOf('tcp-vs-icmp'));
          assert.equal(await page.locator('article.finding .explained-by').getAttribute('data-explained-by'), 'icmp-policy');
          assert.equal(await page.locator('article.finding .fix-list').count(), 0, 'a symptom lists no fixes of its own');
        }

        await goTo(page, 'Live ping');
        const rows = await page.locator('table.probe-table tbody tr').count();

        const jsonPath = await exportReport(page, 'json');
        const report = readReport(jsonPath);
        assert.equal(report.schema, 'icmp-doctor/report@1');
        assert.equal(report.app.version, '0.0.0-ui-test', 'the version comes from the bridge');
        assert.equal(report.inputs.target, scenario.target);
        assert.equal(report.inputs.tcpPort, scenario.tcpPort);
        assert.deepEqual(report.causes, CAUSES[id], 'the report holds the causes the UI showed');
        assert.deepEqual(
          report.findings.map((finding) => [finding.id, finding.status]),
          FINDING_IDS.map((findingId) => [findingId, shown[findingId]]),
          'the report holds the verdicts the UI showed, in order',
        );
        assert.equal(report.probes.length, rows, 'the live view showed every probe event the report holds');
        assert.ok(report.evidence.local?.identity.ok && report.evidence.local.identity.value.uid === 65534, 'gathered by the unprivileged core');
        const tcp = report.evidence.probes.tcp;
        assert.ok(tcp?.ok && tcp.value.outcome === scenario.expect.tcp, JSON.stringify(tcp));
        const icmp = report.evidence.probes.icmp;
        assert.ok(icmp?.ok, JSON.stringify(icmp));
        const echo = scenario.expect.echo;
        assert.ok(icmp.value.probes.length > 0);
        for (const probe of icmp.value.probes) {
          assert.equal(probe.status, echo.status);
          if (echo.status === 'icmp-error') {
            assert.equal(probe.error?.name, echo.name);
            assert.equal(probe.error?.from, echo.from);
            assert.equal(probe.error?.original?.dst, scenario.target, 'the error quotes our probe');
          }
        }
        const transparency = report.evidence.probes.transparency;
        assert.ok(transparency?.ok && transparency.value.errorReturned === scenario.expect.errorsReturned);

        const htmlPath = await exportReport(page, 'html');
        const html = await readFile(htmlPath, 'utf8');
        assert.match(html, /^<!doctype html>/i);
        assert.match(html, /<svg/);
        assert.doesNotMatch(html, /<script/i, 'the HTML report runs no script');
        for (const finding of report.findings) {
          // Each finding's article carries its verdict: <article class="finding status-fail" … data-finding="icmp-policy">.
          assert.match(html, new RegExp(`class="finding status-${finding.status}" [^>]*data-finding="${finding.id}"`), finding.id);
        }

        const mdPath = await exportReport(page, 'md');
        const markdown = await readFile(mdPath, 'utf8');
        assert.match(markdown, /^# /m);
        for (const finding of report.findings) assert.ok(markdown.includes(finding.id) || markdown.includes(finding.title), finding.id);
        assert.ok(markdown.includes(scenario.target));
        assert.deepEqual(app.problems, []);
      });
      await lab.applyPolicy('none');
    });
  }

  it('the live view fills while the checks run: rows and chart marks appear before the run ends', async () => {
    // Echo silently dropped: every echo waits out its timeout, so the run lasts seconds.
    const scenario = POLICY_SCENARIOS.find((entry) => entry.id === 'drop-echo-v4');
    assert.ok(scenario);
    await lab.applyPolicy(scenario.policy);
    const app = await openApp(browser, { bridge });
    await withPage('live-updates', app, async (page) => {
      await fillSetup(page, { target: scenario.target, tcpPort: scenario.tcpPort });
      await page.getByRole('button', { name: 'Run the checks' }).click();
      await goTo(page, 'Live ping');
      const rows = page.locator('table.probe-table tbody tr');
      await rows.first().waitFor({ timeout: 30_000 });
      const duringRun = { rows: await rows.count(), phase: await page.locator('.phase-chip').innerText() };
      await page.locator('.phase-chip', { hasText: 'Finished' }).waitFor({ timeout: 60_000 });
      const atEnd = await rows.count();
      assert.equal(duringRun.phase, 'Running', 'the first rows were there while the checks still ran');
      assert.ok(atEnd > duringRun.rows, `more rows arrived afterwards (${duringRun.rows} → ${atEnd}) without leaving the screen`);
      // Silence is drawn as timeouts in the chart's no-reply lane, and listed as such.
      assert.ok((await page.locator('svg.chart-svg .mark-timeout').count()) > 0);
      assert.ok((await page.locator('table.probe-table tbody tr.probe-timeout').count()) > 0);
      // The RTT chart's summary (the Path step's hop chart has its own).
      assert.match(await page.locator('.chart:not(.path-chart) .chart-summary').innerText(), /^No replies, [1-9]\d* timeouts?,/);
      assert.deepEqual(app.problems, []);
    });
    await lab.applyPolicy('none');
  });

  it('the connector’s group is outside ping_group_range: found through a connector report made on the connector host', async () => {
    // The connector host: a stand-in cloudflared running as 65532 in the namespace whose range is "1 0".
    const program = join(directory.path, 'cloudflared');
    await copyFile('/bin/bash', program);
    await chmod(program, 0o755);
    const argv = [program, '-c', 'sleep 600 & wait', 'cloudflared', 'tunnel', '--no-autoupdate', 'run'];
    const standIn = lab.spawn('denied', ['setpriv', `--reuid=${CONNECTOR_ID}`, `--regid=${CONNECTOR_ID}`, '--clear-groups', '--', ...argv]);
    assert.ok(standIn.pid !== undefined);
    await untilExecuted(standIn.pid, argv);

    // There, as its admin would: `sudo icmp-doctor check --connector --report connector.json`.
    const reportPath = join(directory.path, 'connector.json');
    const made = await lab.exec('denied', [process.execPath, join(REPO_ROOT, 'bin/icmp-doctor.cjs'), 'check', '--connector', '--product', 'cloudflare', '--report', reportPath], { cwd: REPO_ROOT });
    assert.ok(made.code === 0 || made.code === 1, `icmp-doctor check --connector exited ${made.code}:\n${made.stderr}\n${made.stdout}`);
    await chmod(reportPath, 0o644);

    bridge.options.pick = (kind) => (kind === 'connector-report' ? reportPath : null);
    bridge.options.saveAs = (name) => join(directory.path, `gid-${name}`);
    const scenario = POLICY_SCENARIOS.find((entry) => entry.id === 'healthy-v4');
    assert.ok(scenario);
    const app = await openApp(browser, { bridge });
    await withPage('connector-gid-range', app, async (page) => {
      await goTo(page, 'Evidence');
      await page.getByRole('button', { name: 'Import a connector report…' }).click();
      const row = page.locator('table.import-table tbody tr').first();
      await page.locator('tr[data-import-state="ok"]').waitFor();
      assert.match(await row.innerText(), new RegExp(`cloudflared pid ${standIn.pid} \\(gid ${CONNECTOR_ID}\\)`));

      await goTo(page, 'Setup');
      await fillSetup(page, { product: 'cloudflare', target: scenario.target, tcpPort: scenario.tcpPort });
      // Its admin runs it with Podman: that style's fixes come first, the others fold under "Other ways".
      await page.getByLabel('How the connector is deployed').selectOption('podman');
      await runChecks(page);
      await goTo(page, 'Findings');
      const shown = await statusesShown(page);
      assert.equal(shown['connector-gid-range'], 'fail', JSON.stringify(shown));

      // The finding in full: its evidence cites the group and the range, its fix is copyable.
      await page.getByRole('navigation', { name: 'All findings' }).getByRole('button', { name: /Connector's group vs ping_group_range/ }).click();
      const article = page.locator('article[data-finding="connector-gid-range"]');
      const text = await article.innerText();
      assert.match(text, /65532/);
      assert.match(text, /"?1 0"?/);
      assert.ok((await article.getByRole('button', { name: /^Copy: / }).count()) > 0, 'a fix with a Copy button');
      assert.equal(await article.locator('li.fix').first().getAttribute('data-fix'), 'ping-range.podman-run');
      assert.equal(await article.locator('h4.other-ways').count(), 1, 'the other styles\' fixes are folded');

      const report = readReport(await exportReport(page, 'json'));
      const finding = report.findings.find((entry) => entry.id === 'connector-gid-range');
      assert.equal(finding?.status, 'fail');
      assert.ok(finding && finding.remediation.length > 0);
      const imported = report.evidence.imported.connectorReports[0];
      assert.ok(imported?.ok, JSON.stringify(imported));
      const connector = imported.value.connectors.ok ? imported.value.connectors.value.find((entry) => entry.pid === standIn.pid) : undefined;
      assert.ok(connector, 'the report carries the connector the host saw');
      assert.deepEqual(connector.gids, [CONNECTOR_ID, CONNECTOR_ID, CONNECTOR_ID, CONNECTOR_ID]);
      assert.deepEqual(connector.pingGroupRange.ok && connector.pingGroupRange.value, { low: 1, high: 0 });
      assert.equal(report.inputs.product, 'cloudflare');
      assert.deepEqual(report.deploy, { style: 'podman', from: 'chosen', signal: null });
      assert.equal(finding.remediation[0]?.id, 'ping-range.podman-run');
      assert.deepEqual(app.problems, []);
    });
  });
});

/** Waits until `pid` has exec'd `argv` (ip netns exec → setpriv → the program keep the pid). */
async function untilExecuted(pid: number, argv: readonly string[]): Promise<void> {
  for (let attempt = 0; attempt < 500; attempt += 1) {
    try {
      const parts = (await readFile(`/proc/${pid}/cmdline`, 'utf8')).split('\0');
      parts.pop();
      if (JSON.stringify(parts) === JSON.stringify(argv)) return;
    } catch {
      // Not there yet, or already gone: try again.
    }
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error(`pid ${pid} never became ${argv.join(' ')}`);
}
