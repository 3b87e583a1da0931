// The report as Markdown, for pasting into a ticket: the verdict and the causes in the order
// to fix them (each with its first fix, then the command to re-test with), a summary table of
// the findings, then each finding with its evidence and fixes in fenced code blocks (a
// symptom names its causes instead; each fix once), then the probes.

import type { DeployStyle } from '../../contract/deploy';
import type { Finding, Remediation } from '../../contract/findings';
import type { Report } from '../../contract/report';
import { causesView, explainersOf, type CausesView } from './causes-view';
import { markdownCell, markdownCode, markdownFence, markdownInline } from './markdown-text';
import { formatMs, formatTime, icmpErrorRows, summariesByTarget } from './probe-views';
import { redactSecrets } from './redact-secrets';
import { deployLabel, deployOf, fixesByStyle, otherWaysHeading } from './deploy-label';
import { remediationLanguage } from './remediation-language';
import type { RenderOptions } from './render-json';
import { statusLabel, statusSymbol, verdictLine } from './status-labels';

function table(header: readonly string[], rows: ReadonlyArray<readonly string[]>): string {
  const line = (cells: readonly string[]): string => `| ${cells.join(' | ')} |`;
  return [line(header), line(header.map(() => '---')), ...rows.map(line)].join('\n');
}

function status(finding: Finding): string {
  return `${statusSymbol(finding.status)} ${markdownCell(statusLabel(finding.status))}`;
}

function overview(report: Report): string {
  const { inputs, host } = report;
  const rows: string[][] = [
    ['Created', markdownCell(report.createdAt)],
    ['Target', markdownCell(inputs.target ?? '(none given)') + (inputs.tcpPort === null ? '' : markdownCell(` (TCP port ${inputs.tcpPort})`))],
    ['Product', markdownCell(inputs.product)],
    ['Deployment', markdownCell(deployLabel(deployOf(report)))],
    ['Host', markdownCell([host.hostname, host.os, host.kernel, host.arch].filter(Boolean).join(' · '))],
    ['ICMP Doctor', markdownCell(report.app.version)],
  ];
  return table(['', ''], rows);
}

function findingsTable(findings: readonly Finding[]): string {
  if (findings.length === 0) return '_No checks ran._';
  return table(
    ['Status', 'Finding', 'Summary'],
    findings.map((f) => [status(f), `${markdownCell(f.title)} (${markdownCell(f.id)})`, markdownCell(f.summary)]),
  );
}

function remediationBlock(fix: Remediation): string {
  const where = fix.path ? ` — ${markdownCode(fix.path)}` : '';
  return [`**Fix: ${markdownInline(fix.title)}** (${markdownInline(fix.kind)})${where}`, markdownFence(fix.text, remediationLanguage(fix))].join('\n\n');
}

/** The causes, one line each in fix order with the name of its first fix, then the command to re-test with. */
function causesSection(view: CausesView): string[] {
  if (view.causes.length === 0) return [];
  const items = view.causes.map(({ finding, firstFix }, index) => {
    const head = `${index + 1}. ${statusSymbol(finding.status)} **${markdownInline(finding.title)}** (${markdownCode(finding.id)})`;
    // The fix by name: its text is printed once, under its finding.
    return firstFix ? `${head} — first fix: ${markdownInline(firstFix.title)}` : `${head} — no fix to suggest: see the finding.`;
  });
  return ['## Causes, in the order to fix them', items.join('\n'), '**Then re-test with:**', markdownFence(view.retest, 'sh')];
}

function findingSection(finding: Finding, view: CausesView, style: DeployStyle | 'unknown'): string {
  const parts = [`### ${statusSymbol(finding.status)} ${markdownInline(statusLabel(finding.status))} — ${markdownInline(finding.title)}`];
  parts.push(markdownCode(finding.id));
  const by = explainersOf(finding);
  if (by.length > 0) parts.push(`_Explained by ${by.map((id) => markdownCode(id)).join(', ')}: fix that first._`);
  parts.push(markdownInline(finding.summary));
  if (finding.evidence.length > 0) {
    parts.push('**Evidence**');
    for (const item of finding.evidence) parts.push(`_${markdownInline(item.source)}_`, markdownFence(item.detail, 'text'));
  }
  const { fitting, other } = fixesByStyle(view.fixesOf(finding), style);
  for (const fix of fitting) parts.push(remediationBlock(fix));
  if (other.length > 0) parts.push(`**${markdownInline(otherWaysHeading(style))}**`);
  for (const fix of other) parts.push(remediationBlock(fix));
  return parts.join('\n\n');
}

function probesSection(report: Report): string {
  const parts = ['## Probes'];
  const summaries = summariesByTarget(report.probes);
  if (summaries.length === 0) return [...parts, '_No probes were sent._'].join('\n\n');
  parts.push(
    table(
      ['Target', 'Sent', 'Replies', 'Timeouts', 'Errors', 'Loss', 'RTT min / avg / max (ms)'],
      summaries.map((s) => [
        markdownCell(s.target),
        `${s.sent}`,
        `${s.received}`,
        `${s.timeouts}`,
        `${s.errors}`,
        `${s.lossPct}%`,
        s.rttMs ? `${formatMs(s.rttMs.min)} / ${formatMs(s.rttMs.avg)} / ${formatMs(s.rttMs.max)}` : '–',
      ]),
    ),
  );
  const errors = icmpErrorRows(report.probes);
  if (errors.length > 0) {
    parts.push('### ICMP errors');
    parts.push(
      table(
        ['Time', 'Target', 'Seq', 'Type/code', 'Error', 'From', 'MTU', 'Quoted dst / id / seq', 'Quotes our probe'],
        errors.map((row) => [
          markdownCell(formatTime(row.sentAt)),
          markdownCell(row.target),
          `${row.seq}`,
          markdownCell(row.origin === 'local' ? `local ${row.typeCode}`.trim() : `ICMPv${row.family === 4 ? 4 : 6} ${row.typeCode}`),
          `${markdownCell(row.name)}: ${markdownCell(row.message)}`,
          markdownCell(row.from ?? '–'),
          row.mtu === null ? '–' : `${row.mtu}`,
          markdownCell(`${row.quotedDst ?? '–'} / ${row.quotedId ?? '–'} / ${row.quotedSeq ?? '–'}`),
          row.quoteMatches === null ? '–' : row.quoteMatches ? 'yes' : 'no',
        ]),
      ),
    );
  }
  return parts.join('\n\n');
}

/**
 * Markdown for a ticket. Every string from the report is escaped (table cells, headings) or
 * fenced with a fence its content cannot close; fixes carry language hints (sh, yaml, ini).
 */
export function renderMarkdown(report: Report, options: RenderOptions = {}): string {
  const safe = redactSecrets(report, options.secrets ?? []);
  const view = causesView(safe);
  const sections = [
    '# ICMP Doctor report',
    `**Verdict:** ${markdownInline(verdictLine(safe.findings, view.causes.map((c) => c.finding.id)))}`,
    ...causesSection(view),
    overview(safe),
    '## Findings',
    findingsTable(safe.findings),
    ...safe.findings.map((f) => findingSection(f, view, deployOf(safe).style)),
    probesSection(safe),
    `<sub>${markdownInline(safe.schema)} · generated by ICMP Doctor ${markdownInline(safe.app.version)}</sub>`,
  ];
  return `${sections.join('\n\n')}\n`;
}
