// Why pasted or imported text (a pod spec, Helm values, a Calico policy, `id` or `sysctl`
// output, a firewall ruleset, a connector report) could not be read, and what to paste
// instead. Quoted values and parser complaints come in as parameters.

import { listJa } from '../format';

/** What to paste, per import kind. */
const HOW = {
  pod: ['paste `kubectl get pod POD -o yaml` (or the Deployment/DaemonSet manifest) of the connector', 'コネクタの `kubectl get pod POD -o yaml` の出力（または Deployment/DaemonSet のマニフェスト）を貼り付けてください'],
  calico: [
    'paste `calicoctl get globalnetworkpolicy -o yaml` / `calicoctl get networkpolicy -A -o yaml`, or the policy manifests',
    '`calicoctl get globalnetworkpolicy -o yaml` か `calicoctl get networkpolicy -A -o yaml` の出力、またはポリシーのマニフェストを貼り付けてください',
  ],
  helm: [
    'paste the values file given to `helm install`/`helm upgrade` for twingate/connector, or `helm get values RELEASE`',
    'twingate/connector の `helm install`/`helm upgrade` に渡した values ファイルか、`helm get values RELEASE` の出力を貼り付けてください',
  ],
  report: [
    'create one with `sudo icmp-doctor check --connector --report connector.json` on the connector host',
    'コネクタのホストで `sudo icmp-doctor check --connector --report connector.json` を実行して作成してください',
  ],
  id: [
    'paste the output of `id` run as the user in question (for a container: `docker exec CONTAINER id`)',
    '対象のユーザーで実行した `id` の出力を貼り付けてください（コンテナなら `docker exec CONTAINER id`）',
  ],
  sysctl: [
    'paste the output of `sysctl net.ipv4.ping_group_range` (or `cat /proc/sys/net/ipv4/ping_group_range`) from the machine or container in question',
    '対象のマシンかコンテナで実行した `sysctl net.ipv4.ping_group_range`（または `cat /proc/sys/net/ipv4/ping_group_range`）の出力を貼り付けてください',
  ],
} as const;

const howEn = (k: keyof typeof HOW): string => HOW[k][0];
const howJa = (k: keyof typeof HOW): string => HOW[k][1];

/** What a shape check expected, as "… should be X". */
const SHAPES: Record<string, [string, string]> = {
  text: ['text', 'テキスト'],
  boolean: ['true or false', 'true か false'],
  number: ['a number', '数値'],
  id: ['a user or group ID (0–4294967295)', 'ユーザー ID かグループ ID（0〜4294967295）'],
  list: ['a list', 'リスト'],
  list4: ['a list of 4', '要素 4 個のリスト'],
  object: ['an object', 'オブジェクト'],
  record: ['an object of text values', '値がテキストのオブジェクト'],
  gathered: ['a gathered fact ({ok, …})', '取得結果（{ok, …}）'],
  time: ['an ISO 8601 time', 'ISO 8601 形式の時刻'],
};

/** YAML features counted against resource exhaustion. */
const COUNTED: Record<string, [string, string]> = {
  flowCollections: ['[ ] or { } collections', '[ ] や { } のコレクション'],
  anchors: ['anchors (&name)', 'アンカー（&name）'],
  aliases: ['aliases (*name)', 'エイリアス（*name）'],
  explicitKeys: ['explicit keys (?)', '明示的なキー（?）'],
  documents: ['YAML documents', 'YAML ドキュメント'],
};

const pick = (table: Record<string, [string, string]>, key: string, index: 0 | 1): string => table[key]?.[index] ?? String(key);

type Where = { where: string; got: string };

