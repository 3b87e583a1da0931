// Firewall rules for the node that drops or refuses ICMP: allow echo requests through it, let
// the ICMP errors that make failures fast and path MTU discovery work pass, and, where a
// black hole cannot be fixed at its source, clamp TCP's MSS so TCP at least avoids it.

import type { FirewallFacts, FirewallIcmpRule, Gathered } from '../../../contract/evidence';
import type { Remediation } from '../../../contract/findings';
import { shellAnd, shellCommand } from './shell';

function where(node: string | null): string {
  return node ? `on the firewall or router at ${node}` : 'on the firewall or router that drops it';
}

/** Said when no ruleset was imported: the default table and chain are a guess. */
const ASSUMED = 'assumes table inet filter, chain forward; run `sudo nft -a list ruleset` on that host to find the chain that drops it, and import it with --import nft-ruleset=FILE';

type Wanted = 'echo' | 'errors';

/** The first rule (by line) per table and chain that drops what we want through: the accept must go before it. */
function offending(firewall: ReadonlyArray<Gathered<FirewallFacts>>, tool: FirewallIcmpRule['tool'], wanted: Wanted): Array<FirewallIcmpRule & { source: string }> {
  const first = new Map<string, FirewallIcmpRule & { source: string }>();
  for (const item of firewall) {
    if (!item.ok || item.value.tool !== tool) continue;
    for (const rule of item.value.icmpRules) {
      if (rule.matches !== wanted && rule.matches !== 'all') continue;
      const key = `${rule.family} ${rule.table} ${rule.chain}`;
      const known = first.get(key);
      if (!known || rule.position < known.position) first.set(key, { ...rule, source: item.source });
    }
  }
  return [...first.values()];
}

/** ICMP versions an accept must cover for this rule, within what the family can carry. */
function versions(rule: FirewallIcmpRule): Array<4 | 6> {
  const wanted: Array<4 | 6> = rule.icmp === null ? [4, 6] : [rule.icmp];
  if (rule.tool === 'iptables' || rule.family === 'ip') return wanted.filter((v) => v === (rule.family === 'ip6' ? 6 : 4));
  if (rule.family === 'ip6') return wanted.filter((v) => v === 6);
  return wanted;
}

const NFT_TYPES: Readonly<Record<Wanted, Record<4 | 6, string>>> = {
  echo: { 4: 'echo-request', 6: 'echo-request' },
  errors: { 4: '{ destination-unreachable, time-exceeded }', 6: '{ destination-unreachable, packet-too-big, time-exceeded }' },
};

const IPTABLES_TYPES: Readonly<Record<Wanted, Record<4 | 6, string[]>>> = {
  echo: { 4: ['echo-request'], 6: ['echo-request'] },
  errors: { 4: ['destination-unreachable', 'time-exceeded'], 6: ['destination-unreachable', 'packet-too-big', 'time-exceeded'] },
};

/**
 * A rule that drops every ICMP type also drops the echo reply on its way back (unless an
 * earlier `ct state established` accept takes it): then the accept lets replies through too.
 */
function nftTypes(rule: FirewallIcmpRule, wanted: Wanted, v: 4 | 6): string {
  return wanted === 'echo' && rule.matches === 'all' ? '{ echo-request, echo-reply }' : NFT_TYPES[wanted][v];
}

function iptablesTypes(rule: FirewallIcmpRule, wanted: Wanted, v: 4 | 6): string[] {
  return wanted === 'echo' && rule.matches === 'all' ? ['echo-request', 'echo-reply'] : IPTABLES_TYPES[wanted][v];
}

function place(rule: FirewallIcmpRule): string {
  const at = rule.tool === 'nft' ? `table ${rule.family} ${rule.table}, chain ${rule.chain}` : `${rule.family === 'ip6' ? 'ip6tables' : 'iptables'} table ${rule.table}, chain ${rule.chain}`;
  return `${at}${rule.hook ? ` (hook ${rule.hook})` : ''}`;
}

