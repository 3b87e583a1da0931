// The path in `icmp-doctor check`'s human output: how the trace ended and one short line per
// hop (address, loss, average RTT, the error where it refused). Nothing when no trace ran.

import type { Report } from '../../contract/report';
import type { Locale } from '../../renderer/i18n/messages/locale';
import { pathView } from '../report/path-view';
import { say } from '../report/say';
import { terminalText } from './check-output-human';

export function formatPath(report: Report, lang: Locale = 'en'): string {
  const view = pathView(report, lang);
  if (view.kind === 'none') return '';
  const heading = say(lang, 'trace.report.title');
  if (view.kind === 'failed') return `\n${heading}: ${terminalText(say(lang, 'trace.report.failed', { reason: view.reason }))}\n`;
  const width = Math.max(...view.rows.map((r) => r.host.length));
  const lines = view.rows.map((r) => {
    const rtt = r.avg === '–' ? '' : `  ${r.avg} ms`;
    return `  ${String(r.hop).padStart(2)}. ${terminalText(r.host).padEnd(width)}  ${r.loss.padStart(6)}${rtt}${r.note ? `  ${terminalText(r.note)}` : ''}`;
  });
  return `\n${heading}: ${terminalText(view.summary)}\n${lines.join('\n')}\n`;
}
