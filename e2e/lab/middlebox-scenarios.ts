// Scenarios for "a handshake answered by a proxy is not proof the path works": the router
// completes every TCP handshake itself (policy 'proxy-every-port') while the target is down,
// and the control case — a real server, no proxy — where a TCP connect still counts.
//
// "Down" is the server namespace dropping everything sent to its main address (nftables in
// the server, table `inet icd_silent`). ARP / ND still answer (they are not IP), so the
// router keeps forwarding and its own ICMP errors — time exceeded for TTL-limited probes —
// still come back: only the target is silent, as a host that is off behind a tunnel looks.
// (A blackhole route would not do: the router drops those packets before its TTL check, so
// even "time exceeded" would never come back, which is a different fault.)

import type { FindingId } from '../../contract/findings';
import type { Lab } from './lab';
import type { LabPolicy } from './policies';
import { LAB_TCP_PORT } from './tcp-service';
import { ADDRESSES, type Family } from './topology';

/** nftables table the "target is down" setup loads in the server namespace. */
export const SILENT_TARGET_NFT_TABLE = 'icd_silent';

/** `nft -f -` input: the server drops every IPv4 / IPv6 packet to `address` (ARP and ND are not IP: they still work). */
export function silentTargetRuleset(address: string): string {
  const match = address.includes(':') ? `ip6 daddr ${address}` : `ip daddr ${address}`;
  return (
    `table inet ${SILENT_TARGET_NFT_TABLE}\ndelete table inet ${SILENT_TARGET_NFT_TABLE}\n` +
    `table inet ${SILENT_TARGET_NFT_TABLE} {\n  chain input {\n    type filter hook input priority filter; policy accept;\n    ${match} drop\n  }\n}\n`
  );
}

export interface MiddleboxScenario {
  id: string;
  family: Family;
  description: string;
  policy: LabPolicy;
  target: string;
  /** The port `check --tcp-port` is given: 8443 nobody serves; LAB_TCP_PORT the server does. */
  tcpPort: number;
  /** The target drops everything (silentTargetRuleset); otherwise it is up. */
  targetDown: boolean;
  /** Whether the real server's TCP service runs (Lab.serveTcp). */
  serverUp: boolean;
  expect: {
    /** TcpProbeResult.proxied */
    proxied: boolean;
    /** What every control connect ends with. */
    controls: 'connected' | 'refused';
    /** Status of the two findings the TCP half decides. */
    findings: Partial<Record<FindingId, 'pass' | 'fail' | 'unknown' | 'warn' | 'skip'>>;
    /** Every finding that must fail; the others do not. */
    failingFindings: FindingId[];
  };
}

/** The port a zero-trust client's user would ask about (nobody serves it in the lab). */
export const UNSERVED_PORT = 8443;

function scenariosFor(family: Family): MiddleboxScenario[] {
  const v = family === 4 ? 'v4' : 'v6';
  const main = family === 4 ? ADDRESSES.server.main.v4 : ADDRESSES.server.main.v6;
  return [
    {
      id: `proxied-dead-target-${v}`,
      family,
      description: 'The router completes every TCP handshake; the target is down. TCP "connects" but proves nothing: neither TCP nor ICMP may be blamed.',
      policy: 'proxy-every-port',
      target: main,
      tcpPort: UNSERVED_PORT,
      targetDown: true,
      serverUp: false,
      expect: { proxied: true, controls: 'connected', findings: { 'tcp-vs-icmp': 'unknown', 'icmp-policy': 'unknown' }, failingFindings: [] },
    },
    {
      id: `direct-echo-dropped-${v}`,
      family,
      description: 'Control: no proxy, the server serves TCP, the router drops echo. The connect reaches the real host and still counts.',
      policy: 'drop-echo',
      target: main,
      tcpPort: LAB_TCP_PORT,
      targetDown: false,
      serverUp: true,
      expect: {
        proxied: false,
        controls: 'refused',
        findings: { 'tcp-vs-icmp': 'fail', 'icmp-policy': 'fail' },
        failingFindings: ['tcp-vs-icmp', 'icmp-policy'],
      },
    },
  ];
}

export const MIDDLEBOX_SCENARIOS: readonly MiddleboxScenario[] = [...scenariosFor(4), ...scenariosFor(6)];

/** Puts a lab in the scenario's state: policy, server's TCP service, target down or up. */
export async function setUpMiddleboxScenario(lab: Lab, s: MiddleboxScenario): Promise<void> {
  await lab.applyPolicy(s.policy);
  if (s.serverUp) await lab.serveTcp();
  if (s.targetDown) await lab.nft('server', silentTargetRuleset(s.target));
}
