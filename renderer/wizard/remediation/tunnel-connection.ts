// Fixes for a tunnel that never connects: allow the egress its failing dials need (UDP 7844
// for QUIC, TCP 7844 for HTTP/2, both when the log does not say), check that connections
// appear, and restart cloudflared so it dials again at once instead of after its back-off.

import type { DeployStyle } from '../../../contract/deploy';
import type { Remediation } from '../../../contract/findings';
import type { BlockedEgress } from '../../i18n/messages/parts/tunnel-connection';
import { msg } from '../../i18n/messages/message';
import { fix } from './fix';
import { processRestartFix, type RestartTarget } from './process-restart';
import { env, shellAnd, shellCommand } from './shell';

/** cloudflared dials the edge on port 7844 over both transports. */
export const EDGE_PORT = 7844;

const ON_A_HOST: DeployStyle[] = ['host', 'systemd', 'docker', 'podman'];

/** The protocols to open for what the dials show, in the order a reader meets them. */
export function egressProtocols(blocked: BlockedEgress): Array<'udp' | 'tcp'> {
  if (blocked === 'udp') return ['udp'];
  if (blocked === 'tcp') return ['tcp'];
  return ['udp', 'tcp'];
}

export interface TunnelConnectionFixOptions {
  blocked: BlockedEgress;
  /** The connector's /ready URL, when its metrics server was read. */
  readyUrl: string | null;
  /** The one cloudflared process seen: its restart follows how it was started (process-restart.ts). */
  restart?: RestartTarget | null;
}

/** Restart the process the way it was started, when it was seen; else cloudflared's usual unit. */
function restartFix(target: RestartTarget | null | undefined): Remediation[] {
  if (target) {
    const made = processRestartFix(target, { id: 'tunnel-connection', why: msg('process-restart.why.dial') });
    return made ? [made] : [];
  }
  return [
    fix({
      id: 'tunnel-connection.restart',
      deploy: ['systemd'],
      title: msg('fix.tunnel-connection.restart'),
      kind: 'command',
      text: shellCommand(['sudo', 'systemctl', 'restart', 'cloudflared']),
    }),
  ];
}

export function tunnelConnectionRemediation({ blocked, readyUrl, restart }: TunnelConnectionFixOptions): Remediation[] {
  const protocols = egressProtocols(blocked);
  const port = String(EDGE_PORT);
  const named = protocols.map((protocol) => protocol.toUpperCase());
  const fixes: Remediation[] = [
    fix({
      id: 'tunnel-connection.egress-iptables',
      deploy: ON_A_HOST,
      title: msg('fix.tunnel-connection.egress-iptables', { protocols: named, port: EDGE_PORT }),
      kind: 'command',
      text: shellAnd(
        protocols.flatMap((protocol) => [
          shellCommand(['sudo', 'iptables', '-I', 'OUTPUT', '-p', protocol, '--dport', port, '-j', 'ACCEPT']),
          shellCommand(['sudo', 'ip6tables', '-I', 'OUTPUT', '-p', protocol, '--dport', port, '-j', 'ACCEPT']),
        ]),
      ),
    }),
    fix({
      id: 'tunnel-connection.egress-nftables',
      deploy: ON_A_HOST,
      title: msg('fix.tunnel-connection.egress-nftables'),
      kind: 'command',
      text: shellAnd(protocols.map((protocol) => shellCommand(['sudo', 'nft', 'insert', 'rule', 'inet', 'filter', 'output', protocol, 'dport', port, 'accept']))),
    }),
    fix({
      id: 'tunnel-connection.egress-perimeter',
      deploy: [],
      title: msg('fix.tunnel-connection.egress-perimeter', { protocols: named, port: EDGE_PORT }),
      kind: 'dashboard',
      textMessage: msg('fix.tunnel-connection.egress-perimeter.text', { protocols: named, port: EDGE_PORT }),
    }),
    ...restartFix(restart),
    fix({
      id: 'tunnel-connection.tunnel-info',
      deploy: [],
      title: msg('fix.tunnel-connection.tunnel-info'),
      kind: 'command',
      text: shellCommand(['cloudflared', 'tunnel', 'info', env('TUNNEL')]),
    }),
  ];
  if (readyUrl) {
    fixes.push(
      fix({
        id: 'tunnel-connection.ready',
        deploy: [],
        title: msg('fix.tunnel-connection.ready', { url: readyUrl }),
        kind: 'command',
        text: shellCommand(['curl', '-sS', readyUrl]),
      }),
    );
  }
  return fixes;
}
