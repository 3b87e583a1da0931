// Reading what `icmp-doctor check` printed: the one `{"type":"report",…}` line of --json, the
// findings by id, and the fixes of the human output.

import assert from 'node:assert/strict';
import type { Finding, FindingId } from '../../../contract/findings';
import type { Report } from '../../../contract/report';
import { STACK_TRACE } from '../../support/cli';
import type { ExecResult } from '../../lab/lab';

export type ReportLine = Report & { type: 'report'; cancelled?: boolean };

/** The single line of a --json run, parsed; fails unless stdout is exactly one report line. */
export function reportLine(run: ExecResult): ReportLine {
  assert.doesNotMatch(run.stderr, STACK_TRACE);
  const lines = run.stdout.split('\n');
  assert.equal(lines.length, 2, `one line and its newline on stdout, got:\n${run.stdout.slice(0, 2000)}`);
  assert.equal(lines[1], '');
  const parsed = JSON.parse(lines[0] ?? '') as ReportLine;
  assert.equal(parsed.type, 'report');
  assert.equal(parsed.schema, 'icmp-doctor/report@1');
  return parsed;
}

export function byId(findings: readonly Finding[]): Record<FindingId, Finding> {
  return Object.fromEntries(findings.map((finding) => [finding.id, finding])) as Record<FindingId, Finding>;
}

/** "id=status …" for assertion messages. */
export function statuses(findings: readonly Finding[]): string {
  return findings.map((finding) => `${finding.id}=${finding.status}`).join(' ');
}

/** All evidence of a finding as one text, for matching. */
export function evidenceText(finding: Finding): string {
  return finding.evidence.map((item) => `${item.source}: ${item.detail}`).join('\n');
}

/** The human output's verdict line for a finding: "FAIL    tcp-vs-icmp — TCP vs ICMP to the target". */
export function verdictLinePattern(finding: Pick<Finding, 'id' | 'status'>): RegExp {
  return new RegExp(`^${finding.status.toUpperCase()}\\s+${finding.id} — `, 'm');
}
