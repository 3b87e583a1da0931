// The report as one self-contained, printable HTML file: inline CSS, an inline SVG chart, no
// scripts, and a CSP that forbids loading anything. Every string from the report is escaped.

import { renderPathChart } from './path-chart';
import { PATH_COLUMNS, pathView } from './path-view';
import type { DeployStyle } from '../../contract/deploy';
import type { Finding, Remediation } from '../../contract/findings';
import type { Report } from '../../contract/report';
import { causesView, explainersOf, type CausesView } from './causes-view';
import { connectorViews, whoseFinding } from './connector-views';
import { REPORT_CSS } from './html-style';
import { escapeHtml, htmlToken } from './html-text';
import { formatMs, formatTime, formatTimeOfDay, icmpErrorRows, summariesByTarget, type IcmpErrorRow } from './probe-views';
import { describeSocketsUsed } from './probe-socket';
import { redactSecrets } from './redact-secrets';
import { deployLabel, deployOf, fixesByStyle, otherWaysHeading } from './deploy-label';
import { remediationLanguage } from './remediation-language';
import type { RenderOptions } from './render-json';
import { renderRttChart } from './rtt-chart';
import { sortedDeep } from './stable-order';
import { statusCounts, statusLabel, verdictLine } from './status-labels';
import type { MessageKey } from '../../renderer/i18n/messages/catalogue';
import type { Locale } from '../../renderer/i18n/messages/locale';
import { msg } from '../../renderer/i18n/messages/message';
import { langOf, say, sayMarkup, slot } from './say';

/** Nothing may load: no script, no font, no request; only the inline CSS and data: images. */
export const REPORT_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:";

const e = escapeHtml;

function badge(status: string, lang: Locale): string {
  return `<span class="badge ${htmlToken(status)}">${e(statusLabel(status, lang))}</span>`;
}

function findingAnchor(finding: Finding): string {
  return `finding-${htmlToken(finding.id)}`;
}

/** The worst status present decides the verdict's colour. */
function verdictStatus(findings: readonly Finding[]): string {
  for (const status of ['fail', 'warn', 'unknown', 'pass'] as const) if (findings.some((f) => f.status === status)) return status;
  return 'skip';
}

function header(report: Report, view: CausesView, lang: Locale): string {
  const { inputs, host } = report;
  const target =
    inputs.target === null ? say(lang, 'report.target.none') : inputs.tcpPort === null ? inputs.target : say(lang, 'report.target.port', { target: inputs.target, port: inputs.tcpPort });
  const rows: Array<[string, string]> = [
    [say(lang, 'report.meta.created'), report.createdAt],
    [say(lang, 'report.meta.target'), target],
    [say(lang, 'report.meta.product'), inputs.product],
    [say(lang, 'report.meta.deployment'), deployLabel(deployOf(report), lang)],
    [say(lang, 'report.meta.host'), [host.hostname, host.os, host.kernel, host.arch].filter(Boolean).join(' · ')],
    ['ICMP Doctor', report.app.version],
  ];
  const sockets = describeSocketsUsed(report.probes, lang);
  if (sockets !== null) rows.splice(rows.length - 1, 0, [say(lang, 'raw-socket.used.label'), sockets]);
  return (
    `<header><h1>${e(say(lang, 'report.title'))}</h1>` +
    `<p class="verdict status-${htmlToken(verdictStatus(report.findings))}">${e(verdictLine(report.findings, view.causes.map((c) => c.finding.id), lang))}</p>` +
    `<dl class="meta">${rows.map(([k, v]) => `<dt>${e(k)}</dt><dd>${e(v)}</dd>`).join('')}</dl></header>`
  );
}

/**
 * The causes, one item each in the order to fix them with its first fix, then the command to
 * re-test with: what the reader came for, before any detail.
 */
