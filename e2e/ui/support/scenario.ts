// Shared by the UI tests: the lab, a core worker behind a bridge, Chromium, and a directory
// the unprivileged core can write reports into (the save dialog's stand-in).

import assert from 'node:assert/strict';
import { chmodSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import type { FindingId, FindingStatus } from '../../../contract/findings';
import type { Report } from '../../../contract/report';
import { FINDING_IDS } from '../../../contract/findings';
import { labUnavailableReason } from '../../lab/lab';
import { chromiumUnavailableReason } from './browser';
import { openFinding, STATUS_WORDS } from './wizard-page';

/** Why the UI tests that need the lab and Chromium cannot run here, or false. */
export function uiSkipReason(): string | false {
  return labUnavailableReason() ?? chromiumUnavailableReason() ?? false;
}

/** A directory the unprivileged core (65534) can write to and read from. */
export function sharedDirectory(prefix: string): { path: string; remove(): void } {
  const path = mkdtempSync(join(tmpdir(), prefix));
  chmodSync(path, 0o777);
  return { path, remove: () => rmSync(path, { recursive: true, force: true }) };
}

/** Every finding's status as the Findings screen shows it, walked in order through the overview. */
export async function statusesShown(page: Page): Promise<Record<FindingId, FindingStatus>> {
  const words = new Map(Object.entries(STATUS_WORDS).map(([status, word]) => [word, status as FindingStatus]));
  const shown: Partial<Record<FindingId, FindingStatus>> = {};
  for (let index = 0; index < FINDING_IDS.length; index += 1) {
    const { id, status } = await openFinding(page, index);
    assert.equal(id, FINDING_IDS[index], 'findings are shown in FINDING_IDS order');
    const parsed = words.get(status);
    assert.ok(parsed, `status word "${status}"`);
    shown[id] = parsed;
  }
  return shown as Record<FindingId, FindingStatus>;
}

export function failing(statuses: Record<FindingId, FindingStatus>): FindingId[] {
  return FINDING_IDS.filter((id) => statuses[id] === 'fail');
}

export function readReport(path: string): Report {
  return JSON.parse(readFileSync(path, 'utf8')) as Report;
}

export type { Browser };
