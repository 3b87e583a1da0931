// The chosen style's fixes first: a fix tagged with the style, then fixes that serve any
// style (a dashboard toggle, a firewall on the path), then the fixes for other styles — the
// "other ways". Stable within each group, so each builder's own order (now, persist,
// restart) is kept.

import type { DeployStyle } from '../../../contract/deploy';
import type { Remediation } from '../../../contract/findings';

export interface SplitFixes {
  /** The fixes that fit the style (or any style), in the order to apply them. */
  fitting: Remediation[];
  /** The fixes for other deployment styles. */
  other: Remediation[];
}

/** Splits by style; with `unknown` every fix fits and the order is unchanged. */
export function splitFixes(remediation: readonly Remediation[], style: DeployStyle | 'unknown'): SplitFixes {
  if (style === 'unknown') return { fitting: [...remediation], other: [] };
  const own = remediation.filter((fix) => fix.deploy.includes(style));
  const any = remediation.filter((fix) => fix.deploy.length === 0);
  const other = remediation.filter((fix) => fix.deploy.length > 0 && !fix.deploy.includes(style));
  return { fitting: [...own, ...any], other };
}

/** One list: the style's fixes first, the rest after. */
export function orderFixes(remediation: readonly Remediation[], style: DeployStyle | 'unknown'): Remediation[] {
  const { fitting, other } = splitFixes(remediation, style);
  return [...fitting, ...other];
}
