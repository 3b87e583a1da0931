// How `icmp-doctor check` reads to a person in a terminal, as flutter doctor and rustc do it:
// first the causes, one line each in the order to fix them with its first fix, and the
// command to re-test with; then a verdict per finding (status, title, summary, the evidence
// that decided it; a symptom says which causes explain it); then the causes' fixes, each
// once, ready to paste — commands and YAML exactly as built, files under their path. Pure text
// functions; the command decides what goes to stdout. Every string that may come from a log,
// an import or a remote report has its control characters made visible, so a hostile log
// line cannot drive the terminal.

import { DEPLOY_STYLES, type DeployDecision, type DeployStyle } from '../../contract/deploy';
import type { Finding, FindingId, Remediation } from '../../contract/findings';
import type { CheckInputs } from '../../contract/inputs';
import { fixesOfCauses, retestCommand, rootCauses } from '../../renderer/wizard/causes/index';
import { splitFixes } from '../../renderer/wizard/deploy/order';
import { visibleControls } from '../report/control-characters';
import { statusLabel, verdictLine } from '../report/status-labels';

/** Width of the status column: the longest label ("UNKNOWN") and a space. */
const STATUS_WIDTH = 8;
const INDENT = ' '.repeat(STATUS_WIDTH);

/** Safe for a terminal; keeps tabs and line breaks. */
export function terminalText(text: string): string {
  return visibleControls(text);
}

/** Continuation lines of a multi-line value, indented under its first line. */
function indented(text: string, indent: string): string {
  return terminalText(text).split('\n').join(`\n${indent}`);
}

/** "10.200.2.2 (TCP port 8080), product cloudflare, Cloudflare account …" */
export function describeInputs(inputs: CheckInputs): string {
  const parts: string[] = [];
  parts.push(inputs.target ? `target ${inputs.target}${inputs.tcpPort !== null ? ` (TCP port ${inputs.tcpPort})` : ''}` : 'no target (this host only)');
  parts.push(`product ${inputs.product}`);
  if (inputs.unreachableTarget) parts.push(`should-be-unreachable ${inputs.unreachableTarget}`);
  if (inputs.cloudflareAccountId) parts.push(`Cloudflare account ${inputs.cloudflareAccountId} (API token ${inputs.cloudflareApiToken})`);
  if (inputs.connectorReports.length > 0) parts.push(`connector report${inputs.connectorReports.length === 1 ? '' : 's'} ${inputs.connectorReports.join(', ')}`);
  return terminalText(parts.join(', '));
}

/** "Deployment: kubernetes (detected: imported pod spec)": which fixes come first, and why. */
export function describeDeploy(decision: DeployDecision): string {
  if (decision.from === 'chosen') return `Deployment: ${decision.style} (chosen with --deploy): its fixes come first`;
  if (decision.from === 'detected') return terminalText(`Deployment: ${decision.style} (detected: ${decision.signal ?? 'from the evidence'}): its fixes come first; override with --deploy`);
  return `Deployment: unknown (no pod spec, Helm values, connector cgroup or /etc/openwrt_release seen): give --deploy ${DEPLOY_STYLES.join('|')} to put its fixes first`;
}

/** A fix named on one line; its text is printed once, under "How to fix". */
function fixInOneLine(fix: Remediation): string {
  return `${terminalText(fix.title).replace(/\s*\n\s*/g, ' ')} (${terminalText(fixKind(fix))}: see "How to fix" below)`;
}

/**
 * The opening block: how many problems (causes, not symptoms), each cause with its first fix
 * in the order to fix them, then the command to re-test with. On a run with no cause, the
 * one-line verdict alone.
 */
export function formatCauses(findings: readonly Finding[], causes: readonly FindingId[], inputs: CheckInputs): string {
  const listed = fixesOfCauses(findings, causes);
  if (listed.length === 0) return `${terminalText(verdictLine(findings, causes))}\n\n`;
  const lines = [`${listed.length} problem${listed.length === 1 ? '' : 's'} found. Fix ${listed.length === 1 ? 'it' : 'them in this order'}, then re-test:`];
  listed.forEach(({ finding, fixes }, index) => {
    lines.push(`  ${index + 1}. ${finding.id} — ${terminalText(finding.title)}`);
    const first = fixes[0] ?? finding.remediation[0];
    lines.push(first ? `     fix: ${fixInOneLine(first)}` : '     (no fix to suggest: see its summary below)');
  });
  const symptoms = findings.filter((f) => (f.explainedBy?.length ?? 0) > 0 && (f.status === 'fail' || f.status === 'unknown'));
  if (symptoms.length > 0) lines.push(`  Follow from these causes: ${symptoms.map((f) => f.id).join(', ')}`);
  lines.push(`Re-test with: ${terminalText(retestCommand(inputs))}`);
  return `${lines.join('\n')}\n\n`;
}

