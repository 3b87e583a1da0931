// The lab's topology as data: namespace roles, interface names, addresses, and the exact
// `ip`/`sysctl`/`nft` input that builds it. Pure (no I/O), so lab.ts stays about orchestration.
//
//   client ──veth── router ──veth (1500) ─────────────── server  10.200.2.0/24  fd00:200:2::/64
//                     │    ──veth (MTU 1280) ─────────── server  10.200.3.0/24  fd00:200:3::/64
//                     │    ──vxlan "netem link" ─ wan ─ server  10.200.4.0/24  fd00:200:4::/64
//   denied (alone: loopback only, ping_group_range "1 0")
//
// Why the netem link is a vxlan through a "wan" namespace: this VM's kernel has no sch_netem
// (CONFIG_NET_SCH_NETEM is off and modules are disabled; `tc qdisc add … netem` answers
// "Specified qdisc kind is unknown"). The vxlan frames travel as UDP through a small Node
// relay (netem-relay.mjs) in the wan namespace, which delays/drops them. It cannot sit in the
// router namespace itself: vxlan delivers to a *local* address by an in-kernel bypass that
// never reaches a user-space socket.

export type NsRole = 'client' | 'router' | 'server' | 'denied' | 'wan';
export const NS_ROLES: readonly NsRole[] = ['client', 'router', 'server', 'denied', 'wan'];

export type Family = 4 | 6;
export interface AddressPair {
  readonly v4: string;
  readonly v6: string;
}

/** Interface names, per namespace. Short (IFNAMSIZ is 16) and the same in every lab: each lab has its own namespaces. */
export const INTERFACES = {
  client: { router: 'c-router' },
  router: { client: 'r-client', main: 'r-main', mtu: 'r-mtu', netem: 'r-netem', wan: 'r-wan' },
  server: { main: 's-main', mtu: 's-mtu', netem: 's-netem', wan: 's-wan' },
  wan: { router: 'w-router', server: 'w-server' },
} as const;

/**
 * Every address the lab uses. The same in every lab (namespaces isolate them), so scenario
 * catalogs can be static. Router ends are .1 / ::1, server ends .2 / ::2.
 */
export const ADDRESSES = {
  client: { v4: '10.200.1.2', v6: 'fd00:200:1::2' },
  router: {
    /** The router's client-facing address: the source of every ICMP error the client sees. */
    client: { v4: '10.200.1.1', v6: 'fd00:200:1::1' },
    main: { v4: '10.200.2.1', v6: 'fd00:200:2::1' },
    mtu: { v4: '10.200.3.1', v6: 'fd00:200:3::1' },
    netem: { v4: '10.200.4.1', v6: 'fd00:200:4::1' },
  },
  server: {
    /** Behind the plain 1500-byte link. */
    main: { v4: '10.200.2.2', v6: 'fd00:200:2::2' },
    /** Behind the MTU-1280 link. */
    mtu: { v4: '10.200.3.2', v6: 'fd00:200:3::2' },
    /** Behind the netem link (setNetem delays/drops router → server frames). */
    netem: { v4: '10.200.4.2', v6: 'fd00:200:4::2' },
  },
  /** Host routes on the router of type prohibit / unreachable / blackhole. */
  routes: {
    prohibit: { v4: '10.200.9.1', v6: 'fd00:200:9::1' },
    unreachable: { v4: '10.200.9.2', v6: 'fd00:200:9::2' },
    blackhole: { v4: '10.200.9.3', v6: 'fd00:200:9::3' },
  },
  /** Inside a prefix the router has no route for at all (it has no default route). */
  noRoute: { v4: '10.200.8.1', v6: 'fd00:200:8::1' },
  /** On the router's 1500-byte link to the server, but no host owns it: ARP / ND fail. */
  noNeighbour: { v4: '10.200.2.99', v6: 'fd00:200:2::99' },
  /** The prefixes behind the routes above, for tests that need the /24 or /64. */
  prefixes: {
    client: { v4: '10.200.1.0/24', v6: 'fd00:200:1::/64' },
    main: { v4: '10.200.2.0/24', v6: 'fd00:200:2::/64' },
    mtu: { v4: '10.200.3.0/24', v6: 'fd00:200:3::/64' },
    netem: { v4: '10.200.4.0/24', v6: 'fd00:200:4::/64' },
    noRoute: { v4: '10.200.8.0/24', v6: 'fd00:200:8::/64' },
  },
} as const;

/** MTU of the router ↔ server link that produces frag-needed / packet-too-big. */
export const SMALL_MTU = 1280;

