// route-through-tunnel (renderer/wizard/checks/route-through-tunnel.ts): is the target routed
// into the tunnel's interface on this machine (issue 11)? Also the route gatherer
// (electron/core/evidence/route/) and the fixes (remediation/route-through-tunnel.ts).
// Interface names, addresses, commands and the kernel's own answer stay as they are.

import { listEn, listJa } from './format';

/** What TCP to the target showed, beside a route that goes around the tunnel. */
export type TcpBeside = 'connected' | 'proxied' | 'none';

const tcpEn: Record<TcpBeside, string> = {
  connected:
    ' TCP to the target connected all the same: a zero-trust client such as WARP can carry TCP at the socket level, without a route, but never ICMP, so only the route makes ping work.',
  proxied:
    ' TCP "connected", but so did ports that should be closed: something on this machine or the path answers every handshake itself (a zero-trust client carrying TCP at the socket level, as WARP does), and ICMP is not carried that way.',
  none: '',
};
const tcpJa: Record<TcpBeside, string> = {
  connected:
    'それでも対象への TCP は接続できました。WARP のようなゼロトラストクライアントは、ルートがなくてもソケット単位で TCP を運べますが、ICMP は運びません。ping を通すにはルートが必要です。',
  proxied:
    'TCP は「接続」しましたが、閉じているはずのポートも接続しました。このマシンか経路上の何かがすべてのハンドシェイクに自分で応答しています（WARP のようにソケット単位で TCP を運ぶゼロトラストクライアント）。ICMP はこの方法では運ばれません。',
  none: '',
};

