// The report as Markdown, for pasting into a ticket: the verdict and the causes in the order
// to fix them (each with its first fix, then the command to re-test with), a summary table of
// the findings, then each finding with its evidence and fixes in fenced code blocks (a
// symptom names its causes instead; each fix once), then the probes.

import type { DeployStyle } from '../../contract/deploy';
import type { Finding, Remediation } from '../../contract/findings';
import type { Report } from '../../contract/report';
import { causesView, explainersOf, type CausesView } from './causes-view';
import { connectorViews, whoseFinding } from './connector-views';
import { markdownCell, markdownCode, markdownFence, markdownInline } from './markdown-text';
import { formatMs, formatTime, icmpErrorRows, summariesByTarget } from './probe-views';
import { describeSocketsUsed } from './probe-socket';
import { redactSecrets } from './redact-secrets';
import { PATH_COLUMNS, pathView } from './path-view';
import { deployLabel, deployOf, fixesByStyle, otherWaysHeading } from './deploy-label';
import { remediationLanguage } from './remediation-language';
import type { RenderOptions } from './render-json';
import { statusLabel, statusSymbol, verdictLine } from './status-labels';
import type { MessageKey } from '../../renderer/i18n/messages/catalogue';
import type { Locale } from '../../renderer/i18n/messages/locale';
import { msg } from '../../renderer/i18n/messages/message';
import { fixKindWords } from './render-html';
import { langOf, say, sayMarkup, slot } from './say';

type ColumnKey = Extract<MessageKey, `report.column.${string}`>;

function heads(lang: Locale, keys: readonly ColumnKey[]): string[] {
  return keys.map((key) => markdownCell(say(lang, key)));
}

function table(header: readonly string[], rows: ReadonlyArray<readonly string[]>): string {
  const line = (cells: readonly string[]): string => `| ${cells.join(' | ')} |`;
  return [line(header), line(header.map(() => '---')), ...rows.map(line)].join('\n');
}

function status(finding: Finding, lang: Locale): string {
  return `${statusSymbol(finding.status)} ${markdownCell(statusLabel(finding.status, lang))}`;
}

function overview(report: Report, lang: Locale): string {
  const { inputs, host } = report;
  const rows: string[][] = [
    [say(lang, 'report.meta.created'), markdownCell(report.createdAt)],
    [
      say(lang, 'report.meta.target'),
      markdownCell(inputs.target ?? say(lang, 'report.target.none')) + (inputs.tcpPort === null ? '' : markdownCell(say(lang, 'report.target.port-only', { port: inputs.tcpPort }))),
    ],
    [say(lang, 'report.meta.product'), markdownCell(inputs.product)],
    [say(lang, 'report.meta.deployment'), markdownCell(deployLabel(deployOf(report), lang))],
    [say(lang, 'report.meta.host'), markdownCell([host.hostname, host.os, host.kernel, host.arch].filter(Boolean).join(' · '))],
    ['ICMP Doctor', markdownCell(report.app.version)],
  ];
  const sockets = describeSocketsUsed(report.probes, lang);
  if (sockets !== null) rows.splice(rows.length - 1, 0, [say(lang, 'raw-socket.used.label'), markdownCell(sockets)]);
  return table(['', ''], rows.map(([label, value]) => [markdownCell(label ?? ''), value ?? '']));
}

function findingsTable(findings: readonly Finding[], lang: Locale): string {
  if (findings.length === 0) return `_${markdownInline(say(lang, 'report.overview.none'))}_`;
  return table(
    heads(lang, ['report.column.status', 'report.column.finding', 'report.column.summary']),
    findings.map((f) => [status(f, lang), `${markdownCell(f.title)} (${markdownCell(f.id)})${whose(f, lang)}`, markdownCell(f.summary)]),
  );
}

function remediationBlock(fix: Remediation, lang: Locale): string {
  const where = fix.path ? ` — ${markdownCode(fix.path)}` : '';
  const head = `**${markdownInline(say(lang, 'report.fix', { title: fix.title }))}** (${markdownInline(fixKindWords(fix.kind, lang))})${where}`;
  return [head, markdownFence(fix.text, remediationLanguage(fix))].join('\n\n');
}

