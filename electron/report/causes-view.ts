// What every report format opens with, computed once: the causes in the order to fix them,
// each with its first fix, the command to re-test with, and per finding the fixes to show —
// each fix once (under the first finding that needs it), none under a symptom. Reports read
// back from a file may be hand-edited, so every field is checked before it is trusted.

import type { Finding, FindingId, Remediation } from '../../contract/findings';
import type { Report } from '../../contract/report';
import { causesOf, fixesOfCauses, retestCommand } from '../../renderer/wizard/causes/index';

export interface CauseLine {
  finding: Finding;
  /** The first fix to apply; null when the check has none to suggest. */
  firstFix: Remediation | null;
}

export interface CausesView {
  causes: CauseLine[];
  /** `icmp-doctor check …` with the same options. */
  retest: string;
  /** The fixes to print under each finding: deduplicated, and none for a symptom. */
  fixesOf: (finding: Finding) => Remediation[];
}

/** The causes that explain `finding`, as listed in the report (only strings survive). */
export function explainersOf(finding: Finding): string[] {
  const by: unknown = finding.explainedBy;
  return Array.isArray(by) ? by.filter((id): id is string => typeof id === 'string') : [];
}

export function causesView(report: Report): CausesView {
  const recorded: unknown = report.causes;
  const causes = causesOf(report.findings, Array.isArray(recorded) ? recorded.filter((id): id is FindingId => typeof id === 'string') : null);
  const causeLines = fixesOfCauses(report.findings, causes);
  // After the causes, every other finding that is no symptom keeps its (remaining) fixes.
  const others = report.findings.filter((f) => !causes.includes(f.id) && explainersOf(f).length === 0).map((f) => f.id);
  const listed = new Map<Finding, Remediation[]>(fixesOfCauses(report.findings, [...causes, ...others]).map((c) => [c.finding, c.fixes]));
  let retest = '';
  try {
    retest = retestCommand(report.inputs);
  } catch {
    retest = 'icmp-doctor check';
  }
  return {
    causes: causeLines.map(({ finding, fixes }) => ({ finding, firstFix: fixes[0] ?? finding.remediation[0] ?? null })),
    retest,
    fixesOf: (finding) => listed.get(finding) ?? [],
  };
}