export const en = {
  // The gatherer.
  'route.source': () => 'route lookup on this machine (ip route get)',
  'route.source.to': (p: { target: string }) => `route lookup on this machine for ${p.target} (ip route get, ip addr show)`,
  'route.gather.not-linux': (p: { platform: string; target: string }) =>
    `Routes are read on Linux only; this is ${p.platform}. Look it up yourself: route -n get ${p.target} (macOS) or Find-NetRoute -RemoteIPAddress ${p.target} (Windows PowerShell), and check that the interface is the tunnel's.`,
  'route.gather.no-ip': (p: { address: string }) =>
    `The ip command (iproute2) is not installed, so the route cannot be read: install iproute2, or run ip route get ${p.address} where it is.`,
  'route.gather.ip-failed': (p: { command: string; detail: string }) => `${p.command} failed: ${p.detail}`,
  'route.gather.not-json': (p: { command: string }) => `${p.command} did not print the JSON list expected (iproute2 before 4.13 has no -j).`,
  'route.gather.no-device': () => 'ip -j route get printed no route with an interface (dev).',
  'route.gather.cancelled': () => 'The route lookup was cancelled.',
  // The local step's one-line result, with the route.
  'step.local.with-route': (p: { sockets: string; route: string }) => `${p.sockets}; ${p.route}`,
  'step.local.route-via': (p: { address: string; device: string; tunnel: boolean }) => `${p.address} routed through ${p.device}${p.tunnel ? ' (a tunnel)' : ''}`,
  'step.local.route-none': (p: { address: string }) => `no route to ${p.address}`,

  // Routes and interfaces, as evidence.
  'route-through-tunnel.route.via': (p: { device: string; source: string | null; gateway: string | null; table: string | null }) =>
    `routed through ${p.device}${p.gateway ? ` via ${p.gateway}` : ''}${p.source ? `, source ${p.source}` : ''}${p.table ? ` (table ${p.table})` : ''}`,
  'route-through-tunnel.route.unroutable': (p: { error: string }) => `not routable: the kernel answers "${p.error}"`,
  'route-through-tunnel.evidence.route': (p: { address: string; route: string }) => `route to ${p.address}: ${p.route}`,
  'route-through-tunnel.evidence.tunnels': (p: { tunnels: readonly string[] }) => `tunnel interfaces on this machine: ${listEn(p.tunnels)}`,
  'route-through-tunnel.evidence.no-tunnels': (p: { interfaces: readonly string[] }) =>
    `no tunnel interface on this machine; interfaces: ${p.interfaces.length > 0 ? listEn(p.interfaces) : 'none'}`,
  'route-through-tunnel.interface': (p: { name: string; client: string; up: boolean; addresses: readonly string[] }) =>
    `${p.name} (${p.client}, ${p.up ? 'up' : 'down'}${p.addresses.length > 0 ? `, ${listEn(p.addresses)}` : ''})`,

  // Verdicts.
  'route-through-tunnel.skip.no-target': () => 'No target was given, so there is no route to look up: give --target ADDRESS.',
  'route-through-tunnel.unknown.not-gathered': (p: { target: string }) =>
    `This machine's route to ${p.target} was not looked up (evidence from elsewhere, or an older report): run the check on the machine that cannot ping, or look yourself with ip route get ${p.target}.`,
  'route-through-tunnel.unknown.failed': (p: { failure: string }) =>
    `Whether the target is routed into the tunnel is not known: the route could not be read (${p.failure}).`,
  'route-through-tunnel.unknown.no-tunnel': (p: { address: string; route: string; product: string | null; expected: readonly string[] }) =>
    `${p.address} is ${p.route}, and no ${p.product ?? 'VPN or zero-trust'} tunnel interface is up or present here (looked for ${listEn(p.expected)}). Either the client is not connected (connect it and re-test), or it carries traffic without an interface of its own (a proxy mode): then the route cannot decide this.`,
  'route-through-tunnel.pass': (p: { address: string; device: string; client: string; source: string | null }) =>
    `${p.address} is routed into the tunnel: through ${p.device} (${p.client})${p.source ? `, source ${p.source}` : ''}.`,
  'route-through-tunnel.fail': (p: { address: string; route: string; tunnel: string; client: string; tunnelUp: boolean; tcp: TcpBeside }) =>
    `${p.address} is not routed into the tunnel: it is ${p.route}, while the tunnel's interface is ${p.tunnel} (${p.client}${p.tunnelUp ? '' : ', down'}). Ping to it never enters the tunnel, so nothing on the connector's side is exercised; a split-tunnel exclusion or a missing private-network route usually does this.${tcpEn[p.tcp]}`,
  'route-through-tunnel.warn-answered': (p: { address: string; route: string; tunnel: string; client: string }) =>
    `${p.address} answers ping, but not through the tunnel: it is ${p.route}, while the tunnel's interface is ${p.tunnel} (${p.client}). If it should be reached through the tunnel (from outside this network too), route it there and re-test.`,

  // Fixes.
  'fix.route-through-tunnel.warp-split-tunnels': (p: { address: string }) => `WARP: send ${p.address} into the tunnel (Split Tunnels)`,
  'fix.route-through-tunnel.warp-split-tunnels.text': (p: { address: string }) =>
    [
      'In Zero Trust (one.dash.cloudflare.com), go to Settings → WARP Client.',
      'Under Device settings, find the device profile this device uses and select Configure.',
      'Under Split Tunnels, see whether the mode is Exclude or Include, then select Manage.',
      `Exclude mode: delete the entry that covers ${p.address} (10.0.0.0/8, 172.16.0.0/12 and 192.168.0.0/16 are excluded by default).`,
      `Include mode: select IP Address, enter ${p.address} or the CIDR of its network, and select Save destination.`,
      'The change reaches clients at once; re-test.',
    ].join('\n'),
  'fix.route-through-tunnel.cloudflared-route': () =>
    'Route the private network to your tunnel, so Cloudflare sends it to the connector (TUNNEL: its name or id; use the whole network\'s CIDR rather than one address)',
  'fix.route-through-tunnel.cloudflared-route-get': () => 'Check which tunnel route covers the target',
  'fix.route-through-tunnel.twingate-resource': (p: { address: string }) => `Twingate: make ${p.address} a Resource`,
  'fix.route-through-tunnel.twingate-resource.text': (p: { address: string }) =>
    [
      'In the Twingate Admin Console, open Network → Resources and add a Resource.',
      `Address: ${p.address}, or a CIDR that covers it; Remote Network: the one whose Connector reaches it.`,
      "Add a Group this user is in to the Resource; the client adds the route to sdwan0 once it syncs.",
    ].join('\n'),
  'fix.route-through-tunnel.firezone-resource': (p: { address: string }) => `Firezone: make ${p.address} a Resource`,
  'fix.route-through-tunnel.firezone-resource.text': (p: { address: string }) =>
    [
      'In the Firezone admin portal, open Sites, pick the Site whose Gateway reaches the target, and add a Resource.',
      `Type IP or CIDR, address ${p.address} (or its network), with ICMP allowed if you restrict traffic.`,
      'Add a Policy that grants a Group this user is in access to it; the client adds the route to tun-firezone.',
    ].join('\n'),
  'fix.route-through-tunnel.ip-route': (p: { tunnel: string }) =>
    `Route the target into ${p.tunnel} (for WireGuard, also add it to the peer's AllowedIPs, or wg drops it)`,
  'fix.route-through-tunnel.check': (p: { tunnel: string }) => `Check: the route must name dev ${p.tunnel}`,
};