/** The causes, one line each in fix order with the name of its first fix, then the command to re-test with. */
function causesSection(view: CausesView, lang: Locale): string[] {
  if (view.causes.length === 0) return [];
  const items = view.causes.map(({ finding, firstFix }, index) => {
    const head = `${index + 1}. ${statusSymbol(finding.status)} **${markdownInline(finding.title)}** (${markdownCode(finding.id)})`;
    // The fix by name: its text is printed once, under its finding.
    const first = firstFix ? say(lang, 'report.causes.first-fix-inline', { fix: firstFix.title }) : say(lang, 'report.causes.no-fix-inline');
    return `${head} — ${markdownInline(first)}`;
  });
  return [`## ${markdownInline(say(lang, 'report.causes.heading'))}`, items.join('\n'), `**${markdownInline(say(lang, 'report.causes.retest'))}**`, markdownFence(view.retest, 'sh')];
}

/** " (cloudflared pid 100)" after a host-wide finding taken from one connector's verdict; '' otherwise. */
function whose(finding: Finding, lang: Locale): string {
  const words = whoseFinding(finding, lang);
  return words === null ? '' : ` ${markdownInline(words)}`;
}

/** One section per connector process: who it is, its own causes with their fixes, and how to re-test it alone. */
function connectorsSection(report: Report, lang: Locale): string[] {
  const views = connectorViews(report, lang);
  if (views.length === 0) return [];
  const parts = [`## ${markdownInline(say(lang, 'connector-verdicts.report.heading'))}`, markdownInline(say(lang, 'connector-verdicts.report.intro', { count: views.length }))];
  for (const view of views) {
    parts.push(`### ${markdownInline(view.label)} — ${markdownInline(view.verdict)}`);
    const rows: Array<[string, string]> = [
      [say(lang, 'connector-verdicts.report.executable'), markdownCode(view.executable)],
      [say(lang, 'connector-verdicts.report.user'), markdownCell(view.user)],
      [say(lang, 'connector-verdicts.report.config'), markdownCode(view.config)],
    ];
    if (view.netns) rows.push([say(lang, 'connector-verdicts.report.netns'), markdownCode(view.netns)]);
    parts.push(table(['', ''], rows.map(([label, value]) => [markdownCell(label), value])));
    if (view.causes.length === 0) continue;
    parts.push(`**${markdownInline(say(lang, 'connector-verdicts.report.causes'))}**`);
    view.causes.forEach(({ finding, fixes }, index) => {
      parts.push(`${index + 1}. ${statusSymbol(finding.status)} **${markdownInline(finding.title)}** (${markdownCode(finding.id)}) — ${markdownInline(finding.summary)}`);
      for (const fix of fixes) parts.push(remediationBlock(fix, lang));
    });
    parts.push(`**${markdownInline(say(lang, 'connector-verdicts.report.retest'))}**`, markdownFence(view.retest, 'sh'));
  }
  return parts;
}

function findingSection(finding: Finding, view: CausesView, style: DeployStyle | 'unknown', lang: Locale): string {
  const parts = [`### ${statusSymbol(finding.status)} ${markdownInline(statusLabel(finding.status, lang))} — ${markdownInline(finding.title)}${whose(finding, lang)}`];
  parts.push(markdownCode(finding.id));
  const by = explainersOf(finding);
  if (by.length > 0) {
    const codes = by.map((id) => markdownCode(id));
    parts.push(`_${sayMarkup(lang, msg('report.explained-by', { causes: codes.map((_code, index) => slot(index)) }), markdownInline, codes)}_`);
  }
  parts.push(markdownInline(finding.summary));
  if (finding.evidence.length > 0) {
    parts.push(`**${markdownInline(say(lang, 'report.evidence'))}**`);
    for (const item of finding.evidence) parts.push(`_${markdownInline(item.source)}_`, markdownFence(item.detail, 'text'));
  }
  const { fitting, other } = fixesByStyle(view.fixesOf(finding), style);
  for (const fix of fitting) parts.push(remediationBlock(fix, lang));
  if (other.length > 0) parts.push(`**${markdownInline(otherWaysHeading(style, lang))}**`);
  for (const fix of other) parts.push(remediationBlock(fix, lang));
  return parts.join('\n\n');
}

