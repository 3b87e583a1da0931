// tcp-vs-icmp: TCP connect vs ICMP echo to the same target, and (tcp-proxied.*) the words
// both it and icmp-policy use when a middlebox completed the TCP handshake itself.
// A TCP outcome ('connected', 'timeout', …) comes as the probe's own value; Japanese says it
// in words (tcpOutcomeJa), English keeps the value.

import { listEn, listJa, ms } from './format';

/** The probe's outcome values, in Japanese; an unknown value stays as it came. */
export function tcpOutcomeJa(outcome: string): string {
  const words: Record<string, string> = {
    connected: '接続成功',
    refused: '拒否',
    timeout: 'タイムアウト',
    unreachable: '到達不能',
    error: 'エラー',
  };
  return words[outcome] ?? outcome;
}

const timeEn = (value: number | null): string => (value !== null ? ` in ${ms(value)}` : '');
/** "（EHOSTUNREACH、0.4 ms）": what came with an outcome, in one pair of parentheses. */
const detailJa = (...parts: ReadonlyArray<string | null>): string => {
  const said = parts.filter((part): part is string => part !== null && part !== '');
  return said.length > 0 ? `（${said.join('、')}）` : '';
};
const timeJa = (value: number | null): string => detailJa(value !== null ? ms(value) : null);

export const en = {
  // ── findings ──
  'tcp-vs-icmp.no-target': () => 'No target given: give --target T --tcp-port P to compare TCP and ICMP to it.',
  'tcp-vs-icmp.icmp-not-probed': (p: { target: string }) => `ICMP echo to ${p.target} has not been probed yet: run the "ICMP echo to the target" step.`,
  'tcp-vs-icmp.icmp-not-sent': (p: { target: string; code: string }) =>
    `ICMP echo to ${p.target} could not be sent (${p.code}); if the socket was refused, fix local-icmp-socket first.`,
  'tcp-vs-icmp.tcp-not-compared': (p: { address: string }) => `ICMP echo to ${p.address} is answered; TCP was not compared.`,
  'tcp-vs-icmp.no-reply.no-tcp-port': (p: { address: string }) =>
    `ICMP echo to ${p.address} got no reply, and TCP was not tried, so "ICMP is blocked" cannot be told from "the host is down": give --tcp-port P (a TCP port the target serves).`,
  'tcp-vs-icmp.no-reply.tcp-not-run': (p: { address: string }) =>
    `ICMP echo to ${p.address} got no reply, and TCP was not tried, so "ICMP is blocked" cannot be told from "the host is down": run the "TCP to the target" step.`,
  'tcp-vs-icmp.tcp-not-run': (p: { code: string; tally: string }) => `The TCP probe did not run (${p.code}); ICMP: ${p.tally}.`,
  'tcp-vs-icmp.proxied.answered': (p: { address: string; proxied: string }) => `ICMP echo to ${p.address} is answered. ${p.proxied} So TCP was not compared.`,
  'tcp-vs-icmp.proxied.no-reply': (p: { address: string; proxied: string; tally: string }) =>
    `${p.proxied} With ICMP echo unanswered (${p.tally}), "ICMP is blocked" cannot be told from "the target is down": check that ${p.address} is up from the connector's side (or a host next to it).`,
  'tcp-vs-icmp.both-reach': (p: { address: string }) => `Both TCP and ICMP reach ${p.address}: ICMP is not being dropped on this path.`,
  'tcp-vs-icmp.tcp-port-fails': (p: { address: string; port: number; outcome: string }) =>
    `ICMP reaches ${p.address} but TCP port ${p.port} did not (${p.outcome}): ICMP works; check the port (or a TCP filter) if TCP is what fails for you.`,
  'tcp-vs-icmp.icmp-refused-by-policy': (p: { address: string; error: string }) =>
    `TCP reaches ${p.address} but ICMP echo is answered with ${p.error}: ICMP is refused by policy — see icmp-policy.`,
  'tcp-vs-icmp.icmp-rejected-on-path': (p: { address: string; error: string }) =>
    `TCP reaches ${p.address} but ICMP echo is answered with ${p.error}: a node on the path rejects ICMP though it forwards TCP — see icmp-policy.`,
  'tcp-vs-icmp.icmp-dropped': (p: { address: string }) =>
    `TCP reaches ${p.address} but ICMP echo vanishes (no reply, no error): ICMP is dropped on the way — by the tunnel (see tunnel-transport, icmp-proxy, connector-gid-range) or a firewall (see icmp-policy).`,
  'tcp-vs-icmp.neither-reaches': (p: { address: string; outcome: string }) =>
    `Neither TCP (${p.outcome}) nor ICMP reaches ${p.address}: the host or the route to it is down (or not published through the tunnel) — not an ICMP problem. Check that the target is up and that the tunnel routes its address; give a --tcp-port it really serves.`,

  // ── evidence ──
  'tcp-vs-icmp.evidence.echo': (p: { address: string; tally: string }) => `ICMP echo to ${p.address}: ${p.tally}`,
  'tcp-vs-icmp.evidence.tcp-connected': (p: { address: string; port: number; ms: number | null }) => `TCP connect to ${p.address}:${p.port} succeeded${timeEn(p.ms)}`,
  'tcp-vs-icmp.evidence.tcp-refused': (p: { address: string; port: number; ms: number | null }) =>
    `TCP connect to ${p.address}:${p.port} refused (RST)${timeEn(p.ms)}: the host answered, the port is closed`,
  'tcp-vs-icmp.evidence.tcp-failed': (p: { address: string; port: number; outcome: string; errno: string | null; ms: number | null }) =>
    `TCP connect to ${p.address}:${p.port}: ${p.outcome}${p.errno ? ` (${p.errno})` : ''}${timeEn(p.ms)}`,

  // ── a handshake a middlebox completed (shared with icmp-policy) ──
  'tcp-proxied.statement': (p: { address: string; port: number; ports: readonly number[] }) =>
    `TCP to ${p.address}:${p.port} proves nothing about the target: ports ${listEn(p.ports)}, which it should not serve, ` +
    'connected too, so something on the way (a zero-trust client or a proxy) completes every TCP handshake itself.',
  /** One control connect: "9 connected in 3.1 ms". */
  'tcp-proxied.control': (p: { port: number; outcome: string; errno: string | null; ms: number }) =>
    `${p.port} ${p.outcome}${p.errno ? ` (${p.errno})` : ''} in ${ms(p.ms)}`,
  'tcp-proxied.controls': (p: { address: string; controls: readonly string[]; proxied: boolean | null }) => {
    const verdict =
      p.proxied === true
        ? 'every one connected, so a middlebox completes the handshakes itself'
        : p.proxied === false
          ? 'none connected and a closed port was refused, so the far end tells its ports apart'
          : 'they neither all connected nor drew a refusal, so who completed the handshake is not decided';
    return `Control connects to ports ${p.address} should not serve: ${p.controls.join(', ')}; ${verdict}`;
  },
  'tcp-proxied.no-controls': () => 'no control connects were made',
};

