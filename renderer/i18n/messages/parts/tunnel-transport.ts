// tunnel-transport (renderer/wizard/checks/tunnel-transport.ts): which transport cloudflared
// uses, QUIC (carries ICMP) or HTTP/2 (TCP only). A verdict joins one reason per source; the
// quick-tunnel note is a flag, so each language places it as its sentences need.

import { listEn, listJa } from './format';

const quickNoteEn = (quickTunnel: boolean): string =>
  quickTunnel ? ' Note: this is a quick tunnel (trycloudflare.com), which never proxies ICMP whatever its transport — see icmp-proxy.' : '';
const quickNoteJa = (quickTunnel: boolean): string =>
  quickTunnel ? 'なお、これは Quick Tunnel（trycloudflare.com）です。Quick Tunnel はトランスポートにかかわらず ICMP を中継しません（icmp-proxy を参照）。' : '';

export const en = {
  // One source's reason (joined into the summary).
  'tunnel-transport.fell-back': () => 'cloudflared fell back to HTTP/2 because QUIC (UDP 7844 outbound) failed, and it stays on HTTP/2 until it is restarted',
  'tunnel-transport.registered-http2': () => 'cloudflared registered its connections over HTTP/2',
  'tunnel-transport.registered-quic': () => 'cloudflared registered its connections over QUIC',
  /** `detail` is the gatherer's account of where it read the setting. */
  'tunnel-transport.told-http2': (p: { from: string; detail: string }) => `cloudflared is told to use HTTP/2 by ${p.from} (${p.detail})`,
  'tunnel-transport.told-quic': (p: { from: string }) => `cloudflared is told to use QUIC by ${p.from}, which never falls back to HTTP/2`,
  'tunnel-transport.process-told-http2': (p: { pid: number; how: string }) => `cloudflared (pid ${p.pid}) is told to use HTTP/2 (${p.how})`,
  'tunnel-transport.process-told-quic': (p: { pid: number; how: string }) => `cloudflared (pid ${p.pid}) is told to use QUIC (${p.how})`,
  // Where a transport was asked for.
  'tunnel-transport.from.flag': () => 'a command-line flag',
  'tunnel-transport.from.env': () => 'its environment',
  'tunnel-transport.from.config': () => 'its config file',
  'tunnel-transport.how.flag': (p: { flag: string; command: string }) => `--protocol ${p.flag} in: ${p.command}`,
  'tunnel-transport.how.env': (p: { value: string }) => `TUNNEL_TRANSPORT_PROTOCOL=${p.value} in its environment`,
  // Evidence.
  'tunnel-transport.requested': (p: { transport: string; from: string; detail: string }) => `protocol ${p.transport} requested by ${p.from}: ${p.detail}`,
  'tunnel-transport.quic-tried': () => 'quic_client_* metrics exist: QUIC was tried',
  // Summaries.
  'tunnel-transport.fail': (p: { reasons: readonly string[]; quickTunnel: boolean }) =>
    `${p.reasons.join('; ')}. HTTP/2 carries only TCP, so no ping crosses the tunnel: switch to QUIC and allow outbound UDP 7844.${quickNoteEn(p.quickTunnel)}`,
  'tunnel-transport.pass': (p: { reasons: readonly string[]; quickTunnel: boolean }) => `${p.reasons.join('; ')}: QUIC carries ICMP.${quickNoteEn(p.quickTunnel)}`,
  /** `looked`: the sources cloudflared's evidence came from (empty when there was none). */
  'tunnel-transport.unknown': (p: { looked: readonly string[]; quickTunnel: boolean }) =>
    `Which transport cloudflared uses is not known${p.looked.length > 0 ? ` (looked at: ${listEn(p.looked)})` : ''}: give --cloudflared-log FILE with its "Registered tunnel connection … protocol=" lines (or run on the cloudflared host so its metrics server and command line can be read).${quickNoteEn(p.quickTunnel)}`,
};

export const ja: typeof en = {
  'tunnel-transport.fell-back': () => 'QUIC（送信方向の UDP 7844）が失敗したため、cloudflared は HTTP/2 にフォールバックしました。再起動するまで HTTP/2 のままです',
  'tunnel-transport.registered-http2': () => 'cloudflared は HTTP/2 で接続を登録しました',
  'tunnel-transport.registered-quic': () => 'cloudflared は QUIC で接続を登録しました',
  'tunnel-transport.told-http2': (p) => `cloudflared は${p.from}で HTTP/2 を使うよう指定されています（「${p.detail}」）`,
  'tunnel-transport.told-quic': (p) => `cloudflared は${p.from}で QUIC を使うよう指定されています。明示的に QUIC を指定した場合、HTTP/2 にはフォールバックしません`,
  'tunnel-transport.process-told-http2': (p) => `cloudflared（pid ${p.pid}）は HTTP/2 を使うよう指定されています（${p.how}）`,
  'tunnel-transport.process-told-quic': (p) => `cloudflared（pid ${p.pid}）は QUIC を使うよう指定されています（${p.how}）`,
  'tunnel-transport.from.flag': () => 'コマンドラインのフラグ',
  'tunnel-transport.from.env': () => '環境変数',
  'tunnel-transport.from.config': () => '設定ファイル',
  'tunnel-transport.how.flag': (p) => `コマンドライン「${p.command}」の --protocol ${p.flag}`,
  'tunnel-transport.how.env': (p) => `環境変数 TUNNEL_TRANSPORT_PROTOCOL=${p.value}`,
  'tunnel-transport.requested': (p) => `${p.from}で protocol ${p.transport} が指定されています: 「${p.detail}」`,
  'tunnel-transport.quic-tried': () => 'quic_client_* のメトリクスがあるので、QUIC は試されています',
  'tunnel-transport.fail': (p) =>
    `${p.reasons.join('。')}。HTTP/2 は TCP しか運べないため、ping はトンネルを通りません。QUIC に切り替え、送信方向の UDP 7844 を許可してください。${quickNoteJa(p.quickTunnel)}`,
  'tunnel-transport.pass': (p) => `${p.reasons.join('。')}。QUIC なら ICMP を運べます。${quickNoteJa(p.quickTunnel)}`,
  'tunnel-transport.unknown': (p) =>
    `cloudflared がどのトランスポートを使っているか分かりません${p.looked.length > 0 ? `（確認したもの: ${listJa(p.looked)}）` : ''}。「Registered tunnel connection … protocol=」の行を含むログを --cloudflared-log FILE で指定してください（または cloudflared のホストで実行すれば、メトリクスサーバーとコマンドラインを読み取れます）。${quickNoteJa(p.quickTunnel)}`,
};