function causesSection(view: CausesView, lang: Locale): string {
  if (view.causes.length === 0) return '';
  const items = view.causes
    .map(({ finding, firstFix }) => {
      // The fix by name, linked: its text is printed once, under its finding.
      const first = firstFix
        ? `<div class="first-fix">${sayMarkup(lang, msg('report.causes.first-fix', { fix: slot(0) }), e, [`<a href="#${findingAnchor(finding)}">${e(firstFix.title)}</a>`])}</div>`
        : `<div class="first-fix muted">${e(say(lang, 'report.causes.no-fix'))}</div>`;
      return `<li data-cause="${e(finding.id)}">${badge(finding.status, lang)} <a href="#${findingAnchor(finding)}">${e(finding.title)}</a> <code>${e(finding.id)}</code>${first}</li>`;
    })
    .join('');
  return (
    `<section id="causes"><h2>${e(say(lang, 'report.causes.heading'))}</h2><ol class="causes">${items}</ol>` +
    `<p class="retest">${e(say(lang, 'report.causes.retest'))}</p><pre class="code lang-sh" data-kind="command"><code>${e(view.retest)}</code></pre></section>`
  );
}

/** " (cloudflared pid 100)" after a host-wide finding taken from one connector's verdict, escaped; '' otherwise. */
function whose(finding: Finding, lang: Locale): string {
  const words = whoseFinding(finding, lang);
  return words === null ? '' : ` <span class="connector">${e(words)}</span>`;
}

/** One article per connector process: who it is, its own causes with their fixes, and how to re-test it alone. */
function connectorsSection(report: Report, lang: Locale): string {
  const views = connectorViews(report, lang);
  if (views.length === 0) return '';
  const articles = views
    .map((view) => {
      const rows: Array<[string, string]> = [
        [say(lang, 'connector-verdicts.report.executable'), view.executable],
        [say(lang, 'connector-verdicts.report.user'), view.user],
        [say(lang, 'connector-verdicts.report.config'), view.config],
      ];
      if (view.netns) rows.push([say(lang, 'connector-verdicts.report.netns'), view.netns]);
      const causes =
        view.causes.length === 0
          ? ''
          : `<h4>${e(say(lang, 'connector-verdicts.report.causes'))}</h4><ol class="causes">${view.causes
              .map(
                ({ finding, fixes }) =>
                  `<li data-cause="${e(finding.id)}">${badge(finding.status, lang)} ${e(finding.title)} <code>${e(finding.id)}</code>` +
                  `<p class="summary">${e(finding.summary)}</p>${fixes.map((remediation) => fix(remediation, lang)).join('')}</li>`,
              )
              .join('')}</ol>`;
      return (
        `<article class="connector" data-connector-pid="${e(view.pid)}"><h3>${e(view.label)} — ${e(view.verdict)}</h3>` +
        `<dl class="meta">${rows.map(([k, v]) => `<dt>${e(k)}</dt><dd><code>${e(v)}</code></dd>`).join('')}</dl>${causes}` +
        `<p class="retest">${e(say(lang, 'connector-verdicts.report.retest'))}</p><pre class="code lang-sh" data-kind="command"><code>${e(view.retest)}</code></pre></article>`
      );
    })
    .join('');
  return (
    `<section id="connectors"><h2>${e(say(lang, 'connector-verdicts.report.heading'))}</h2>` +
    `<p>${e(say(lang, 'connector-verdicts.report.intro', { count: views.length }))}</p>${articles}</section>`
  );
}

