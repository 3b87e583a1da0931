// Messages of the connector-gid-range check: what each piece of evidence says about a
// connector's group and the ping_group_range of its network namespace (one note each), and
// the finding's summary that joins them. `range` parameters named "quoted" are ping-range.quoted
// messages; `connector` is a connector's name (connector-gid.kind.* or "cloudflared").

import { listJa } from './format';

const KEY = 'net.ipv4.ping_group_range';

const IMPORT_ADVICE_EN =
  "run `sudo icmp-doctor check --connector` on the connector host and import its report (--connector-report FILE), or paste `sysctl net.ipv4.ping_group_range` and the connector user's `id` from there (for Kubernetes: its pod spec or Helm values)";
const IMPORT_ADVICE_JA =
  'コネクタのホストで `sudo icmp-doctor check --connector` を実行してそのレポートを取り込むか（--connector-report FILE）、そのホストの `sysctl net.ipv4.ping_group_range` とコネクタのユーザーの `id` の出力を貼り付けてください（Kubernetes なら Pod spec か Helm の values）';

/** Words before a particle: a half-width space after ASCII, none after a closing bracket. */
const before = (words: string): string => (/[）」]$/.test(words) ? words : `${words} `);

const none = (groups: readonly number[], separator: string, empty: string): string => (groups.length > 0 ? groups.join(separator) : empty);

