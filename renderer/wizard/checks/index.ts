// The checks: one pure function per finding id (DESIGN.md §2), run in FINDING_IDS
// order. They read only the evidence and the inputs, so the renderer, the headless CLI and
// the tests get the same verdicts from the same facts.

import type { Evidence } from '../../../contract/evidence';
import { FINDING_IDS, type Finding, type FindingId } from '../../../contract/findings';
import type { CheckInputs } from '../../../contract/inputs';
import { msg } from '../../i18n/messages/message';
import { explainFindings } from '../causes/index';
import { decideDeploy, orderFixes } from '../deploy/index';
import { checkConnectorGidRange } from './connector-gid-range';
import { finding } from './finding';
import { checkIcmpErrorTransparency } from './icmp-error-transparency';
import { checkIcmpPolicy } from './icmp-policy';
import { checkIcmpProxy } from './icmp-proxy';
import { checkLocalIcmpSocket } from './local-icmp-socket';
import { checkPathMtu } from './path-mtu';
import { checkRouteThroughTunnel } from './route-through-tunnel';
import { checkTcpVsIcmp } from './tcp-vs-icmp';
import { checkTunnelConnection } from './tunnel-connection';
import { checkTunnelTransport } from './tunnel-transport';

/** A check: evidence and inputs in, one Finding out. Pure; never throws on well-typed evidence. */
export type Check = (evidence: Evidence, inputs: CheckInputs) => Finding;

export const CHECKS: Readonly<Record<FindingId, Check>> = {
  'local-icmp-socket': checkLocalIcmpSocket,
  'tcp-vs-icmp': checkTcpVsIcmp,
  'tunnel-connection': checkTunnelConnection,
  'tunnel-transport': checkTunnelTransport,
  'icmp-proxy': checkIcmpProxy,
  'connector-gid-range': checkConnectorGidRange,
  'icmp-error-transparency': checkIcmpErrorTransparency,
  'path-mtu': checkPathMtu,
  'icmp-policy': checkIcmpPolicy,
  'route-through-tunnel': checkRouteThroughTunnel,
};

/**
 * Runs one check, turning a crash on malformed evidence (a hand-edited or hostile imported
 * report can break the types at run time) into an `unknown` finding that says so.
 */
export function runCheck(id: FindingId, evidence: Evidence, inputs: CheckInputs): Finding {
  try {
    return CHECKS[id](evidence, inputs);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return finding(id, 'unknown', msg('check.malformed-evidence', { error: message }));
  }
}

/** Every finding, in FINDING_IDS order, symptoms marked with the causes that explain them. */
export function runChecks(evidence: Evidence, inputs: CheckInputs): Finding[] {
  // The deployment's own fixes first, so every output's "first fix" is one that applies there.
  const { style } = decideDeploy(evidence, inputs);
  return explainFindings(
    FINDING_IDS.map((id) => runCheck(id, evidence, inputs)).map((f) => ({ ...f, remediation: orderFixes(f.remediation, style) })),
    evidence,
    inputs.target,
  );
}

export { checkConnectorGidRange, checkIcmpErrorTransparency, checkIcmpPolicy, checkIcmpProxy, checkLocalIcmpSocket, checkPathMtu, checkRouteThroughTunnel, checkTcpVsIcmp, checkTunnelConnection, checkTunnelTransport };
export { findingTitle } from './finding';
