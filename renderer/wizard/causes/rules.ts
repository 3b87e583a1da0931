// Which failing finding explains which: the cause model as data. A rule reads "when CAUSE
// fails, SYMPTOM (in one of these statuses) follows from it if CONDITION holds". The
// condition names a fact from the evidence (signals.ts), never a summary's wording.

import type { FindingStatus } from '../../../contract/findings';
import type { CauseModelId } from './fix-order';
import type { CauseSignals } from './signals';

export type ExplainCondition =
  /** The symptom's own probe could not run on this host. */
  | 'probe-blocked'
  /**
   * The symptom's own probe could not run on this host, and nothing else decided it: a verdict
   * taken from imported configuration (a Calico policy, a Firezone resource) is a fact about
   * that configuration, not a symptom of this host's probes.
   */
  | 'probe-blocked-only'
  /** Echo went out and nothing at all came back (TCP to the target, if tried, is the check's business). */
  | 'echo-vanished'
  /** Echo vanished and icmp-policy has no proof of its own (no admin-prohibited, no Calico deny). */
  | 'policy-only-silence'
  /** The symptom's probes drew nothing back at all: no reply and no ICMP error. */
  | 'nothing-icmp-back'
  /** Whenever both fail: the cause names what the symptom only observes. */
  | 'always';

export interface ExplainRule {
  cause: CauseModelId;
  symptom: CauseModelId;
  symptomStatuses: readonly FindingStatus[];
  when: ExplainCondition;
}

/** Which probe a probe-based finding stands on. */
const PROBE_OF: Partial<Record<CauseModelId, keyof CauseSignals['probeBlocked']>> = {
  'tcp-vs-icmp': 'icmp',
  'icmp-policy': 'icmp',
  'icmp-error-transparency': 'transparency',
  'path-mtu': 'pathMtu',
};

/** Does `condition` hold for `symptom` on these signals? */
export function conditionHolds(condition: ExplainCondition, symptom: CauseModelId, signals: CauseSignals): boolean {
  switch (condition) {
    case 'probe-blocked': {
      const probe = PROBE_OF[symptom];
      return probe !== undefined && signals.probeBlocked[probe];
    }
    case 'probe-blocked-only':
      return conditionHolds('probe-blocked', symptom, signals) && !(signals.decidedByImportedConfig ?? []).includes(symptom);
    case 'echo-vanished':
      return signals.echoVanished;
    case 'policy-only-silence':
      return signals.echoVanished && !signals.policyProof;
    case 'nothing-icmp-back':
      if (symptom === 'icmp-error-transparency') return signals.echoVanished && signals.transparencyNothingBack;
      if (symptom === 'path-mtu') return signals.echoVanished && signals.pathMtuNothingBack;
      return signals.echoVanished;
    case 'always':
      return true;
  }
}

const FAILING_OR_UNDECIDED: readonly FindingStatus[] = ['fail', 'unknown'];

/**
 * Where echo is lost inside the tunnel, everything that needs ICMP to come back through it
 * fails with it. These are those symptoms; the tunnel-side causes below each explain all four.
 * - tcp-vs-icmp fails on "TCP works, echo vanishes" (an echo answered by an error is not the
 *   tunnel's doing: that is icmp-policy's).
 * - icmp-policy fails on a silent drop that it can only guess is a firewall; with an actual
 *   admin-prohibited error, or Calico denying echo, it is a cause of its own.
 * - icmp-error-transparency and path-mtu fail or stay unknown only because nothing ICMP comes
 *   back at all; an error that does come back (or a passing small size) is their own finding.
 */
function tunnelLoss(cause: CauseModelId): ExplainRule[] {
  return [
    { cause, symptom: 'tcp-vs-icmp', symptomStatuses: ['fail'], when: 'echo-vanished' },
    { cause, symptom: 'icmp-policy', symptomStatuses: ['fail'], when: 'policy-only-silence' },
    { cause, symptom: 'icmp-error-transparency', symptomStatuses: FAILING_OR_UNDECIDED, when: 'nothing-icmp-back' },
    { cause, symptom: 'path-mtu', symptomStatuses: FAILING_OR_UNDECIDED, when: 'nothing-icmp-back' },
  ];
}

export const EXPLAIN_RULES: readonly ExplainRule[] = [
  // No ICMP socket here: no probe ran, so every verdict the probes would have decided is a
  // consequence; one that imported configuration decided (icmp-policy from a Calico policy or a
  // Firezone resource) stands on its own.
  ...(['tcp-vs-icmp', 'icmp-policy', 'icmp-error-transparency', 'path-mtu'] as const).map(
    (symptom): ExplainRule => ({ cause: 'local-icmp-socket', symptom, symptomStatuses: FAILING_OR_UNDECIDED, when: 'probe-blocked-only' }),
  ),
  // Echo never enters the tunnel, or the tunnel is down, or the connector cannot or will not
  // carry ICMP: in each case echo is lost inside the tunnel.
  ...tunnelLoss('route-through-tunnel'),
  ...tunnelLoss('tunnel-connection'),
  // A tunnel that never connected shows nothing of the connector's ICMP handling at work: its
  // transport, ICMP proxy and GID verdicts (failing or undecided) wait until it is up, and the
  // re-test after the connection fix decides them.
  ...(['connector-gid-range', 'tunnel-transport', 'icmp-proxy'] as const).map(
    (symptom): ExplainRule => ({ cause: 'tunnel-connection', symptom, symptomStatuses: FAILING_OR_UNDECIDED, when: 'always' }),
  ),
  ...tunnelLoss('connector-gid-range'),
  ...tunnelLoss('tunnel-transport'),
  ...tunnelLoss('icmp-proxy'),
  // A policy that refuses or drops echo is what tcp-vs-icmp observes as "TCP passes, ICMP not".
  { cause: 'icmp-policy', symptom: 'tcp-vs-icmp', symptomStatuses: ['fail'], when: 'always' },
];
