// Finds the firewall rules that drop or reject ICMP in `nft list ruleset` (or `nft -a list
// ruleset`, which adds `# handle N`) and `iptables-save` / `ip6tables-save` output, with the
// table, chain, hook and position each lives at, so a fix can insert its accept in THAT chain,
// before the rule, instead of guessing `inet filter forward`. Pure: no nft or iptables is run.

import type { FirewallFacts, FirewallIcmpRule, Gathered } from '../../../../contract/evidence';
import { msg } from '../../../../renderer/i18n/messages/message';
import { gathered, notGathered } from '../gathered';
import { guardText } from './input-guard';
import type { Message } from '../../../../contract/message';

/** A large Kubernetes node's iptables-save runs to a few MB; nothing longer is one ruleset. */
export const MAX_RULESET_CHARS = 8 * 1024 * 1024;
/** Rules kept per import: enough for every real drop, bounded for hostile input. */
const MAX_RULES_KEPT = 200;
/** A rule's text is quoted in evidence; a longer one is cut. */
const MAX_RULE_TEXT = 300;

const ECHO = new Set(['echo-request', '8', '128']);
const ERRORS_V4 = new Set(['destination-unreachable', 'time-exceeded', 'parameter-problem', 'fragmentation-needed', '3', '11', '12', '3/4']);
const ERRORS_V6 = new Set(['destination-unreachable', 'packet-too-big', 'time-exceeded', 'parameter-problem', '1', '2', '3', '4']);
const ICMP_PROTOCOLS_V4 = new Set(['icmp', '1']);
const ICMP_PROTOCOLS_V6 = new Set(['ipv6-icmp', 'icmpv6', 'icmp6', '58']);

function cut(text: string): string {
  return text.length > MAX_RULE_TEXT ? `${text.slice(0, MAX_RULE_TEXT)}…` : text;
}

/** The text with quoted strings (comments) blanked, so their words and braces are not read as syntax. */
function withoutQuotes(line: string): string {
  return line.replace(/"(?:[^"\\]|\\.)*"/g, '""');
}

/** The words of an ICMP type match: `echo-request`, or a `{ a, b }` set. */
function typeWords(value: string): string[] {
  return value
    .replace(/[{}]/g, ' ')
    .split(/[\s,]+/)
    .filter((w) => w !== '');
}

function classify(words: string[], version: 4 | 6): 'echo' | 'errors' | null {
  if (words.some((w) => ECHO.has(w))) return 'echo';
  const errors = version === 4 ? ERRORS_V4 : ERRORS_V6;
  if (words.some((w) => errors.has(w))) return 'errors';
  return null;
}

type Match = Pick<FirewallIcmpRule, 'matches' | 'icmp'>;

// ───────────────────────────── nft ─────────────────────────────

const NFT_TYPE = /\b(icmp|icmpv6)\s+type\s+(!=\s*)?(\{[^}]*\}|\S+)/g;
const NFT_PROTO = /\b(?:meta\s+l4proto|ip\s+protocol|ip6\s+nexthdr)\s+(!=\s*)?(\{[^}]*\}|\S+)/;

function nftMatch(rule: string): Match | null {
  const types = [...rule.matchAll(NFT_TYPE)];
  if (types.length > 0) {
    for (const type of types) {
      if (type[2]) continue; // `icmp type != echo-request drop` drops everything but echo
      const version = type[1] === 'icmp' ? 4 : 6;
      const kind = classify(typeWords(type[3] ?? ''), version);
      if (kind) return { matches: kind, icmp: version };
    }
    return null;
  }
  const proto = NFT_PROTO.exec(rule);
  if (!proto || proto[1]) return null;
  const words = typeWords(proto[2] ?? '');
  const v4 = words.some((w) => ICMP_PROTOCOLS_V4.has(w));
  const v6 = words.some((w) => ICMP_PROTOCOLS_V6.has(w));
  if (!v4 && !v6) return null;
  return { matches: 'all', icmp: v4 && v6 ? null : v4 ? 4 : 6 };
}

function nftVerdict(rule: string): 'drop' | 'reject' | null {
  // The last verdict word decides (a lookahead for "no verdict after this" would be quadratic on a hostile line).
  let last: string | null = null;
  for (const verdict of rule.matchAll(/\b(accept|drop|reject|queue|jump|goto|return|continue)\b/g)) last = verdict[1] ?? null;
  return last === 'drop' || last === 'reject' ? last : null;
}