/**
 * The 1,024-address sweep (installSweep()): the first half answers (a `local` route on the
 * server, so one route serves the whole half), the second half is `prohibit` on the router.
 */
export const SWEEP = {
  v4: { all: '10.201.0.0/22', serve: '10.201.0.0/23', prohibit: '10.201.2.0/23' },
  v6: { all: 'fd00:201::/118', serve: 'fd00:201::/119', prohibit: 'fd00:201::200/119' },
} as const;

/** Internal: the wan relay's underlay (point-to-point /30s). Not part of any scenario. */
export const UNDERLAY = {
  routerEnd: '10.200.254.1',
  wanRouterEnd: '10.200.254.2',
  wanServerEnd: '10.200.254.5',
  serverEnd: '10.200.254.6',
  vxlanPort: 4789,
  vxlanId: 42,
  /** Room for the 50-byte vxlan header around 1500-byte inner frames. */
  mtu: 1600,
  /**
   * Fixed MACs for the underlay ends, so their neighbour entries can be permanent. Otherwise
   * the router's first ARP for the relay goes out while the wan end is still down, is lost,
   * and is retried only a second later: the first ping over the netem link took ~730 ms.
   */
  mac: {
    routerEnd: '02:1c:d0:00:00:14',
    wanRouterEnd: '02:1c:d0:00:00:24',
    wanServerEnd: '02:1c:d0:00:00:25',
    serverEnd: '02:1c:d0:00:00:15',
  },
} as const;

/** nftables table the lab owns in the router (see V4_ROUTE_ERRORS_NFT). */
export const LAB_NFT_TABLE = 'icd_lab';

export type RouteKind = 'prohibit' | 'unreachable' | 'blackhole';

/** Names of one lab's namespaces. */
export type NsNames = Readonly<Record<NsRole, string>>;

export function nsNames(prefix: string): NsNames {
  return { client: `${prefix}client`, router: `${prefix}router`, server: `${prefix}server`, denied: `${prefix}denied`, wan: `${prefix}wan` };
}

export function familyOf(address: string): Family {
  return address.includes(':') ? 6 : 4;
}

// --- sysctls -------------------------------------------------------------------------------

/** A wide-open ping_group_range: every GID may open ICMP datagram ("ping") sockets. */
export const OPEN_PING_GROUP_RANGE: readonly [number, number] = [0, 2147483647];
/** The kernel default: nobody, root included. */
export const CLOSED_PING_GROUP_RANGE: readonly [number, number] = [1, 0];

/**
 * Set before any interface exists, so `default.*` reaches every interface we create.
 * DAD off: addresses (link-local ones too) are usable at once. ICMP rate limits off: the lab
 * must never hide an error. rp_filter off: the server answers over the link it was asked on,
 * and IPv4 devconf is inherited from the host's, which we must not depend on.
 */
export const COMMON_SYSCTLS: Readonly<Record<string, string>> = {
  'net.ipv6.conf.all.accept_dad': '0',
  'net.ipv6.conf.default.accept_dad': '0',
  'net.ipv4.icmp_ratelimit': '0',
  'net.ipv4.icmp_msgs_per_sec': '1000000',
  'net.ipv4.icmp_msgs_burst': '1000000',
  'net.ipv6.icmp.ratelimit': '0',
  'net.ipv4.conf.all.rp_filter': '0',
  'net.ipv4.conf.default.rp_filter': '0',
};

export function sysctlsFor(role: NsRole, clientPingGroupRange: readonly [number, number]): Record<string, string> {
  const range = (r: readonly [number, number]): string => `${r[0]} ${r[1]}`;
  switch (role) {
    case 'client':
      return { ...COMMON_SYSCTLS, 'net.ipv4.ping_group_range': range(clientPingGroupRange) };
    case 'router':
      // all.forwarding also sets default.forwarding, so interfaces created later forward too.
      return { ...COMMON_SYSCTLS, 'net.ipv4.ip_forward': '1', 'net.ipv6.conf.all.forwarding': '1' };
    case 'server':
      return { ...COMMON_SYSCTLS };
    case 'denied':
      // The kernel default already, but the denial tests depend on it: say it explicitly.
      return { 'net.ipv4.ping_group_range': range(CLOSED_PING_GROUP_RANGE) };
    case 'wan':
      return { 'net.ipv6.conf.all.accept_dad': '0', 'net.ipv6.conf.default.accept_dad': '0' };
  }
}

