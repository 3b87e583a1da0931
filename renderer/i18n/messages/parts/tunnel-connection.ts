// tunnel-connection (renderer/wizard/checks/tunnel-connection.ts): does cloudflared hold a
// registered connection to Cloudflare's edge? A tunnel that never connects carries nothing,
// ICMP included. A verdict joins "signs" (what /ready and the log say); the advice depends on
// which transport's dials fail: QUIC needs outbound UDP 7844, HTTP/2 outbound TCP 7844.
// Also the fixes (remediation/tunnel-connection.ts) and tunnel-transport's "QUIC was asked for
// but never connected".

import { listEn, listJa, plural } from './format';

/** Which egress the failing dials point at. */
export type BlockedEgress = 'udp' | 'tcp' | 'unknown';

const adviceEn: Record<BlockedEgress, string> = {
  udp:
    'QUIC never gets through: outbound UDP 7844 to the edge is blocked. Allow it, or use --protocol http2 only if you can live without ICMP (HTTP/2 carries none).',
  tcp: 'HTTP/2 never gets through: outbound TCP 7844 to the edge is blocked or cut (TLS handshake and TCP dial errors). Allow it, and UDP 7844 too, since only QUIC carries ICMP.',
  unknown: 'Allow outbound UDP 7844 (QUIC) and TCP 7844 (HTTP/2) to the edge; the dial errors in its log say which one fails.',
};
const adviceJa: Record<BlockedEgress, string> = {
  udp: 'QUIC が通っていません。エッジへの送信方向の UDP 7844 がブロックされています。これを許可してください。ICMP が不要な場合に限り --protocol http2 も使えます（HTTP/2 は ICMP を運びません）。',
  tcp: 'HTTP/2 が通っていません。エッジへの送信方向の TCP 7844 がブロックまたは切断されています（TLS ハンドシェイクや TCP 接続のエラー）。これを許可してください。ICMP を運べるのは QUIC だけなので、UDP 7844 も許可してください。',
  unknown: 'エッジへの送信方向の UDP 7844（QUIC）と TCP 7844（HTTP/2）を許可してください。どちらが失敗しているかはログの接続エラーで分かります。',
};