interface NftChain {
  family: string;
  table: string;
  name: string;
  hook: string | null;
  rules: number;
}

/**
 * A rule that may let a new echo request through: an accept that is not limited to another
 * protocol (tcp, udp, …) nor to established/related connections. `icmp type echo-request
 * accept`, `-i docker0 ! -o docker0 -j ACCEPT` and `iifname "br-lan" accept` all count; then a
 * chain's drop policy is no proof that ICMP is dropped.
 */
function acceptsIcmp(rule: string): boolean {
  if (!/(?:\baccept\b|-j\s+ACCEPT\b)/.test(rule)) return false;
  if (/\b(?:tcp|udp|sctp|dccp|esp|ah|gre)\b/.test(rule) && !/\b(?:icmp|icmpv6|ipv6-icmp)\b/.test(rule)) return false;
  const conntrack = /\b(?:ct\s+state|--ctstate|--state)\s+(\S+)/.exec(rule);
  if (conntrack && !/\b(?:new|NEW)\b/.test(conntrack[1] ?? '')) return false;
  return true;
}

/** Chains by "family table chain": which accept ICMP themselves, and which they jump or go to. */
class ChainGraph {
  private readonly accepts = new Set<string>();
  private readonly jumps = new Map<string, Set<string>>();

  /** Notes what one rule of `chain` (in `scope`, "family table") does. */
  rule(scope: string, chain: string, text: string, jumpTargets: readonly string[]): void {
    const key = `${scope} ${chain}`;
    if (acceptsIcmp(text)) this.accepts.add(key);
    const targets = this.jumps.get(key) ?? new Set<string>();
    for (const target of jumpTargets) targets.add(`${scope} ${target}`);
    this.jumps.set(key, targets);
  }

  /** Whether `chain`, or any chain reached from it by jumps, accepts ICMP. */
  reachesAccept(scope: string, chain: string): boolean {
    const seen = new Set<string>();
    const todo = [`${scope} ${chain}`];
    while (todo.length > 0) {
      const key = todo.pop() as string;
      if (seen.has(key)) continue;
      seen.add(key);
      if (this.accepts.has(key)) return true;
      todo.push(...(this.jumps.get(key) ?? []));
    }
    return false;
  }
}

/**
 * The chains whose default policy drops, as pseudo-rules placed after the chain's last rule —
 * unless the chain, or a chain it jumps to, accepts ICMP: then the policy is no proof.
 */
function policyDrops(policies: readonly FirewallIcmpRule[], rulesIn: (policy: FirewallIcmpRule) => number, graph: ChainGraph): FirewallIcmpRule[] {
  return policies.filter((p) => !graph.reachesAccept(`${p.family} ${p.table}`, p.chain)).map((p) => ({ ...p, position: rulesIn(p) + 1 }));
}