/** argv for `sysctl -w` of the given settings (run inside a namespace). */
export function sysctlArgv(settings: Readonly<Record<string, string>>): string[] {
  return ['sysctl', '-q', '-w', ...Object.entries(settings).map(([k, v]) => `${k}=${v}`)];
}

// --- ip batches -------------------------------------------------------------------------

/** `ip -batch` for the host namespace: only `netns add`. Nothing else touches the host. */
export function hostCreateBatch(names: NsNames): string[] {
  return Object.values(names).map((n) => `netns add ${n}`);
}

export function hostDeleteBatch(names: readonly string[]): string[] {
  return names.map((n) => `netns del ${n}`);
}

/**
 * Run inside the router (`ip -n router -batch -`). Creates every veth pair straight into its
 * namespaces, so no interface ever exists in the host namespace. Explicit, different ifindexes
 * on the two ends of each pair: when both ends have the same ifindex the kernel treats the
 * carrier change as non-urgent and applies it up to a second later (linkwatch), and packets
 * sent before that are dropped.
 */
export function routerBatch(n: NsNames): string[] {
  const i = INTERFACES;
  const a = ADDRESSES;
  const r = a.routes;
  const u = UNDERLAY;
  const m = u.mac;
  const lines = [
    'link set lo up',
    `link add ${i.router.client} index 11 type veth peer name ${i.client.router} index 21 netns ${n.client}`,
    `link add ${i.router.main} index 12 type veth peer name ${i.server.main} index 22 netns ${n.server}`,
    `link add ${i.router.mtu} index 13 mtu ${SMALL_MTU} type veth peer name ${i.server.mtu} index 23 mtu ${SMALL_MTU} netns ${n.server}`,
    `link add ${i.router.wan} index 14 address ${m.routerEnd} mtu ${u.mtu} type veth peer name ${i.wan.router} index 24 address ${m.wanRouterEnd} mtu ${u.mtu} netns ${n.wan}`,
    // The server ↔ wan underlay pair is created from here too: one batch creates all pairs.
    `link add ${i.server.wan} index 15 address ${m.serverEnd} mtu ${u.mtu} netns ${n.server} type veth peer name ${i.wan.server} index 25 address ${m.wanServerEnd} mtu ${u.mtu} netns ${n.wan}`,
    `addr add ${u.routerEnd}/30 dev ${i.router.wan}`,
    `neigh replace ${u.wanRouterEnd} lladdr ${m.wanRouterEnd} dev ${i.router.wan} nud permanent`,
    `link set ${i.router.wan} up`,
    `link add ${i.router.netem} index 16 mtu 1500 type vxlan id ${u.vxlanId} local ${u.routerEnd} remote ${u.wanRouterEnd} dstport ${u.vxlanPort} nolearning`,
    ...linkAddresses(i.router.client, a.router.client),
    ...linkAddresses(i.router.main, a.router.main),
    ...linkAddresses(i.router.mtu, a.router.mtu),
    ...linkAddresses(i.router.netem, a.router.netem),
    // Neighbour failure (the no-neighbour scenarios) after 3 × 250 ms instead of 3 × 1 s.
    ...[i.router.main, i.router.mtu, i.router.netem].flatMap((dev) => [
      `ntable change name arp_cache dev ${dev} retrans 250`,
      `ntable change name ndisc_cache dev ${dev} retrans 250`,
    ]),
    `route add prohibit ${r.prohibit.v4}/32`,
    `route add unreachable ${r.unreachable.v4}/32`,
    `route add blackhole ${r.blackhole.v4}/32`,
    `route add prohibit ${r.prohibit.v6}/128`,
    `route add unreachable ${r.unreachable.v6}/128`,
    `route add blackhole ${r.blackhole.v6}/128`,
  ];
  return lines;
}

export function clientBatch(): string[] {
  const dev = INTERFACES.client.router;
  return [
    'link set lo up',
    ...linkAddresses(dev, ADDRESSES.client, 24),
    `route add default via ${ADDRESSES.router.client.v4}`,
    `route add default via ${ADDRESSES.router.client.v6}`,
  ];
}

/**
 * The server has three links to the router. Default route over the 1500 link; source-based
 * rules send replies *from* the MTU / netem addresses back over the link they came in on, so
 * the paths are symmetric (netem delay and MTU apply as the picture says).
 */