export const en = {
  // Signs (joined into a summary).
  'tunnel-connection.sign.ready': (p: { url: string; status: number; connections: number | null }) =>
    `${p.url} answers ${p.status} with readyConnections ${p.connections ?? 'missing'}`,
  'tunnel-connection.sign.quic-dials': (p: { count: number }) => `${plural(p.count, 'QUIC dial', 'QUIC dials')} to the edge failed ("failed to dial to edge with quic")`,
  'tunnel-connection.sign.http2-dials': (p: { count: number }) =>
    `${plural(p.count, 'HTTP/2 dial', 'HTTP/2 dials')} to the edge failed (TLS handshake or TCP dial errors on port 7844)`,
  'tunnel-connection.sign.dials': (p: { count: number }) => `${plural(p.count, 'dial', 'dials')} to the edge failed`,
  'tunnel-connection.sign.none-registered': () => 'no "Registered tunnel connection" line since the run started',
  'tunnel-connection.sign.registered': (p: { count: number; transports: readonly string[] }) =>
    `the log shows ${plural(p.count, 'registered connection', 'registered connections')}${p.transports.length > 0 ? ` (${listEn(p.transports)})` : ''}`,
  // Evidence.
  'tunnel-connection.evidence.ready': (p: { status: number; connections: number | null }) =>
    `/ready: HTTP ${p.status}, readyConnections ${p.connections ?? 'missing'}`,
  // Summaries.
  'tunnel-connection.fail': (p: { signs: readonly string[]; blocked: BlockedEgress }) =>
    `cloudflared has no connection to Cloudflare's edge: ${listEn(p.signs)}. A tunnel that never connects carries nothing, ICMP included. ${adviceEn[p.blocked]}`,
  'tunnel-connection.pass': (p: { signs: readonly string[] }) => `cloudflared holds a connection to Cloudflare's edge: ${listEn(p.signs)}.`,
  /** `dials`: failed dials seen without a registration, too few to conclude (0: none). */
  /** `logRead` / `metricsRead`: a log / a metrics server was read and did not decide it: the advice asks for what was not had. */
  'tunnel-connection.unknown': (p: { looked: readonly string[]; dials: number; logRead: boolean; metricsRead: boolean }) =>
    `Whether cloudflared is connected to Cloudflare's edge is not known${p.looked.length > 0 ? ` (looked at: ${listEn(p.looked)})` : ''}${p.dials > 0 ? `; ${plural(p.dials, 'dial', 'dials')} failed so far, too few to conclude` : ''}: ${
      p.logRead && p.metricsRead
        ? 'neither the log read nor the metrics server decides it; read /ready of the running cloudflared, or restart it and read its log from the start.'
        : p.logRead
          ? 'the log read holds no "Registered tunnel connection" or dial error line of this run; give --metrics ADDRESS of its metrics server (its /ready counts the connections).'
          : p.metricsRead
            ? 'its metrics server did not answer /ready; give --cloudflared-log FILE with the run\'s "Registered tunnel connection" or dial error lines.'
            : 'give --metrics ADDRESS of its metrics server (its /ready counts the connections) or --cloudflared-log FILE with the run\'s "Registered tunnel connection" or dial error lines.'
    }`,
  'tunnel-connection.unknown-start-cut': (p: { count: number }) =>
    `${plural(p.count, 'dial', 'dials')} to the edge failed, but the start of the current run is not in the log read, so a connection registered earlier may be missing from it: read /ready with --metrics ADDRESS, or restart cloudflared and read the log from its start.`,
  // tunnel-transport, while the tunnel is down.
  'tunnel-connection.quic-never-connected': (p: { signs: readonly string[] }) =>
    `QUIC was asked for but never connected (${listEn(p.signs)}): whether it would carry ICMP is decided once the tunnel connects (see tunnel-connection)`,
  // Fixes.
  'fix.tunnel-connection.egress-iptables': (p: { protocols: readonly string[]; port: number }) =>
    `Allow outbound ${listEn(p.protocols.map((protocol) => `${protocol} ${p.port}`))} to Cloudflare's edge with iptables, IPv4 and IPv6`,
  'fix.tunnel-connection.egress-nftables': () => "The same with nftables (table inet filter, chain output, as in Debian's /etc/nftables.conf)",
  'fix.tunnel-connection.egress-perimeter': (p: { protocols: readonly string[]; port: number }) =>
    `A perimeter firewall or cloud security group must allow the same: ${listEn(p.protocols.map((protocol) => `${protocol} ${p.port}`))} outbound from the connector host`,
  'fix.tunnel-connection.egress-perimeter.text': (p: { protocols: readonly string[]; port: number }) =>
    `Allow egress: protocol ${listEn(p.protocols)}, destination port ${p.port}, destination region1.v2.argotunnel.com and region2.v2.argotunnel.com (or any), source: the cloudflared host.`,
  'fix.tunnel-connection.restart': () => 'Restart cloudflared so it dials the edge again at once',
  'fix.tunnel-connection.tunnel-info': () =>
    'Check that the tunnel has connections: cloudflared tunnel info lists its connectors and their edge locations (TUNNEL: the tunnel name or id; needs the cert.pem of cloudflared tunnel login)',
  'fix.tunnel-connection.ready': (p: { url: string }) => `Or ask the connector itself: ${p.url} answers 200 with readyConnections above 0 once connected`,
};

