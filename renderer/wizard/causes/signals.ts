// The few facts from the evidence that decide whether a failing finding is a symptom: did a
// probe run at all, did anything ICMP come back, is there proof of a policy beyond silence.
// Read from the same evidence the checks read, so the rules never parse a summary.

import type { Evidence, Gathered } from '../../../contract/evidence';
import { parseAddress } from '../checks/address';
import { resourcesWithoutIcmp } from '../checks/firezone-filters';
import type { CauseModelId } from './fix-order';
import { decide, ECHO_REQUEST } from '../checks/calico-evaluation';
import { distinctErrors, isAdminProhibited, tallyProbes } from '../checks/probes';
import type { ProbeEvent } from '../../../native/index';

export type ProbeName = 'icmp' | 'transparency' | 'pathMtu';

export interface CauseSignals {
  /** Per probe: it could not run here (never ran, the socket was refused, or every probe was refused locally). */
  probeBlocked: Readonly<Record<ProbeName, boolean>>;
  /** Echo to the target was sent and nothing at all came back: no reply, no ICMP error. */
  echoVanished: boolean;
  /**
   * icmp-policy has proof of its own beyond silence: a node answered "administratively
   * prohibited", imported Calico policies deny echo, or an imported Firezone resource leaves
   * ICMP out. Then it is a cause, never a symptom.
   */
  policyProof: boolean;
  /**
   * Findings whose failing verdict imported configuration decides on its own, whatever the probes
   * did: icmp-policy when an imported Calico policy denies echo or an imported Firezone resource
   * leaves ICMP out. Absent: none (signals built before this existed).
   */
  decidedByImportedConfig?: readonly CauseModelId[];
  /** The error-transparency probes were sent and drew nothing back at all. */
  transparencyNothingBack: boolean;
  /** The path-MTU probes were sent and drew nothing back at any size. */
  pathMtuNothingBack: boolean;
}

/** Sent, and every probe ended on this host (EPERM, EACCES…): none reached the network. */
function refusedLocally(statuses: ReadonlyArray<ProbeEvent['status']>): boolean {
  return statuses.length > 0 && statuses.every((status) => status === 'local-error');
}

/** Never ran, or its socket was refused (the gatherer's PERMISSION_DENIED), or refused probe by probe. */
function blocked<T>(gathered: Gathered<T> | null, statuses: (value: T) => ReadonlyArray<ProbeEvent['status']>): boolean {
  if (gathered === null) return true;
  if (!gathered.ok) return gathered.code === 'PERMISSION_DENIED';
  return refusedLocally(statuses(gathered.value));
}

function nothingBack(probes: readonly ProbeEvent[]): boolean {
  const tally = tallyProbes(probes);
  return tally.timeouts.length > 0 && tally.replies.length === 0 && tally.icmpErrors.length === 0;
}

/** Calico policies, as imported, deny echo somewhere (the families as icmp-policy weighs them). */
function calicoDeniesEcho(evidence: Evidence, target: string | null): boolean {
  const facts = evidence.imported.calico.flatMap((g) => (g.ok ? [g.value] : []));
  if (facts.length === 0) return false;
  const rules = facts.flatMap((f) => f.icmpRules);
  const families: Array<4 | 6> = rules.some((r) => r.protocol === 'ICMPv6') || parseAddress(target ?? '')?.family === 6 ? [4, 6] : [4];
  return families.some((family) =>
    (['ingress', 'egress'] as const).some((direction) => {
      const decision = decide(facts, { family, direction, ...ECHO_REQUEST[family] }).decision;
      return decision === 'deny' || decision === 'default-deny';
    }),
  );
}

export function causeSignals(evidence: Evidence, target: string | null): CauseSignals {
  const { icmp, transparency, pathMtu } = evidence.probes;
  const echoProbes = icmp?.ok ? icmp.value.probes : [];
  const adminProhibited = distinctErrors(tallyProbes(echoProbes).icmpErrors).some(isAdminProhibited);
  const configuredPolicy = calicoDeniesEcho(evidence, target) || resourcesWithoutIcmp(evidence).length > 0;
  return {
    probeBlocked: {
      icmp: blocked(icmp, (v) => v.probes.map((p) => p.status)),
      transparency: blocked(transparency, (v) => v.probes.map((p) => p.status)),
      pathMtu: blocked(pathMtu, (v) => v.steps.map((s) => s.status)),
    },
    echoVanished: nothingBack(echoProbes),
    policyProof: adminProhibited || configuredPolicy,
    decidedByImportedConfig: configuredPolicy ? ['icmp-policy'] : [],
    transparencyNothingBack: transparency?.ok === true && nothingBack(transparency.value.probes),
    pathMtuNothingBack:
      pathMtu?.ok === true &&
      pathMtu.value.steps.some((s) => s.status === 'timeout') &&
      !pathMtu.value.steps.some((s) => s.status === 'reply' || s.status === 'icmp-error'),
  };
}
