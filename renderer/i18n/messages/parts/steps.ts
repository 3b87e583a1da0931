// The wizard's steps (titles, why each one looks, the one line each says when it ends or is
// skipped) and the deployment-detection table's reasons. A step's result line names facts
// (ICMPv4, pid, transport, sizes) that stay as they are; the words around them are said here.

import { listEn, listJa, ms } from './format';

export const en = {
  'step.local.title': () => 'This machine',
  'step.local.why': () => 'Can this machine open ICMP sockets at all? Linux allows them only to groups inside net.ipv4.ping_group_range.',
  'step.connectors.title': () => 'Connectors on this host',
  'step.connectors.why': () =>
    'cloudflared, Twingate and Firezone connectors open unprivileged ICMP sockets; their group must be inside the range of their network namespace.',
  'step.cloudflared.title': () => 'cloudflared transport and ICMP proxy',
  'step.cloudflared.why': () =>
    'cloudflared carries ICMP only over QUIC; over HTTP/2 it carries TCP alone. Its logs also say when its group is outside ping_group_range.',
  'step.cloudflare-api.title': () => 'Zero Trust ICMP proxy setting',
  'step.cloudflare-api.why': () => 'The ICMP proxy is a Zero Trust setting, off by default; without it no ping crosses the tunnel.',
  'step.imports.title': () => 'Connector reports',
  'step.imports.why': () => 'A report made with `icmp-doctor check --connector` on the connector host carries the evidence that only that host has.',
  'step.tcp.title': () => 'TCP to the target',
  'step.tcp.why': () => 'If TCP reaches the target while ping does not, the path works and something drops ICMP.',
  'step.icmp.title': () => 'ICMP echo to the target',
  'step.icmp.why': () => 'The symptom itself, measured: replies, errors (decoded, with the packet they quote) or silence.',
  'step.path-mtu.title': () => 'Path MTU',
  'step.path-mtu.why': () => 'Tunnels shrink the MTU; if the error that says so is dropped, big packets vanish silently (a black hole).',
  'step.transparency.title': () => 'ICMP errors come back',
  'step.transparency.why': () => 'A tunnel NAT must translate ICMP errors (and the packet they quote) back, or clients stall instead of failing fast.',

  // Why a step does not apply.
  'step.skip.no-target': () => 'no target given',
  'step.skip.no-tcp-port': () => 'no TCP port given',
  'step.skip.not-cloudflare': () => 'not a Cloudflare tunnel',
  'step.skip.no-account': () => 'no Cloudflare account id given',
  'step.skip.no-token': () => 'no API token given',
  'step.skip.no-connector-report': () => 'no connector report given',
  'step.cancelled': () => 'cancelled',
  /** The step itself broke (a bug): the error's own text, as it came. */
  'step.broke': (p: { error: string }) => `the step failed: ${p.error}`,

  // What a step found.
  'step.local.sockets': (p: { v4: string; v6: string }) => `ICMPv4 ${p.v4}, ICMPv6 ${p.v6}`,
  'step.local.allowed': () => 'allowed',
  'step.local.refused': (p: { errno: string }) => `refused (${p.errno})`,
  'step.connectors.none': () => 'none found',
  'step.connectors.found': (p: { connectors: readonly string[] }) => p.connectors.join(', '),
  'step.connectors.one': (p: { kind: string; pid: number }) => `${p.kind} (pid ${p.pid})`,
  'step.cloudflared.registered': (p: { transports: readonly string[] }) => `registered over ${listEn(p.transports)}`,
  'step.cloudflared.looked-at': (p: { sources: readonly string[] }) => `looked at ${p.sources.length > 0 ? p.sources.join(', ') : 'nothing'}`,
  'step.cloudflare-api.proxy': (p: { enabled: boolean }) => `ICMP proxy ${p.enabled ? 'enabled' : 'disabled'}`,
  'step.imports.imported': (p: { source: string }) => `imported ${p.source}`,
  /** Several connector reports: what became of each. */
  'step.imports.results': (p: { results: readonly string[] }) => p.results.join('; '),
  'step.tcp.outcome.connected': () => 'connected',
  'step.tcp.outcome.refused': () => 'refused',
  'step.tcp.outcome.timeout': () => 'timeout',
  'step.tcp.outcome.unreachable': () => 'unreachable',
  'step.tcp.outcome.error': () => 'error',
  'step.tcp.result': (p: { outcome: string; ms: number | null; proxied: boolean }) =>
    `${p.outcome}${p.ms !== null ? ` in ${ms(p.ms)}` : ''}${p.proxied ? ', but so do ports that should be closed: a middlebox completes every handshake' : ''}`,
  'step.icmp.answered': (p: { received: number; sent: number }) => `${p.received} of ${p.sent} answered`,
  'step.path-mtu.black-hole': () => 'black hole: large packets vanish without an error',
  'step.path-mtu.largest': (p: { bytes: number | null }) => `largest payload that passes: ${p.bytes ?? 'none'}`,
  'step.transparency.returned': () => 'errors return and quote our probe',
  'step.transparency.silent': () => 'no error came back',

  // How the deployment style is detected (deploy/detect.ts), strongest signal first.
  'deploy.signal.helm': () => 'imported Helm values',
  'deploy.signal.pod-spec': () => 'imported pod spec',
  'deploy.signal.openwrt': () => '/etc/openwrt_release',
  'deploy.signal.cgroup': (p: { kind: string; pid: number; cgroup: string }) => `cgroup of ${p.kind} (pid ${p.pid}): ${p.cgroup}`,
  'deploy.why.helm': () => 'Imported Helm values: the connector is installed by a chart',
  'deploy.why.pod-spec': () => 'An imported pod spec: the connector runs in a Kubernetes pod',
  'deploy.why.container-cgroup': () => "The connector process's cgroup names its container runtime (kubepods, docker, libpod)",
  'deploy.why.openwrt': () => '/etc/openwrt_release on the host the connector runs on: procd and uci, no systemd',
  'deploy.why.systemd-cgroup': () => "The connector process's cgroup is a systemd unit (system.slice/NAME.service)",
};

