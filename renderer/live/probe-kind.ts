// Which kind of probe a live-table row is, from the wizard step that sent it: the echo, the
// path-MTU search and the error probes all arrive through one stream, interleaved.

import type { StepId } from '../wizard/steps';

export const PROBE_KINDS = ['icmp', 'path-mtu', 'transparency', 'path', 'tcp', 'other'] as const;
export type ProbeKind = (typeof PROBE_KINDS)[number];

/** The kind of a probe sent by `step`; a step not known to probe (or none recorded) is "other". */
export function probeKindOf(step: StepId | undefined): ProbeKind {
  return step === 'icmp' || step === 'path-mtu' || step === 'transparency' || step === 'path' || step === 'tcp' ? step : 'other';
}