function overview(findings: readonly Finding[], lang: Locale): string {
  const heading = `<h2>${e(say(lang, 'report.overview.heading'))}</h2>`;
  if (findings.length === 0) return `<section id="overview">${heading}<p class="muted">${e(say(lang, 'report.overview.none'))}</p></section>`;
  const counts = statusCounts(findings)
    .filter((c) => c.count > 0)
    .map((c) => `<span>${badge(c.status, lang)} ${c.count}</span>`)
    .join('');
  const head = (['report.column.status', 'report.column.finding', 'report.column.summary'] as const).map((key) => `<th>${e(say(lang, key))}</th>`).join('');
  const rows = findings
    .map(
      (f) =>
        `<tr class="status-${htmlToken(f.status)}"><td>${badge(f.status, lang)}</td>` +
        `<td><a href="#${findingAnchor(f)}">${e(f.title)}</a>${whose(f, lang)}<br><code>${e(f.id)}</code></td><td>${e(f.summary)}</td></tr>`,
    )
    .join('');
  return (
    `<section id="overview">${heading}<p class="counts">${counts}</p>` +
    `<table class="findings-overview"><thead><tr>${head}</tr></thead><tbody>${rows}</tbody></table></section>`
  );
}

/** A fix's kind in words; a kind this version does not know reads as itself. */
export function fixKindWords(kind: string, lang: Locale): string {
  return kind === 'command' || kind === 'file' || kind === 'yaml' || kind === 'dashboard' ? say(lang, `report.fix-kind.${kind}`) : kind;
}

function fix(remediation: Remediation, lang: Locale): string {
  const language = remediationLanguage(remediation);
  const path = remediation.path ? ` <code>${e(remediation.path)}</code>` : '';
  return (
    `<div class="fix"><h5>${e(remediation.title)} <span class="kind">(${e(fixKindWords(remediation.kind, lang))})</span>${path}</h5>` +
    `<pre class="code lang-${language}" data-kind="${e(remediation.kind)}"><code>${e(remediation.text)}</code></pre></div>`
  );
}

/** "Explained by …": a symptom names its causes (linked) instead of repeating their fixes. */
function explainedBy(finding: Finding, findings: readonly Finding[], lang: Locale): string {
  const ids = explainersOf(finding);
  if (ids.length === 0) return '';
  const links = ids.map((id) => {
    const cause = findings.find((f) => f.id === id);
    return cause ? `<a href="#${findingAnchor(cause)}">${e(cause.title)}</a> <code>${e(id)}</code>` : `<code>${e(id)}</code>`;
  });
  const sentence = sayMarkup(lang, msg('report.explained-by', { causes: links.map((_link, index) => slot(index)) }), e, links);
  return `<p class="explained-by" data-explained-by="${e(ids.join(' '))}">${sentence}</p>`;
}

function findingArticle(finding: Finding, findings: readonly Finding[], view: CausesView, style: DeployStyle | 'unknown', lang: Locale): string {
  const evidence =
    finding.evidence.length === 0
      ? ''
      : `<h4>${e(say(lang, 'report.evidence'))}</h4><dl class="evidence">${finding.evidence.map((item) => `<dt>${e(item.source)}</dt><dd><pre>${e(item.detail)}</pre></dd>`).join('')}</dl>`;
  const shown = view.fixesOf(finding);
  const { fitting, other } = fixesByStyle(shown, style);
  const fixOf = (remediation: Remediation): string => fix(remediation, lang);
  const folded = other.length === 0 ? '' : `<h4 class="other-ways">${e(otherWaysHeading(style, lang))}</h4>${other.map(fixOf).join('')}`;
  const fixes = shown.length === 0 ? '' : `<h4>${e(say(lang, 'report.how-to-fix'))}</h4>${fitting.map(fixOf).join('')}${folded}`;
  return (
    `<article class="finding status-${htmlToken(finding.status)}" id="${findingAnchor(finding)}" data-finding="${e(finding.id)}">` +
    `<h3>${badge(finding.status, lang)} ${e(finding.title)} <code>${e(finding.id)}</code>${whose(finding, lang)}</h3>` +
    `${explainedBy(finding, findings, lang)}<p class="summary">${e(finding.summary)}</p>${evidence}${fixes}</article>`
  );
}

type ColumnKey = Extract<MessageKey, `report.column.${string}`>;

