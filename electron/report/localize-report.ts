// A report said in one language: its `lang`, and its findings' words rendered from their
// messages (renderer/i18n/messages/render.ts). The messages stay beside the words, so a report
// can be said again in another language (the app exports in the user's language).

import type { Report } from '../../contract/report';
import type { Locale } from '../../renderer/i18n/messages/locale';
import { localizeFindings } from '../../renderer/i18n/messages/render';

/** `report` in `lang`: a copy; ids, keys, commands and data unchanged. Hand-edited findings that are not a list stay as they are. */
export function localizeReport(report: Report, lang: Locale): Report {
  const findings = Array.isArray(report.findings) ? localizeFindings(report.findings, lang) : report.findings;
  return { ...report, lang, findings };
}
