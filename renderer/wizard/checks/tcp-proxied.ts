// Whether a TCP connect proves anything about the target. A middlebox that completes every
// handshake itself (a zero-trust client, an edge or sidecar proxy) makes a dead host
// "connect"; the TCP probe tells it apart by also connecting to ports the target should not
// serve (TcpProbeResult.controls / proxied). tcp-vs-icmp and icmp-policy share these words.

import type { TcpProbeResult } from '../../../contract/evidence';
import type { Message } from '../../../contract/message';
import { msg } from '../../i18n/messages/message';

/** True only when the probe saw every control port connect: the handshake came from a middlebox. */
export function isProxied(tcp: TcpProbeResult): boolean {
  return tcp.proxied === true;
}

/** "TCP connect to 10.0.0.5:22 succeeded in 1.2 ms" — the connect itself, for evidence. */
export function describeTcp(tcp: TcpProbeResult): Message {
  const where = { address: tcp.address, port: tcp.port, ms: tcp.ms };
  switch (tcp.outcome) {
    case 'connected':
      return msg('tcp-vs-icmp.evidence.tcp-connected', where);
    case 'refused':
      return msg('tcp-vs-icmp.evidence.tcp-refused', where);
    default:
      return msg('tcp-vs-icmp.evidence.tcp-failed', { ...where, outcome: tcp.outcome, errno: tcp.errno });
  }
}

/** "Control connects to ports 10.0.0.5 should not serve: 9 connected in 3.1 ms, …; every one connected, …" — for evidence. */
export function describeControls(tcp: TcpProbeResult): Message | null {
  const controls = tcp.controls ?? [];
  if (controls.length === 0) return null;
  return msg('tcp-proxied.controls', {
    address: tcp.address,
    controls: controls.map((c) => msg('tcp-proxied.control', { port: c.port, outcome: c.outcome, errno: c.errno, ms: c.ms })),
    proxied: tcp.proxied ?? null,
  });
}

/** The plain statement a finding makes when the connect proves nothing. */
export function proxiedStatement(tcp: TcpProbeResult): Message {
  return msg('tcp-proxied.statement', { address: tcp.address, port: tcp.port, ports: (tcp.controls ?? []).map((c) => c.port) });
}
