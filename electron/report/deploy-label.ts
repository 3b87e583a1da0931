// The report's deployment line, and its fixes split by it: the chosen style's first, the
// others under "Other ways" (renderer/wizard/deploy).

import type { DeployDecision, DeployStyle } from '../../contract/deploy';
import type { Remediation } from '../../contract/findings';
import type { Report } from '../../contract/report';
import { splitFixes, type SplitFixes } from '../../renderer/wizard/deploy/order';

/** A report written before `deploy` existed reads as undecided. */
export function deployOf(report: Report): DeployDecision {
  return (report as Partial<Report>).deploy ?? { style: 'unknown', from: 'none', signal: null };
}

/** "kubernetes (detected: imported pod spec)", "helm (chosen)", "unknown (not detected)". */
export function deployLabel(decision: DeployDecision): string {
  if (decision.from === 'chosen') return `${decision.style} (chosen)`;
  if (decision.from === 'detected') return `${decision.style} (detected: ${decision.signal ?? 'from the evidence'})`;
  return 'unknown (not detected; fixes for every deployment are listed)';
}

export function fixesByStyle(fixes: readonly Remediation[], style: DeployStyle | 'unknown'): SplitFixes {
  return splitFixes(fixes, style);
}

export function otherWaysHeading(style: DeployStyle | 'unknown'): string {
  return `Other ways (for deployments other than ${style})`;
}
