// The diagnostic report end to end: real probe events from the native addon in the lab (as the
// unprivileged user: replies over the netem link, admin-prohibited v4 and v6, TTL exceeded, a
// blackhole timeout), findings and evidence shaped like contract/ with a real-looking API
// token and a tunnel token planted in them, written in every format, and the HTML opened in
// Debian's Chromium: no script, no request, no console error, the chart and errors there,
// printable to PDF.

import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import type { Report } from '../../contract/report';
import { buildReport } from '../../electron/report/build-report';
import { makeApiToken, makeTunnelToken, sampleReportInput } from '../../test-support/report/sample-report';
import { writeReport } from '../../electron/report/write-report';
import type { ProbeEvent } from '../../native/index';
import { createLab, labUnavailableReason, type Lab } from '../lab/lab';
import { scenario } from '../lab/scenarios';
import { REPO_ROOT, runWorkerOk } from '../support/worker';
import type { PlanJob, ProbeWorkerOutput } from '../native/workers/probe';

const PROBE_WORKER = 'e2e/native/workers/probe.ts';
const CHROMIUM = '/usr/bin/chromium';
const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'];
const SCREENSHOT = join(REPO_ROOT, 'e2e', 'artifacts', 'report.png');

const PLAN: PlanJob[] = [
  { key: 'reply', request: { target: scenario('netem-delay-v4').target, count: 5, intervalMs: 100, timeoutMs: 1000 } },
  { key: 'prohibit-v4', request: { target: scenario('prohibit-v4').target, count: 2, intervalMs: 100, timeoutMs: 1000 } },
  { key: 'prohibit-v6', request: { target: scenario('prohibit-v6').target, count: 1, timeoutMs: 1000 } },
  { key: 'ttl', request: { target: scenario('ttl-exceeded-v4').target, count: 2, intervalMs: 100, ttl: 1, timeoutMs: 1000 } },
  { key: 'blackhole', request: { target: scenario('blackhole-v4').target, count: 1, timeoutMs: 500 } },
];
const EXPECTED = { total: 11, reply: 5, 'icmp-error': 5, timeout: 1 };

function probesOf(output: ProbeWorkerOutput, key: string): ProbeEvent[] {
  const outcome = output.results[key];
  assert.ok(outcome && outcome.thrown === null, `job ${key} did not run: ${JSON.stringify(outcome?.thrown)}`);
  return outcome.probes;
}

