// The report as one self-contained, printable HTML file: inline CSS, an inline SVG chart, no
// scripts, and a CSP that forbids loading anything. Every string from the report is escaped.

import type { DeployStyle } from '../../contract/deploy';
import type { Finding, Remediation } from '../../contract/findings';
import type { Report } from '../../contract/report';
import { causesView, explainersOf, type CausesView } from './causes-view';
import { REPORT_CSS } from './html-style';
import { escapeHtml, htmlToken } from './html-text';
import { formatMs, formatTime, formatTimeOfDay, icmpErrorRows, summariesByTarget, type IcmpErrorRow } from './probe-views';
import { redactSecrets } from './redact-secrets';
import { deployLabel, deployOf, fixesByStyle, otherWaysHeading } from './deploy-label';
import { remediationLanguage } from './remediation-language';
import type { RenderOptions } from './render-json';
import { renderRttChart } from './rtt-chart';
import { sortedDeep } from './stable-order';
import { statusCounts, statusLabel, verdictLine } from './status-labels';

/** Nothing may load: no script, no font, no request; only the inline CSS and data: images. */
export const REPORT_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:";

const e = escapeHtml;

function badge(status: string): string {
  return `<span class="badge ${htmlToken(status)}">${e(statusLabel(status))}</span>`;
}

function findingAnchor(finding: Finding): string {
  return `finding-${htmlToken(finding.id)}`;
}

/** The worst status present decides the verdict's colour. */
function verdictStatus(findings: readonly Finding[]): string {
  for (const status of ['fail', 'warn', 'unknown', 'pass'] as const) if (findings.some((f) => f.status === status)) return status;
  return 'skip';
}

function header(report: Report, view: CausesView): string {
  const { inputs, host } = report;
  const target = inputs.target === null ? '(none given)' : `${inputs.target}${inputs.tcpPort === null ? '' : ` (TCP port ${inputs.tcpPort})`}`;
  const rows: Array<[string, string]> = [
    ['Created', report.createdAt],
    ['Target', target],
    ['Product', inputs.product],
    ['Deployment', deployLabel(deployOf(report))],
    ['Host', [host.hostname, host.os, host.kernel, host.arch].filter(Boolean).join(' · ')],
    ['ICMP Doctor', report.app.version],
  ];
  return (
    `<header><h1>ICMP Doctor report</h1>` +
    `<p class="verdict status-${htmlToken(verdictStatus(report.findings))}">${e(verdictLine(report.findings, view.causes.map((c) => c.finding.id)))}</p>` +
    `<dl class="meta">${rows.map(([k, v]) => `<dt>${e(k)}</dt><dd>${e(v)}</dd>`).join('')}</dl></header>`
  );
}

/**
 * The causes, one item each in the order to fix them with its first fix, then the command to
 * re-test with: what the reader came for, before any detail.
 */
function causesSection(view: CausesView): string {
  if (view.causes.length === 0) return '';
  const items = view.causes
    .map(({ finding, firstFix }) => {
      // The fix by name, linked: its text is printed once, under its finding.
      const first = firstFix
        ? `<div class="first-fix">First fix: <a href="#${findingAnchor(finding)}">${e(firstFix.title)}</a></div>`
        : '<div class="first-fix muted">No fix to suggest: see the finding.</div>';
      return `<li data-cause="${e(finding.id)}">${badge(finding.status)} <a href="#${findingAnchor(finding)}">${e(finding.title)}</a> <code>${e(finding.id)}</code>${first}</li>`;
    })
    .join('');
  return (
    `<section id="causes"><h2>Causes, in the order to fix them</h2><ol class="causes">${items}</ol>` +
    `<p class="retest">Then re-test with:</p><pre class="code lang-sh" data-kind="command"><code>${e(view.retest)}</code></pre></section>`
  );
}

