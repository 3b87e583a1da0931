// Network probes as evidence for the guided checks: TCP connect, ICMP echo, the path-MTU
// search and the ICMP error-transparency probe. Each takes its request and CallOptions
// (signal cancels, onProbe streams probe events) exactly as contract/api.ts declares, and
// answers with a Gathered value — never an exception.

import type { WizardApi } from '../../../../contract/api';
import { probeIcmp } from './icmp-probe';
import { probePathMtu } from './path-mtu-probe';
import { probeTcp } from './tcp-probe';
import { probeTrace } from './trace-probe';
import { probeTransparency } from './transparency-probe';

export { probeIcmp, probePathMtu, probeTcp, probeTrace, probeTransparency };
export { quotesOurProbe } from './quote-check';
export { PathMtuSearch } from './path-mtu-search';
export type { PathMtuVerdict, SizeOutcome } from './path-mtu-search';

/** The probe part of the wizard API, ready for the handler table. */
export const probeHandlers: Pick<WizardApi, 'probeTcp' | 'probeIcmp' | 'probePathMtu' | 'probeTransparency' | 'probeTrace'> = {
  probeTcp,
  probeIcmp,
  probePathMtu,
  probeTransparency,
  probeTrace,
};