/** One finding: "FAIL    tcp-vs-icmp — title", what explains it, its summary, and its evidence lines. */
export function formatFinding(finding: Finding): string {
  const lines = [`${statusLabel(finding.status).padEnd(STATUS_WIDTH)}${finding.id} — ${terminalText(finding.title)}`];
  if (finding.explainedBy && finding.explainedBy.length > 0) lines.push(`${INDENT}Explained by ${terminalText(finding.explainedBy.join(', '))}: fix that first.`);
  lines.push(`${INDENT}${indented(finding.summary, INDENT)}`);
  if (finding.evidence.length > 0) {
    lines.push(`${INDENT}Evidence:`);
    const bullet = `${INDENT}  - `;
    const under = ' '.repeat(bullet.length);
    for (const item of finding.evidence) lines.push(`${bullet}${indented(item.source, under)}: ${indented(item.detail, under)}`);
  }
  return `${lines.join('\n')}\n`;
}

/** Every verdict, then the one-line verdict of the whole check. */
export function formatVerdicts(findings: readonly Finding[], causes: readonly FindingId[] = rootCauses(findings)): string {
  const blocks = findings.map(formatFinding);
  return `${blocks.join('\n')}\nVerdict: ${terminalText(verdictLine(findings, causes))}\n`;
}

function fixKind(fix: Remediation): string {
  switch (fix.kind) {
    case 'command':
      return 'run';
    case 'file':
      return `file ${fix.path ?? '(no path given)'}`;
    case 'yaml':
      return 'YAML';
    case 'dashboard':
      return 'in the dashboard';
  }
}

/**
 * One fix: a header line, then its text exactly as built, not indented — so a command, a
 * YAML document or a file's content pastes as it is — and a blank line.
 */
export function formatFix(fix: Remediation, index: number): string {
  const header = `  Fix ${index + 1} (${terminalText(fixKind(fix))}): ${indented(fix.title, '    ')}`;
  const text = terminalText(fix.text).replace(/\n+$/, '');
  return `${header}\n${text}\n`;
}

/**
 * The fixes of every cause, in the order to fix them, then of each warning that comes with
 * one (a warning such as a small but working path MTU may need none); empty when there is
 * nothing to fix. A symptom's fixes are not listed (its verdict names the causes instead),
 * and a fix two findings share is listed once, under the first.
 */
export function formatFixes(findings: readonly Finding[], causes: readonly FindingId[] = rootCauses(findings), deploy: DeployDecision | null = null): string {
  const style: DeployStyle | 'unknown' = deploy?.style ?? 'unknown';
  const warnings = findings.filter((f) => f.status === 'warn' && f.remediation.length > 0 && !causes.includes(f.id) && (f.explainedBy?.length ?? 0) === 0);
  const listed = fixesOfCauses(findings, [...causes, ...warnings.map((f) => f.id)]);
  if (listed.length === 0) return '';
  const sections = listed.map(({ finding, fixes }) => {
    const head = `${statusLabel(finding.status)} ${finding.id} — ${terminalText(finding.title)}`;
    if (finding.remediation.length === 0) return `${head}\n  (no fix to suggest: see the summary above)\n`;
    if (fixes.length === 0) return `${head}\n  (its fixes are listed above)\n`;
    const { fitting, other } = splitFixes(fixes, style);
    const main = fitting.map(formatFix).join('\n');
    if (other.length === 0) return `${head}\n\n${main}`;
    // The fixes for other deployments stay available, numbered on, under their own heading.
    const rest = other.map((fix, index) => formatFix(fix, fitting.length + index)).join('\n');
    const fold = `  Other ways (for deployments other than ${style}):\n\n${rest}`;
    return fitting.length > 0 ? `${head}\n\n${main}\n${fold}` : `${head}\n\n  (no fix specific to ${style})\n\n${fold}`;
  });
  // Which deployment the fixes are ordered for, where the fixes begin (the first lines stay the causes).
  const deployLine = deploy ? `${describeDeploy(deploy)}\n\n` : '';
  return `\nHow to fix\n==========\n\n${deployLine}${sections.join('\n')}`;
}
