// path-mtu: the largest packet with DF set that reaches the target. Tunnels shrink it; that is
// fine while routers say so (fragmentation needed / packet too big) and the error comes back.
// When the error is dropped, big packets vanish silently — a black hole that hangs TCP
// connections as soon as they send a full-size segment.

import type { Evidence, PathMtuResult } from '../../../contract/evidence';
import type { Finding, FindingEvidence } from '../../../contract/findings';
import type { CheckInputs } from '../../../contract/inputs';
import { allowIcmpErrorsRemediation, clampMssRemediation } from '../remediation/icmp-firewall';
import { cite, citeFailure } from './cite';
import { finding } from './finding';

const ID = 'path-mtu';

/** IPv6's minimum link MTU: every IPv6 path must carry this much. */
export const IPV6_MIN_MTU = 1280;
const TOO_BIG = new Set(['fragmentation-needed', 'packet-too-big']);

/** IP + ICMP header bytes around a payload. */
function overhead(family: 4 | 6): number {
  return family === 4 ? 28 : 48;
}

function packetBytes(result: PathMtuResult, size: number): number {
  return result.steps.find((step) => step.size === size)?.packetBytes ?? size + overhead(result.family);
}

function describeSteps(result: PathMtuResult): string {
  return result.steps
    .map((step) => `${step.packetBytes} B: ${step.status}${step.errorName ? ` (${step.errorName}${step.mtu !== null ? `, mtu ${step.mtu}` : ''})` : ''}`)
    .join('; ');
}

export function checkPathMtu(evidence: Evidence, inputs: CheckInputs): Finding {
  if (!inputs.target) return finding(ID, 'skip', 'No target given: give --target T to measure the path MTU to it.');
  const gathered = evidence.probes.pathMtu;
  if (!gathered) return finding(ID, 'unknown', `The path MTU to ${inputs.target} has not been measured: run the "Path MTU" step.`);
  if (!gathered.ok) return finding(ID, 'unknown', `The path MTU probe did not run (${gathered.code}).`, [citeFailure(gathered)]);
  const result = gathered.value;
  const cited: FindingEvidence[] = [cite(gathered.source, `DF probes to ${result.address}: ${describeSteps(result)}`)];

  if (result.largestPassing === null) {
    return finding(ID, 'unknown', `No DF probe to ${result.address} got a reply, at any size: nothing passes, so there is no MTU to measure — see tcp-vs-icmp.`, cited);
  }
  const mtu = packetBytes(result, result.largestPassing);
  const failingBytes = result.smallestFailing !== null ? packetBytes(result, result.smallestFailing) : null;

  if (result.blackHole) {
    return finding(
      ID,
      'fail',
      `Path MTU black hole toward ${result.address}: packets of ${mtu} bytes pass, but ${failingBytes !== null ? `${failingBytes}-byte` : 'larger'} packets with DF set vanish without a "fragmentation needed" / "packet too big" error. Something on the path (often the tunnel, or a firewall dropping ICMP errors) has a smaller MTU and its error never reaches us, so TCP stalls once it sends full-size segments. Let those ICMP errors through, or clamp TCP's MSS.`,
      cited,
      [
        ...allowIcmpErrorsRemediation(null, evidence.imported.firewall),
        clampMssRemediation(),
      ],
    );
  }

  // What this host's own interface allows (its EMSGSIZE), for the summary only: the search starts there.
  const localMtu = result.steps.find((step) => step.status === 'local-error' && step.mtu !== null)?.mtu ?? null;
  const routerSaid = result.steps.find((step) => step.status === 'icmp-error' && step.errorName !== null && TOO_BIG.has(step.errorName));
  if (result.reportedMtu !== null || routerSaid) {
    return finding(
      ID,
      'warn',
      `The path MTU toward ${result.address} is ${result.reportedMtu ?? mtu} bytes, below this host's ${localMtu ?? 'interface MTU'}: a router on the way reports it${routerSaid?.errorName ? ` (${routerSaid.errorName})` : ''} and the error comes back, so path MTU discovery works. Pings larger than ${mtu} bytes (ping -s ${mtu - overhead(result.family)}) fail by design.`,
      cited,
    );
  }
  if (mtu < IPV6_MIN_MTU) {
    return finding(
      ID,
      'warn',
      `Only ${mtu}-byte packets pass toward ${result.address}, below the ${IPV6_MIN_MTU} bytes every IPv6 path must carry: a tunnel inside a tunnel, or a misconfigured MTU.`,
      cited,
    );
  }
  return finding(ID, 'pass', `Packets of up to ${mtu} bytes with DF set reach ${result.address}${localMtu !== null ? ` (this host's interface MTU is ${localMtu})` : ''}: no black hole.`, cited);
}
