// Whether a TCP connect proves anything about the target. A middlebox that completes every
// handshake itself (a zero-trust client, an edge or sidecar proxy) makes a dead host
// "connect"; the TCP probe tells it apart by also connecting to ports the target should not
// serve (TcpProbeResult.controls / proxied). tcp-vs-icmp and icmp-policy share these words.

import type { TcpControlConnect, TcpProbeResult } from '../../../contract/evidence';

/** True only when the probe saw every control port connect: the handshake came from a middlebox. */
export function isProxied(tcp: TcpProbeResult): boolean {
  return tcp.proxied === true;
}

function portList(controls: readonly TcpControlConnect[]): string {
  const ports = controls.map((c) => String(c.port));
  return ports.length <= 1 ? (ports[0] ?? '') : `${ports.slice(0, -1).join(', ')} and ${ports.at(-1) ?? ''}`;
}

/** "Control connects to ports 10.0.0.5 should not serve: 9 connected in 3.1 ms, …; every one connected, …" — for evidence. */
export function describeControls(tcp: TcpProbeResult): string | null {
  const controls = tcp.controls ?? [];
  if (controls.length === 0) return null;
  const each = controls.map((c) => `${c.port} ${c.outcome}${c.errno ? ` (${c.errno})` : ''} in ${c.ms.toFixed(1)} ms`).join(', ');
  const verdict =
    tcp.proxied === true
      ? 'every one connected, so a middlebox completes the handshakes itself'
      : tcp.proxied === false
        ? 'none connected and a closed port was refused, so the far end tells its ports apart'
        : 'they neither all connected nor drew a refusal, so who completed the handshake is not decided';
  return `Control connects to ports ${tcp.address} should not serve: ${each}; ${verdict}`;
}

/** The plain statement a finding makes when the connect proves nothing. */
export function proxiedStatement(tcp: TcpProbeResult): string {
  return (
    `TCP to ${tcp.address}:${tcp.port} proves nothing about the target: ports ${portList(tcp.controls ?? [])}, which it should not serve, ` +
    'connected too, so something on the way (a zero-trust client or a proxy) completes every TCP handshake itself.'
  );
}