function overview(findings: readonly Finding[]): string {
  if (findings.length === 0) return `<section id="overview"><h2>Findings at a glance</h2><p class="muted">No checks ran.</p></section>`;
  const counts = statusCounts(findings)
    .filter((c) => c.count > 0)
    .map((c) => `<span>${badge(c.status)} ${c.count}</span>`)
    .join('');
  const rows = findings
    .map(
      (f) =>
        `<tr class="status-${htmlToken(f.status)}"><td>${badge(f.status)}</td>` +
        `<td><a href="#${findingAnchor(f)}">${e(f.title)}</a><br><code>${e(f.id)}</code></td><td>${e(f.summary)}</td></tr>`,
    )
    .join('');
  return (
    `<section id="overview"><h2>Findings at a glance</h2><p class="counts">${counts}</p>` +
    `<table class="findings-overview"><thead><tr><th>Status</th><th>Finding</th><th>Summary</th></tr></thead><tbody>${rows}</tbody></table></section>`
  );
}

function fix(remediation: Remediation): string {
  const language = remediationLanguage(remediation);
  const path = remediation.path ? ` <code>${e(remediation.path)}</code>` : '';
  return (
    `<div class="fix"><h5>${e(remediation.title)} <span class="kind">(${e(remediation.kind)})</span>${path}</h5>` +
    `<pre class="code lang-${language}" data-kind="${e(remediation.kind)}"><code>${e(remediation.text)}</code></pre></div>`
  );
}

/** "Explained by …": a symptom names its causes (linked) instead of repeating their fixes. */
function explainedBy(finding: Finding, findings: readonly Finding[]): string {
  const ids = explainersOf(finding);
  if (ids.length === 0) return '';
  const links = ids.map((id) => {
    const cause = findings.find((f) => f.id === id);
    return cause ? `<a href="#${findingAnchor(cause)}">${e(cause.title)}</a> <code>${e(id)}</code>` : `<code>${e(id)}</code>`;
  });
  return `<p class="explained-by" data-explained-by="${e(ids.join(' '))}">Explained by ${links.join(', ')}: fix that first.</p>`;
}

function findingArticle(finding: Finding, findings: readonly Finding[], view: CausesView, style: DeployStyle | 'unknown'): string {
  const evidence =
    finding.evidence.length === 0
      ? ''
      : `<h4>Evidence</h4><dl class="evidence">${finding.evidence.map((item) => `<dt>${e(item.source)}</dt><dd><pre>${e(item.detail)}</pre></dd>`).join('')}</dl>`;
  const shown = view.fixesOf(finding);
  const { fitting, other } = fixesByStyle(shown, style);
  const folded = other.length === 0 ? '' : `<h4 class="other-ways">${e(otherWaysHeading(style))}</h4>${other.map(fix).join('')}`;
  const fixes = shown.length === 0 ? '' : `<h4>How to fix</h4>${fitting.map(fix).join('')}${folded}`;
  return (
    `<article class="finding status-${htmlToken(finding.status)}" id="${findingAnchor(finding)}" data-finding="${e(finding.id)}">` +
    `<h3>${badge(finding.status)} ${e(finding.title)} <code>${e(finding.id)}</code></h3>` +
    `${explainedBy(finding, findings)}<p class="summary">${e(finding.summary)}</p>${evidence}${fixes}</article>`
  );
}

function probeSummaryTable(report: Report): string {
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
    `<table class="probe-summary"><thead><tr><th>Target</th><th>Sent</th><th>Replies</th><th>Timeouts</th><th>Errors</th><th>Loss</th>` +
    `<th>RTT min / avg / max (ms)</th></tr></thead><tbody>${rows}</tbody></table>`
  );
}