export function serverBatch(): string[] {
  const i = INTERFACES.server;
  const a = ADDRESSES;
  return [
    'link set lo up',
    `addr add ${UNDERLAY.serverEnd}/30 dev ${i.wan}`,
    `neigh replace ${UNDERLAY.wanServerEnd} lladdr ${UNDERLAY.mac.wanServerEnd} dev ${i.wan} nud permanent`,
    `link set ${i.wan} up`,
    `link add ${i.netem} index 26 mtu 1500 type vxlan id ${UNDERLAY.vxlanId} local ${UNDERLAY.serverEnd} remote ${UNDERLAY.wanServerEnd} dstport ${UNDERLAY.vxlanPort} nolearning`,
    ...linkAddresses(i.main, a.server.main),
    ...linkAddresses(i.mtu, a.server.mtu),
    ...linkAddresses(i.netem, a.server.netem),
    `route add default via ${a.router.main.v4}`,
    `route add default via ${a.router.main.v6}`,
    `route add default via ${a.router.mtu.v4} table 103`,
    `route add default via ${a.router.mtu.v6} table 103`,
    `route add default via ${a.router.netem.v4} table 104`,
    `route add default via ${a.router.netem.v6} table 104`,
    `rule add from ${a.prefixes.mtu.v4} table 103`,
    `rule add from ${a.prefixes.netem.v4} table 104`,
  ];
}

/** `ip rule` picks IPv4 unless told otherwise, and batch lines take no `-6`: a separate `ip -6 -batch`. */
export function serverBatch6(): string[] {
  const a = ADDRESSES.prefixes;
  return [`rule add from ${a.mtu.v6} table 103`, `rule add from ${a.netem.v6} table 104`];
}

export function wanBatch(): string[] {
  const i = INTERFACES.wan;
  return [
    'link set lo up',
    `addr add ${UNDERLAY.wanRouterEnd}/30 dev ${i.router}`,
    `addr add ${UNDERLAY.wanServerEnd}/30 dev ${i.server}`,
    `neigh replace ${UNDERLAY.routerEnd} lladdr ${UNDERLAY.mac.routerEnd} dev ${i.router} nud permanent`,
    `neigh replace ${UNDERLAY.serverEnd} lladdr ${UNDERLAY.mac.serverEnd} dev ${i.server} nud permanent`,
    `link set ${i.router} up`,
    `link set ${i.server} up`,
  ];
}

export function deniedBatch(): string[] {
  return ['link set lo up'];
}

function linkAddresses(dev: string, pair: AddressPair, prefixLen = 24): string[] {
  return [
    `addr add ${pair.v4}/${prefixLen} dev ${dev}`,
    `addr add ${pair.v6}/64 dev ${dev} nodad`,
    `link set ${dev} up`,
  ];
}

// --- nftables ---------------------------------------------------------------------------

/**
 * Why v4 route errors are mirrored in nftables (option `v4RouteErrors: 'nft'`, the default):
 * for IPv4, the ICMP errors of `prohibit` / `unreachable` routes and of "no route" come from
 * ip_error(), which rate-limits per source host with the host-global, not per-namespace,
 * sysctls net.ipv4.route.error_cost / error_burst (1 s, burst 5). We may not change host
 * settings, so measured from the client: 20 pings at 10 ms intervals to a prohibit route got
 * 5 errors, and the next 20 to an unreachable route got 1. An nftables `reject` in the
 * router's prerouting hook runs before the route lookup and sends the same ICMP type/code
 * through icmp_send(), which obeys only the per-namespace limits we switched off: 20 of 20.
 * The kernel routes stay in place (`ip route` shows them; with 'kernel' they alone answer).
 * IPv6 route errors are not limited this way (20 of 20), so v6 uses the routes alone.
 */
export function v4RouteErrorsRuleset(): string {
  const a = ADDRESSES;
  return `table ip ${LAB_NFT_TABLE} {
  set prohibit { type ipv4_addr; flags interval; elements = { ${a.routes.prohibit.v4}/32 } }
  set unreachable { type ipv4_addr; flags interval; elements = { ${a.routes.unreachable.v4}/32 } }
  set noroute { type ipv4_addr; flags interval; elements = { ${a.prefixes.noRoute.v4} } }
  chain route_errors {
    type filter hook prerouting priority raw; policy accept;
    ip daddr @prohibit reject with icmp type admin-prohibited
    ip daddr @unreachable reject with icmp type host-unreachable
    ip daddr @noroute reject with icmp type net-unreachable
  }
}
`;
}

/** nft command adding a prefix to one of the mirror sets above. */
export function v4RouteErrorElement(kind: 'prohibit' | 'unreachable', prefix: string): string {
  return `add element ip ${LAB_NFT_TABLE} ${kind} { ${prefix} }\n`;
}
