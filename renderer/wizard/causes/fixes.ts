// The fixes to print: the causes' own, each once. Symptoms' fixes are left out (a symptom
// says "explained by X" instead), and a fix two causes share (the same dashboard steps, the
// same command) is printed under the first cause that needs it.

import type { Finding, FindingId, Remediation } from '../../../contract/findings';

/** Two fixes are the same when they do the same thing: same kind, same text (titles vary). */
export function fixKey(fix: Pick<Remediation, 'kind' | 'text'>): string {
  return `${fix.kind}\u0000${fix.text}`;
}

export interface CauseFixes {
  finding: Finding;
  /** The fixes not already listed under an earlier cause. */
  fixes: Remediation[];
}

/** Per cause, in the causes' order: its fixes, without any listed before. */
export function fixesOfCauses(findings: readonly Finding[], causes: readonly FindingId[]): CauseFixes[] {
  const seen = new Set<string>();
  const result: CauseFixes[] = [];
  for (const id of causes) {
    const finding = findings.find((f) => f.id === id);
    if (!finding) continue;
    const fixes = finding.remediation.filter((fix) => {
      const key = fixKey(fix);
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });
    result.push({ finding, fixes });
  }
  return result;
}
