// Which renderer a report file gets, decided by its name unless the caller says otherwise.

import { extname } from 'node:path';
import type { ReportFormat } from '../../contract/report';
import { fail, ok, type Result } from '../../contract/result';
import type { Locale } from '../../renderer/i18n/messages/locale';
import { say } from './say';

const BY_EXTENSION: Readonly<Record<string, ReportFormat>> = { '.json': 'json', '.html': 'html', '.htm': 'html', '.md': 'md' };
const FORMATS: readonly ReportFormat[] = ['json', 'html', 'md'];

export const ACCEPTED_EXTENSIONS = Object.keys(BY_EXTENSION);

/** `format` when given (checked), else the one the extension names (case-insensitive); a problem said in `lang`. */
export function reportFormatFor(path: string, format?: string, lang: Locale = 'en'): Result<ReportFormat, 'BAD_FORMAT'> {
  if (format !== undefined) {
    if ((FORMATS as readonly string[]).includes(format)) return ok(format as ReportFormat);
    return fail('BAD_FORMAT', say(lang, 'report.format.unknown', { format: String(format), formats: FORMATS.join(', ') }));
  }
  const extension = extname(path).toLowerCase();
  const found = Object.hasOwn(BY_EXTENSION, extension) ? BY_EXTENSION[extension] : undefined;
  if (found !== undefined) return ok(found);
  const accepted = ACCEPTED_EXTENSIONS.join(', ');
  return fail(
    'BAD_FORMAT',
    extension === '' ? say(lang, 'report.format.no-extension', { path, accepted }) : say(lang, 'report.format.bad-extension', { extension, path, accepted }),
  );
}
