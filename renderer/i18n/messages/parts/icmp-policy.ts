// icmp-policy: ICMP refused or dropped by policy, from the probes and from imported Calico
// policies (calico.*: what one policy rule decides for an echo request). Policy kinds, names,
// rule actions (Allow, Deny) and directions (ingress, egress) are Calico's own words and stay.

import { listJa } from './format';
import { tcpOutcomeJa } from './tcp-vs-icmp';

const echoEn = (family: number): string => (family === 6 ? 'ICMPv6 echo request (type 128)' : 'ICMP echo request (type 8)');
const echoJa = (family: number): string => (family === 6 ? 'ICMPv6 エコー要求（タイプ 128）' : 'ICMP エコー要求（タイプ 8）');

/** Japanese sentences follow each other without a space; the later ones are "また、" (also). */
function sentencesJa(notes: readonly string[]): string {
  const [first, ...rest] = notes;
  return rest.length > 0 ? `${first ?? ''}また、${rest.join('')}` : (first ?? '');
}

interface RuleParams {
  action: string;
  protocol: string | null;
  icmpType: number | null;
  icmpCode: number | null;
  negated: boolean;
  direction: string;
}

interface DecisionParams {
  kind: string;
  policy: string;
  family: number;
  direction: string;
  rule: string;
}

export const en = {
  // ── findings ──
  'icmp-policy.echo-not-sent': (p: { code: string }) => `ICMP echo could not be sent (${p.code}).`,
  'icmp-policy.refused': (p: { address: string; errors: readonly string[]; senders: readonly string[] }) =>
    `ICMP echo to ${p.address} is refused by policy: ${p.errors.join('; ')}. ${p.senders.join(', ')} ${p.senders.length === 1 ? 'has' : 'have'} a firewall rule or prohibit route that rejects it.`,
  'icmp-policy.unknown-node': () => 'an unknown node',
  'icmp-policy.answered': (p: { address: string }) => `ICMP echo to ${p.address} is answered: no policy on the path refuses it.`,
  'icmp-policy.routing-error': (p: { address: string; errors: readonly string[] }) =>
    `ICMP echo to ${p.address} draws ${p.errors.join('; ')}: a routing failure, not a policy refusal (see tcp-vs-icmp).`,
  'icmp-policy.vanishes.proxied': (p: { address: string; proxied: string }) =>
    `ICMP echo to ${p.address} vanishes without an error, and TCP cannot tell a silent policy drop from a host that is down: ${p.proxied}`,
  'icmp-policy.vanishes.tcp-reached': (p: { address: string; port: number; outcome: string }) =>
    `ICMP echo to ${p.address} vanishes without an error while TCP to port ${p.port} ${p.outcome === 'connected' ? 'connects' : 'is answered'}: a firewall or policy on the way drops ICMP echo silently (or the tunnel does not carry it — see the tunnel checks).`,
  'icmp-policy.vanishes.no-tcp': (p: { address: string }) =>
    `ICMP echo to ${p.address} vanishes without an error; give --tcp-port P so a silent policy drop can be told from a host that is down.`,
  /** Several observations of one status, said one after the other. */
  'icmp-policy.observations': (p: { notes: readonly string[] }) => p.notes.join(' '),
  'icmp-policy.pass-undecided': (p: { passing: readonly string[]; undecided: readonly string[] }) => `${p.passing.join(' ')} Not decided: ${p.undecided.join(' ')}`,
  'icmp-policy.nothing-to-go-on': (p: { command: string }) =>
    `No target given and no policy imported: give --target T --tcp-port P, or import your Calico policies (${p.command}).`,
  'icmp-policy.not-probed': (p: { target: string | null }) =>
    `ICMP echo to ${p.target ?? 'the target'} has not been probed yet: run the "ICMP echo to the target" step (with --tcp-port P), or import your Calico policies.`,

  // ── Calico ──
  'calico.unreadable': (p: { code: string }) => `Calico policies could not be read (${p.code}).`,
  'calico.deny': (p: DecisionParams & { order: number | null }) =>
    `Calico ${p.kind} "${p.policy}" denies ${echoEn(p.family)} ${p.direction}: its rule "${p.rule}"${p.order !== null ? ` (order ${p.order})` : ''} is the first that matches.`,
  'calico.default-deny': (p: { direction: string; policies: readonly string[]; family: number }) =>
    `No rule in the Calico policies with ${p.direction} rules (${p.policies.join(', ')}) allows ${echoEn(p.family)}, so Calico denies it by default.`,
  'calico.allow': (p: DecisionParams) => `Calico ${p.kind} "${p.policy}" allows ${echoEn(p.family)} ${p.direction} (rule "${p.rule}").`,
  'calico.pass': (p: DecisionParams) => `Calico ${p.kind} "${p.policy}" passes ${echoEn(p.family)} ${p.direction} to the next tier, whose policies were not imported.`,
  /** `Deny ICMP type 8 ingress` / `Deny ICMPv6 (any type) egress` / `Allow any protocol ingress`. */
  'calico.rule': (p: RuleParams) => {
    const typed = p.icmpType !== null ? ` ${p.negated ? 'all but type' : 'type'} ${p.icmpType}${p.icmpCode !== null ? ` code ${p.icmpCode}` : ''}` : ' (any type)';
    return `${p.action} ${p.protocol === null ? 'any protocol' : `${p.protocol}${typed}`} ${p.direction}`;
  },
  'calico.evidence.rule': (p: { kind: string; policy: string; rule: string }) => `${p.kind} ${p.policy}: ${p.rule}`,
  'calico.evidence.default-deny': (p: { direction: string; policies: readonly string[]; family: number }) =>
    `${p.direction}: ${p.policies.join(', ')} — no rule matches ${echoEn(p.family)}`,
  /** Why the allow policy uses the denying policy's selector (a comment above the generated YAML). */
};

