// path-mtu: the largest packet with DF set that reaches the target. Tunnels shrink it; that is
// fine while routers say so (fragmentation needed / packet too big) and the error comes back.
// When the error is dropped, big packets vanish silently — a black hole that hangs TCP
// connections as soon as they send a full-size segment.

import type { Evidence, PathMtuResult } from '../../../contract/evidence';
import type { Finding, FindingEvidence } from '../../../contract/findings';
import type { CheckInputs } from '../../../contract/inputs';
import type { Message } from '../../../contract/message';
import { msg } from '../../i18n/messages/message';
import { allowIcmpErrorsRemediation, clampMssRemediation } from '../remediation/icmp-firewall';
import { cite, citeFailure } from './cite';
import { finding } from './finding';
import { isWindowsHost } from './windows-host';

const ID = 'path-mtu';

/** IPv6's minimum link MTU: every IPv6 path must carry this much. */
export const IPV6_MIN_MTU = 1280;
const TOO_BIG = new Set(['fragmentation-needed', 'packet-too-big']);

/**
 * The largest frame any Ethernet or tunnel link carries (jumbo frames top out at 9216 bytes):
 * a DF packet above it that gets a reply was fragmented, whatever the path.
 */
export const LARGEST_LINK_MTU = 9216;

/** 127.0.0.0/8 or ::1: this host itself, where 64 KiB packets pass unfragmented. */
function isLoopback(address: string): boolean {
  return /^127\./.test(address) || address === '::1';
}

/** IP + ICMP header bytes around a payload. */
function overhead(family: 4 | 6): number {
  return family === 4 ? 28 : 48;
}

function packetBytes(result: PathMtuResult, size: number): number {
  return result.steps.find((step) => step.size === size)?.packetBytes ?? size + overhead(result.family);
}

/** Each step of the search as the probe reported it: "1500 B: icmp-error (fragmentation-needed, mtu 1280)". */
function describeSteps(result: PathMtuResult): Message[] {
  return result.steps.map((step) => msg(`path-mtu.step.${step.status}`, { bytes: step.packetBytes, errorName: step.errorName, mtu: step.mtu }));
}

export function checkPathMtu(evidence: Evidence, inputs: CheckInputs): Finding {
  if (!inputs.target) return finding(ID, 'skip', msg('path-mtu.no-target'));
  const gathered = evidence.probes.pathMtu;
  if (!gathered) return finding(ID, 'unknown', msg('path-mtu.not-measured', { target: inputs.target }));
  if (!gathered.ok) return finding(ID, 'unknown', msg('path-mtu.probe-failed', { code: gathered.code }), [citeFailure(gathered)]);
  const result = gathered.value;
  const cited: FindingEvidence[] = [cite(gathered, msg('path-mtu.steps', { address: result.address, steps: describeSteps(result) }))];

  if (result.largestPassing === null) {
    return finding(ID, 'unknown', msg('path-mtu.nothing-passes', { address: result.address }), cited);
  }
  const mtu = packetBytes(result, result.largestPassing);
  const failingBytes = result.smallestFailing !== null ? packetBytes(result, result.smallestFailing) : null;

  if (result.blackHole) {
    return finding(
      ID,
      'fail',
      msg('path-mtu.black-hole', { address: result.address, mtu, failingBytes }),
      cited,
      [
        ...allowIcmpErrorsRemediation(null, evidence.imported.firewall),
        clampMssRemediation(),
      ],
    );
  }

  // What this host's own interface allows (its EMSGSIZE), for the summary only: the search starts there.
  const localMtu = result.steps.find((step) => step.status === 'local-error' && step.mtu !== null)?.mtu ?? null;

  // Windows' ICMP API may not honour DF (Wine ignores it): a reply to a DF packet no link could
  // carry whole proves the packets were fragmented, so the search measured nothing. Linux
  // honours DF, and loopback carries 64 KiB packets: both keep the search's answer.
  const ceiling = localMtu ?? LARGEST_LINK_MTU;
  if (isWindowsHost(evidence) && !isLoopback(result.address) && mtu > ceiling) {
    return finding(ID, 'unknown', msg('windows.path-mtu.df-ignored', { address: result.address, bytes: mtu, localMtu, ceiling: LARGEST_LINK_MTU }), cited);
  }
  const routerSaid = result.steps.find((step) => step.status === 'icmp-error' && step.errorName !== null && TOO_BIG.has(step.errorName));
  if (result.reportedMtu !== null || routerSaid) {
    return finding(
      ID,
      'warn',
      msg('path-mtu.reported', {
        address: result.address,
        mtu: result.reportedMtu ?? mtu,
        localMtu,
        errorName: routerSaid?.errorName ?? null,
        largest: mtu,
        pingSize: mtu - overhead(result.family),
      }),
      cited,
    );
  }
  if (mtu < IPV6_MIN_MTU) {
    return finding(
      ID,
      'warn',
      msg('path-mtu.below-ipv6-minimum', { address: result.address, mtu, minimum: IPV6_MIN_MTU }),
      cited,
    );
  }
  return finding(ID, 'pass', msg('path-mtu.pass', { address: result.address, mtu, localMtu }), cited);
}
