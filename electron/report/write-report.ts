// Writes a report file atomically: readers (and a crash, or a full disk) only ever see the old
// file or the complete new one, never a partial write. Failures are values, never throws.

import { resolve } from 'node:path';
import type { WriteReportRequest } from '../../contract/api';
import type { Report, ReportFormat } from '../../contract/report';
import { fail, type Result } from '../../contract/result';
import { writeFileAtomically, writtenFileName, type WriteTarget } from './atomic-file';
import { localizeReport } from './localize-report';
import { langOf, say } from './say';
import { reportFormatFor } from './report-format';
import { renderHtml } from './render-html';
import { renderJson, type RenderOptions } from './render-json';
import { renderMarkdown } from './render-markdown';

export type WriteReportResult = Result<{ path: string; bytes: number }, 'WRITE_FAILED' | 'BAD_FORMAT'>;

const RENDERERS: Record<ReportFormat, (report: Report, options: RenderOptions) => string> = {
  json: renderJson,
  html: renderHtml,
  md: renderMarkdown,
};

/**
 * Renders `report` in the format its file name (or `format`) asks for and writes it atomically:
 * a temp file in the same directory, fsync, rename over the target, fsync of the directory.
 * On failure the temp file is removed and the target is untouched. `secrets` are redacted on
 * top of what buildReport removed. The report is said in `request.lang` (default: the language
 * it was built in, else English). Resolves `path` (absolute) and the bytes written.
 */
export async function writeReport(request: WriteReportRequest, options: RenderOptions = {}): Promise<WriteReportResult> {
  const { report, path } = request;
  // The request crossed IPC: only a language we speak is taken.
  const lang = request.lang === 'en' || request.lang === 'ja' ? request.lang : langOf(report ?? {});
  const file: WriteTarget = { what: 'report', lang };
  const what = writtenFileName(file);
  if (typeof path !== 'string' || path.trim() === '') return fail('WRITE_FAILED', say(lang, 'report.write.no-path', { what }));
  if (path.includes('\0')) return fail('WRITE_FAILED', say(lang, 'report.write.nul', { what }));
  // resolve() would drop a trailing slash and write a file where a directory was meant.
  if (/[/\\]$/.test(path)) return fail('WRITE_FAILED', say(lang, 'report.write.trailing-slash', { what, path }));
  const format = reportFormatFor(path, request.format, lang);
  if (!format.ok) return format;

  const target = resolve(path);
  let content: Buffer;
  try {
    content = Buffer.from(RENDERERS[format.value](localizeReport(report, lang), options), 'utf8');
  } catch (error) {
    return fail('WRITE_FAILED', say(lang, 'report.write.unrenderable', { what, target, error: error instanceof Error ? error.message : String(error) }));
  }

  return writeFileAtomically(target, content, file);
}
