// What a user does in the wizard, as steps a test can take: by role and accessible name, the
// way a screen reader finds things, so these helpers also prove the labels are there.

import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import type { FindingId, FindingStatus } from '../../../contract/findings';
import type { Product } from '../../../contract/evidence';
import type { ReportFormat } from '../../../contract/report';

export type ScreenName = 'Setup' | 'Evidence' | 'Checks' | 'Findings' | 'Live ping' | 'Export';

export async function goTo(page: Page, screen: ScreenName): Promise<void> {
  await page.getByRole('navigation', { name: 'Wizard steps' }).getByRole('button', { name: new RegExp(`^${screen}\\b`) }).click();
  await page.getByRole('heading', { level: 1 }).and(page.locator('#screen-title')).waitFor();
}

export const SCREEN_IDS = ['setup', 'evidence', 'checks', 'findings', 'live', 'export'] as const;
export type ScreenId = (typeof SCREEN_IDS)[number];

/** Navigates by position in the sidebar: works in every language. */
export async function goToScreen(page: Page, screen: ScreenId): Promise<void> {
  await page.locator('nav.sidebar button').nth(SCREEN_IDS.indexOf(screen)).click();
  await page.locator('#screen-title').waitFor();
}

export async function switchLanguage(page: Page, language: 'en' | 'ja'): Promise<void> {
  await page.locator(`.language button[lang="${language}"]`).click();
  await page.locator(`html[lang="${language}"]`).waitFor({ state: 'attached' });
}

export interface SetupValues {
  target?: string;
  tcpPort?: number;
  product?: Product;
  unreachable?: string;
}

const PRODUCT_LABELS: Readonly<Record<Product, RegExp>> = {
  cloudflare: /^Cloudflare/,
  twingate: /^Twingate/,
  firezone: /^Firezone/,
  generic: /^Other \/ none/,
};

export async function fillSetup(page: Page, values: SetupValues): Promise<void> {
  if (values.product) await page.getByRole('radio', { name: PRODUCT_LABELS[values.product] }).check();
  if (values.target !== undefined) await page.getByLabel('Target', { exact: true }).fill(values.target);
  if (values.tcpPort !== undefined) await page.getByLabel('TCP port (optional)').fill(String(values.tcpPort));
  if (values.unreachable !== undefined) await page.getByLabel('Address expected to be unreachable (optional)').fill(values.unreachable);
}

/** Presses Run and waits until the checks have finished (or the timeout, then fails). */
export async function runChecks(page: Page, timeoutMs = 60_000): Promise<void> {
  await page.getByRole('button', { name: 'Run the checks' }).click();
  await waitForFinish(page, timeoutMs);
}

export async function waitForFinish(page: Page, timeoutMs = 60_000): Promise<void> {
  await page.getByText('The checks have finished.').waitFor({ timeout: timeoutMs });
}

/** The verdict of each finding, as the Findings screen's overview shows it (ids from the detail). */
export async function findingStatuses(page: Page): Promise<Record<string, string>> {
  const items = page.getByRole('navigation', { name: 'All findings' }).getByRole('button');
  const count = await items.count();
  const result: Record<string, string> = {};
  for (let index = 0; index < count; index += 1) {
    const text = (await items.nth(index).innerText()).replace(/\s+/g, ' ').trim();
    result[String(index + 1)] = text;
  }
  return result;
}

/** Opens finding `index` (0-based) and returns its id and visible status word. */
export async function openFinding(page: Page, index: number): Promise<{ id: FindingId; status: string }> {
  await page.getByRole('navigation', { name: 'All findings' }).getByRole('button').nth(index).click();
  const article = page.locator('article.finding');
  const id = (await article.getAttribute('data-finding')) as FindingId;
  const status = (await article.locator('.finding-head .badge').innerText()).replace(/^\W+/, '').trim();
  return { id, status };
}

export const STATUS_WORDS: Readonly<Record<FindingStatus, string>> = { pass: 'Pass', fail: 'Fail', warn: 'Warning', skip: 'Skipped', unknown: 'Unknown' };

/** Saves the report in `format` from the Export screen and returns the path the app shows. */
export async function exportReport(page: Page, format: ReportFormat): Promise<string> {
  await goTo(page, 'Export');
  const names: Readonly<Record<ReportFormat, RegExp>> = { json: /^JSON/, html: /^HTML/, md: /^Markdown/ };
  await page.getByRole('radio', { name: names[format] }).check();
  await page.getByRole('button', { name: 'Save the report…' }).click();
  // The path of this save (an earlier one may still be shown until it arrives).
  const saved = page.locator('.export-result .saved-path', { hasText: new RegExp(`\\.${format}$`) });
  await saved.waitFor();
  const path = await saved.innerText();
  assert.ok(path.endsWith(`.${format}`), `saved as ${path}`);
  return path;
}