export const ja: typeof en = {
  'step.local.title': () => 'このマシン',
  'step.local.why': () => 'このマシンでそもそも ICMP ソケットを開けるか。Linux では net.ipv4.ping_group_range の範囲内のグループにしか許可されません。',
  'step.connectors.title': () => 'このホスト上のコネクタ',
  'step.connectors.why': () =>
    'cloudflared、Twingate、Firezone のコネクタは非特権の ICMP ソケットを開きます。そのグループが、コネクタが属するネットワーク名前空間の範囲内にある必要があります。',
  'step.cloudflared.title': () => 'cloudflared のトランスポートと ICMP プロキシ',
  'step.cloudflared.why': () =>
    'cloudflared が ICMP を運べるのは QUIC のときだけで、HTTP/2 では TCP しか運べません。グループが ping_group_range の範囲外であることもログに出ます。',
  'step.cloudflare-api.title': () => 'Zero Trust の ICMP プロキシ設定',
  'step.cloudflare-api.why': () => 'ICMP プロキシは Zero Trust の設定で、既定では無効です。無効のままでは ping はトンネルを越えられません。',
  'step.imports.title': () => 'コネクタレポート',
  'step.imports.why': () => 'コネクタのホストで `icmp-doctor check --connector` を実行して作るレポートには、そのホストでしか得られない証跡が入っています。',
  'step.tcp.title': () => '対象への TCP',
  'step.tcp.why': () => 'TCP は対象に届くのに ping が届かないなら、経路自体は正常で、どこかで ICMP が落とされています。',
  'step.icmp.title': () => '対象への ICMP エコー',
  'step.icmp.why': () => '症状そのものを測ります。応答、エラー（デコードし、引用されたパケットも表示）、または無応答。',
  'step.path-mtu.title': () => '経路 MTU',
  'step.path-mtu.why': () => 'トンネルは MTU を小さくします。それを知らせるエラーが落とされると、大きなパケットだけが黙って消えます（ブラックホール）。',
  'step.transparency.title': () => 'ICMP エラーが戻ってくるか',
  'step.transparency.why': () =>
    'トンネルの NAT は ICMP エラー（とその中に引用されたパケット）を変換して戻す必要があります。戻らないと、クライアントはすぐに失敗できず待たされます。',

  'step.skip.no-target': () => '対象が指定されていません',
  'step.skip.no-tcp-port': () => 'TCP ポートが指定されていません',
  'step.skip.not-cloudflare': () => 'Cloudflare のトンネルではありません',
  'step.skip.no-account': () => 'Cloudflare のアカウント ID が指定されていません',
  'step.skip.no-token': () => 'API トークンが指定されていません',
  'step.skip.no-connector-report': () => 'コネクタレポートが指定されていません',
  'step.cancelled': () => '中止しました',
  'step.broke': (p) => `ステップ自体が失敗しました: ${p.error}`,

  'step.local.sockets': (p) => `ICMPv4 は${p.v4}、ICMPv6 は${p.v6}`,
  'step.local.allowed': () => '許可されています',
  'step.local.refused': (p) => `拒否されています（${p.errno}）`,
  'step.connectors.none': () => '見つかりませんでした',
  'step.connectors.found': (p) => `${p.connectors.join('、')} が見つかりました`,
  'step.connectors.one': (p) => `${p.kind}（プロセス ID ${p.pid}）`,
  'step.cloudflared.registered': (p) => `${listJa(p.transports)} で接続を登録しています`,
  'step.cloudflared.looked-at': (p) => (p.sources.length > 0 ? `確認した場所: ${p.sources.join('、')}` : '確認できる場所がありませんでした'),
  'step.cloudflare-api.proxy': (p) => `ICMP プロキシは${p.enabled ? '有効' : '無効'}です`,
  'step.imports.imported': (p) => `${p.source} を取り込みました`,
  'step.imports.results': (p) => `取り込み結果: ${p.results.join('、')}`,
  'step.tcp.outcome.connected': () => '接続できました',
  'step.tcp.outcome.refused': () => '拒否されました',
  'step.tcp.outcome.timeout': () => 'タイムアウトしました',
  'step.tcp.outcome.unreachable': () => '到達できません',
  'step.tcp.outcome.error': () => 'エラーになりました',
  'step.tcp.result': (p) =>
    `${p.outcome}${p.ms !== null ? `（${ms(p.ms)}）` : ''}${p.proxied ? '。ただし閉じているはずのポートにも接続できるため、途中の機器がすべてのハンドシェイクを代わりに完了させています' : ''}`,
  'step.icmp.answered': (p) => `${p.sent} 回中 ${p.received} 回応答がありました`,
  'step.path-mtu.black-hole': () => 'ブラックホールです。大きなパケットがエラーもなく消えています',
  'step.path-mtu.largest': (p) => (p.bytes === null ? '通過できるペイロードはありませんでした' : `通過できる最大のペイロード: ${p.bytes}`),
  'step.transparency.returned': () => 'エラーが戻り、こちらのプローブを引用しています',
  'step.transparency.silent': () => 'エラーが戻ってきませんでした',

  'deploy.signal.helm': () => '取り込んだ Helm の values',
  'deploy.signal.pod-spec': () => '取り込んだ Pod spec',
  'deploy.signal.openwrt': () => '/etc/openwrt_release があること',
  'deploy.signal.cgroup': (p) => `${p.kind}（プロセス ID ${p.pid}）の cgroup: ${p.cgroup}`,
  'deploy.why.helm': () => 'Helm の values を取り込んでいます。コネクタは Helm チャートでインストールされています',
  'deploy.why.pod-spec': () => 'Pod spec を取り込んでいます。コネクタは Kubernetes の Pod で動いています',
  'deploy.why.container-cgroup': () => 'コネクタのプロセスの cgroup にコンテナランタイム名（kubepods、docker、libpod）が含まれています',
  'deploy.why.openwrt': () => 'コネクタが動くホストに /etc/openwrt_release があります。systemd ではなく procd と uci を使います',
  'deploy.why.systemd-cgroup': () => 'コネクタのプロセスの cgroup が systemd のユニット（system.slice/NAME.service）です',
};
