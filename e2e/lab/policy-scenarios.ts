// The catalog of diagnosis scenarios: a router policy (policies.ts) and a target, and what each
// of the guided checks' probes must find there — TCP connect, ICMP echo, error transparency,
// path MTU — plus the findings a correct diagnosis marks as failing. policies.test.ts proves
// the network side of every entry with iputils ping, a plain TCP connect and tshark; the
// probe and check tests iterate the same list, so all of them mean the same thing by
// "drop-echo-v4".
//
//   await lab.serveTcp();                       // once: the TCP service every entry expects
//   for (const s of POLICY_SCENARIOS) { await lab.applyPolicy(s.policy); …probe s.target… }
//
// Path-MTU figures are ICMP payload bytes: the largest echo that fits a link of MTU m is
// m − 28 (IPv4 + ICMP headers) or m − 48 (IPv6 + ICMPv6): 1472 / 1452 on the 1500 link,
// 1252 / 1232 on the 1280 link. The client's own interface is 1500, so larger probes fail
// locally (EMSGSIZE), which is this host's limit, not a report from the path.
import type { FindingId } from '../../contract/findings';
import type { LabPolicy } from './policies';
import type { IcmpErrorName } from './scenarios';
import { LAB_TCP_PORT } from './tcp-service';
import { ADDRESSES, SMALL_MTU, type Family } from './topology';

/** Interface MTU of the client and of the server's main link. */
export const LINK_MTU = 1500;

/** IP + ICMP header bytes around an echo's payload. */
export function echoOverhead(family: Family): number {
  return family === 4 ? 28 : 48;
}

/** What an ICMP echo to the target gets under the policy. */
export type EchoExpectation =
  | { status: 'reply' }
  | { status: 'timeout' }
  | { status: 'icmp-error'; icmpType: number; icmpCode: number; name: IcmpErrorName; from: string };

export interface PathMtuExpectation {
  /** Largest echo payload that gets a reply; null when no size does. */
  largestPassing: number | null;
  /** MTU reported by the path (frag-needed / packet-too-big); null when none comes back. */
  reportedMtu: number | null;
  blackHole: boolean;
}

export interface PolicyScenario {
  /** Stable id, e.g. 'drop-echo-v4'. */
  id: string;
  policy: LabPolicy;
  family: Family;
  description: string;
  /** The private resource the user cannot (or can) ping. */
  target: string;
  /** Served by lab.serveTcp() (call it once per lab). */
  tcpPort: number;
  /** An address the router answers with "unreachable", to draw an ICMP error on purpose. */
  unreachableTarget: string;
  expect: {
    tcp: 'connected';
    echo: EchoExpectation;
    /** An ICMP error quoting our probe comes back: to TTL-limited probes toward `target`, and from `unreachableTarget`. */
    errorsReturned: boolean;
    pathMtu: PathMtuExpectation;
    /** Findings (DESIGN.md §2) a correct diagnosis marks `fail`; the others pass or skip. Empty: healthy. */
    failingFindings: FindingId[];
  };
}

const A = ADDRESSES;

function pick(family: Family, pair: { v4: string; v6: string }): string {
  return family === 4 ? pair.v4 : pair.v6;
}

function fits(family: Family, mtu: number): number {
  return mtu - echoOverhead(family);
}

const NOTHING_PASSES: PathMtuExpectation = { largestPassing: null, reportedMtu: null, blackHole: false };

