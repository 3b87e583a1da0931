// Applies the rules: which findings are symptoms (and of which root causes), and which are
// the causes to fix, in order. Pure; works on any finding-shaped value.

import type { FindingStatus } from '../../../contract/findings';
import { fixRank, inFixOrder, type CauseModelId } from './fix-order';
import { conditionHolds, EXPLAIN_RULES, type ExplainRule } from './rules';
import type { CauseSignals } from './signals';

export interface Verdict<Id extends string = CauseModelId> {
  id: Id;
  status: FindingStatus;
  explainedBy?: Id[];
}

/**
 * The root causes behind each finding that failing findings explain. A symptom's explainers
 * are resolved to roots: when icmp-policy is itself explained by the tunnel, tcp-vs-icmp is
 * explained by the tunnel's causes, not by icmp-policy. Rules always point forward in
 * FIX_ORDER, so walking the findings in that order meets every explainer resolved.
 */
export function explanations<Id extends CauseModelId>(
  verdicts: ReadonlyArray<Verdict<Id>>,
  signals: CauseSignals,
  rules: readonly ExplainRule[] = EXPLAIN_RULES,
): Map<Id, Id[]> {
  const failing = new Set(verdicts.filter((v) => v.status === 'fail').map((v) => v.id as CauseModelId));
  const roots = new Map<CauseModelId, CauseModelId[]>();
  for (const verdict of [...verdicts].sort((a, b) => fixRank(a.id) - fixRank(b.id))) {
    const explainers = rules
      .filter((rule) => rule.symptom === verdict.id && rule.cause !== verdict.id && failing.has(rule.cause))
      .filter((rule) => rule.symptomStatuses.includes(verdict.status) && conditionHolds(rule.when, verdict.id, signals))
      .map((rule) => rule.cause);
    if (explainers.length === 0) continue;
    const resolved = new Set<CauseModelId>();
    for (const cause of explainers) for (const root of roots.get(cause) ?? [cause]) resolved.add(root);
    roots.set(verdict.id, inFixOrder([...resolved]));
  }
  return roots as Map<Id, Id[]>;
}

/** The findings with `explainedBy` set where others explain them (and dropped where not). */
export function withExplanations<Id extends CauseModelId, V extends Verdict<Id>>(verdicts: readonly V[], signals: CauseSignals): V[] {
  const map = explanations(verdicts, signals);
  return verdicts.map((verdict) => {
    const { explainedBy: _stale, ...rest } = verdict;
    const by = map.get(verdict.id);
    return (by ? { ...rest, explainedBy: by } : rest) as V;
  });
}

/** The causes: failing findings nothing explains, in the order to fix them. */
export function rootCauses<Id extends string>(verdicts: ReadonlyArray<Verdict<Id>>): Id[] {
  return inFixOrder(verdicts.filter((v) => v.status === 'fail' && (v.explainedBy?.length ?? 0) === 0).map((v) => v.id));
}
