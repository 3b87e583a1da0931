// The cause model: which failing findings are causes and which are their symptoms, the order
// to fix the causes in, and the command to re-test with. Pure data and functions, shared by
// the app, the CLI and the reports (no DOM, no Node).

import type { Evidence } from '../../../contract/evidence';
import type { Finding, FindingId } from '../../../contract/findings';
import { rootCauses, withExplanations } from './explain';
import { causeSignals, type CauseSignals } from './signals';

/** Signals that explain nothing: every failing finding then stands as a cause of its own. */
const NO_SIGNALS: CauseSignals = {
  probeBlocked: { icmp: false, transparency: false, pathMtu: false },
  echoVanished: false,
  policyProof: false,
  transparencyNothingBack: false,
  pathMtuNothingBack: false,
};

/**
 * The findings with `explainedBy` set from the evidence they were decided on. Evidence too
 * malformed to read (a hostile imported report; the checks already said so as `unknown`)
 * explains nothing rather than throwing: no failing finding is hidden behind a guess.
 */
export function explainFindings(findings: readonly Finding[], evidence: Evidence, target: string | null): Finding[] {
  let signals = NO_SIGNALS;
  try {
    signals = causeSignals(evidence, target);
  } catch {
    // keep NO_SIGNALS
  }
  return withExplanations<FindingId, Finding>(findings, signals);
}

/**
 * The causes of a set of findings, in fix order. For a report read back from a file, its own
 * `causes` win; one from before the cause model (no `causes`) gets them from `explainedBy`.
 */
export function causesOf(findings: readonly Finding[], recorded?: readonly FindingId[] | null): FindingId[] {
  return Array.isArray(recorded) ? [...recorded] : rootCauses(findings);
}

export { explanations, rootCauses, withExplanations, type Verdict } from './explain';
export { FIX_ORDER, fixRank, inFixOrder, type CauseModelId } from './fix-order';
export { fixesOfCauses, fixKey, type CauseFixes } from './fixes';
export { retestCommand } from './retest';
export { conditionHolds, EXPLAIN_RULES, type ExplainCondition, type ExplainRule } from './rules';
export { causeSignals, type CauseSignals } from './signals';