function headCells(lang: Locale, keys: readonly ColumnKey[]): string {
  return keys.map((key) => `<th>${e(say(lang, key))}</th>`).join('');
}

function probeSummaryTable(report: Report, lang: Locale): string {
  const summaries = summariesByTarget(report.probes);
  if (summaries.length === 0) return '';
  const rows = summaries
    .map(
      (s) =>
        `<tr><td>${e(s.target)}</td><td class="num">${s.sent}</td><td class="num">${s.received}</td><td class="num">${s.timeouts}</td>` +
        `<td class="num">${s.errors}</td><td class="num">${e(s.lossPct)}%</td>` +
        `<td class="num">${s.rttMs ? `${formatMs(s.rttMs.min)} / ${formatMs(s.rttMs.avg)} / ${formatMs(s.rttMs.max)}` : '–'}</td></tr>`,
    )
    .join('');
  return (
    `<table class="probe-summary"><thead><tr>` +
    headCells(lang, ['report.column.target', 'report.column.sent', 'report.column.replies', 'report.column.timeouts', 'report.column.errors', 'report.column.loss', 'report.column.rtt']) +
    `</tr></thead><tbody>${rows}</tbody></table>`
  );
}

function errorRow(row: IcmpErrorRow, lang: Locale): string {
  const kind = row.origin === 'local' ? say(lang, 'report.errors.local', { typeCode: row.typeCode }) : `ICMPv${row.family === 4 ? 4 : 6} ${row.typeCode}`;
  const match =
    row.quoteMatches === null ? '–' : row.quoteMatches ? `<span class="match-yes">${e(say(lang, 'report.yes'))}</span>` : `<span class="match-no">${e(say(lang, 'report.no'))}</span>`;
  return (
    `<tr class="icmp-error-row"><td class="nowrap" title="${e(formatTime(row.sentAt))}">${e(formatTimeOfDay(row.sentAt))}</td><td>${e(row.target)}</td><td class="num">${row.seq}</td>` +
    `<td class="nowrap">${e(kind)}</td><td><code>${e(row.name)}</code><br>${e(row.message)}</td><td class="nowrap">${e(row.from ?? '–')}</td>` +
    `<td class="num">${row.mtu === null ? '–' : e(row.mtu)}</td>` +
    `<td>${e(row.quotedDst ?? '–')}<br>id ${e(row.quotedId ?? '–')} · seq ${e(row.quotedSeq ?? '–')}</td><td>${match}</td></tr>`
  );
}

function errorTable(report: Report, lang: Locale): string {
  const rows = icmpErrorRows(report.probes);
  const heading = `<h3>${e(say(lang, 'report.errors.heading'))}</h3>`;
  if (rows.length === 0) return `${heading}<p class="muted">${e(say(lang, 'report.errors.none'))}</p>`;
  return (
    `${heading}<table class="icmp-errors"><thead><tr>` +
    headCells(lang, ['report.column.sent-utc', 'report.column.target', 'report.column.seq', 'report.column.type-code', 'report.column.error', 'report.column.offender']) +
    '<th>MTU</th>' +
    headCells(lang, ['report.column.quoted', 'report.column.quotes-ours']) +
    `</tr></thead><tbody>${rows.map((row) => errorRow(row, lang)).join('')}</tbody></table>`
  );
}

function probesSection(report: Report, lang: Locale): string {
  return (
    `<section id="probes"><h2>${e(say(lang, 'report.probes.heading'))}</h2>${probeSummaryTable(report, lang)}` +
    `<figure>${renderRttChart(report.probes, lang)}</figure>${errorTable(report, lang)}</section>`
  );
}

