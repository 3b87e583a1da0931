// The pure half of "save the report": what the save dialog offers, and the path and format
// the user's answer means. register-ipc.ts shows the dialog and writes through the handler
// table's writeReport (which redacts the API token).

import { basename, extname } from 'node:path';
import type { WizardApi } from '../../contract/api';
import type { DoctorBridge, SaveReportResult } from '../../contract/bridge';
import { REPORT_SCHEMA, type Report } from '../../contract/report';
import { fail, ok, type Result } from '../../contract/result';
import { reportFormatFor } from '../report/index';

export interface FileFilter {
  name: string;
  extensions: string[];
}

/** The save dialog's choices; the format follows the extension the user picks. */
export const REPORT_FILTERS: readonly FileFilter[] = [
  { name: 'HTML report', extensions: ['html', 'htm'] },
  { name: 'JSON report', extensions: ['json'] },
  { name: 'Markdown report', extensions: ['md'] },
];

const FALLBACK_NAME = 'icmp-doctor-report.html';

/** The filters with the one matching the suggested name first, so the dialog starts on it. */
export function saveDialogFilters(suggestedName: string): FileFilter[] {
  const extension = extname(suggestedName).slice(1).toLowerCase();
  const matches = (filter: FileFilter): boolean => filter.extensions.includes(extension);
  return [...REPORT_FILTERS.filter(matches), ...REPORT_FILTERS.filter((filter) => !matches(filter))].map((filter) => ({
    name: filter.name,
    extensions: [...filter.extensions],
  }));
}

/**
 * The file name to suggest: the renderer's suggestion reduced to a plain name (no
 * directories, no control characters), with a report extension; a fallback otherwise.
 */
export function suggestedReportName(suggested: unknown): string {
  if (typeof suggested !== 'string') return FALLBACK_NAME;
  const name = basename(suggested.replace(/\\/g, '/')).replace(/[\u0000-\u001f\u007f]/g, '').trim().slice(0, 200);
  if (name === '' || name === '.' || name === '..') return FALLBACK_NAME;
  return reportFormatFor(name).ok ? name : `${name}.html`;
}

/** null when `value` looks like a report (the renderers check the rest); otherwise why not. */
export function reportProblem(value: unknown): string | null {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return 'the report must be an object';
  const report = value as Partial<Record<keyof Report, unknown>>;
  if (report.schema !== REPORT_SCHEMA) return `the report's schema must be "${REPORT_SCHEMA}"`;
  if (!Array.isArray(report.findings) || !Array.isArray(report.probes)) return 'the report lacks its findings or probes';
  return null;
}

/**
 * The path to write and its format. Some save dialogs (GTK) do not add the chosen filter's
 * extension: a name without one gets the suggested name's extension.
 */
export function chosenReportPath(
  dialogPath: string,
  suggestedName: string,
): Result<{ path: string; format: SaveReportResult['format'] }, 'BAD_FORMAT'> {
  const path = extname(dialogPath) === '' ? `${dialogPath}${extname(suggestedName)}` : dialogPath;
  const format = reportFormatFor(path);
  if (!format.ok) return fail('BAD_FORMAT', format.message);
  return ok({ path, format: format.value });
}

/** The language the window asked for; anything else (or nothing) leaves the report's default. */
export function reportLang(value: unknown): 'en' | 'ja' | undefined {
  return value === 'en' || value === 'ja' ? value : undefined;
}

export type SaveReportAnswer = Awaited<ReturnType<DoctorBridge['saveReport']>>;

/**
 * Writes `report` (already checked by reportProblem) where the save dialog said, through the
 * handler table's writeReport — which redacts the API token it holds and writes atomically.
 */
export async function writeChosenReport(
  api: Pick<WizardApi, 'writeReport'>,
  report: Report,
  dialogPath: string,
  suggestedName: string,
  lang?: 'en' | 'ja',
): Promise<SaveReportAnswer> {
  const chosen = chosenReportPath(dialogPath, suggestedName);
  if (!chosen.ok) return chosen;
  const written = await api.writeReport({ report, path: chosen.value.path, format: chosen.value.format, ...(lang ? { lang } : {}) });
  if (!written.ok) return written;
  return ok({ path: written.value.path, bytes: written.value.bytes, format: chosen.value.format });
}