export const ja: typeof en = {
  'tcp-vs-icmp.no-target': () => '対象が指定されていません。TCP と ICMP を比べるには --target T --tcp-port P を指定してください。',
  'tcp-vs-icmp.icmp-not-probed': (p) => `${p.target} への ICMP エコーはまだ実行していません。「対象への ICMP エコー」のステップを実行してください。`,
  'tcp-vs-icmp.icmp-not-sent': (p) =>
    `${p.target} への ICMP エコーを送れませんでした（${p.code}）。ソケットが拒否された場合は、先に local-icmp-socket を直してください。`,
  'tcp-vs-icmp.tcp-not-compared': (p) => `${p.address} への ICMP エコーには応答があります。TCP との比較はしていません。`,
  'tcp-vs-icmp.no-reply.no-tcp-port': (p) =>
    `${p.address} への ICMP エコーに応答がなく、TCP も試していないため、「ICMP が遮断されている」のか「ホストが落ちている」のか区別できません。--tcp-port P（対象が待ち受けている TCP ポート）を指定してください。`,
  'tcp-vs-icmp.no-reply.tcp-not-run': (p) =>
    `${p.address} への ICMP エコーに応答がなく、TCP も試していないため、「ICMP が遮断されている」のか「ホストが落ちている」のか区別できません。「対象への TCP」のステップを実行してください。`,
  'tcp-vs-icmp.tcp-not-run': (p) => `TCP プローブを実行できませんでした（${p.code}）。ICMP: ${p.tally}。`,
  'tcp-vs-icmp.proxied.answered': (p) => `${p.address} への ICMP エコーには応答があります。${p.proxied}そのため TCP との比較はしていません。`,
  'tcp-vs-icmp.proxied.no-reply': (p) =>
    `${p.proxied}ICMP エコーにも応答がない（${p.tally}）ため、「ICMP が遮断されている」のか「対象が落ちている」のか区別できません。コネクタ側（またはその隣のホスト）から ${p.address} が動いているか確認してください。`,
  'tcp-vs-icmp.both-reach': (p) => `${p.address} には TCP も ICMP も届いています。この経路で ICMP は落とされていません。`,
  'tcp-vs-icmp.tcp-port-fails': (p) =>
    `${p.address} に ICMP は届きますが、TCP ポート ${p.port} には届きませんでした（${tcpOutcomeJa(p.outcome)}）。ICMP は正常です。困っているのが TCP なら、ポート（または TCP のフィルタ）を確認してください。`,
  'tcp-vs-icmp.icmp-refused-by-policy': (p) =>
    `${p.address} に TCP は届きますが、ICMP エコーにはエラーが返ってきます: ${p.error}。ICMP はポリシーで拒否されています。icmp-policy を見てください。`,
  'tcp-vs-icmp.icmp-rejected-on-path': (p) =>
    `${p.address} に TCP は届きますが、ICMP エコーにはエラーが返ってきます: ${p.error}。経路上のノードが TCP は転送するのに ICMP を拒否しています。icmp-policy を見てください。`,
  'tcp-vs-icmp.icmp-dropped': (p) =>
    `${p.address} に TCP は届きますが、ICMP エコーは消えます（応答もエラーもありません）。ICMP が途中で落とされています。原因はトンネル（tunnel-transport、icmp-proxy、connector-gid-range を参照）かファイアウォール（icmp-policy を参照）です。`,
  'tcp-vs-icmp.neither-reaches': (p) =>
    `${p.address} には TCP（${tcpOutcomeJa(p.outcome)}）も ICMP も届きません。ホストかそこへの経路が落ちています（またはトンネルで公開されていません）。ICMP の問題ではありません。対象が動いているか、トンネルがそのアドレスをルーティングしているか確認し、実際に待ち受けているポートを --tcp-port に指定してください。`,

  'tcp-vs-icmp.evidence.echo': (p) => `${p.address} への ICMP エコー: ${p.tally}`,
  'tcp-vs-icmp.evidence.tcp-connected': (p) => `${p.address}:${p.port} への TCP 接続に成功${timeJa(p.ms)}`,
  'tcp-vs-icmp.evidence.tcp-refused': (p) => `${p.address}:${p.port} への TCP 接続は拒否されました${detailJa('RST', p.ms !== null ? ms(p.ms) : null)}。ホストは応答しており、ポートが閉じています`,
  'tcp-vs-icmp.evidence.tcp-failed': (p) => `${p.address}:${p.port} への TCP 接続: ${tcpOutcomeJa(p.outcome)}${detailJa(p.errno, p.ms !== null ? ms(p.ms) : null)}`,

  'tcp-proxied.statement': (p) =>
    `${p.address}:${p.port} への TCP は対象について何も証明しません。対象が待ち受けていないはずのポート ${listJa(p.ports)} にも接続できたため、` +
    '途中の何か（ゼロトラストのクライアントかプロキシ）がすべての TCP ハンドシェイクを自分で完了させています。',
  'tcp-proxied.control': (p) => `ポート ${p.port}: ${tcpOutcomeJa(p.outcome)}${detailJa(p.errno, ms(p.ms))}`,
  'tcp-proxied.controls': (p) => {
    const verdict =
      p.proxied === true
        ? 'すべて接続できたため、途中の機器がハンドシェイクを自分で完了させています'
        : p.proxied === false
          ? 'どれも接続できず、閉じたポートは拒否されたため、相手側はポートを区別しています'
          : 'すべて接続できたわけでも拒否されたわけでもないため、誰がハンドシェイクを完了させたかは判断できません';
    return `${p.address} が待ち受けていないはずのポートへの確認用の接続: ${p.controls.join('、')}。${verdict}`;
  },
  'tcp-proxied.no-controls': () => '確認用の接続はしていません',
};