export const en = {
  // Summaries: the notes of the observations that decided the status, joined.
  'connector-gid.fail': (p: { notes: readonly string[] }) =>
    `${p.notes.join(' ')} Fix: let ${KEY} in the connector's network namespace admit its group, then restart the connector.`,
  'connector-gid.pass': (p: { notes: readonly string[]; unchecked: readonly string[] }) =>
    `${p.notes.join(' ')}${p.unchecked.length > 0 ? ` Not checked: ${p.unchecked.join(' ')}` : ''}`,
  'connector-gid.unknown': (p: { notes: readonly string[] }) => `Whether the connector's group is inside ${KEY} is not known. ${p.notes.join(' ')}`,
  'connector-gid.skip': (p: { onThisHost: boolean }) =>
    `No connector (cloudflared, Twingate, Firezone) was found${p.onThisHost ? ' on this host' : ''} and none was imported. If one runs elsewhere, ${IMPORT_ADVICE_EN}.`,
  'connector-gid.not-found': (p: { product: string; onThisHost: boolean }) =>
    `No ${p.product} connector was found${p.onThisHost ? ' on this host' : ''}, so its group and ping_group_range are not known: ${IMPORT_ADVICE_EN}.`,
  /** Cited: the process list had no connector of the product. */
  'connector-gid.no-process': (p: { product: string }) => `no ${p.product} connector process on this host`,

  'connector-gid.kind.twingate': () => 'Twingate connector',
  'connector-gid.kind.firezone': () => 'Firezone gateway',

  // A connector process found through /proc (here or in a connector report).
  'connector-gid.process.cited': (p: { command: string; gids: readonly number[]; groups: readonly number[]; netns: string | null; container: string | null }) =>
    `${p.command}; gids (real, effective, saved, fs) ${p.gids.join(' ')}; groups ${none(p.groups, ' ', 'none')}; netns ${p.netns ?? 'unknown'}${p.container ? `; in ${p.container}` : ''}`,
  'connector-gid.process.range-cited': (p: { range: string; ownNetns: boolean }) => `${KEY} = ${p.range} in ${p.ownNetns ? 'its own' : 'our'} network namespace`,
  /** `command` reads the range by hand (null: the process was seen in a connector report, on another host). */
  'connector-gid.process.range-unreadable': (p: { connector: string; pid: number; failure: string; command: string | null }) =>
    `The ping_group_range in ${p.connector} (pid ${p.pid})'s network namespace could not be read (${p.failure}): ${
      p.command === null
        ? 'run `sudo icmp-doctor check --connector` on that host again, as root'
        : `run \`sudo icmp-doctor check --connector\` on this host and import its report (--connector-report FILE), or read it yourself: ${p.command}`
    }.`,
  /** `groups`: the supplementary groups that admit it, when its egid alone does not (the kernel's rule). */
  'connector-gid.process.inside': (p: { connector: string; pid: number; egid: number; groups: readonly number[]; quoted: string }) =>
    `${p.connector} (pid ${p.pid}) runs with egid ${p.egid}${p.groups.length > 0 ? ` and group ${p.groups.join(', ')}` : ''}, inside ${KEY} ${p.quoted} of its network namespace.`,
  /**
   * cloudflared's one GID is outside, a supplementary group inside. `checked`: which GID its
   * version compares (null: version not known, so both rules are said); `real`: its real GID
   * when it differs from `gid` (the effective one) and the version is not known.
   */
  'connector-gid.process.only-supplementary': (p: {
    connector: string;
    pid: number;
    gid: number;
    real: number | null;
    groups: readonly number[];
    quoted: string;
    version: string | null;
    checked: 'real' | 'effective' | null;
  }) =>
    `${p.connector} (pid ${p.pid}) runs with ${p.checked === null ? `egid ${p.gid}${p.real !== null ? ` (real gid ${p.real})` : ''}` : `gid ${p.gid}`}, outside ${KEY} ${p.quoted}; its supplementary group ${p.groups.join(', ')} is inside, which the kernel would accept, but ${
      p.checked === null
        ? 'cloudflared checks one GID only (its real GID up to 2024.3.x, its effective GID from 2024.4.0; the version here is not known)'
        : `cloudflared ${p.version ?? ''} checks its ${p.checked} GID only (${p.checked === 'real' ? 'as versions up to 2024.3.x do' : 'as versions from 2024.4.0 do'})`
    }, never its supplementary groups, and disables its ICMP proxy anyway.`,
  'connector-gid.process.outside': (p: { connector: string; pid: number; egid: number; groups: readonly number[]; quoted: string }) =>
    `${p.connector} (pid ${p.pid}) runs with egid ${p.egid} (groups: ${none(p.groups, ', ', 'none')}), none of them inside ${KEY} ${p.quoted} of its network namespace: it cannot open ICMP sockets, so it forwards no ping.`,
  'connector-gid.processes-unreadable': (p: { failure: string }) => `Connector processes could not be listed (${p.failure}).`,

  // cloudflared's own log lines and metrics.
  'connector-gid.log.gid-outside': (p: { gid: number; quoted: string }) =>
    `cloudflared logged that its group ${p.gid} is outside ${KEY} ${p.quoted}, so it started without its ICMP proxy (the range is read only at start: restart it after the fix).`,
  'connector-gid.log.proxy-disabled': () =>
    'cloudflared logged "ICMP proxy feature is disabled": it could not open its ICMP sockets, which on Linux means its group is outside ping_group_range.',
  'connector-gid.metrics.replies': (p: { replies: number }) =>
    `cloudflared has proxied ICMP (${p.replies} replies counted in its metrics), so it can open its ICMP sockets.`,

  // Pasted `sysctl` and `id` output.
  'connector-gid.identity': (p: { uid: number; egid: number; groups: readonly number[] }) => `uid ${p.uid}, egid ${p.egid}, groups ${none(p.groups, ',', 'none')}`,
  'connector-gid.pasted.unreadable': (p: { failure: string }) => `Pasted evidence could not be read (${p.failure}).`,
  'connector-gid.pasted.every-group': (p: { range: string }) => `The pasted ${KEY} "${p.range}" admits every group.`,
  'connector-gid.pasted.admits-nobody': (p: { quoted: string }) => `The pasted ${KEY} ${p.quoted}: no process there may open ICMP sockets.`,
  'connector-gid.pasted.need-id': (p: { range: string }) =>
    `The pasted ${KEY} is "${p.range}"; paste the connector user's \`id\` output too, to see whether its group is inside.`,
  'connector-gid.pasted.need-sysctl': () => `The connector user's \`id\` was pasted; paste \`sysctl ${KEY}\` from the same host (or container) too.`,
  'connector-gid.pasted.inside': (p: { identity: string; range: string }) => `The connector's user (${p.identity}) is inside the pasted range "${p.range}".`,
  'connector-gid.pasted.only-supplementary': (p: { identity: string; range: string }) =>
    `The connector's user (${p.identity}): only a supplementary group is inside "${p.range}", and cloudflared checks one GID only (its real GID up to 2024.3.x, its effective GID from 2024.4.0), never its supplementary groups.`,
  'connector-gid.pasted.outside': (p: { identity: string; range: string }) => `The connector's user (${p.identity}) has no group inside the pasted range "${p.range}".`,

  // Kubernetes pod specs. `label` is connector-gid.pod.label.
  'connector-gid.pod.unnamed': () => 'the pod',
  'connector-gid.pod.label': (p: { container: string; image: string | null; pod: string }) => `container ${p.container}${p.image ? ` (${p.image})` : ''} of ${p.pod}`,
  'connector-gid.pod.gid-from.container': () => 'container runAsGroup',
  'connector-gid.pod.gid-from.pod': () => 'pod runAsGroup',
  'connector-gid.pod.gid-from.image': () => "the image's nonroot user",
  /** Cited: what the spec says; `sysctl` is the range's value as written (null: not set). */
  'connector-gid.pod.cited': (p: { label: string; sysctl: string | null; gid: number | null; gidFrom: string | null; supplementalGroups: readonly number[] }) =>
    `${p.label}: ${p.sysctl !== null ? `securityContext.sysctls ${KEY}="${p.sysctl}"` : `no ${KEY} in securityContext.sysctls`}; runAsGroup ${p.gid ?? 'unset'}${p.gidFrom ? ` (${p.gidFrom})` : ''}; supplementalGroups ${none(p.supplementalGroups, ',', 'none')}`,
  'connector-gid.pod.bad-value': (p: { label: string; value: string }) => `${p.label} sets ${KEY} to "${p.value}", which is not "LOW HIGH": the pod will not start with it.`,
  'connector-gid.pod.no-range': (p: { label: string; command: string }) =>
    `${p.label} does not set ${KEY}, so its network namespace gets the container runtime's default (Docker and containerd 2.x admit every group; other runtimes leave the kernel's "1 0"). Check it with \`${p.command}\`, or set it in the pod spec to be sure.`,
  'connector-gid.pod.every-group': (p: { label: string; range: string }) => `${p.label} sets ${KEY} "${p.range}", which admits every group.`,
  'connector-gid.pod.gid-unknown': (p: { label: string; range: string }) =>
    `${p.label} sets ${KEY} "${p.range}" but its group is not known: set runAsGroup, or check \`id\` inside the container.`,
  'connector-gid.pod.inside': (p: { label: string; gid: number; range: string }) => `${p.label} runs with group ${p.gid}, inside its ${KEY} "${p.range}".`,
  'connector-gid.pod.only-supplementary': (p: { label: string; gid: number; quoted: string }) =>
    `${p.label} runs with group ${p.gid}, outside its ${KEY} ${p.quoted}; a supplementalGroup is inside but cloudflared checks one GID only (its real GID up to 2024.3.x, its effective GID from 2024.4.0), never its supplementary groups.`,
  'connector-gid.pod.outside': (p: { label: string; gid: number; quoted: string }) => `${p.label} runs with group ${p.gid}, outside its ${KEY} ${p.quoted}.`,
  'connector-gid.pod.unreadable': (p: { failure: string }) => `The pod spec could not be read (${p.failure}).`,

  // Twingate's Helm values.
  /** Cited when the values leave it out (a value that is set is quoted as it is). */
  'connector-gid.helm.not-set': () => "icmpSupport.enabled = not set (the chart's default: false)",
  'connector-gid.helm.enabled': () => 'The Twingate Helm values enable icmpSupport, so the chart sets the pod\'s ping_group_range to "0 2147483647" (every group).',
  'connector-gid.helm.not-enabled': (p: { set: boolean }) =>
    `The Twingate Helm values ${p.set ? 'turn off' : 'do not set'} icmpSupport.enabled, so the chart sets no ping_group_range and the connector (group 65532) gets the runtime's default, often "1 0".`,
  'connector-gid.helm.unreadable': (p: { failure: string }) => `The Helm values could not be read (${p.failure}).`,

  /** Why the suggested range is what it is (the fix's title carries it); `keeps`: today's range, when it admits anyone. */
  'connector-gid.fix-reason.admit': (p: { gids: readonly number[]; keeps: string | null }) =>
    `the smallest change that admits group ${p.gids.join(', ')}${p.keeps !== null ? ` and keeps what "${p.keeps}" admits today` : ''}`,
  'connector-gid.fix-reason.every-group': () => "the connector's group is not known, so every group",
};