describe('report from real probes in the lab', { skip: labUnavailableReason() ?? false }, () => {
  let lab: Lab;
  let dir: string;
  let report: Report;
  let probes: ProbeEvent[];
  const secrets = { apiToken: makeApiToken(), tunnelToken: makeTunnelToken() };
  const files = { json: '', html: '', md: '' };

  before(async () => {
    lab = await createLab();
    await lab.setNetem({ delayMs: 10, jitterMs: 3 });
    const output = await runWorkerOk<ProbeWorkerOutput>(lab, 'client', PROBE_WORKER, [JSON.stringify(PLAN)], { user: 'unprivileged' });
    assert.equal(output.fatal, null);
    const echo = [...probesOf(output, 'reply'), ...probesOf(output, 'prohibit-v4')];
    const transparency = probesOf(output, 'ttl');
    const extraProbes = [...probesOf(output, 'prohibit-v6'), ...probesOf(output, 'blackhole')];
    report = buildReport(sampleReportInput({ secrets, target: scenario('prohibit-v4').target, echo, transparency, extraProbes }));
    probes = report.probes;

    dir = await mkdtemp(join(tmpdir(), 'icd-report-lab-'));
    for (const format of ['json', 'html', 'md'] as const) {
      const result = await writeReport({ report, path: join(dir, `report.${format}`) });
      assert.ok(result.ok, result.ok ? '' : result.message);
      files[format] = await readFile(result.value.path, 'utf8');
    }
  });
  after(async () => {
    lab?.destroy();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('the lab produced the probes the report is about (replies, v4/v6 prohibit, TTL exceeded, a timeout)', () => {
    assert.equal(probes.length, EXPECTED.total);
    for (const status of ['reply', 'icmp-error', 'timeout'] as const) {
      assert.equal(probes.filter((p) => p.status === status).length, EXPECTED[status], status);
    }
    const codes = probes.filter((p) => p.error).map((p) => `v${p.error!.family} ${p.error!.icmpType}/${p.error!.icmpCode}`);
    assert.deepEqual(codes.sort(), ['v4 11/0', 'v4 11/0', 'v4 3/13', 'v4 3/13', 'v6 1/1']);
  });

  it('JSON: the file carries every real probe event unchanged', () => {
    const parsed = JSON.parse(files.json) as Report;
    assert.equal(parsed.schema, 'icmp-doctor/report@1');
    assert.deepEqual(parsed.probes, JSON.parse(JSON.stringify(probes)));
  });

  it('HTML: one chart marker per probe and a decoded row per error, each quoting our probe', () => {
    assert.equal((files.html.match(/data-status="/g) ?? []).length, EXPECTED.total);
    const rows = files.html.match(/<tr class="icmp-error-row">[\s\S]*?<\/tr>/g) ?? [];
    assert.equal(rows.length, EXPECTED['icmp-error']);
    assert.equal(rows.filter((row) => row.includes('<span class="match-yes">yes</span>')).length, EXPECTED['icmp-error']);
    assert.ok(rows.some((row) => row.includes('ICMPv6 1/1') && row.includes('fd00:200:1::1')));
    assert.ok(rows.some((row) => row.includes('ICMPv4 11/0') && row.includes('Time to live exceeded')));
  });

  it('Markdown: the ICMP error table lists the same errors', () => {
    const errorRows = files.md.split('\n').filter((line) => /^\| \d\d:|^\| \d{4}-/.test(line));
    assert.equal(errorRows.length, EXPECTED['icmp-error']);
    assert.equal(errorRows.filter((row) => row.endsWith('| yes |')).length, EXPECTED['icmp-error']);
  });

  it('no planted token reaches any file', () => {
    for (const [format, text] of Object.entries(files)) {
      assert.ok(text.length > 1000, `${format} is suspiciously small`);
      assert.ok(!text.includes(secrets.apiToken), `${format} leaks the API token`);
      assert.ok(!text.includes(secrets.tunnelToken), `${format} leaks the tunnel token`);
    }
  });

  describe('in Chromium', { skip: existsSync(CHROMIUM) ? false : `${CHROMIUM} is missing (apt-get install -y chromium)` }, () => {
    let browser: Browser;
    let page: Page;
    const requests: string[] = [];
    const consoleErrors: string[] = [];
    let url: string;

    before(async () => {
      browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
      page = await browser.newPage({ viewport: { width: 1000, height: 900 } });
      page.on('request', (request) => requests.push(request.url()));
      page.on('console', (message) => {
        if (message.type() === 'error') consoleErrors.push(message.text());
      });
      page.on('pageerror', (error) => consoleErrors.push(error.message));
      url = pathToFileURL(join(dir, 'report.html')).href;
      await page.goto(url, { waitUntil: 'load' });
    });
    after(async () => {
      await browser?.close();
    });

    it('loads with no console error and no request but the file itself', () => {
      assert.deepEqual(consoleErrors, []);
      assert.deepEqual(requests, [url]);
    });

    it('has no script element and renders hostile evidence as text', async () => {
      assert.equal(await page.locator('script').count(), 0);
      assert.equal(await page.locator('img').count(), 0);
      await page.locator('pre', { hasText: '<script>alert("pwned")</script>' }).first().waitFor({ state: 'visible' });
    });

    it('shows every finding and the chart with one point per probe', async () => {
      for (const finding of report.findings) {
        assert.ok(await page.locator(`#finding-${finding.id}`).isVisible(), `${finding.id} is not visible`);
        assert.ok(await page.locator(`#finding-${finding.id} h3`).innerText().then((t) => t.includes(finding.title.slice(0, 30))));
      }
      const chart = page.locator('svg.rtt-chart');
      assert.ok(await chart.isVisible());
      const box = await chart.boundingBox();
      assert.ok(box && box.width > 300 && box.height > 100, `chart box ${JSON.stringify(box)}`);
      assert.equal(await chart.locator('[data-status]').count(), EXPECTED.total);
      assert.equal(await chart.locator('circle[data-status="reply"]').count(), EXPECTED.reply);
      assert.equal(await chart.locator('[data-status="icmp-error"]').count(), EXPECTED['icmp-error']);
      assert.equal(await chart.locator('[data-status="timeout"]').count(), EXPECTED.timeout);
      assert.equal(await page.locator('table.icmp-errors tbody tr').count(), EXPECTED['icmp-error']);
    });

    it('prints to PDF and saves a screenshot', async () => {
      const pdf = await page.pdf({ format: 'A4', printBackground: true });
      assert.equal(pdf.subarray(0, 5).toString('latin1'), '%PDF-');
      assert.ok(pdf.length > 10_000, `PDF of ${pdf.length} bytes`);
      await mkdir(join(REPO_ROOT, 'e2e', 'artifacts'), { recursive: true });
      await page.screenshot({ path: SCREENSHOT, fullPage: true });
      assert.ok(existsSync(SCREENSHOT));
    });

    it('control: this harness does see a CSP violation and a script (so the checks above can fail)', async () => {
      const tampered = files.html.replace('</main>', '<script>document.title = "ran"</script></main>');
      const other = await browser.newPage();
      const errors: string[] = [];
      other.on('console', (message) => {
        if (message.type() === 'error') errors.push(message.text());
      });
      await other.setContent(tampered, { waitUntil: 'load' });
      assert.equal(await other.locator('script').count(), 1);
      assert.notEqual(await other.title(), 'ran', 'the CSP let an inline script run');
      assert.ok(errors.some((text) => /Content Security Policy/i.test(text)), `no CSP error seen: ${errors.join(' | ')}`);
      await other.close();
    });
  });
});
