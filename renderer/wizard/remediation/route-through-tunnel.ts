// Fixes for a target routed around the tunnel, per product: WARP's Split Tunnels list and the
// tunnel's private-network route (cloudflared), the Resource in Twingate's or Firezone's admin,
// or a plain route into the interface for any other tunnel. Each ends with the check that
// shows the fix took: `ip route get` naming the tunnel's interface. Deploy tags are empty:
// these act on the client machine or a dashboard, whatever runs the connector.

import type { Remediation } from '../../../contract/findings';
import { msg } from '../../i18n/messages/message';
import { fix } from './fix';
import { env, shellCommand } from './shell';

export interface RouteFixOptions {
  /** The product whose fixes apply; null: a tunnel of no product we know (WireGuard, OpenVPN, …). */
  product: 'cloudflare' | 'twingate' | 'firezone' | null;
  /** The target's address. */
  address: string;
  /** The tunnel's interface the target should use. */
  tunnel: string;
}

/** The single-address CIDR of `address`, for commands that take a network. */
function hostCidr(address: string): string {
  return address.includes(':') ? `${address}/128` : `${address}/32`;
}

function productFixes({ product, address, tunnel }: RouteFixOptions): Remediation[] {
  switch (product) {
    case 'cloudflare':
      return [
        fix({
          id: 'route-through-tunnel.warp-split-tunnels',
          deploy: [],
          title: msg('fix.route-through-tunnel.warp-split-tunnels', { address }),
          kind: 'dashboard',
          textMessage: msg('fix.route-through-tunnel.warp-split-tunnels.text', { address }),
        }),
        fix({
          id: 'route-through-tunnel.cloudflared-route',
          deploy: [],
          title: msg('fix.route-through-tunnel.cloudflared-route'),
          kind: 'command',
          text: shellCommand(['cloudflared', 'tunnel', 'route', 'ip', 'add', hostCidr(address), env('TUNNEL')]),
        }),
        fix({
          id: 'route-through-tunnel.cloudflared-route-get',
          deploy: [],
          title: msg('fix.route-through-tunnel.cloudflared-route-get'),
          kind: 'command',
          text: shellCommand(['cloudflared', 'tunnel', 'route', 'ip', 'get', address]),
        }),
      ];
    case 'twingate':
      return [
        fix({
          id: 'route-through-tunnel.twingate-resource',
          deploy: [],
          title: msg('fix.route-through-tunnel.twingate-resource', { address }),
          kind: 'dashboard',
          textMessage: msg('fix.route-through-tunnel.twingate-resource.text', { address }),
        }),
      ];
    case 'firezone':
      return [
        fix({
          id: 'route-through-tunnel.firezone-resource',
          deploy: [],
          title: msg('fix.route-through-tunnel.firezone-resource', { address }),
          kind: 'dashboard',
          textMessage: msg('fix.route-through-tunnel.firezone-resource.text', { address }),
        }),
      ];
    case null:
      return [
        fix({
          id: 'route-through-tunnel.ip-route',
          deploy: [],
          title: msg('fix.route-through-tunnel.ip-route', { tunnel }),
          kind: 'command',
          text: shellCommand(['sudo', 'ip', 'route', 'add', hostCidr(address), 'dev', tunnel]),
        }),
      ];
  }
}

export function routeThroughTunnelRemediation(options: RouteFixOptions): Remediation[] {
  return [
    ...productFixes(options),
    fix({
      id: 'route-through-tunnel.check',
      deploy: [],
      title: msg('fix.route-through-tunnel.check', { tunnel: options.tunnel }),
      kind: 'command',
      text: shellCommand(['ip', 'route', 'get', options.address]),
    }),
  ];
}
