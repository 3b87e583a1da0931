// A report said in one language: its `lang`, and its findings' words rendered from their
// messages (renderer/i18n/messages/render.ts). The messages stay beside the words, so a report
// can be said again in another language (the app exports in the user's language).

import type { ConnectorVerdict } from '../../contract/findings';
import type { Report } from '../../contract/report';
import type { Locale } from '../../renderer/i18n/messages/locale';
import { localizeFindings } from '../../renderer/i18n/messages/render';

/** Each connector's verdict with its findings in `lang`; a hand-edited entry that is not one stays as it is. */
function localizeConnectors(connectors: readonly ConnectorVerdict[], lang: Locale): ConnectorVerdict[] {
  return connectors.map((verdict) =>
    typeof verdict === 'object' && verdict !== null && Array.isArray(verdict.findings) ? { ...verdict, findings: localizeFindings(verdict.findings, lang) } : verdict,
  );
}

/** `report` in `lang`: a copy; ids, keys, commands and data unchanged. Hand-edited findings that are not a list stay as they are. */
export function localizeReport(report: Report, lang: Locale): Report {
  const findings = Array.isArray(report.findings) ? localizeFindings(report.findings, lang) : report.findings;
  const localized: Report = { ...report, lang, findings };
  if (Array.isArray(report.connectors)) localized.connectors = localizeConnectors(report.connectors, lang);
  return localized;
}