function errorRow(row: IcmpErrorRow): string {
  const kind = row.origin === 'local' ? `local ${row.typeCode}`.trim() : `ICMPv${row.family === 4 ? 4 : 6} ${row.typeCode}`;
  const match = row.quoteMatches === null ? '–' : row.quoteMatches ? '<span class="match-yes">yes</span>' : '<span class="match-no">no</span>';
  return (
    `<tr class="icmp-error-row"><td class="nowrap" title="${e(formatTime(row.sentAt))}">${e(formatTimeOfDay(row.sentAt))}</td><td>${e(row.target)}</td><td class="num">${row.seq}</td>` +
    `<td class="nowrap">${e(kind)}</td><td><code>${e(row.name)}</code><br>${e(row.message)}</td><td class="nowrap">${e(row.from ?? '–')}</td>` +
    `<td class="num">${row.mtu === null ? '–' : e(row.mtu)}</td>` +
    `<td>${e(row.quotedDst ?? '–')}<br>id ${e(row.quotedId ?? '–')} · seq ${e(row.quotedSeq ?? '–')}</td><td>${match}</td></tr>`
  );
}

function errorTable(report: Report): string {
  const rows = icmpErrorRows(report.probes);
  if (rows.length === 0) return '<h3>Decoded ICMP errors</h3><p class="muted">No probe drew an ICMP error.</p>';
  return (
    `<h3>Decoded ICMP errors</h3><table class="icmp-errors"><thead><tr><th>Sent (UTC)</th><th>Target</th><th>Seq</th><th>Type/code</th>` +
    `<th>Error</th><th>Offender</th><th>MTU</th><th>Quoted dst / id / seq</th><th>Quotes our probe</th></tr></thead>` +
    `<tbody>${rows.map(errorRow).join('')}</tbody></table>`
  );
}

function probesSection(report: Report): string {
  return (
    `<section id="probes"><h2>Probes</h2>${probeSummaryTable(report)}` +
    `<figure>${renderRttChart(report.probes)}</figure>${errorTable(report)}</section>`
  );
}

function inputsSection(report: Report): string {
  const rows = Object.entries(report.inputs)
    .map(([key, value]) => `<tr><th>${e(key)}</th><td>${e(Array.isArray(value) ? value.join(', ') || '–' : (value ?? '–'))}</td></tr>`)
    .join('');
  return `<section id="inputs"><h2>What was checked</h2><table class="inputs"><tbody>${rows}</tbody></table></section>`;
}

function rawEvidenceSection(report: Report): string {
  const json = JSON.stringify(sortedDeep(report.evidence), null, 2) ?? 'null';
  return (
    `<section id="raw-evidence" class="screen-only"><h2>Gathered evidence</h2>` +
    `<details><summary>All gathered evidence, as JSON (${e(json.length)} characters)</summary><pre>${e(json)}</pre></details></section>`
  );
}

/** The whole report as one HTML document (UTF-8), safe to open anywhere and to print. */
export function renderHtml(report: Report, options: RenderOptions = {}): string {
  const safe = redactSecrets(report, options.secrets ?? []);
  const view = causesView(safe);
  const title = `ICMP Doctor report${safe.inputs.target ? ` — ${safe.inputs.target}` : ''}`;
  return [
    '<!doctype html>',
    '<html lang="en"><head><meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="${REPORT_CSP}">`,
    '<meta name="referrer" content="no-referrer">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<meta name="generator" content="ICMP Doctor ${e(safe.app.version)}">`,
    `<title>${e(title)}</title>`,
    `<style>${REPORT_CSS}</style>`,
    '</head><body>',
    header(safe, view),
    '<main>',
    causesSection(view),
    overview(safe.findings),
    `<section id="findings"><h2>Findings</h2>${safe.findings.map((f) => findingArticle(f, safe.findings, view, deployOf(safe).style)).join('')}</section>`,
    probesSection(safe),
    inputsSection(safe),
    rawEvidenceSection(safe),
    '</main>',
    `<footer>${e(safe.schema)} · generated ${e(safe.createdAt)} by ICMP Doctor ${e(safe.app.version)}</footer>`,
    '</body></html>',
    '',
  ].join('\n');
}
