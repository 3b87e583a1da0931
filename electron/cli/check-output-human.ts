// How `icmp-doctor check` reads to a person in a terminal, as flutter doctor and rustc do it:
// first the causes, one line each in the order to fix them with its first fix, and the
// command to re-test with; then a verdict per finding (status, title, summary, the evidence
// that decided it; a symptom says which causes explain it); then the causes' fixes, each
// once, ready to paste — commands and YAML exactly as built, files under their path. Pure text
// functions; the command decides what goes to stdout. Every string that may come from a log,
// an import or a remote report has its control characters made visible, so a hostile log
// line cannot drive the terminal. Every function speaks `lang` (default English): its own words
// from the catalogue's cli.* and report.* messages, the findings' words as they were localized.

import { DEPLOY_STYLES, type DeployDecision, type DeployStyle } from '../../contract/deploy';
import type { Finding, FindingId, Remediation } from '../../contract/findings';
import type { CheckInputs } from '../../contract/inputs';
import type { Report } from '../../contract/report';
import { fixesOfCauses, retestCommand, rootCauses } from '../../renderer/wizard/causes/index';
import { splitFixes } from '../../renderer/wizard/deploy/order';
import type { Locale } from '../../renderer/i18n/messages/locale';
import { connectorViews, whoseFinding } from '../report/connector-views';
import { visibleControls } from '../report/control-characters';
import { describeSocketsUsed } from '../report/probe-socket';
import { say } from '../report/say';
import { statusLabel, verdictLine } from '../report/status-labels';

/** Width of the status column: the longest label ("UNKNOWN") and a space. */
const STATUS_WIDTH = 8;
const INDENT = ' '.repeat(STATUS_WIDTH);

/** How the parts of a list of facts are joined in each language. */
export const PART_SEPARATOR: Readonly<Record<Locale, string>> = { en: ', ', ja: '、' };