export const ja: typeof en = {
  'route.source': () => 'このマシンのルート検索（ip route get）',
  'route.source.to': (p) => `このマシンでの ${p.target} のルート検索（ip route get、ip addr show）`,
  'route.gather.not-linux': (p) =>
    `ルートは Linux でのみ読み取れます（このマシンは ${p.platform} です）。route -n get ${p.target}（macOS）または Find-NetRoute -RemoteIPAddress ${p.target}（Windows PowerShell）で確認し、インターフェースがトンネルのものか確かめてください。`,
  'route.gather.no-ip': (p) =>
    `ip コマンド（iproute2）がないため、ルートを読み取れません。iproute2 をインストールするか、ip のあるマシンで ip route get ${p.address} を実行してください。`,
  'route.gather.ip-failed': (p) => `${p.command} が失敗しました: ${p.detail}`,
  'route.gather.not-json': (p) => `${p.command} が想定した JSON のリストを出力しませんでした（iproute2 4.13 より前には -j がありません）。`,
  'route.gather.no-device': () => 'ip -j route get の出力に、インターフェース（dev）付きのルートがありません。',
  'route.gather.cancelled': () => 'ルート検索は取り消されました。',
  'step.local.with-route': (p) => `${p.sockets}。経路: ${p.route}`,
  'step.local.route-via': (p) => `${p.address} は ${p.device}${p.tunnel ? '（トンネル）' : ''} 経由`,
  'step.local.route-none': (p) => `${p.address} へのルートなし`,

  'route-through-tunnel.route.via': (p) => {
    const details = [p.gateway ? `ゲートウェイ ${p.gateway}` : null, p.source ? `送信元 ${p.source}` : null, p.table ? `テーブル ${p.table}` : null].filter((d) => d !== null);
    return `${p.device} を通ります${details.length > 0 ? `（${listJa(details)}）` : ''}`;
  },
  'route-through-tunnel.route.unroutable': (p) => `使えるものがありません（カーネルの応答:「${p.error}」）`,
  'route-through-tunnel.evidence.route': (p) => `${p.address} へのルート: ${p.route}`,
  'route-through-tunnel.evidence.tunnels': (p) => `このマシンのトンネルのインターフェース: ${listJa(p.tunnels)}`,
  'route-through-tunnel.evidence.no-tunnels': (p) =>
    `このマシンにトンネルのインターフェースはありません。インターフェース: ${p.interfaces.length > 0 ? listJa(p.interfaces) : 'なし'}`,
  'route-through-tunnel.interface': (p) =>
    `${p.name}（${p.client}、${p.up ? '有効' : '無効'}${p.addresses.length > 0 ? `、${listJa(p.addresses)}` : ''}）`,

  'route-through-tunnel.skip.no-target': () => '対象が指定されていないため、検索するルートがありません。--target ADDRESS を指定してください。',
  'route-through-tunnel.unknown.not-gathered': (p) =>
    `このマシンから ${p.target} へのルートは調べていません（別のマシンの証跡か、古いレポートです）。ping できないマシンでチェックを実行するか、ip route get ${p.target} で確認してください。`,
  'route-through-tunnel.unknown.failed': (p) => `対象がトンネルへルーティングされているか分かりません。ルートを読み取れませんでした（${p.failure}）。`,
  'route-through-tunnel.unknown.no-tunnel': (p) =>
    `${p.address} へのルート: ${p.route}。このマシンには ${p.product ? `${p.product} の` : ''}トンネルのインターフェースがありません（探した名前: ${listJa(p.expected)}）。クライアントが接続していない場合は、接続してから再テストしてください。専用のインターフェースを使わずに通信を運ぶモード（プロキシモード）の場合は、ルートでは判断できません。`,
  'route-through-tunnel.pass': (p) =>
    `${p.address} はトンネルへルーティングされています。${p.device}（${p.client}）を通ります${p.source ? `。送信元は ${p.source} です` : ''}。`,
  'route-through-tunnel.fail': (p) =>
    `${p.address} はトンネルへルーティングされていません。${p.address} へのルート: ${p.route}。トンネルのインターフェースは ${p.tunnel}（${p.client}${p.tunnelUp ? '' : '、無効'}）です。ping はトンネルに入らないため、コネクタ側の設定は何も試されません。多くの場合、スプリットトンネルの除外か、プライベートネットワークのルートの不足が原因です。${tcpJa[p.tcp]}`,
  'route-through-tunnel.warn-answered': (p) =>
    `${p.address} は ping に応答しますが、トンネルを通っていません。${p.address} へのルート: ${p.route}。トンネルのインターフェースは ${p.tunnel}（${p.client}）です。トンネル経由で届くべき対象なら（このネットワークの外からも）、トンネルへルーティングして再テストしてください。`,

  'fix.route-through-tunnel.warp-split-tunnels': (p) => `WARP: ${p.address} をトンネルに送ります（Split Tunnels）`,
  'fix.route-through-tunnel.warp-split-tunnels.text': (p) =>
    [
      'Zero Trust（one.dash.cloudflare.com）で Settings → WARP Client に進みます。',
      'Device settings で、このデバイスが使うデバイスプロファイルを探し、Configure を選びます。',
      'Split Tunnels でモードが Exclude か Include かを確認し、Manage を選びます。',
      `Exclude モードの場合: ${p.address} を含むエントリを削除します（10.0.0.0/8、172.16.0.0/12、192.168.0.0/16 は既定で除外されています）。`,
      `Include モードの場合: IP Address を選び、${p.address} かそのネットワークの CIDR を入力して Save destination を選びます。`,
      '変更はすぐにクライアントへ反映されます。再テストしてください。',
    ].join('\n'),
  'fix.route-through-tunnel.cloudflared-route': () =>
    'プライベートネットワークをトンネルにルーティングし、Cloudflare がコネクタへ送るようにします（TUNNEL はトンネルの名前か ID です。1 つのアドレスではなくネットワーク全体の CIDR を指定してください）',
  'fix.route-through-tunnel.cloudflared-route-get': () => '対象がどのトンネルのルートに含まれるかを確認します',
  'fix.route-through-tunnel.twingate-resource': (p) => `Twingate: ${p.address} を Resource にします`,
  'fix.route-through-tunnel.twingate-resource.text': (p) =>
    [
      'Twingate Admin Console で Network → Resources を開き、Resource を追加します。',
      `Address は ${p.address} かそれを含む CIDR、Remote Network はそこへ届くコネクタのあるものを選びます。`,
      'このユーザーが属する Group を Resource に追加します。同期するとクライアントが sdwan0 へのルートを追加します。',
    ].join('\n'),
  'fix.route-through-tunnel.firezone-resource': (p) => `Firezone: ${p.address} を Resource にします`,
  'fix.route-through-tunnel.firezone-resource.text': (p) =>
    [
      'Firezone の管理ポータルで Sites を開き、対象へ届く Gateway のある Site を選んで Resource を追加します。',
      `種類は IP または CIDR、アドレスは ${p.address}（かそのネットワーク）です。通信を制限している場合は ICMP を許可してください。`,
      'このユーザーが属する Group にアクセスを許可する Policy を追加します。クライアントが tun-firezone へのルートを追加します。',
    ].join('\n'),
  'fix.route-through-tunnel.ip-route': (p) =>
    `対象を ${p.tunnel} へルーティングします（WireGuard の場合は、ピアの AllowedIPs にも追加してください。追加しないと wg が破棄します）`,
  'fix.route-through-tunnel.check': (p) => `確認: ルートに dev ${p.tunnel} が表示されるはずです`,
};