/** ICMP drops and rejects in `nft list ruleset` text. UNPARSEABLE when it holds no table. Never throws. */
export function parseNftRuleset(text: string, source: string | Message): Gathered<FirewallFacts> {
  const guarded = guardText(text, msg('gather.import.thing.nft-ruleset'), MAX_RULESET_CHARS);
  if (!guarded.ok) return notGathered('UNPARSEABLE', guarded.reason, source);
  const rules: FirewallIcmpRule[] = [];
  let tables = 0;
  let chains = 0;
  let depth = 0;
  let table: { family: string; name: string } | null = null;
  let chain: NftChain | null = null;
  const policies: Array<{ rule: FirewallIcmpRule; chain: NftChain }> = [];
  const graph = new ChainGraph();
  /** Depth at which a block we do not read (set, map, flowtable, …) began; null when in none. */
  let skipping: number | null = null;
  for (const [index, raw] of guarded.value.split(/\r?\n/).entries()) {
    const handleMatch = /#\s*handle\s+(\d+)\s*$/.exec(raw);
    const bare = withoutQuotes(raw).replace(/#.*$/, '').trim();
    const line = raw.replace(/\s*#\s*handle\s+\d+\s*$/, '').trim();
    const opens = (bare.match(/\{/g) ?? []).length;
    const closes = (bare.match(/\}/g) ?? []).length;
    if (skipping === null) {
      const tableHead = depth === 0 ? /^table\s+(?:(ip|ip6|inet|bridge|netdev|arp)\s+)?(\S+)\s*\{$/.exec(bare) : null;
      const chainHead = depth === 1 && table ? /^chain\s+(\S+)\s*\{$/.exec(bare) : null;
      if (tableHead) {
        table = { family: tableHead[1] ?? 'ip', name: tableHead[2] ?? '' };
        tables += 1;
      } else if (chainHead && table) {
        chain = { family: table.family, table: table.name, name: chainHead[1] ?? '', hook: null, rules: 0 };
        chains += 1;
      } else if (depth === 1 && opens > closes) {
        skipping = depth;
      } else if (depth === 2 && chain && bare !== '' && bare !== '}') {
        const hook = /\btype\s+\S+\s+hook\s+(\S+?)\b/.exec(bare);
        const policy = /\bpolicy\s+drop\b/.test(bare);
        if (hook && /;/.test(bare)) chain.hook = hook[1] ?? null;
        if (policy && chain.hook !== null) {
          const at = chain;
          policies.push({ chain: at, rule: { tool: 'nft', family: at.family, table: at.table, chain: at.name, hook: at.hook, action: 'drop', matches: 'all', icmp: null, handle: null, position: 0, line: index + 1, text: cut(line), policy: true } });
        }
        const head = (hook !== null && /;/.test(bare)) || /^policy\s/.test(bare);
        if (!head) {
          graph.rule(`${chain.family} ${chain.table}`, chain.name, withoutQuotes(line), [...bare.matchAll(/\b(?:jump|goto)\s+([\w.-]+)/g)].map((m) => m[1] ?? ''));
          chain.rules += 1;
          const quoted = withoutQuotes(line);
          const action = nftVerdict(quoted);
          // `reject with icmp type admin-prohibited` names an ICMP type too: match only what comes before the verdict.
          const match = action ? nftMatch(quoted.replace(/\b(?:reject|drop)\b.*$/, '')) : null;
          if (action && match && rules.length < MAX_RULES_KEPT) {
            rules.push({
              tool: 'nft',
              family: chain.family,
              table: chain.table,
              chain: chain.name,
              hook: chain.hook,
              action,
              ...match,
              handle: handleMatch ? Number(handleMatch[1]) : null,
              position: chain.rules,
              line: index + 1,
              text: cut(line),
            });
          }
        }
      }
    }
    depth += opens - closes;
    if (depth < 0) depth = 0;
    if (skipping !== null && depth <= skipping) skipping = null;
    if (depth <= 1) chain = null;
    if (depth === 0) table = null;
  }
  if (tables === 0) {
    return notGathered('UNPARSEABLE', msg('gather.firewall.no-nft-table'), source);
  }
  const withPolicies = [...rules, ...policyDrops(policies.map((p) => p.rule), (rule) => policies.find((p) => p.rule === rule)?.chain.rules ?? 0, graph)];
  return gathered({ tool: 'nft', chains, icmpRules: withPolicies }, source);
}

// ───────────────────────────── iptables-save ─────────────────────────────

const BUILTIN_HOOKS: Readonly<Record<string, string>> = {
  INPUT: 'input',
  FORWARD: 'forward',
  OUTPUT: 'output',
  PREROUTING: 'prerouting',
  POSTROUTING: 'postrouting',
};

/** Splits an iptables-save rule into words, keeping "quoted comments" whole. */
function words(line: string): string[] {
  return [...line.matchAll(/"(?:[^"\\]|\\.)*"|\S+/g)].map((m) => m[0]);
}

function iptablesRule(argv: string[]): (Match & { action: 'drop' | 'reject' }) | null {
  let protocol: string | null = null;
  let type: string | null = null;
  let negatedType = false;
  let target: string | null = null;
  for (let i = 0; i < argv.length; i += 1) {
    const word = argv[i];
    const next = argv[i + 1] ?? '';
    if (word === '-p' || word === '--protocol') {
      if (argv[i - 1] === '!') return null;
      protocol = next.toLowerCase();
    } else if (word === '--icmp-type' || word === '--icmpv6-type') {
      negatedType = argv[i - 1] === '!';
      type = next;
    } else if (word === '-j' || word === '--jump') {
      target = next;
    }
  }
  const action = target === 'DROP' ? 'drop' : target === 'REJECT' ? 'reject' : null;
  if (!action || protocol === null) return null;
  const version = ICMP_PROTOCOLS_V4.has(protocol) ? 4 : ICMP_PROTOCOLS_V6.has(protocol) ? 6 : null;
  if (version === null) return null;
  if (type === null) return { action, matches: 'all', icmp: version };
  if (negatedType) return null;
  // iptables-save prints `8` or `3/4`; people write `echo-request`.
  const kind = classify([type, type.split('/')[0] ?? type], version);
  if (!kind) return null;
  return { action, matches: kind, icmp: version };
}

/** iptables targets that end a rule's match rather than name a chain to jump to. */
const BUILTIN_TARGETS = new Set(['ACCEPT', 'DROP', 'REJECT', 'RETURN', 'LOG', 'MASQUERADE', 'SNAT', 'DNAT', 'REDIRECT', 'MARK', 'CONNMARK', 'TCPMSS', 'NOTRACK', 'CT', 'QUEUE', 'NFQUEUE', 'TRACE']);

/** ICMP drops and rejects in iptables-save / ip6tables-save text. UNPARSEABLE when no `*table` is in it. Never throws. */
export function parseIptablesSave(text: string, source: string | Message): Gathered<FirewallFacts> {
  const guarded = guardText(text, msg('gather.import.thing.iptables-save'), MAX_RULESET_CHARS);
  if (!guarded.ok) return notGathered('UNPARSEABLE', guarded.reason, source);
  const lines = guarded.value.split(/\r?\n/);
  const ip6 = lines.some((l) => /^#.*\bip6tables-save\b/.test(l) || /^-A\s.*\s-p\s+(ipv6-icmp|icmpv6|58)\b/.test(l));
  const family = ip6 ? 'ip6' : 'ip';
  const rules: FirewallIcmpRule[] = [];
  const chains = new Set<string>();
  const positions = new Map<string, number>();
  let table: string | null = null;
  const policies: FirewallIcmpRule[] = [];
  const graph = new ChainGraph();
  for (const [index, raw] of lines.entries()) {
    const line = raw.trim();
    const tableHead = /^\*(\S+)$/.exec(line);
    if (tableHead) {
      table = tableHead[1] ?? null;
      continue;
    }
    if (line === 'COMMIT') {
      table = null;
      continue;
    }
    if (table === null) continue;
    const chainHead = /^:(\S+)\s+(\S+)/.exec(line);
    if (chainHead) {
      const name = chainHead[1] ?? '';
      chains.add(`${table} ${name}`);
      if (chainHead[2] === 'DROP') {
        policies.push({ tool: 'iptables', family, table, chain: name, hook: BUILTIN_HOOKS[name] ?? null, action: 'drop', matches: 'all', icmp: null, handle: null, position: 0, line: index + 1, text: cut(line), policy: true });
      }
      continue;
    }
    const argv = words(line);
    if (argv[0] !== '-A' || argv.length < 2) continue;
    const chain = argv[1] ?? '';
    const jumpAt = argv.findIndex((word) => word === '-j' || word === '-g');
    const target = jumpAt >= 0 ? argv[jumpAt + 1] : undefined;
    graph.rule(`${family} ${table}`, chain, line, target !== undefined && !BUILTIN_TARGETS.has(target) ? [target] : []);
    const position = (positions.get(`${table} ${chain}`) ?? 0) + 1;
    positions.set(`${table} ${chain}`, position);
    const match = iptablesRule(argv.slice(2));
    if (match && rules.length < MAX_RULES_KEPT) {
      rules.push({ tool: 'iptables', family, table, chain, hook: BUILTIN_HOOKS[chain] ?? null, ...match, handle: null, position, line: index + 1, text: cut(line) });
    }
  }
  if (chains.size === 0 && positions.size === 0) {
    return notGathered('UNPARSEABLE', msg('gather.firewall.no-iptables-table'), source);
  }
  const withPolicies = [...rules, ...policyDrops(policies, (policy) => positions.get(`${policy.table} ${policy.chain}`) ?? 0, graph)];
  return gathered({ tool: 'iptables', chains: new Set([...chains, ...positions.keys()]).size, icmpRules: withPolicies }, source);
}