/** The path hop by hop (the Path step's trace) in mtr's columns. */
function pathSection(report: Report, lang: Locale): string {
  const view = pathView(report, lang);
  const parts = [`## ${markdownInline(say(lang, 'trace.report.title'))}`];
  if (view.kind === 'none') return [...parts, `_${markdownInline(say(lang, 'trace.report.not-run'))}_`].join('\n\n');
  if (view.kind === 'failed') return [...parts, `_${markdownInline(say(lang, 'trace.report.failed', { reason: view.reason }))}_`].join('\n\n');
  parts.push(markdownInline(view.summary));
  parts.push(
    table(
      PATH_COLUMNS.map((key) => markdownCell(say(lang, key))),
      view.rows.map((r) => [`${r.hop}`, markdownCell(r.host), r.loss, r.sent, r.last, r.avg, r.best, r.worst, r.note ? markdownCell(r.note) : '']),
    ),
  );
  return parts.join('\n\n');
}

function probesSection(report: Report, lang: Locale): string {
  const parts = [`## ${markdownInline(say(lang, 'report.probes.heading'))}`];
  const summaries = summariesByTarget(report.probes);
  if (summaries.length === 0) return [...parts, `_${markdownInline(say(lang, 'report.probes.none'))}_`].join('\n\n');
  parts.push(
    table(
      heads(lang, ['report.column.target', 'report.column.sent', 'report.column.replies', 'report.column.timeouts', 'report.column.errors', 'report.column.loss', 'report.column.rtt']),
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
    parts.push(`### ${markdownInline(say(lang, 'report.errors.heading-short'))}`);
    parts.push(
      table(
        [
          ...heads(lang, ['report.column.time', 'report.column.target', 'report.column.seq', 'report.column.type-code', 'report.column.error', 'report.column.from']),
          'MTU',
          ...heads(lang, ['report.column.quoted', 'report.column.quotes-ours']),
        ],
        errors.map((row) => [
          markdownCell(formatTime(row.sentAt)),
          markdownCell(row.target),
          `${row.seq}`,
          markdownCell(row.origin === 'local' ? say(lang, 'report.errors.local', { typeCode: row.typeCode }) : `ICMPv${row.family === 4 ? 4 : 6} ${row.typeCode}`),
          `${markdownCell(row.name)}: ${markdownCell(row.message)}`,
          markdownCell(row.from ?? '–'),
          row.mtu === null ? '–' : `${row.mtu}`,
          markdownCell(`${row.quotedDst ?? '–'} / ${row.quotedId ?? '–'} / ${row.quotedSeq ?? '–'}`),
          row.quoteMatches === null ? '–' : markdownCell(say(lang, row.quoteMatches ? 'report.yes' : 'report.no')),
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
  const lang = langOf(safe);
  const view = causesView(safe);
  const sections = [
    `# ${markdownInline(say(lang, 'report.title'))}`,
    `**${markdownInline(say(lang, 'report.verdict.label'))}** ${markdownInline(verdictLine(safe.findings, view.causes.map((c) => c.finding.id), lang))}`,
    ...causesSection(view, lang),
    ...connectorsSection(safe, lang),
    overview(safe, lang),
    `## ${markdownInline(say(lang, 'report.findings.heading'))}`,
    findingsTable(safe.findings, lang),
    ...safe.findings.map((f) => findingSection(f, view, deployOf(safe).style, lang)),
    pathSection(safe, lang),
    probesSection(safe, lang),
    `<sub>${markdownInline(say(lang, 'report.footer-short', { schema: safe.schema, version: safe.app.version }))}</sub>`,
  ];
  return `${sections.join('\n\n')}\n`;
}
