// What iproute2 6.1 (Debian 12) printed in a lab namespace, as the route gatherer reads it:
// `ip -j route get` for a target behind WARP's policy table, for one on the default route, and
// `ip -j addr show` for the interfaces. Interface names are swapped in per client where a test
// needs another one; the shapes stay as `ip` printed them.

import type { Gathered, NetworkInterfaceFacts, RouteFacts } from '../../contract/evidence';
import { parseAddrShow, parseRouteGet } from '../../electron/core/evidence/route/parse-ip-json';
import { gathered } from '../checks/evidence';

/** `ip -j route get 10.200.1.5` with `ip rule add to 10.200.0.0/16 lookup 65743` and the route in that table (as WARP sets up). */
export const ROUTE_GET_WARP_TABLE = '[{"dst":"10.200.1.5","dev":"CloudflareWARP","table":"65743","prefsrc":"172.16.0.2","flags":[],"uid":65534,"cache":[]}]';
/** `ip -j route get 10.9.1.5` on the default route. */
export const ROUTE_GET_DEFAULT = '[{"dst":"10.9.1.5","gateway":"192.168.1.1","dev":"eth0","prefsrc":"192.168.1.2","flags":[],"uid":0,"cache":[]}]';
/** `ip -j addr show` (trimmed to the fields read): WARP's interface up, a tun device down, eth0. */
export const ADDR_SHOW =
  '[{"ifindex":1,"ifname":"lo","flags":["LOOPBACK","UP","LOWER_UP"],"mtu":65536,"operstate":"UNKNOWN","link_type":"loopback","addr_info":[{"family":"inet","local":"127.0.0.1","prefixlen":8}]},' +
  '{"ifindex":3,"link":"cfw-peer","ifname":"CloudflareWARP","flags":["BROADCAST","MULTICAST","UP","LOWER_UP"],"mtu":1500,"operstate":"UP","link_type":"ether","addr_info":[{"family":"inet","local":"172.16.0.2","prefixlen":32,"scope":"global","label":"CloudflareWARP"},{"family":"inet6","local":"fe80::9069:2aff:fea0:dcdf","prefixlen":64,"scope":"link","tentative":true}]},' +
  '{"ifindex":5,"ifname":"eth0","flags":["BROADCAST","MULTICAST","UP","LOWER_UP"],"mtu":1500,"operstate":"UP","link_type":"ether","addr_info":[{"family":"inet","local":"192.168.1.2","prefixlen":24}]},' +
  '{"ifindex":6,"ifname":"tun-firezone","flags":["NO-CARRIER","POINTOPOINT","MULTICAST","NOARP","UP"],"mtu":1500,"operstate":"DOWN","link_type":"none","addr_info":[]}]';

export const ROUTE_SOURCE = 'route lookup on this machine';

/** The lab's interfaces, with CloudflareWARP renamed to `tunnel` (null: left out) and tun-firezone's UP flag as given. */
export function interfacesWith(tunnel: string | null, extra: NetworkInterfaceFacts[] = []): NetworkInterfaceFacts[] {
  const all = parseAddrShow(ADDR_SHOW).filter((i) => i.name !== 'tun-firezone');
  const named = tunnel === null ? all.filter((i) => i.name !== 'CloudflareWARP') : all.map((i) => (i.name === 'CloudflareWARP' ? { ...i, name: tunnel } : i));
  return [...named, ...extra];
}

/** Route facts for `address`: the route `ip` printed (device renamed if asked) and these interfaces. */
export function routeFacts(
  address: string,
  route: RouteFacts['route'],
  interfaces: NetworkInterfaceFacts[],
): Gathered<RouteFacts> {
  return gathered({ target: address, address, route, interfaces }, ROUTE_SOURCE);
}

/** `ip route get` through the tunnel's interface (WARP's table, device renamed to `device`). */
export function viaTunnel(device: string): RouteFacts['route'] {
  return { ...parseRouteGet(ROUTE_GET_WARP_TABLE), device };
}

/** `ip route get` on the default route, around any tunnel. */
export function viaDefault(): RouteFacts['route'] {
  return parseRouteGet(ROUTE_GET_DEFAULT);
}
