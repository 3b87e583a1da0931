// Firewall rules for the node that drops or refuses ICMP: allow echo requests through it, let
// the ICMP errors that make failures fast and path MTU discovery work pass, and, where a
// black hole cannot be fixed at its source, clamp TCP's MSS so TCP at least avoids it.

import type { FirewallFacts, FirewallIcmpRule, Gathered } from '../../../contract/evidence';
import type { Remediation } from '../../../contract/findings';
import type { Message } from '../../../contract/message';
import { msg } from '../../i18n/messages/message';
import { fix } from './fix';
import { shellAnd, shellCommand } from './shell';

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

/** A chain whose policy drops: the accept goes at its top, and the place says it is the policy, not a rule. */
function policyPlace(r: FirewallIcmpRule & { source: string }): Message {
  return msg('fix.firewall.place.policy', { tool: r.tool, family: r.family, table: r.table, chain: r.chain, hook: r.hook, source: r.source, line: r.line });
}

/** nft: where the accept goes, before the offending rule (by handle, else at the top of the chain). */
function nftPlace(r: FirewallIcmpRule & { source: string }): Message {
  if (r.policy) return policyPlace(r);
  return msg('fix.firewall.place.nft', { family: r.family, table: r.table, chain: r.chain, hook: r.hook ?? null, action: r.action, handle: r.handle, position: r.position, source: r.source, line: r.line });
}

/** iptables: the accept goes at the top of the chain, above the offending rule. */
function iptablesPlace(r: FirewallIcmpRule & { source: string }): Message {
  if (r.policy) return policyPlace(r);
  return msg('fix.firewall.place.iptables', {
    tool: r.family === 'ip6' ? 'ip6tables' : 'iptables',
    table: r.table,
    chain: r.chain,
    hook: r.hook ?? null,
    action: r.action,
    position: r.position,
    source: r.source,
    line: r.line,
  });
}

/** nft: insert before the offending rule by its handle, else at the top of its chain. */
function nftFix(rules: ReadonlyArray<FirewallIcmpRule & { source: string }>, wanted: Wanted, node: string | null): Remediation {
  const commands = rules.flatMap((rule) =>
    versions(rule).map((v) =>
      shellCommand(['sudo', 'nft', 'insert', 'rule', rule.family, rule.table, rule.chain, ...(rule.handle !== null ? ['position', String(rule.handle)] : []), v === 4 ? 'icmp' : 'icmpv6', 'type', nftTypes(rule, wanted, v), 'accept']),
    ),
  );
  return fix({
    id: `${wanted === 'echo' ? 'allow-echo' : 'allow-icmp-errors'}.nftables`,
    deploy: [],
    title: msg('fix.firewall.targeted', { wanted, tool: 'nftables', node, places: rules.map(nftPlace) }),
    kind: 'command',
    text: shellAnd(commands),
  });
}

/** iptables: insert at the top of the chain holding the offending rule, with -t when it is not filter. */
function iptablesFix(rules: ReadonlyArray<FirewallIcmpRule & { source: string }>, wanted: Wanted, node: string | null): Remediation {
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
  return fix({
    id: `${wanted === 'echo' ? 'allow-echo' : 'allow-icmp-errors'}.iptables`,
    deploy: [],
    title: msg('fix.firewall.targeted', { wanted, tool: 'iptables', node, places: rules.map(iptablesPlace) }),
    kind: 'command',
    text: shellAnd(commands),
  });
}

/** An imported ruleset shows the rule that drops or rejects `wanted`: a fix can act in its table and chain. */
export function firewallHoldsDrop(firewall: ReadonlyArray<Gathered<FirewallFacts>>, wanted: Wanted): boolean {
  return offending(firewall, 'nft', wanted).length > 0 || offending(firewall, 'iptables', wanted).length > 0;
}

/**
 * Allow echo requests through. With an imported ruleset (`nft -a list ruleset`, iptables-save)
 * that shows where the drop lives, the accept goes into that table and chain, before the drop;
 * without one, the usual FORWARD / inet filter forward guess, saying it is one.
 */