function scenariosFor(family: Family): PolicyScenario[] {
  const v = family === 4 ? 'v4' : 'v6';
  const main = pick(family, A.server.main);
  const small = pick(family, A.server.mtu);
  const router = pick(family, A.router.client);
  const common = { family, tcpPort: LAB_TCP_PORT, unreachableTarget: pick(family, A.routes.unreachable) };
  const prohibited: { icmpType: number; icmpCode: number; name: IcmpErrorName } =
    family === 4
      ? { icmpType: 3, icmpCode: 13, name: 'communication-administratively-prohibited' }
      : { icmpType: 1, icmpCode: 1, name: 'administratively-prohibited' };
  return [
    {
      ...common,
      id: `healthy-${v}`,
      policy: 'none',
      description: 'Healthy path over the 1500-byte link: TCP, echo, errors and full-size packets all pass.',
      target: main,
      expect: {
        tcp: 'connected',
        echo: { status: 'reply' },
        errorsReturned: true,
        pathMtu: { largestPassing: fits(family, LINK_MTU), reportedMtu: null, blackHole: false },
        failingFindings: [],
      },
    },
    {
      ...common,
      id: `healthy-mtu-${v}`,
      policy: 'none',
      description: `Healthy path into the MTU-${SMALL_MTU} link: big DF probes draw ${family === 4 ? 'frag-needed' : 'packet-too-big'} (mtu ${SMALL_MTU}), so path-MTU discovery works.`,
      target: small,
      expect: {
        tcp: 'connected',
        echo: { status: 'reply' },
        errorsReturned: true,
        pathMtu: { largestPassing: fits(family, SMALL_MTU), reportedMtu: SMALL_MTU, blackHole: false },
        failingFindings: [],
      },
    },
    {
      ...common,
      id: `drop-echo-${v}`,
      policy: 'drop-echo',
      description: 'Echo requests are dropped silently on the way; TCP to the same host connects.',
      target: main,
      expect: {
        tcp: 'connected',
        echo: { status: 'timeout' },
        // TTL-limited probes expire at the router before its forward hook, and the unreachable
        // route answers before it too: the router's errors still come back.
        errorsReturned: true,
        pathMtu: NOTHING_PASSES,
        failingFindings: ['tcp-vs-icmp', 'icmp-policy'],
      },
    },
    {
      ...common,
      id: `refuse-echo-${v}`,
      policy: 'refuse-echo',
      description: 'Echo requests are refused with "administratively prohibited" by the router; TCP connects.',
      target: main,
      expect: {
        tcp: 'connected',
        echo: { status: 'icmp-error', ...prohibited, from: router },
        errorsReturned: true,
        pathMtu: NOTHING_PASSES,
        failingFindings: ['tcp-vs-icmp', 'icmp-policy'],
      },
    },
    {
      ...common,
      id: `swallow-errors-${v}`,
      policy: 'swallow-errors',
      description: 'Echo works, but no ICMP error ever reaches the client: TTL-limited probes and unreachable targets meet silence.',
      target: main,
      expect: {
        tcp: 'connected',
        echo: { status: 'reply' },
        errorsReturned: false,
        pathMtu: { largestPassing: fits(family, LINK_MTU), reportedMtu: null, blackHole: false },
        failingFindings: ['icmp-error-transparency'],
      },
    },
    {
      ...common,
      id: `pmtu-black-hole-${v}`,
      policy: 'pmtu-black-hole',
      description: `Into the MTU-${SMALL_MTU} link with the router's frag-needed / packet-too-big dropped: echoes above ${fits(family, SMALL_MTU)} bytes vanish without an error.`,
      target: small,
      expect: {
        tcp: 'connected',
        echo: { status: 'reply' },
        errorsReturned: true,
        pathMtu: { largestPassing: fits(family, SMALL_MTU), reportedMtu: null, blackHole: true },
        failingFindings: ['path-mtu'],
      },
    },
  ];
}

export const POLICY_SCENARIOS: readonly PolicyScenario[] = [...scenariosFor(4), ...scenariosFor(6)];

export function policyScenario(id: string): PolicyScenario {
  const found = POLICY_SCENARIOS.find((s) => s.id === id);
  if (found === undefined) throw new Error(`no policy scenario ${id} (known: ${POLICY_SCENARIOS.map((s) => s.id).join(', ')})`);
  return found;
}
