// The interfaces zero-trust and VPN clients create, by name, so a route can be told to enter a
// tunnel or to go around it. Sources (read for this table; see the route-through-tunnel notes):
// - Cloudflare WARP: `CloudflareWARP` on Windows and a `utunN` on macOS, address 172.16.0.2
//   (Cloudflare's "WARP architecture" page); on Linux the official client's interface is
//   `CloudflareWARP` too (`ip a | grep CloudflareWARP` in Linux users' reports, fscarmen/warp#126),
//   its routes in table 65743 behind an `ip rule`.
// - Twingate: `sdwan0` on Linux (users' notes on the client's NetworkManager connection and routes).
// - Firezone: `tun-firezone` (IFACE_NAME in firezone/firezone's Linux client and gateway).
// - Tailscale: `tailscale0` on Linux, `utunN` on macOS, "Tailscale" on Windows
//   (defaultTunName in tailscale/tailscale's cmd/tailscaled).
// - WireGuard: `wgN` / `wg-NAME` by convention (wg-quick names the interface after its file).
// - OpenVPN and other tun-based clients: `tunN`.
// macOS's `utunN` is shared by every client there (and by the system itself), so it counts as
// a tunnel for any product but names none.

import type { Product } from '../../../contract/evidence';

export interface TunnelInterfaceKind {
  /** The client that creates it, as people call it. */
  client: string;
  /** The product it belongs to; null: a tunnel of no product in particular (WireGuard, OpenVPN, macOS utun). */
  product: Exclude<Product, 'generic'> | null;
  matches: (name: string) => boolean;
}

export const TUNNEL_INTERFACES: readonly TunnelInterfaceKind[] = [
  { client: 'Cloudflare WARP', product: 'cloudflare', matches: (name) => name === 'CloudflareWARP' },
  { client: 'Twingate', product: 'twingate', matches: (name) => /^sdwan\d+$/.test(name) },
  { client: 'Firezone', product: 'firezone', matches: (name) => name === 'tun-firezone' || name === 'Firezone' },
  { client: 'Tailscale', product: null, matches: (name) => /^tailscale\d+$/.test(name) || name === 'Tailscale' },
  { client: 'WireGuard', product: null, matches: (name) => /^wg(\d+|-[\w.-]+)$/.test(name) },
  { client: 'OpenVPN', product: null, matches: (name) => /^tun\d+$/.test(name) },
  { client: 'macOS utun', product: null, matches: (name) => /^utun\d+$/.test(name) },
];

/** The client whose tunnel interface `name` is, or null for an ordinary interface. */
export function tunnelKindOf(name: string): TunnelInterfaceKind | null {
  return TUNNEL_INTERFACES.find((kind) => kind.matches(name)) ?? null;
}

/**
 * Is `name` the tunnel of `product`? Its own client's interface; for `generic`, any tunnel
 * interface at all. macOS's shared utunN counts for every product.
 */
export function isTunnelFor(name: string, product: Product): boolean {
  const kind = tunnelKindOf(name);
  if (kind === null) return false;
  if (product === 'generic') return true;
  return kind.product === product || kind.client === 'macOS utun';
}

/** The names a product's client gives its interface, to say what was looked for. */
export function expectedNames(product: Product): string[] {
  const names: Record<Product, string[]> = {
    cloudflare: ['CloudflareWARP', 'utunN'],
    twingate: ['sdwan0'],
    firezone: ['tun-firezone'],
    generic: ['CloudflareWARP', 'sdwan0', 'tun-firezone', 'tailscale0', 'wgN', 'tunN', 'utunN'],
  };
  return names[product];
}