export const ja: typeof en = {
  'icmp-policy.echo-not-sent': (p) => `ICMP エコーを送れませんでした（${p.code}）。`,
  'icmp-policy.refused': (p) =>
    `${p.address} への ICMP エコーはポリシーで拒否されています: ${p.errors.join('、')}。拒否を返したノード（${listJa(p.senders)}）に、これを拒否するファイアウォールのルールか prohibit ルートがあります。`,
  'icmp-policy.unknown-node': () => '送信元不明',
  'icmp-policy.answered': (p) => `${p.address} への ICMP エコーには応答があります。経路上に拒否しているポリシーはありません。`,
  'icmp-policy.routing-error': (p) =>
    `${p.address} への ICMP エコーにはエラーが返ってきます: ${p.errors.join('、')}。ポリシーによる拒否ではなく、ルーティングの失敗です（tcp-vs-icmp を参照）。`,
  'icmp-policy.vanishes.proxied': (p) =>
    `${p.address} への ICMP エコーはエラーなしで消えます。ただし TCP では、ポリシーによる暗黙の破棄とホストの停止を区別できません。${p.proxied}`,
  'icmp-policy.vanishes.tcp-reached': (p) =>
    `${p.address} への ICMP エコーはエラーなしで消えますが、${p.outcome === 'connected' ? `ポート ${p.port} には TCP で接続できます` : `ポート ${p.port} への TCP には応答があります（${p.outcome === 'refused' ? 'RST で拒否' : tcpOutcomeJa(p.outcome)}）`}。途中のファイアウォールかポリシーが ICMP エコーを黙って破棄しています（またはトンネルが ICMP を運んでいません。トンネルのチェックを見てください）。`,
  'icmp-policy.vanishes.no-tcp': (p) =>
    `${p.address} への ICMP エコーはエラーなしで消えます。ポリシーによる暗黙の破棄とホストの停止を区別するため、--tcp-port P を指定してください。`,
  'icmp-policy.observations': (p) => sentencesJa(p.notes),
  'icmp-policy.pass-undecided': (p) => `${sentencesJa(p.passing)}判断できなかった点: ${sentencesJa(p.undecided)}`,
  'icmp-policy.nothing-to-go-on': (p) =>
    `対象が指定されておらず、ポリシーも読み込まれていません。--target T --tcp-port P を指定するか、Calico のポリシーを読み込んでください（${p.command}）。`,
  'icmp-policy.not-probed': (p) =>
    `${p.target ?? '対象'} への ICMP エコーはまだ実行していません。「対象への ICMP エコー」のステップを（--tcp-port P を付けて）実行するか、Calico のポリシーを読み込んでください。`,

  'calico.unreadable': (p) => `Calico のポリシーを読み込めませんでした（${p.code}）。`,
  'calico.deny': (p) =>
    `Calico の ${p.kind}「${p.policy}」が ${p.direction} の ${echoJa(p.family)}を拒否しています。最初に一致するのは、そのルール「${p.rule}」${p.order !== null ? `（order ${p.order}）` : ''}です。`,
  'calico.default-deny': (p) =>
    `${p.direction} のルールを持つ Calico のポリシー（${listJa(p.policies)}）には ${echoJa(p.family)}を許可するルールがないため、Calico が既定で拒否します。`,
  'calico.allow': (p) => `Calico の ${p.kind}「${p.policy}」が ${p.direction} の ${echoJa(p.family)}を許可しています（ルール「${p.rule}」）。`,
  'calico.pass': (p) => `Calico の ${p.kind}「${p.policy}」は ${p.direction} の ${echoJa(p.family)}を次の tier に渡していますが、その tier のポリシーは読み込まれていません。`,
  'calico.rule': (p) => {
    if (p.protocol === null) return `${p.direction} のすべてのプロトコルを ${p.action}`;
    if (p.icmpType === null) return `${p.direction} の ${p.protocol}（全タイプ）を ${p.action}`;
    const typed = `タイプ ${p.icmpType}${p.icmpCode !== null ? ` コード ${p.icmpCode}` : ''}`;
    return `${p.direction} の ${p.protocol} ${p.negated ? `${typed} 以外` : `${typed} `}を ${p.action}`;
  },
  'calico.evidence.rule': (p) => `${p.kind}「${p.policy}」のルール: ${p.rule}`,
  'calico.evidence.default-deny': (p) => `${p.direction}: ${listJa(p.policies)}。${echoJa(p.family)}に一致するルールはありません`,
};