export const en = {
  /** The imported things, as a sentence names them ("the pod spec is empty"). */
  'gather.import.thing.nft-ruleset': () => 'the nft ruleset',
  'gather.import.thing.iptables-save': () => 'the iptables-save output',
  'gather.import.thing.connector-report': () => 'the connector report',
  'gather.import.thing.sysctl-output': () => 'the sysctl output',
  'gather.import.thing.pod-spec': () => 'the pod spec',
  'gather.import.thing.calico-policy': () => 'the Calico policy',
  'gather.import.thing.id-output': () => 'the id output',
  'gather.import.thing.helm-values': () => 'the Helm values',
  'gather.value.list': () => 'a list',
  'gather.value.mapping': () => 'a mapping',
  'gather.value.nothing': () => 'nothing',
  'gather.value.missing': () => 'missing',
  'gather.input.not-text': (p: { what: string; type: string }) => `${p.what} must be text, not ${p.type}`,
  'gather.input.too-large': (p: { what: string; size: string; max: string }) => `${p.what} is ${p.size}; at most ${p.max} is read. Paste only the part that matters.`,
  'gather.input.empty': (p: { what: string }) => `${p.what} is empty`,
  'gather.input.binary': (p: { what: string; detail: string }) => `${p.what} looks like binary data, not text (${p.detail}); paste the command's text output instead`,
  'gather.input.nul-bytes': (p: { count: number }) => `${p.count} NUL bytes`,
  'gather.input.control-characters': (p: { count: number; length: number }) => `${p.count} control characters in ${p.length}`,
  'gather.yaml.invalid': (p: { what: string; problem: string; line: number }) => `${p.what} is not valid YAML: ${p.problem} (line ${p.line})`,
  'gather.yaml.aliases': (p: { what: string }) => `${p.what} uses YAML aliases that expand to too many nodes (a "billion laughs" pattern); refusing it`,
  'gather.yaml.too-deep': (p: { what: string }) => `${p.what} is nested too deeply to parse`,
  'gather.yaml.unparsed': (p: { what: string; detail: string }) => `${p.what} could not be parsed: ${p.detail}`,
  'gather.yaml.neither': (p: { what: string; json: string; yaml: string }) => `${p.what} is neither valid JSON (${p.json}) nor valid YAML (${p.yaml})`,
  'gather.yaml.indent-depth': (p: { what: string; max: number; line: number }) =>
    `${p.what} nests collections more than ${p.max} levels deep by indentation (line ${p.line}); no real manifest does`,
  'gather.yaml.too-many': (p: { what: string; max: number; counted: string; line: number }) =>
    `${p.what} has more than ${p.max} ${pick(COUNTED, p.counted, 0)} (at line ${p.line}); refusing it as a resource-exhaustion attempt`,
  'gather.yaml.flow-depth': (p: { what: string; max: number; line: number }) => `${p.what} nests collections more than ${p.max} levels deep (line ${p.line}); no real manifest does`,
  'gather.yaml.properties-per-line': (p: { what: string; max: number; line: number }) =>
    `${p.what} has more than ${p.max} anchors or tags on line ${p.line}; refusing it as a resource-exhaustion attempt`,
  'gather.yaml.collections-per-line': (p: { what: string; max: number; line: number }) => `${p.what} opens more than ${p.max} nested collections on line ${p.line}; no real manifest does`,
  'gather.shape.expected': (p: { path: string; shape: string; got: string }) => `${p.path} should be ${pick(SHAPES, p.shape, 0)}, but is ${p.got}`,
  'gather.shape.one-of': (p: { path: string; options: readonly string[]; got: string }) => `${p.path} should be one of ${p.options.join(', ')}, but is ${p.got}`,
  'gather.shape.too-many': (p: { path: string; count: number; max: number }) => `${p.path} has ${p.count} entries; at most ${p.max} are accepted`,
  'gather.pod.ids-not-list': (p: Where) => `${p.where} must be a list of group IDs, not ${p.got}`,
  'gather.pod.not-an-id': (p: Where) => `${p.where} is ${p.got}, not a group ID`,
  'gather.pod.sysctls-not-list': (p: Where) => `${p.where} must be a list, not ${p.got}`,
  'gather.pod.sysctl-incomplete': (p: Where) => `${p.where} needs a name and a value (got ${p.got})`,
  'gather.pod.no-containers': (p: Where) => `${p.where} is ${p.got}; a pod spec lists its containers there`,
  'gather.pod.no-spec': (p: { object: string; path: string }) => `${p.object} has no ${p.path}`,
  'gather.pod.helm-values': () => `this looks like Helm values (it has icmpSupport), not a pod spec; import it as Helm values, or ${howEn('pod')}`,
  'gather.pod.no-objects': () => `no Kubernetes object found; ${howEn('pod')}`,
  'gather.pod.no-pods': (p: { kinds: readonly string[] }) => `no Pod or pod template found (found: ${p.kinds.join(', ')}); ${howEn('pod')}`,
  'gather.pod.failed': (p: { detail: string }) => `the pod spec could not be read: ${p.detail}`,
  'gather.calico.bad-protocol': (p: Where) => `${p.where} is ${p.got}, not a protocol name or number`,
  'gather.calico.bad-icmp-number': (p: Where) => `${p.where} is ${p.got}; ICMP types and codes are whole numbers 0–255`,
  'gather.calico.bad-icmp-match': (p: Where) => `${p.where} must be a mapping with type and code, not ${p.got}`,
  'gather.calico.bad-action': (p: Where) => `${p.where} is ${p.got}; Calico actions are Allow, Deny, Log and Pass`,
  'gather.calico.rules-not-list': (p: Where) => `${p.where} must be a list of rules, not ${p.got}`,
  'gather.calico.not-a-rule': (p: Where) => `${p.where} is ${p.got}, not a rule`,
  'gather.calico.no-spec': (p: { where: string }) => `${p.where} has no spec`,
  'gather.calico.bad-order': (p: Where) => `${p.where}: spec.order is ${p.got}, not a number`,
  'gather.calico.only-kubernetes': () =>
    `found only Kubernetes NetworkPolicies (networking.k8s.io/v1), not Calico ones; those cannot name ICMP (only TCP, UDP, SCTP), so ICMP to or from the pods they select is dropped unless another policy allows it. For Calico's own rules, ${howEn('calico')}`,
  'gather.calico.none': () => `no Calico policy found; ${howEn('calico')}`,
  'gather.calico.none-of-kinds': (p: { kinds: readonly string[] }) => `no Calico NetworkPolicy or GlobalNetworkPolicy found (found: ${p.kinds.join(', ')}); ${howEn('calico')}`,
  'gather.calico.failed': (p: { detail: string }) => `the Calico policy could not be read: ${p.detail}`,
  'gather.helm.not-mapping': (p: { key: string; got: string }) => `${p.key} must be a mapping, not ${p.got}`,
  'gather.helm.icmp-support': (p: { got: string }) => `icmpSupport is ${p.got}, but the chart reads icmpSupport.enabled: write "icmpSupport:\\n  enabled: true"`,
  'gather.helm.documents': (p: { count: number }) => `the Helm values hold ${p.count} YAML documents; a values file is one; ${howEn('helm')}`,
  'gather.helm.not-settings': (p: { got: string }) => `the Helm values are ${p.got}, not a mapping of settings; ${howEn('helm')}`,
  'gather.helm.manifest': (p: { kind: string }) => `this is a Kubernetes ${p.kind} manifest, not Helm values; import it as a pod spec, or ${howEn('helm')}`,
  'gather.helm.failed': (p: { detail: string }) => `the Helm values could not be read: ${p.detail}`,
  'gather.report.not-json': (p: { detail: string }) => `the connector report is not valid JSON (${p.detail}); ${howEn('report')}`,
  'gather.report.not-object': (p: { got: string }) => `the connector report is ${p.got} in JSON, not an object; ${howEn('report')}`,
  'gather.report.unreadable': (p: { problem: string }) => `the connector report cannot be read: ${p.problem}`,
  'gather.report.no-schema': () => `it has no "schema" field, so it is not an ICMP Doctor connector report; ${howEn('report')}`,
  'gather.report.other-version': (p: { got: string; reads: string }) =>
    `its schema is ${p.got}, a version this ICMP Doctor cannot read (it reads ${p.reads}); make the report with the same ICMP Doctor version`,
  'gather.report.diagnostic': (p: { schema: string }) => `it is a diagnostic report (${p.schema}), not a connector report; ${howEn('report')}`,
  'gather.report.wrong-schema': (p: { got: string; expected: string }) => `its schema is ${p.got}, not ${p.expected}; ${howEn('report')}`,
  'gather.report.malformed': (p: { problem: string }) => `the connector report is malformed: ${p.problem}`,
  'gather.report.failed': (p: { detail: string }) => `the connector report could not be read: ${p.detail}`,
  'gather.id.none': () => `no "uid=… gid=…" line found; ${howEn('id')}`,
  'gather.id.several': (p: { count: number; lines: readonly number[] }) => `found ${p.count} different id outputs (lines ${p.lines.join(', ')}); ${howEn('id')}, one user at a time`,
  'gather.id.not-single': (p: { line: number }) => `line ${p.line}: uid= and gid= must each name one number; ${howEn('id')}`,
  'gather.id.too-large': (p: { line: number; max: number }) => `line ${p.line}: an id is larger than ${p.max}, which no Linux user or group can have`,
  'gather.sysctl.missing': (p: { line: number; text: string }) =>
    `line ${p.line} says the kernel has no net.ipv4.ping_group_range ("${p.text}"): unprivileged ICMP sockets do not exist there`,
  'gather.sysctl.bad-line': (p: { line: number; problem: string }) => `line ${p.line}: ${p.problem}`,
  'gather.sysctl.conflicting': (p: { lines: readonly number[]; values: readonly string[] }) =>
    `net.ipv4.ping_group_range appears with different values (${p.lines.map((line, i) => `line ${line}: "${p.values[i] ?? ''}"`).join(', ')}); ${howEn('sysctl')}, one machine at a time`,
  'gather.sysctl.none': (p: { lines: number }) => `no net.ipv4.ping_group_range in ${p.lines} line${p.lines === 1 ? '' : 's'}; ${howEn('sysctl')}`,
  'gather.firewall.no-nft-table': () => 'no `table FAMILY NAME {` block found; paste the output of `sudo nft -a list ruleset` from the firewall host',
  'gather.firewall.no-iptables-table': () => 'no `*TABLE` section with chains found; paste the output of `sudo iptables-save` (and `sudo ip6tables-save`) from the firewall host',
};

