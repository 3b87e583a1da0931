// Builds a Finding with its stable title, so every check reads as "status, why, evidence, fix".

import type { Finding, FindingEvidence, FindingId, FindingStatus, Remediation } from '../../../contract/findings';

export const FINDING_TITLES: Readonly<Record<FindingId, string>> = {
  'local-icmp-socket': 'ICMP sockets on this machine',
  'tcp-vs-icmp': 'TCP vs ICMP to the target',
  'tunnel-transport': 'Tunnel transport (QUIC carries ICMP, HTTP/2 does not)',
  'icmp-proxy': 'Zero Trust ICMP proxy',
  'connector-gid-range': "Connector's group vs ping_group_range",
  'icmp-error-transparency': 'ICMP errors come back through the tunnel',
  'path-mtu': 'Path MTU',
  'icmp-policy': 'ICMP dropped or refused by policy',
};

export function finding(
  id: FindingId,
  status: FindingStatus,
  summary: string,
  evidence: readonly FindingEvidence[] = [],
  remediation: readonly Remediation[] = [],
): Finding {
  return { id, status, title: FINDING_TITLES[id], summary, evidence: [...evidence], remediation: [...remediation] };
}
