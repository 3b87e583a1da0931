// The catalog of probe scenarios: what to send from where, and what must come back. The lab
// tests prove each entry with iputils ping and tshark; product tests iterate the same list.
//
// How the expected ICMP type/code were found (kernel 6.18, iputils 20221126, tshark 4.0.17):
// each target was pinged from the client namespace with iputils `ping` while
//   ip netns exec <client> tshark -i c-router -f 'icmp or icmp6' -T fields \
//     -e ip.src -e ipv6.src -e icmp.type -e icmp.code -e icmp.mtu \
//     -e icmpv6.type -e icmpv6.code -e icmpv6.mtu -e ip.dst -e ipv6.dst
// captured on the client's link. Observed, per scenario (router = 10.200.1.1 / fd00:200:1::1):
//   route prohibit    v4 3/13   v6 1/1      route unreachable  v4 3/1   v6 1/0
//   route blackhole   nothing (v4, v6)     no route at all    v4 3/0   v6 1/0
//   TTL/hop limit 1   v4 11/0   v6 3/0
//   1400 B DF → MTU-1280 link: v4 3/4 icmp.mtu=1280; v6 2/0 icmpv6.mtu=1280
//   address on a link with no such host: v4 3/1 after ARP fails; v6 1/3 after ND fails
// lab.test.ts re-checks every one of these on each run (iputils wording and tshark fields).
// Note Linux uses "unreachable" routes for v6 1/0 (no route), not 1/3: 1/3 only comes from
// neighbour discovery failing.
import type { NetemSettings } from './netem';
import { ADDRESSES, SMALL_MTU, SWEEP, type Family } from './topology';

export type ProbeStatus = 'reply' | 'timeout' | 'icmp-error';

export type IcmpErrorName =
  | 'communication-administratively-prohibited'
  | 'host-unreachable'
  | 'net-unreachable'
  | 'fragmentation-needed'
  | 'ttl-exceeded'
  | 'administratively-prohibited'
  | 'no-route'
  | 'address-unreachable'
  | 'packet-too-big'
  | 'hop-limit-exceeded';

/** (family, type, code) → name, for the errors the lab can produce. */
export const ICMP_ERRORS: ReadonlyArray<{ family: Family; icmpType: number; icmpCode: number; name: IcmpErrorName }> = [
  { family: 4, icmpType: 3, icmpCode: 13, name: 'communication-administratively-prohibited' },
  { family: 4, icmpType: 3, icmpCode: 1, name: 'host-unreachable' },
  { family: 4, icmpType: 3, icmpCode: 0, name: 'net-unreachable' },
  { family: 4, icmpType: 3, icmpCode: 4, name: 'fragmentation-needed' },
  { family: 4, icmpType: 11, icmpCode: 0, name: 'ttl-exceeded' },
  { family: 6, icmpType: 1, icmpCode: 1, name: 'administratively-prohibited' },
  { family: 6, icmpType: 1, icmpCode: 0, name: 'no-route' },
  { family: 6, icmpType: 1, icmpCode: 3, name: 'address-unreachable' },
  { family: 6, icmpType: 2, icmpCode: 0, name: 'packet-too-big' },
  { family: 6, icmpType: 3, icmpCode: 0, name: 'hop-limit-exceeded' },
];

export interface ProbeOptions {
  /** TTL / hop limit. Default: the system's (64). */
  ttl?: number;
  /** ICMP payload bytes (iputils -s). Default 56. */
  size?: number;
  /** Don't fragment (v4 DF; v6: never fragment locally). Default false. */
  df?: boolean;
}

export interface ExpectedIcmpError {
  icmpType: number;
  icmpCode: number;
  name: IcmpErrorName;
  /** The offender: who sent the error. */
  from: string;
  /** Next-hop MTU for fragmentation-needed / packet-too-big, else null. */
  mtu: number | null;
  /** The quoted original packet: its destination is the probe's target. */
  original: { dst: string };
}

export type Expectation =
  | { status: 'reply'; from: string; /** RTT lower bound the lab guarantees (netem). */ minRttMs: number }
  | { status: 'timeout' }
  | { status: 'icmp-error'; error: ExpectedIcmpError }
  /**
   * Not a probe outcome: opening the ICMP datagram socket itself fails (EACCES) because the
   * GID is outside ping_group_range. Root too: ping sockets obey the range for root; only a
   * raw-socket fallback (iputils as root) gets past it.
   */
  | { status: 'socket-denied'; errno: 'EACCES'; fatalCode: 'ICMP_SOCKET_DENIED' };