export const ja: typeof en = {
  'gather.import.thing.nft-ruleset': () => 'nft のルールセット',
  'gather.import.thing.iptables-save': () => 'iptables-save の出力',
  'gather.import.thing.connector-report': () => 'コネクタのレポート',
  'gather.import.thing.sysctl-output': () => 'sysctl の出力',
  'gather.import.thing.pod-spec': () => 'Pod の spec',
  'gather.import.thing.calico-policy': () => 'Calico のポリシー',
  'gather.import.thing.id-output': () => 'id の出力',
  'gather.import.thing.helm-values': () => 'Helm の values',
  'gather.value.list': () => 'リスト',
  'gather.value.mapping': () => 'マッピング',
  'gather.value.nothing': () => '空',
  'gather.value.missing': () => '未指定',
  'gather.input.not-text': (p) => `${p.what} はテキストで指定してください（${p.type} が渡されました）`,
  'gather.input.too-large': (p) => `${p.what} は ${p.size} あります。読み込むのは ${p.max} までです。必要な部分だけを貼り付けてください。`,
  'gather.input.empty': (p) => `${p.what} が空です`,
  'gather.input.binary': (p) => `${p.what} はテキストではなくバイナリデータのようです（${p.detail}）。コマンドのテキスト出力を貼り付けてください`,
  'gather.input.nul-bytes': (p) => `NUL バイト ${p.count} 個`,
  'gather.input.control-characters': (p) => `${p.length} 文字中に制御文字 ${p.count} 個`,
  'gather.yaml.invalid': (p) => `${p.what} が YAML として正しくありません: ${p.problem}（${p.line} 行目）`,
  'gather.yaml.aliases': (p) => `${p.what} の YAML エイリアスは展開するとノードが多すぎます（"billion laughs" のパターン）。読み込みを拒否しました`,
  'gather.yaml.too-deep': (p) => `${p.what} は入れ子が深すぎて解析できません`,
  'gather.yaml.unparsed': (p) => `${p.what} を解析できませんでした: ${p.detail}`,
  'gather.yaml.neither': (p) => `${p.what} は JSON としても YAML としても読めません（JSON: ${p.json}、YAML: ${p.yaml}）`,
  'gather.yaml.indent-depth': (p) => `${p.what} はインデントによる入れ子が ${p.max} 段を超えています（${p.line} 行目）。実際のマニフェストではありえない深さです`,
  'gather.yaml.too-many': (p) => `${p.what} の ${pick(COUNTED, p.counted, 1)} が ${p.max} 個を超えています（${p.line} 行目）。リソースを使い果たさせる入力とみなして拒否しました`,
  'gather.yaml.flow-depth': (p) => `${p.what} はコレクションの入れ子が ${p.max} 段を超えています（${p.line} 行目）。実際のマニフェストではありえない深さです`,
  'gather.yaml.properties-per-line': (p) => `${p.what} の ${p.line} 行目にアンカーやタグが ${p.max} 個を超えてあります。リソースを使い果たさせる入力とみなして拒否しました`,
  'gather.yaml.collections-per-line': (p) => `${p.what} の ${p.line} 行目で入れ子のコレクションが ${p.max} 個を超えて開かれています。実際のマニフェストではありえない形です`,
  'gather.shape.expected': (p) => `${p.path}: ${p.got} になっています（期待する値: ${pick(SHAPES, p.shape, 1)}）`,
  'gather.shape.one-of': (p) => `${p.path}: ${p.got} になっています（期待する値: ${listJa(p.options)} のいずれか）`,
  'gather.shape.too-many': (p) => `${p.path} の要素が ${p.count} 個あります。受け付けるのは ${p.max} 個までです`,
  'gather.pod.ids-not-list': (p) => `${p.where} はグループ ID のリストで指定してください（${p.got} になっています）`,
  'gather.pod.not-an-id': (p) => `${p.where} が ${p.got} になっています。グループ ID ではありません`,
  'gather.pod.sysctls-not-list': (p) => `${p.where} はリストで指定してください（${p.got} になっています）`,
  'gather.pod.sysctl-incomplete': (p) => `${p.where} には name と value が必要です（${p.got} になっています）`,
  'gather.pod.no-containers': (p) => `${p.where} が ${p.got} です。Pod spec ではここにコンテナを列挙します`,
  'gather.pod.no-spec': (p) => `${p.object} に ${p.path} がありません`,
  'gather.pod.helm-values': () => `これは Pod spec ではなく Helm の values のようです（icmpSupport があります）。Helm の values として取り込むか、${howJa('pod')}`,
  'gather.pod.no-objects': () => `Kubernetes のオブジェクトが見つかりません。${howJa('pod')}`,
  'gather.pod.no-pods': (p) => `Pod も Pod テンプレートも見つかりません（見つかったもの: ${listJa(p.kinds)}）。${howJa('pod')}`,
  'gather.pod.failed': (p) => `Pod spec を読み取れませんでした: ${p.detail}`,
  'gather.calico.bad-protocol': (p) => `${p.where} が ${p.got} になっています。プロトコル名か番号を指定してください`,
  'gather.calico.bad-icmp-number': (p) => `${p.where} が ${p.got} になっています。ICMP のタイプとコードは 0〜255 の整数です`,
  'gather.calico.bad-icmp-match': (p) => `${p.where} は type と code を持つマッピングで指定してください（${p.got} になっています）`,
  'gather.calico.bad-action': (p) => `${p.where} が ${p.got} になっています。Calico のアクションは Allow、Deny、Log、Pass のいずれかです`,
  'gather.calico.rules-not-list': (p) => `${p.where} はルールのリストで指定してください（${p.got} になっています）`,
  'gather.calico.not-a-rule': (p) => `${p.where} が ${p.got} になっています。ルールではありません`,
  'gather.calico.no-spec': (p) => `${p.where} に spec がありません`,
  'gather.calico.bad-order': (p) => `${p.where}: spec.order が ${p.got} になっています。数値で指定してください`,
  'gather.calico.only-kubernetes': () =>
    `Kubernetes の NetworkPolicy（networking.k8s.io/v1）しかなく、Calico のポリシーがありません。Kubernetes の NetworkPolicy では ICMP を指定できない（TCP、UDP、SCTP のみ）ため、ほかのポリシーで許可しない限り、選択された Pod との ICMP は破棄されます。Calico 自身のルールを調べるには、${howJa('calico')}`,
  'gather.calico.none': () => `Calico のポリシーが見つかりません。${howJa('calico')}`,
  'gather.calico.none-of-kinds': (p) => `Calico の NetworkPolicy も GlobalNetworkPolicy も見つかりません（見つかったもの: ${listJa(p.kinds)}）。${howJa('calico')}`,
  'gather.calico.failed': (p) => `Calico のポリシーを読み取れませんでした: ${p.detail}`,
  'gather.helm.not-mapping': (p) => `${p.key} はマッピングで指定してください（${p.got} になっています）`,
  'gather.helm.icmp-support': (p) => `icmpSupport が ${p.got} になっていますが、chart が読むのは icmpSupport.enabled です。"icmpSupport:\\n  enabled: true" と書いてください`,
  'gather.helm.documents': (p) => `Helm の values に YAML ドキュメントが ${p.count} 個あります。values ファイルは 1 つのドキュメントです。${howJa('helm')}`,
  'gather.helm.not-settings': (p) => `Helm の values が設定のマッピングではなく ${p.got} です。${howJa('helm')}`,
  'gather.helm.manifest': (p) => `これは Helm の values ではなく Kubernetes の ${p.kind} のマニフェストです。Pod spec として取り込むか、${howJa('helm')}`,
  'gather.helm.failed': (p) => `Helm の values を読み取れませんでした: ${p.detail}`,
  'gather.report.not-json': (p) => `コネクタのレポートが JSON として正しくありません（${p.detail}）。${howJa('report')}`,
  'gather.report.not-object': (p) => `コネクタのレポートが JSON のオブジェクトではなく ${p.got} です。${howJa('report')}`,
  'gather.report.unreadable': (p) => `コネクタのレポートを読み込めません: ${p.problem}`,
  'gather.report.no-schema': () => `"schema" フィールドがないため、ICMP Doctor のコネクタレポートではありません。${howJa('report')}`,
  'gather.report.other-version': (p) => `schema が ${p.got} で、この ICMP Doctor では読めないバージョンです（読めるのは ${p.reads}）。同じバージョンの ICMP Doctor でレポートを作成してください`,
  'gather.report.diagnostic': (p) => `これは診断レポート（${p.schema}）で、コネクタのレポートではありません。${howJa('report')}`,
  'gather.report.wrong-schema': (p) => `schema が ${p.expected} ではなく ${p.got} です。${howJa('report')}`,
  'gather.report.malformed': (p) => `コネクタのレポートの形式が正しくありません: ${p.problem}`,
  'gather.report.failed': (p) => `コネクタのレポートを読み取れませんでした: ${p.detail}`,
  'gather.id.none': () => `"uid=… gid=…" の行が見つかりません。${howJa('id')}`,
  'gather.id.several': (p) => `異なる id の出力が ${p.count} 個あります（${listJa(p.lines)} 行目）。${howJa('id')}。一度に貼り付けるのは 1 ユーザー分だけにしてください`,
  'gather.id.not-single': (p) => `${p.line} 行目: uid= と gid= にはそれぞれ数値を 1 つだけ指定してください。${howJa('id')}`,
  'gather.id.too-large': (p) => `${p.line} 行目: ${p.max} より大きい ID があります。Linux のユーザーやグループではありえない値です`,
  'gather.sysctl.missing': (p) => `${p.line} 行目によると、カーネルに net.ipv4.ping_group_range がありません（"${p.text}"）。そのマシンには非特権の ICMP ソケットがありません`,
  'gather.sysctl.bad-line': (p) => `${p.line} 行目: ${p.problem}`,
  'gather.sysctl.conflicting': (p) =>
    `net.ipv4.ping_group_range の値が行によって違います（${p.lines.map((line, i) => `${line} 行目: "${p.values[i] ?? ''}"`).join('、')}）。${howJa('sysctl')}。一度に貼り付けるのは 1 台分だけにしてください`,
  'gather.sysctl.none': (p) => `${p.lines} 行の中に net.ipv4.ping_group_range がありません。${howJa('sysctl')}`,
  'gather.firewall.no-nft-table': () => '`table FAMILY NAME {` のブロックが見つかりません。ファイアウォールのホストで実行した `sudo nft -a list ruleset` の出力を貼り付けてください',
  'gather.firewall.no-iptables-table': () =>
    'チェインを含む `*TABLE` のセクションが見つかりません。ファイアウォールのホストで実行した `sudo iptables-save`（と `sudo ip6tables-save`）の出力を貼り付けてください',
};