/** nft: insert before the offending rule by its handle, else at the top of its chain. */
function nftFix(rules: ReadonlyArray<FirewallIcmpRule & { source: string }>, wanted: Wanted, node: string | null, what: string): Remediation {
  const commands = rules.flatMap((rule) =>
    versions(rule).map((v) =>
      shellCommand(['sudo', 'nft', 'insert', 'rule', rule.family, rule.table, rule.chain, ...(rule.handle !== null ? ['position', String(rule.handle)] : []), v === 4 ? 'icmp' : 'icmpv6', 'type', nftTypes(rule, wanted, v), 'accept']),
    ),
  );
  const places = rules.map((r) => `${place(r)}, before its ${r.action} rule ${r.handle !== null ? `handle ${r.handle}` : `at position ${r.position} (no handle in the listing: inserted at the top)`} from ${r.source} line ${r.line}`);
  return { id: `${wanted === 'echo' ? 'allow-echo' : 'allow-icmp-errors'}.nftables`, deploy: [], title: `${what} ${where(node)} with nftables in ${places.join('; ')}`, kind: 'command', text: shellAnd(commands) };
}

/** iptables: insert at the top of the chain holding the offending rule, with -t when it is not filter. */
function iptablesFix(rules: ReadonlyArray<FirewallIcmpRule & { source: string }>, wanted: Wanted, node: string | null, what: string): Remediation {
  const commands = rules.flatMap((rule) =>
    versions(rule).flatMap((v) =>
      iptablesTypes(rule, wanted, v).map((type) =>
        shellCommand([
          'sudo',
          v === 4 ? 'iptables' : 'ip6tables',
          ...(rule.table !== 'filter' ? ['-t', rule.table] : []),
          '-I',
          rule.chain,
          '-p',
          v === 4 ? 'icmp' : 'ipv6-icmp',
          v === 4 ? '--icmp-type' : '--icmpv6-type',
          type,
          '-j',
          'ACCEPT',
        ]),
      ),
    ),
  );
  const places = rules.map((r) => `${place(r)}, above its ${r.action} rule ${r.position} from ${r.source} line ${r.line}`);
  return { id: `${wanted === 'echo' ? 'allow-echo' : 'allow-icmp-errors'}.iptables`, deploy: [], title: `${what} ${where(node)} with iptables in ${places.join('; ')}`, kind: 'command', text: shellAnd(commands) };
}

/**
 * Allow echo requests through. With an imported ruleset (`nft -a list ruleset`, iptables-save)
 * that shows where the drop lives, the accept goes into that table and chain, before the drop;
 * without one, the usual FORWARD / inet filter forward guess, saying it is one.
 */
export function allowEchoRemediation(node: string | null, firewall: ReadonlyArray<Gathered<FirewallFacts>> = []): Remediation[] {
  const nft = offending(firewall, 'nft', 'echo');
  const iptables = offending(firewall, 'iptables', 'echo');
  const targeted = [...(nft.length > 0 ? [nftFix(nft, 'echo', node, 'Allow ping')] : []), ...(iptables.length > 0 ? [iptablesFix(iptables, 'echo', node, 'Allow ping')] : [])];
  const guessed: Remediation[] = [
    {
      id: 'allow-echo.iptables',
      deploy: [],
      title: `Allow ping through ${where(node)} (iptables; use INPUT instead of FORWARD if it is the target itself)`,
      kind: 'command',
      text: shellAnd([
        shellCommand(['sudo', 'iptables', '-I', 'FORWARD', '-p', 'icmp', '--icmp-type', 'echo-request', '-j', 'ACCEPT']),
        shellCommand(['sudo', 'ip6tables', '-I', 'FORWARD', '-p', 'ipv6-icmp', '--icmpv6-type', 'echo-request', '-j', 'ACCEPT']),
      ]),
    },
    {
      id: 'allow-echo.nftables',
      deploy: [],
      title: `The same with nftables ${where(node)} (${ASSUMED})`,
      kind: 'command',
      text: shellAnd([
        shellCommand(['sudo', 'nft', 'insert', 'rule', 'inet', 'filter', 'forward', 'icmp', 'type', 'echo-request', 'accept']),
        shellCommand(['sudo', 'nft', 'insert', 'rule', 'inet', 'filter', 'forward', 'icmpv6', 'type', 'echo-request', 'accept']),
      ]),
    },
  ];
  // A fix id appears once: the targeted one replaces the guess for its tool.
  return [...targeted, ...guessed.filter((g) => !targeted.some((t) => t.id === g.id))];
}

