// The report's deployment line, and its fixes split by it: the chosen style's first, the
// others under "Other ways" (renderer/wizard/deploy).

import type { DeployDecision, DeployStyle } from '../../contract/deploy';
import type { Remediation } from '../../contract/findings';
import type { Report } from '../../contract/report';
import type { Locale } from '../../renderer/i18n/messages/locale';
import { splitFixes, type SplitFixes } from '../../renderer/wizard/deploy/order';
import { say } from './say';

/** A report written before `deploy` existed reads as undecided. */
export function deployOf(report: Report): DeployDecision {
  return (report as Partial<Report>).deploy ?? { style: 'unknown', from: 'none', signal: null };
}

/** "kubernetes (detected: imported pod spec)", "helm (chosen)", "unknown (not detected)". */
export function deployLabel(decision: DeployDecision, lang: Locale = 'en'): string {
  if (decision.from === 'chosen') return say(lang, 'report.deploy.chosen', { style: decision.style });
  if (decision.from === 'detected') return say(lang, 'report.deploy.detected', { style: decision.style, signal: decision.signalMessage ?? decision.signal ?? say(lang, 'report.deploy.from-evidence') });
  return say(lang, 'report.deploy.none');
}

export function fixesByStyle(fixes: readonly Remediation[], style: DeployStyle | 'unknown'): SplitFixes {
  return splitFixes(fixes, style);
}

export function otherWaysHeading(style: DeployStyle | 'unknown', lang: Locale = 'en'): string {
  return say(lang, 'report.other-ways', { style });
}