export function allowEchoRemediation(node: string | null, firewall: ReadonlyArray<Gathered<FirewallFacts>> = []): Remediation[] {
  const nft = offending(firewall, 'nft', 'echo');
  const iptables = offending(firewall, 'iptables', 'echo');
  const targeted = [...(nft.length > 0 ? [nftFix(nft, 'echo', node)] : []), ...(iptables.length > 0 ? [iptablesFix(iptables, 'echo', node)] : [])];
  const guessed: Remediation[] = [
    fix({
      id: 'allow-echo.iptables',
      deploy: [],
      title: msg('fix.allow-echo.iptables', { node }),
      kind: 'command',
      text: shellAnd([
        shellCommand(['sudo', 'iptables', '-I', 'FORWARD', '-p', 'icmp', '--icmp-type', 'echo-request', '-j', 'ACCEPT']),
        shellCommand(['sudo', 'ip6tables', '-I', 'FORWARD', '-p', 'ipv6-icmp', '--icmpv6-type', 'echo-request', '-j', 'ACCEPT']),
      ]),
    }),
    fix({
      id: 'allow-echo.nftables',
      deploy: [],
      title: msg('fix.firewall.nftables-assumed', { node }),
      kind: 'command',
      text: shellAnd([
        shellCommand(['sudo', 'nft', 'insert', 'rule', 'inet', 'filter', 'forward', 'icmp', 'type', 'echo-request', 'accept']),
        shellCommand(['sudo', 'nft', 'insert', 'rule', 'inet', 'filter', 'forward', 'icmpv6', 'type', 'echo-request', 'accept']),
      ]),
    }),
  ];
  // A fix id appears once: the targeted one replaces the guess for its tool.
  return [...targeted, ...guessed.filter((g) => !targeted.some((t) => t.id === g.id))];
}

export function allowIcmpErrorsRemediation(node: string | null, firewall: ReadonlyArray<Gathered<FirewallFacts>> = []): Remediation[] {
  const nft = offending(firewall, 'nft', 'errors');
  const iptables = offending(firewall, 'iptables', 'errors');
  const targeted = [...(nft.length > 0 ? [nftFix(nft, 'errors', node)] : []), ...(iptables.length > 0 ? [iptablesFix(iptables, 'errors', node)] : [])];
  const guessed: Remediation[] = [
    fix({
      id: 'allow-icmp-errors.iptables',
      deploy: [],
      title: msg('fix.allow-icmp-errors.iptables', { node }),
      kind: 'command',
      text: shellAnd([
        shellCommand(['sudo', 'iptables', '-I', 'FORWARD', '-p', 'icmp', '--icmp-type', 'destination-unreachable', '-j', 'ACCEPT']),
        shellCommand(['sudo', 'iptables', '-I', 'FORWARD', '-p', 'icmp', '--icmp-type', 'time-exceeded', '-j', 'ACCEPT']),
        shellCommand(['sudo', 'ip6tables', '-I', 'FORWARD', '-p', 'ipv6-icmp', '--icmpv6-type', 'destination-unreachable', '-j', 'ACCEPT']),
        shellCommand(['sudo', 'ip6tables', '-I', 'FORWARD', '-p', 'ipv6-icmp', '--icmpv6-type', 'packet-too-big', '-j', 'ACCEPT']),
        shellCommand(['sudo', 'ip6tables', '-I', 'FORWARD', '-p', 'ipv6-icmp', '--icmpv6-type', 'time-exceeded', '-j', 'ACCEPT']),
      ]),
    }),
    fix({
      id: 'allow-icmp-errors.nftables',
      deploy: [],
      title: msg('fix.firewall.nftables-assumed', { node }),
      kind: 'command',
      text: shellAnd([
        shellCommand(['sudo', 'nft', 'insert', 'rule', 'inet', 'filter', 'forward', 'icmp', 'type', '{ destination-unreachable, time-exceeded }', 'accept']),
        shellCommand(['sudo', 'nft', 'insert', 'rule', 'inet', 'filter', 'forward', 'icmpv6', 'type', '{ destination-unreachable, packet-too-big, time-exceeded }', 'accept']),
      ]),
    }),
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
  return fix({ id: 'path-mtu.clamp-mss', deploy: [], title: msg('fix.path-mtu.clamp-mss'), kind: 'command', text: clampMssCommand() });
}