/** East Asian wide and full-width characters take two terminal columns. */
const WIDE = /[\u1100-\u115f\u2e80-\u303e\u3041-\u33ff\u3400-\u4dbf\u4e00-\u9fff\ua000-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/;

/** The columns `text` takes in a terminal (wide characters count two). */
export function displayWidth(text: string): number {
  let width = 0;
  for (const c of text) width += WIDE.test(c) ? 2 : 1;
  return width;
}

/** `text` padded with spaces to `width` terminal columns. */
function padColumns(text: string, width: number): string {
  return text + ' '.repeat(Math.max(0, width - displayWidth(text)));
}

/** Safe for a terminal; keeps tabs and line breaks. */
export function terminalText(text: string): string {
  return visibleControls(text);
}

/** Continuation lines of a multi-line value, indented under its first line. */
function indented(text: string, indent: string): string {
  return terminalText(text).split('\n').join(`\n${indent}`);
}

/** "target 10.200.2.2 (TCP port 8080), product cloudflare, Cloudflare account …" */
export function describeInputs(inputs: CheckInputs, lang: Locale = 'en'): string {
  const parts: string[] = [];
  if (!inputs.target) parts.push(say(lang, 'cli.inputs.no-target'));
  else if (inputs.tcpPort === null) parts.push(say(lang, 'cli.inputs.target', { target: inputs.target }));
  else parts.push(say(lang, 'cli.inputs.target-port', { target: inputs.target, port: inputs.tcpPort }));
  parts.push(say(lang, 'cli.inputs.product', { product: inputs.product }));
  if (inputs.unreachableTarget) parts.push(say(lang, 'cli.inputs.unreachable', { address: inputs.unreachableTarget }));
  if (inputs.cloudflareAccountId) parts.push(say(lang, 'cli.inputs.account', { account: inputs.cloudflareAccountId, token: inputs.cloudflareApiToken }));
  if (inputs.connectorReports.length > 0) parts.push(say(lang, 'cli.inputs.connector-reports', { files: inputs.connectorReports }));
  return terminalText(parts.join(PART_SEPARATOR[lang]));
}

/**
 * "Probes went through: raw socket (CAP_NET_RAW)": the socket the report's probes used, or ''
 * when no probe recorded one (no probe ran, or a report from before sockets were recorded).
 */
export function describeSocket(report: Pick<Report, 'probes'>, lang: Locale = 'en'): string {
  const sockets = describeSocketsUsed(report.probes, lang);
  return sockets === null ? '' : `${say(lang, 'raw-socket.used.line', { sockets })}\n`;
}

/** "Deployment: kubernetes (detected: imported pod spec)": which fixes come first, and why. */
export function describeDeploy(decision: DeployDecision, lang: Locale = 'en'): string {
  if (decision.from === 'chosen') return say(lang, 'cli.deploy.chosen', { style: decision.style });
  if (decision.from === 'detected') {
    return terminalText(say(lang, 'cli.deploy.detected', { style: decision.style, signal: decision.signalMessage ?? decision.signal ?? say(lang, 'report.deploy.from-evidence') }));
  }
  return say(lang, 'cli.deploy.none', { styles: DEPLOY_STYLES.join('|') });
}

/** A fix named on one line; its text is printed once, under "How to fix". */
function fixInOneLine(fix: Remediation, lang: Locale): string {
  return terminalText(say(lang, 'cli.causes.fix', { fix: fix.title.replace(/\s*\n\s*/g, ' '), kind: fixKind(fix, lang) }));
}

/**
 * The opening block: how many problems (causes, not symptoms), each cause with its first fix
 * in the order to fix them, then the command to re-test with. On a run with no cause, the
 * one-line verdict alone.
 */
export function formatCauses(findings: readonly Finding[], causes: readonly FindingId[], inputs: CheckInputs, lang: Locale = 'en'): string {
  const listed = fixesOfCauses(findings, causes);
  if (listed.length === 0) return `${terminalText(verdictLine(findings, causes, lang))}\n\n`;
  const lines = [say(lang, 'cli.causes.heading', { count: listed.length })];
  listed.forEach(({ finding, fixes }, index) => {
    lines.push(`  ${index + 1}. ${finding.id} — ${terminalText(finding.title)}`);
    const first = fixes[0] ?? finding.remediation[0];
    lines.push(`     ${first ? fixInOneLine(first, lang) : say(lang, 'cli.causes.no-fix')}`);
  });
  const symptoms = findings.filter((f) => (f.explainedBy?.length ?? 0) > 0 && (f.status === 'fail' || f.status === 'unknown'));
  if (symptoms.length > 0) lines.push(`  ${say(lang, 'cli.causes.follow', { ids: symptoms.map((f) => f.id) })}`);
  lines.push(terminalText(say(lang, 'cli.causes.retest', { command: retestCommand(inputs) })));
  return `${lines.join('\n')}\n\n`;
}

/**
 * With several connector processes (report.connectors), after the host-wide causes: one short
 * section per connector — who it is, its own causes each with its first fix, and the command
 * that re-tests it alone (`--pid N`). Empty for one connector or none.
 */
export function formatConnectorVerdicts(report: Pick<Report, 'connectors' | 'inputs'>, lang: Locale = 'en'): string {
  const views = connectorViews(report, lang);
  if (views.length === 0) return '';
  const lines = [say(lang, 'connector-verdicts.cli.heading', { count: views.length })];
  for (const view of views) {
    lines.push(`  ${terminalText(say(lang, 'connector-verdicts.cli.process', { process: view.label, executable: view.executable, gid: view.gid, config: view.config, verdict: view.verdict }))}`);
    for (const { finding, fixes } of view.causes) {
      const first = fixes[0] ?? finding.remediation[0] ?? null;
      const fix = first ? first.title.replace(/\s*\n\s*/g, ' ') : null;
      lines.push(`     ${terminalText(say(lang, 'connector-verdicts.cli.cause', { id: finding.id, title: finding.title, fix }))}`);
    }
    lines.push(`     ${terminalText(say(lang, 'connector-verdicts.cli.retest', { command: view.retest }))}`);
  }
  return `${lines.join('\n')}\n\n`;
}

/** One finding: "FAIL    tcp-vs-icmp — title", what explains it, its summary, and its evidence lines. */
export function formatFinding(finding: Finding, lang: Locale = 'en'): string {
  const whose = whoseFinding(finding, lang);
  const lines = [`${padColumns(statusLabel(finding.status, lang), STATUS_WIDTH)}${finding.id} — ${terminalText(finding.title)}${whose ? ` ${terminalText(whose)}` : ''}`];
  if (finding.explainedBy && finding.explainedBy.length > 0) lines.push(`${INDENT}${terminalText(say(lang, 'report.explained-by', { causes: finding.explainedBy }))}`);
  lines.push(`${INDENT}${indented(finding.summary, INDENT)}`);
  if (finding.evidence.length > 0) {
    lines.push(`${INDENT}${say(lang, 'cli.finding.evidence')}`);
    const bullet = `${INDENT}  - `;
    const under = ' '.repeat(bullet.length);
    for (const item of finding.evidence) lines.push(`${bullet}${indented(item.source, under)}: ${indented(item.detail, under)}`);
  }
  return `${lines.join('\n')}\n`;
}

/** Every verdict, then the one-line verdict of the whole check. */
export function formatVerdicts(findings: readonly Finding[], causes: readonly FindingId[] = rootCauses(findings), lang: Locale = 'en'): string {
  const blocks = findings.map((finding) => formatFinding(finding, lang));
  return `${blocks.join('\n')}\n${say(lang, 'report.verdict.label')} ${terminalText(verdictLine(findings, causes, lang))}\n`;
}

function fixKind(fix: Remediation, lang: Locale): string {
  switch (fix.kind) {
    case 'command':
      return say(lang, 'cli.fix-kind.command');
    case 'file':
      return say(lang, 'cli.fix-kind.file', { path: fix.path ?? say(lang, 'cli.fix-kind.no-path') });
    case 'yaml':
      return say(lang, 'cli.fix-kind.yaml');
    case 'dashboard':
      return say(lang, 'cli.fix-kind.dashboard');
  }
}

/**
 * One fix: a header line, then its text exactly as built, not indented — so a command, a
 * YAML document or a file's content pastes as it is — and a blank line.
 */
export function formatFix(fix: Remediation, index: number, lang: Locale = 'en'): string {
  const header = `  ${indented(say(lang, 'cli.fix.header', { number: index + 1, kind: fixKind(fix, lang), title: fix.title }), '    ')}`;
  const text = terminalText(fix.text).replace(/\n+$/, '');
  return `${header}\n${text}\n`;
}

/**
 * The fixes of every cause, in the order to fix them, then of each warning that comes with
 * one (a warning such as a small but working path MTU may need none); empty when there is
 * nothing to fix. A symptom's fixes are not listed (its verdict names the causes instead),
 * and a fix two findings share is listed once, under the first.
 */
export function formatFixes(
  findings: readonly Finding[],
  causes: readonly FindingId[] = rootCauses(findings),
  deploy: DeployDecision | null = null,
  lang: Locale = 'en',
): string {
  const style: DeployStyle | 'unknown' = deploy?.style ?? 'unknown';
  const warnings = findings.filter((f) => f.status === 'warn' && f.remediation.length > 0 && !causes.includes(f.id) && (f.explainedBy?.length ?? 0) === 0);
  const listed = fixesOfCauses(findings, [...causes, ...warnings.map((f) => f.id)]);
  if (listed.length === 0) return '';
  const sections = listed.map(({ finding, fixes }) => {
    const head = `${statusLabel(finding.status, lang)} ${finding.id} — ${terminalText(finding.title)}`;
    if (finding.remediation.length === 0) return `${head}\n  ${say(lang, 'cli.fixes.no-fix')}\n`;
    if (fixes.length === 0) return `${head}\n  ${say(lang, 'cli.fixes.listed-above')}\n`;
    const { fitting, other } = splitFixes(fixes, style);
    const main = fitting.map((fix, index) => formatFix(fix, index, lang)).join('\n');
    if (other.length === 0) return `${head}\n\n${main}`;
    // The fixes for other deployments stay available, numbered on, under their own heading.
    const rest = other.map((fix, index) => formatFix(fix, fitting.length + index, lang)).join('\n');
    const fold = `  ${say(lang, 'report.other-ways', { style })}:\n\n${rest}`;
    return fitting.length > 0 ? `${head}\n\n${main}\n${fold}` : `${head}\n\n  ${say(lang, 'cli.fixes.none-specific', { style })}\n\n${fold}`;
  });
  // Which deployment the fixes are ordered for, where the fixes begin (the first lines stay the causes).
  const deployLine = deploy ? `${describeDeploy(deploy, lang)}\n\n` : '';
  const heading = say(lang, 'report.how-to-fix');
  return `\n${heading}\n${'='.repeat(displayWidth(heading))}\n\n${deployLine}${sections.join('\n')}`;
}