export function allowIcmpErrorsRemediation(node: string | null, firewall: ReadonlyArray<Gathered<FirewallFacts>> = []): Remediation[] {
  const what = 'Let ICMP errors (unreachable, time exceeded, packet too big) through';
  const nft = offending(firewall, 'nft', 'errors');
  const iptables = offending(firewall, 'iptables', 'errors');
  const targeted = [...(nft.length > 0 ? [nftFix(nft, 'errors', node, what)] : []), ...(iptables.length > 0 ? [iptablesFix(iptables, 'errors', node, what)] : [])];
  const guessed: Remediation[] = [
    {
      id: 'allow-icmp-errors.iptables',
      deploy: [],
      title: `Let ICMP errors through ${where(node)}: unreachable, time exceeded, packet too big (iptables)`,
      kind: 'command',
      text: shellAnd([
        shellCommand(['sudo', 'iptables', '-I', 'FORWARD', '-p', 'icmp', '--icmp-type', 'destination-unreachable', '-j', 'ACCEPT']),
        shellCommand(['sudo', 'iptables', '-I', 'FORWARD', '-p', 'icmp', '--icmp-type', 'time-exceeded', '-j', 'ACCEPT']),
        shellCommand(['sudo', 'ip6tables', '-I', 'FORWARD', '-p', 'ipv6-icmp', '--icmpv6-type', 'destination-unreachable', '-j', 'ACCEPT']),
        shellCommand(['sudo', 'ip6tables', '-I', 'FORWARD', '-p', 'ipv6-icmp', '--icmpv6-type', 'packet-too-big', '-j', 'ACCEPT']),
        shellCommand(['sudo', 'ip6tables', '-I', 'FORWARD', '-p', 'ipv6-icmp', '--icmpv6-type', 'time-exceeded', '-j', 'ACCEPT']),
      ]),
    },
    {
      id: 'allow-icmp-errors.nftables',
      deploy: [],
      title: `The same with nftables ${where(node)} (${ASSUMED})`,
      kind: 'command',
      text: shellAnd([
        shellCommand(['sudo', 'nft', 'insert', 'rule', 'inet', 'filter', 'forward', 'icmp', 'type', '{ destination-unreachable, time-exceeded }', 'accept']),
        shellCommand(['sudo', 'nft', 'insert', 'rule', 'inet', 'filter', 'forward', 'icmpv6', 'type', '{ destination-unreachable, packet-too-big, time-exceeded }', 'accept']),
      ]),
    },
  ];
  return [...targeted, ...guessed.filter((g) => !targeted.some((t) => t.id === g.id))];
}

/** When the black hole is outside your control: TCP then sizes its segments to the route's MTU. */
export function clampMssCommand(): string {
  return shellAnd([
    shellCommand(['sudo', 'iptables', '-t', 'mangle', '-I', 'FORWARD', '-p', 'tcp', '--tcp-flags', 'SYN,RST', 'SYN', '-j', 'TCPMSS', '--clamp-mss-to-pmtu']),
    shellCommand(['sudo', 'ip6tables', '-t', 'mangle', '-I', 'FORWARD', '-p', 'tcp', '--tcp-flags', 'SYN,RST', 'SYN', '-j', 'TCPMSS', '--clamp-mss-to-pmtu']),
  ]);
}


export function clampMssRemediation(): Remediation {
  return { id: 'path-mtu.clamp-mss', deploy: [], title: 'If the black hole is outside your control: clamp TCP MSS to the path MTU on the router or connector host', kind: 'command', text: clampMssCommand() };
}