export const ja: typeof en = {
  'connector-gid.fail': (p) =>
    `${p.notes.join('')}対処: コネクタのネットワーク名前空間の ${KEY} がコネクタのグループを許可するように設定し、コネクタを再起動してください。`,
  'connector-gid.pass': (p) => `${p.notes.join('')}${p.unchecked.length > 0 ? `未確認: ${p.unchecked.join('')}` : ''}`,
  'connector-gid.unknown': (p) => `コネクタのグループが ${KEY} の範囲内かどうかは分かっていません。${p.notes.join('')}`,
  'connector-gid.skip': (p) =>
    `コネクタ（cloudflared、Twingate、Firezone）は${p.onThisHost ? 'このホストで' : ''}見つからず、取り込まれてもいません。別のホストで動いている場合は、${IMPORT_ADVICE_JA}。`,
  'connector-gid.not-found': (p) =>
    `${p.product} のコネクタが${p.onThisHost ? 'このホストで' : ''}見つからないため、そのグループと ping_group_range は分かりません。${IMPORT_ADVICE_JA}。`,
  'connector-gid.no-process': (p) => `このホストに ${p.product} のコネクタのプロセスはありません`,

  'connector-gid.kind.twingate': () => 'Twingate コネクタ',
  'connector-gid.kind.firezone': () => 'Firezone ゲートウェイ',

  'connector-gid.process.cited': (p) =>
    `${p.command}; gid（実・実効・保存・fs）${p.gids.join(' ')}; グループ ${none(p.groups, ' ', 'なし')}; netns ${p.netns ?? '不明'}${p.container ? `; ${p.container} 内` : ''}`,
  'connector-gid.process.range-cited': (p) => `${KEY} = ${p.range}（${p.ownNetns ? 'コネクタ独自の' : 'このマシンと同じ'}ネットワーク名前空間）`,
  'connector-gid.process.range-unreadable': (p) =>
    `${p.connector}（pid ${p.pid}）のネットワーク名前空間の ping_group_range を読み取れませんでした（${p.failure}）。${
      p.command === null
        ? 'そのホストで root として `sudo icmp-doctor check --connector` をもう一度実行してください。'
        : `このホストで \`sudo icmp-doctor check --connector\` を実行してそのレポートを取り込むか（--connector-report FILE）、次のコマンドで直接読み取ってください: ${p.command}`
    }`,
  'connector-gid.process.inside': (p) =>
    `${p.connector}（pid ${p.pid}）は egid ${p.egid}${p.groups.length > 0 ? ` とグループ ${listJa(p.groups)}` : ''} で動いており、ネットワーク名前空間の ${KEY}${p.quoted}の範囲内です。`,
  'connector-gid.process.only-supplementary': (p) =>
    `${p.connector}（pid ${p.pid}）は ${p.checked === null ? `egid ${p.gid}${p.real !== null ? `（実 gid ${p.real}）` : ''}` : `gid ${p.gid}`} で動いており、${KEY}${p.quoted}の範囲外です。補助グループ ${listJa(p.groups)} は範囲内でカーネルなら許可しますが、${
      p.checked === null
        ? 'cloudflared が確認するのは 1 つの GID だけ（2024.3.x までは実 GID、2024.4.0 からは実効 GID。ここではバージョンが分かりません）'
        : `cloudflared ${p.version ?? ''} が確認するのは${p.checked === 'real' ? '実 GID' : '実効 GID'} だけ（${p.checked === 'real' ? '2024.3.x までの動作' : '2024.4.0 以降の動作'}）`
    }で、補助グループは見ないため、ICMP プロキシを無効にしてしまいます。`,
  'connector-gid.process.outside': (p) =>
    `${p.connector}（pid ${p.pid}）は egid ${p.egid}（グループ: ${none(p.groups, '、', 'なし')}）で動いていますが、どれもネットワーク名前空間の ${KEY}${p.quoted}の範囲外です。ICMP ソケットを開けないため、ping を転送できません。`,
  'connector-gid.processes-unreadable': (p) => `コネクタのプロセスを一覧できませんでした（${p.failure}）。`,

  'connector-gid.log.gid-outside': (p) =>
    `cloudflared のログによると、グループ ${p.gid} が ${KEY}${p.quoted}の範囲外のため、ICMP プロキシなしで起動しています（範囲は起動時にしか読まないため、直したあとで再起動してください）。`,
  'connector-gid.log.proxy-disabled': () =>
    'cloudflared のログに「ICMP proxy feature is disabled」とあります。ICMP ソケットを開けなかったということで、Linux ではグループが ping_group_range の範囲外であることを意味します。',
  'connector-gid.metrics.replies': (p) => `cloudflared は ICMP を中継しています（メトリクス上の応答 ${p.replies} 件）。ICMP ソケットは開けています。`,

  'connector-gid.identity': (p) => `uid ${p.uid}、egid ${p.egid}、グループ ${none(p.groups, '、', 'なし')}`,
  'connector-gid.pasted.unreadable': (p) => `貼り付けられた証跡を読み取れませんでした（${p.failure}）。`,
  'connector-gid.pasted.every-group': (p) => `貼り付けられた ${KEY}「${p.range}」はすべてのグループを許可しています。`,
  'connector-gid.pasted.admits-nobody': (p) => `貼り付けられた ${KEY} は${p.quoted}です。そこではどのプロセスも ICMP ソケットを開けません。`,
  'connector-gid.pasted.need-id': (p) =>
    `貼り付けられた ${KEY} は「${p.range}」です。コネクタのグループが範囲内か確かめるため、コネクタのユーザーの \`id\` の出力も貼り付けてください。`,
  'connector-gid.pasted.need-sysctl': () => `コネクタのユーザーの \`id\` が貼り付けられています。同じホスト（またはコンテナ）の \`sysctl ${KEY}\` の出力も貼り付けてください。`,
  'connector-gid.pasted.inside': (p) => `コネクタのユーザー（${p.identity}）は、貼り付けられた範囲「${p.range}」の内側です。`,
  'connector-gid.pasted.only-supplementary': (p) =>
    `コネクタのユーザー（${p.identity}）は、補助グループしか「${p.range}」の範囲内にありません。cloudflared が確認するのは 1 つの GID だけ（2024.3.x までは実 GID、2024.4.0 からは実効 GID）で、補助グループは見ません。`,
  'connector-gid.pasted.outside': (p) => `コネクタのユーザー（${p.identity}）のグループは、どれも貼り付けられた範囲「${p.range}」の内側にありません。`,

  'connector-gid.pod.unnamed': () => 'この Pod',
  // A spec without containers is read as one container named after the pod: say the pod once.
  'connector-gid.pod.label': (p) => (p.container === p.pod && !p.image ? p.pod : `${p.pod} のコンテナ ${p.container}${p.image ? `（${p.image}）` : ''}`),
  'connector-gid.pod.gid-from.container': () => 'コンテナの runAsGroup',
  'connector-gid.pod.gid-from.pod': () => 'Pod の runAsGroup',
  'connector-gid.pod.gid-from.image': () => 'イメージの nonroot ユーザー',
  'connector-gid.pod.cited': (p) =>
    `${p.label}: ${p.sysctl !== null ? `securityContext.sysctls の ${KEY}="${p.sysctl}"` : `securityContext.sysctls に ${KEY} なし`}; runAsGroup ${p.gid ?? '未設定'}${p.gidFrom ? `（${p.gidFrom}）` : ''}; supplementalGroups ${none(p.supplementalGroups, ',', 'なし')}`,
  'connector-gid.pod.bad-value': (p) => `${before(p.label)}は ${KEY} に「${p.value}」を設定していますが、「LOW HIGH」の形ではありません。このままでは Pod が起動しません。`,
  'connector-gid.pod.no-range': (p) =>
    `${before(p.label)}は ${KEY} を設定していないため、ネットワーク名前空間にはコンテナランタイムのデフォルト値が入ります（Docker と containerd 2.x はすべてのグループを許可し、ほかのランタイムはカーネルの「1 0」のままです）。\`${p.command}\` で確認するか、確実にするため Pod spec で設定してください。`,
  'connector-gid.pod.every-group': (p) => `${before(p.label)}は ${KEY}「${p.range}」を設定しており、すべてのグループを許可しています。`,
  'connector-gid.pod.gid-unknown': (p) =>
    `${before(p.label)}は ${KEY}「${p.range}」を設定していますが、グループが分かりません。runAsGroup を設定するか、コンテナ内で \`id\` を確認してください。`,
  'connector-gid.pod.inside': (p) => `${before(p.label)}はグループ ${p.gid} で動いており、${KEY}「${p.range}」の範囲内です。`,
  'connector-gid.pod.only-supplementary': (p) =>
    `${before(p.label)}はグループ ${p.gid} で動いており、${KEY}${p.quoted}の範囲外です。supplementalGroups は範囲内ですが、cloudflared が確認するのは 1 つの GID だけ（2024.3.x までは実 GID、2024.4.0 からは実効 GID）で、補助グループは見ません。`,
  'connector-gid.pod.outside': (p) => `${before(p.label)}はグループ ${p.gid} で動いており、${KEY}${p.quoted}の範囲外です。`,
  'connector-gid.pod.unreadable': (p) => `Pod spec を読み取れませんでした（${p.failure}）。`,

  'connector-gid.helm.not-set': () => 'icmpSupport.enabled = 未設定（チャートのデフォルトは false）',
  'connector-gid.helm.enabled': () => 'Twingate の Helm の values で icmpSupport が有効なため、チャートが Pod の ping_group_range を「0 2147483647」（すべてのグループ）に設定します。',
  'connector-gid.helm.not-enabled': (p) =>
    `Twingate の Helm の values で icmpSupport.enabled が${p.set ? '無効になっている' : '設定されていない'}ため、チャートは ping_group_range を設定しません。コネクタ（グループ 65532）にはランタイムのデフォルト値が入り、多くの場合「1 0」です。`,
  'connector-gid.helm.unreadable': (p) => `Helm の values を読み取れませんでした（${p.failure}）。`,

  'connector-gid.fix-reason.admit': (p) =>
    `グループ ${listJa(p.gids)} を許可${p.keeps !== null ? `し、今の「${p.keeps}」で許可されているグループも残す` : 'する'}最小の変更`,
  'connector-gid.fix-reason.every-group': () => 'コネクタのグループが分からないため、すべてのグループ',
};