export interface Scenario {
  /** Stable id, e.g. 'prohibit-v4'. */
  id: string;
  description: string;
  family: Family;
  /** Namespace the prober runs in. */
  ns: 'client' | 'denied';
  target: string;
  probe: ProbeOptions;
  /** Lab state to establish before probing (and undo after). */
  setup: {
    netem?: NetemSettings;
    /** Forget cached path MTUs first (lab.flushRouteCache()), or the kernel answers from its cache. */
    flushRouteCache?: boolean;
  };
  /** How long a prober should wait for the outcome (ms); timeouts are declared after this. */
  waitMs: number;
  expect: Expectation;
  /** `icmp-doctor ping` exit code for one probe: 0 reply, 1 no reply, 3 ICMP not permitted. */
  cliExitCode: 0 | 1 | 3;
}

const A = ADDRESSES;
const ROUTER = A.router.client;
const NETEM_DELAY_MS = 10;
const WAIT_MS = 1000;
/** ARP / ND give up after 3 probes × 250 ms on the router (topology.ts), then the error comes. */
const NEIGHBOUR_WAIT_MS = 2000;

function pick(family: Family, pair: { v4: string; v6: string }): string {
  return family === 4 ? pair.v4 : pair.v6;
}

function name(family: Family, icmpType: number, icmpCode: number): IcmpErrorName {
  const found = ICMP_ERRORS.find((e) => e.family === family && e.icmpType === icmpType && e.icmpCode === icmpCode);
  if (found === undefined) throw new Error(`no name for ICMPv${family === 4 ? 4 : 6} ${icmpType}/${icmpCode}`);
  return found.name;
}

function error(
  id: string,
  family: Family,
  target: string,
  [icmpType, icmpCode]: readonly [number, number],
  description: string,
  extra: { probe?: ProbeOptions; mtu?: number; waitMs?: number; flushRouteCache?: boolean } = {},
): Scenario {
  return {
    id,
    description,
    family,
    ns: 'client',
    target,
    probe: extra.probe ?? {},
    setup: extra.flushRouteCache ? { flushRouteCache: true } : {},
    waitMs: extra.waitMs ?? WAIT_MS,
    expect: {
      status: 'icmp-error',
      error: { icmpType, icmpCode, name: name(family, icmpType, icmpCode), from: pick(family, ROUTER), mtu: extra.mtu ?? null, original: { dst: target } },
    },
    cliExitCode: 1,
  };
}

function both(make: (family: Family, v: 'v4' | 'v6') => Scenario): Scenario[] {
  return [make(4, 'v4'), make(6, 'v6')];
}

