// Router policies: the ways a middlebox between a client and a private resource breaks ICMP
// while TCP still passes, as nftables rule sets for the lab's router. Lab.applyPolicy()
// loads one (replacing the previous), so a test can impose a fault, diagnose it, apply the
// fix (`'none'`) and probe again.
//
// Every policy lives in one table of its own, `inet icd_policy`, next to the lab's
// `ip icd_lab` (route errors) which it never touches. The chains:
//   forward  — what the router passes between client and server (echo requests, and ICMP
//              errors that come from beyond it);
//   output   — what the router itself sends: its own ICMP errors. Time exceeded, frag needed
//              / packet too big, the kernel's route errors and the lab's nftables `reject`s
//              (icmp_send / icmpv6_send) all leave through the output hook, so one rule there
//              silences them all.
// What each policy was measured to do is in policy-scenarios.ts and checked by
// policies.test.ts with iputils ping and tshark.

import { INTERFACES } from './topology';

/** A policy for the router between client and server; 'none' is the healthy path. */
export type LabPolicy = 'none' | 'drop-echo' | 'refuse-echo' | 'swallow-errors' | 'pmtu-black-hole' | 'proxy-every-port';

export const LAB_POLICIES: readonly LabPolicy[] = ['none', 'drop-echo', 'refuse-echo', 'swallow-errors', 'pmtu-black-hole', 'proxy-every-port'];

/**
 * Where 'proxy-every-port' sends every TCP connection from the client: a listener on the
 * router itself (Lab.applyPolicy starts it), which accepts and closes at once. 15001 is the
 * port Istio's sidecar captures outbound connections on.
 */
export const PROXY_LISTENER_PORT = 15001;

/** Policies that need the router's proxy listener running. */
export function policyNeedsProxyListener(policy: LabPolicy): boolean {
  return policy === 'proxy-every-port';
}

/** What each policy stands for in the real world, for reports and test names. */
export const POLICY_DESCRIPTIONS: Readonly<Record<LabPolicy, string>> = {
  none: 'Healthy path: the router forwards everything and returns every ICMP error.',
  'drop-echo':
    'The router silently drops every echo request it would forward (ICMP type 8 / ICMPv6 128) while TCP passes — ' +
    'like a Calico policy or a firewall with no ICMP allow rule.',
  'refuse-echo':
    'The router refuses every echo request it would forward with "administratively prohibited" (ICMP 3/13, ICMPv6 1/1) ' +
    'while TCP passes — like a firewall `reject` rule.',
  'swallow-errors':
    'The router never lets an ICMP error reach the client: neither its own (time exceeded, unreachable, frag needed / ' +
    'packet too big) nor ones it forwards — like a tunnel gateway whose NAT cannot translate the quoted packet back.',
  'pmtu-black-hole':
    'The router drops the frag-needed / packet-too-big it generates for the MTU-1280 link: big DF packets vanish ' +
    'without a word while small ones pass — a path-MTU black hole.',
  'proxy-every-port':
    'The router completes every TCP handshake from the client itself, whatever the address and port (nat redirect to a ' +
    'local listener) — like a zero-trust client or an edge proxy (cloudflared#824: "all ports … complete the TCP ' +
    'handshake"); ICMP is left alone.',
};

/** nftables table the policies use in the router (inet: one table for IPv4 and IPv6). */
export const POLICY_NFT_TABLE = 'icd_policy';

/** ICMP error types a router sends back (and that swallow-errors drops). Neighbour discovery is not among them. */
const ICMP4_ERRORS = '{ destination-unreachable, time-exceeded, parameter-problem }';
const ICMP6_ERRORS = '{ destination-unreachable, packet-too-big, time-exceeded, parameter-problem }';

interface PolicyRules {
  forward: string[];
  output: string[];
  /** nat rules before routing: what a transparent proxy captures. */
  prerouting?: string[];
}

const RULES: Readonly<Record<Exclude<LabPolicy, 'none'>, PolicyRules>> = {
  'drop-echo': {
    forward: ['icmp type echo-request drop', 'icmpv6 type echo-request drop'],
    output: [],
  },
  'refuse-echo': {
    forward: [
      'icmp type echo-request reject with icmp type admin-prohibited',
      'icmpv6 type echo-request reject with icmpv6 type admin-prohibited',
    ],
    output: [],
  },
  'swallow-errors': {
    forward: [`icmp type ${ICMP4_ERRORS} drop`, `icmpv6 type ${ICMP6_ERRORS} drop`],
    output: [`icmp type ${ICMP4_ERRORS} drop`, `icmpv6 type ${ICMP6_ERRORS} drop`],
  },
  'pmtu-black-hole': {
    forward: ['icmp type destination-unreachable icmp code frag-needed drop', 'icmpv6 type packet-too-big drop'],
    output: ['icmp type destination-unreachable icmp code frag-needed drop', 'icmpv6 type packet-too-big drop'],
  },
  'proxy-every-port': {
    forward: [],
    output: [],
    // Only what comes in from the client: the listener's own traffic and the server's stay as they are.
    prerouting: [`iifname "${INTERFACES.router.client}" meta l4proto tcp redirect to :${PROXY_LISTENER_PORT}`],
  },
};

/**
 * `nft -f -` input that replaces whatever policy is loaded with `policy`, in one transaction:
 * declaring the table first makes the `delete` valid even when none exists yet, so there is
 * never a moment with both or neither rule set in place.
 */
export function policyRuleset(policy: LabPolicy): string {
  const reset = `table inet ${POLICY_NFT_TABLE}\ndelete table inet ${POLICY_NFT_TABLE}\n`;
  if (policy === 'none') return reset;
  const rules = RULES[policy];
  const chain = (name: string, hook: string, lines: string[], type = 'filter', priority = 'filter'): string =>
    `  chain ${name} {\n    type ${type} hook ${hook} priority ${priority}; policy accept;\n${lines.map((l) => `    ${l}\n`).join('')}  }\n`;
  const nat = rules.prerouting ? chain('prerouting', 'prerouting', rules.prerouting, 'nat', 'dstnat') : '';
  return `${reset}table inet ${POLICY_NFT_TABLE} {\n${chain('forward', 'forward', rules.forward)}${chain('output', 'output', rules.output)}${nat}}\n`;
}

export function isLabPolicy(value: unknown): value is LabPolicy {
  return typeof value === 'string' && (LAB_POLICIES as readonly string[]).includes(value);
}