export const ja: typeof en = {
  'tunnel-connection.sign.ready': (p) => `${p.url} が ${p.status} を返し、readyConnections は ${p.connections ?? 'なし'} です`,
  'tunnel-connection.sign.quic-dials': (p) => `エッジへの QUIC 接続が ${p.count} 回失敗しています（「failed to dial to edge with quic」）`,
  'tunnel-connection.sign.http2-dials': (p) => `エッジへの HTTP/2 接続が ${p.count} 回失敗しています（ポート 7844 への TLS ハンドシェイクまたは TCP 接続のエラー）`,
  'tunnel-connection.sign.dials': (p) => `エッジへの接続が ${p.count} 回失敗しています`,
  'tunnel-connection.sign.none-registered': () => '今回の起動以降、「Registered tunnel connection」の行がありません',
  'tunnel-connection.sign.registered': (p) =>
    `ログに登録済みの接続が ${p.count} 件あります${p.transports.length > 0 ? `（${listJa(p.transports)}）` : ''}`,
  'tunnel-connection.evidence.ready': (p) => `/ready: HTTP ${p.status}、readyConnections は ${p.connections ?? 'なし'} です`,
  'tunnel-connection.fail': (p) =>
    `cloudflared は Cloudflare のエッジに接続できていません。${p.signs.join('。')}。接続できないトンネルは何も運びません（ICMP も同じです）。${adviceJa[p.blocked]}`,
  'tunnel-connection.pass': (p) => `cloudflared は Cloudflare のエッジに接続しています。${p.signs.join('。')}。`,
  'tunnel-connection.unknown': (p) =>
    `cloudflared が Cloudflare のエッジに接続しているか分かりません${p.looked.length > 0 ? `（確認したもの: ${listJa(p.looked)}）` : ''}${p.dials > 0 ? `。接続の失敗は ${p.dials} 回で、判断するには少なすぎます` : ''}。${
      p.logRead && p.metricsRead
        ? '読み取ったログからもメトリクスサーバーからも判断できません。動作中の cloudflared の /ready を読むか、再起動して起動時からのログを読んでください。'
        : p.logRead
          ? '読み取ったログには今回の起動の「Registered tunnel connection」や接続エラーの行がありません。メトリクスサーバーのアドレスを --metrics ADDRESS で指定してください（/ready で接続数が分かります）。'
          : p.metricsRead
            ? 'メトリクスサーバーが /ready に応答しませんでした。今回の起動の「Registered tunnel connection」や接続エラーの行を含むログを --cloudflared-log FILE で指定してください。'
            : 'メトリクスサーバーのアドレスを --metrics ADDRESS で指定するか（/ready で接続数が分かります）、今回の起動の「Registered tunnel connection」や接続エラーの行を含むログを --cloudflared-log FILE で指定してください。'
    }`,
  'tunnel-connection.unknown-start-cut': (p) =>
    `エッジへの接続が ${p.count} 回失敗していますが、読み取ったログに今回の起動の冒頭がないため、それより前に登録された接続が見えていない可能性があります。--metrics ADDRESS で /ready を読むか、cloudflared を再起動して起動時からのログを読んでください。`,
  'tunnel-connection.quic-never-connected': (p) =>
    `QUIC が指定されていますが、一度も接続できていません（${p.signs.join('。')}）。ICMP を運べるかどうかは、トンネルが接続してから判断します（tunnel-connection を参照）`,
  'fix.tunnel-connection.egress-iptables': (p) =>
    `iptables で Cloudflare のエッジへの送信方向の ${listJa(p.protocols.map((protocol) => `${protocol} ${p.port}`))} を許可します（IPv4 と IPv6）`,
  'fix.tunnel-connection.egress-nftables': () => 'nftables で同じことをします（Debian の /etc/nftables.conf と同じ table inet filter の chain output）',
  'fix.tunnel-connection.egress-perimeter': (p) =>
    `境界のファイアウォールやクラウドのセキュリティグループでも、コネクタのホストからの送信方向の ${listJa(p.protocols.map((protocol) => `${protocol} ${p.port}`))} を許可する必要があります`,
  'fix.tunnel-connection.egress-perimeter.text': (p) =>
    `送信方向を許可してください。プロトコル: ${listJa(p.protocols)}、宛先ポート: ${p.port}、宛先: region1.v2.argotunnel.com と region2.v2.argotunnel.com（または任意）、送信元: cloudflared のホスト。`,
  'fix.tunnel-connection.restart': () => 'cloudflared を再起動し、すぐにエッジへ接続し直させます',
  'fix.tunnel-connection.tunnel-info': () =>
    'トンネルに接続があるか確認します。cloudflared tunnel info でコネクタと接続先のエッジが表示されます（TUNNEL はトンネル名または ID。cloudflared tunnel login の cert.pem が必要です）',
  'fix.tunnel-connection.ready': (p) => `コネクタ自身に確認することもできます。接続していれば ${p.url} が 200 を返し、readyConnections が 1 以上になります`,
};