export const SCENARIOS: readonly Scenario[] = [
  ...both((family, v) => ({
    id: `reply-${v}`,
    description: 'Echo to the server over the plain 1500-byte link: a reply.',
    family,
    ns: 'client',
    target: pick(family, A.server.main),
    probe: {},
    setup: {},
    waitMs: WAIT_MS,
    expect: { status: 'reply', from: pick(family, A.server.main), minRttMs: 0 },
    cliExitCode: 0,
  })),
  ...both((family, v) => ({
    id: `fits-mtu-${v}`,
    description: `The largest DF echo that fits the MTU-${SMALL_MTU} link (${SMALL_MTU} bytes on the wire): a reply.`,
    family,
    ns: 'client',
    target: pick(family, A.server.mtu),
    probe: { size: SMALL_MTU - (family === 4 ? 28 : 48), df: true },
    setup: {},
    waitMs: WAIT_MS,
    expect: { status: 'reply', from: pick(family, A.server.mtu), minRttMs: 0 },
    cliExitCode: 0,
  })),
  error('prohibit-v4', 4, A.routes.prohibit.v4, [3, 13], 'Router route of type prohibit (mirrored by an nftables reject, see topology.ts).'),
  error('prohibit-v6', 6, A.routes.prohibit.v6, [1, 1], 'Router route of type prohibit.'),
  error('unreachable-v4', 4, A.routes.unreachable.v4, [3, 1], 'Router route of type unreachable (mirrored by an nftables reject).'),
  error('unreachable-v6', 6, A.routes.unreachable.v6, [1, 0], 'Router route of type unreachable: Linux says "no route" for v6.'),
  ...both((family, v) => ({
    id: `blackhole-${v}`,
    description: 'Router route of type blackhole: dropped silently, no error.',
    family,
    ns: 'client',
    target: pick(family, A.routes.blackhole),
    probe: {},
    setup: {},
    waitMs: WAIT_MS,
    expect: { status: 'timeout' },
    cliExitCode: 1,
  })),
  error('no-route-v4', 4, A.noRoute.v4, [3, 0], 'The router has no route at all for the target (mirrored by an nftables reject).'),
  error('no-route-v6', 6, A.noRoute.v6, [1, 0], 'The router has no route at all for the target.'),
  error('no-neighbour-v4', 4, A.noNeighbour.v4, [3, 1], 'On the server link but no host answers ARP: host unreachable once ARP gives up.', {
    waitMs: NEIGHBOUR_WAIT_MS,
  }),
  error('no-neighbour-v6', 6, A.noNeighbour.v6, [1, 3], 'On the server link but no host answers ND: address unreachable once ND gives up.', {
    waitMs: NEIGHBOUR_WAIT_MS,
  }),
  error('ttl-exceeded-v4', 4, A.server.main.v4, [11, 0], 'TTL 1 to the server: the router, first hop, says time exceeded.', { probe: { ttl: 1 } }),
  error('hop-limit-exceeded-v6', 6, A.server.main.v6, [3, 0], 'Hop limit 1 to the server: the router says hop limit exceeded.', { probe: { ttl: 1 } }),
  error('frag-needed-v4', 4, A.server.mtu.v4, [3, 4], `1400-byte DF echo into the MTU-${SMALL_MTU} link: the router's forwarding interface refuses it.`, {
    probe: { size: 1400, df: true },
    mtu: SMALL_MTU,
    flushRouteCache: true,
  }),
  error('packet-too-big-v6', 6, A.server.mtu.v6, [2, 0], `1400-byte echo into the MTU-${SMALL_MTU} link: the router sends packet too big.`, {
    probe: { size: 1400, df: true },
    mtu: SMALL_MTU,
    flushRouteCache: true,
  }),
  ...both((family, v) => ({
    id: `netem-delay-${v}`,
    description: `Server behind the netem link with ${NETEM_DELAY_MS} ms added: a reply no sooner than ${NETEM_DELAY_MS} ms.`,
    family,
    ns: 'client',
    target: pick(family, A.server.netem),
    probe: {},
    setup: { netem: { delayMs: NETEM_DELAY_MS } },
    waitMs: WAIT_MS,
    expect: { status: 'reply', from: pick(family, A.server.netem), minRttMs: NETEM_DELAY_MS },
    cliExitCode: 0,
  })),
  ...both((family, v) => ({
    id: `socket-denied-${v}`,
    description: 'The denied namespace (ping_group_range "1 0"): the ICMP datagram socket is refused.',
    family,
    ns: 'denied',
    target: family === 4 ? '127.0.0.1' : '::1',
    probe: {},
    setup: {},
    waitMs: WAIT_MS,
    expect: { status: 'socket-denied', errno: 'EACCES', fatalCode: 'ICMP_SOCKET_DENIED' },
    cliExitCode: 3,
  })),
];

export function scenario(id: string): Scenario {
  const found = SCENARIOS.find((s) => s.id === id);
  if (found === undefined) throw new Error(`no scenario ${id}`);
  return found;
}

// --- the 1,024-address sweep (lab.installSweep()) ---------------------------------------------

export interface SweepTarget {
  address: string;
  expect: { status: 'reply' } | { status: 'icmp-error'; error: ExpectedIcmpError };
}

/** All 1,024 addresses of SWEEP[family].all in order; the first 512 reply, the rest are prohibited. */
export function sweepTargets(family: Family): SweepTarget[] {
  const targets: SweepTarget[] = [];
  for (let i = 0; i < 1024; i++) {
    const address = family === 4 ? `10.201.${i >> 8}.${i & 255}` : `fd00:201::${i.toString(16)}`;
    if (i < 512) {
      targets.push({ address, expect: { status: 'reply' } });
    } else {
      const [icmpType, icmpCode] = family === 4 ? [3, 13] : [1, 1];
      targets.push({
        address,
        expect: {
          status: 'icmp-error',
          error: { icmpType, icmpCode, name: name(family, icmpType, icmpCode), from: pick(family, ROUTER), mtu: null, original: { dst: address } },
        },
      });
    }
  }
  return targets;
}

export { SWEEP };
