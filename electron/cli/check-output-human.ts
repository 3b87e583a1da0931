// How `icmp-doctor check` reads to a person in a terminal: a verdict per finding (status,
// title, summary, the evidence that decided it), then the fixes for what failed or warned,
// ready to paste — commands and YAML exactly as built, files under their path. Pure text
// functions; the command decides what goes to stdout. Every string that may come from a log,
// an import or a remote report has its control characters made visible, so a hostile log
// line cannot drive the terminal.

import type { Finding, Remediation } from '../../contract/findings';
import type { CheckInputs } from '../../contract/inputs';
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

/** One finding: "FAIL    tcp-vs-icmp — title", its summary, and its evidence lines. */
export function formatFinding(finding: Finding): string {
  const lines = [`${statusLabel(finding.status).padEnd(STATUS_WIDTH)}${finding.id} — ${terminalText(finding.title)}`];
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
export function formatVerdicts(findings: readonly Finding[]): string {
  const blocks = findings.map(formatFinding);
  return `${blocks.join('\n')}\nVerdict: ${terminalText(verdictLine(findings))}\n`;
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
 * The fixes of every failing finding, and of each warning that comes with one (a warning such
 * as a small but working path MTU may need none); empty when there is nothing to fix.
 */
export function formatFixes(findings: readonly Finding[]): string {
  const needing = findings.filter((f) => f.status === 'fail' || (f.status === 'warn' && f.remediation.length > 0));
  if (needing.length === 0) return '';
  const sections = needing.map((finding) => {
    const head = `${statusLabel(finding.status)} ${finding.id} — ${terminalText(finding.title)}`;
    if (finding.remediation.length === 0) return `${head}\n  (no fix to suggest: see the summary above)\n`;
    return `${head}\n\n${finding.remediation.map(formatFix).join('\n')}`;
  });
  return `\nHow to fix\n==========\n\n${sections.join('\n')}`;
}