/** The path hop by hop (the Path step's trace): mtr's columns and the per-hop loss/RTT chart. */
function pathSection(report: Report, lang: Locale): string {
  const view = pathView(report, lang);
  const heading = `<h2>${e(say(lang, 'trace.report.title'))}</h2>`;
  if (view.kind === 'none') return `<section id="path">${heading}<p class="muted">${e(say(lang, 'trace.report.not-run'))}</p></section>`;
  if (view.kind === 'failed') return `<section id="path">${heading}<p class="muted">${e(say(lang, 'trace.report.failed', { reason: view.reason }))}</p></section>`;
  const head = PATH_COLUMNS.map((key) => `<th>${e(say(lang, key))}</th>`).join('');
  const rows = view.rows
    .map(
      (r) =>
        `<tr class="path-hop"><td class="num">${r.hop}</td><td>${e(r.host)}</td><td class="num">${e(r.loss)}</td><td class="num">${e(r.sent)}</td>` +
        `<td class="num">${e(r.last)}</td><td class="num">${e(r.avg)}</td><td class="num">${e(r.best)}</td><td class="num">${e(r.worst)}</td><td><code>${e(r.note)}</code></td></tr>`,
    )
    .join('');
  return (
    `<section id="path">${heading}<p>${e(view.summary)}</p><table class="path"><thead><tr>${head}</tr></thead><tbody>${rows}</tbody></table>` +
    `<figure>${renderPathChart(view.trace, lang)}</figure></section>`
  );
}

function inputsSection(report: Report, lang: Locale): string {
  const rows = Object.entries(report.inputs)
    .map(([key, value]) => `<tr><th>${e(key)}</th><td>${e(Array.isArray(value) ? value.join(', ') || '–' : (value ?? '–'))}</td></tr>`)
    .join('');
  return `<section id="inputs"><h2>${e(say(lang, 'report.inputs.heading'))}</h2><table class="inputs"><tbody>${rows}</tbody></table></section>`;
}

function rawEvidenceSection(report: Report, lang: Locale): string {
  const json = JSON.stringify(sortedDeep(report.evidence), null, 2) ?? 'null';
  return (
    `<section id="raw-evidence" class="screen-only"><h2>${e(say(lang, 'report.raw.heading'))}</h2>` +
    `<details><summary>${e(say(lang, 'report.raw.summary', { chars: json.length }))}</summary><pre>${e(json)}</pre></details></section>`
  );
}

/**
 * The whole report as one HTML document (UTF-8), safe to open anywhere and to print, in the
 * report's language (`<html lang>` says which; the findings were said in it by buildReport).
 */
export function renderHtml(report: Report, options: RenderOptions = {}): string {
  const safe = redactSecrets(report, options.secrets ?? []);
  const lang = langOf(safe);
  const view = causesView(safe);
  const title = safe.inputs.target ? say(lang, 'report.title.target', { target: safe.inputs.target }) : say(lang, 'report.title');
  return [
    '<!doctype html>',
    `<html lang="${lang}"><head><meta charset="utf-8">`,
    `<meta http-equiv="Content-Security-Policy" content="${REPORT_CSP}">`,
    '<meta name="referrer" content="no-referrer">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<meta name="generator" content="ICMP Doctor ${e(safe.app.version)}">`,
    `<title>${e(title)}</title>`,
    `<style>${REPORT_CSS}</style>`,
    '</head><body>',
    header(safe, view, lang),
    '<main>',
    causesSection(view, lang),
    connectorsSection(safe, lang),
    overview(safe.findings, lang),
    `<section id="findings"><h2>${e(say(lang, 'report.findings.heading'))}</h2>${safe.findings.map((f) => findingArticle(f, safe.findings, view, deployOf(safe).style, lang)).join('')}</section>`,
    pathSection(safe, lang),
    probesSection(safe, lang),
    inputsSection(safe, lang),
    rawEvidenceSection(safe, lang),
    '</main>',
    `<footer>${e(say(lang, 'report.footer', { schema: safe.schema, at: safe.createdAt, version: safe.app.version }))}</footer>`,
    '</body></html>',
    '',
  ].join('\n');
}
