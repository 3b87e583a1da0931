// What a real start of cloudflared writes and what the checks conclude from it (issue 9):
// the start transport (tunnel-transport), the ICMP proxy source lines and the version's GID
// rules (connector-gid-range), and a log whose run start was rotated away. The lines they
// rest on are quoted verbatim as evidence; these are our words around them.

import { yamlCommented } from '../../../wizard/remediation/yaml-comment';
import { listEn, listJa } from './format';

const RANGE_KEY = 'net.ipv4.ping_group_range';
const RESTART_EN = 'restart cloudflared and read its log right away, or read the whole run with journalctl -u cloudflared';
const RESTART_JA = 'cloudflared を再起動してすぐにログを読むか、journalctl -u cloudflared で今回の起動からのログ全体を読んでください';

export const en = {
  // tunnel-transport: one source's reason.
  'cloudflared-start.transport.started-http2': () => 'cloudflared started on HTTP/2 (its log\'s start lines say so)',
  'cloudflared-start.transport.started-quic': (p: { failures: number }) =>
    `cloudflared started on QUIC, but no connection registration shows QUIC working${p.failures > 0 ? ` and ${p.failures} of its dials to the edge failed` : ''}`,
  'cloudflared-start.transport.started-auto': () => 'cloudflared started with protocol auto (QUIC first, HTTP/2 as fallback), and no connection registration shows which one it uses',
  'cloudflared-start.transport.told-quic-failing': (p: { from: string; failures: number }) =>
    `cloudflared is told to use QUIC by ${p.from}, but ${p.failures} of its dials to the edge failed and no connection registration was read`,
  /** `seen`: the reasons above; `looked`: sources read, capped (the last item may be cloudflared-start.more). */
  'cloudflared-start.transport.unknown': (p: { seen: readonly string[]; looked: readonly string[]; startMissing: boolean; quickTunnel: boolean }) =>
    `Which transport cloudflared uses is not confirmed${p.seen.length > 0 ? `: ${p.seen.join('; ')}` : ''}.${p.startMissing ? ' The start of its current run is not in the log read.' : ''}${
      p.looked.length > 0 ? ` Looked at: ${listEn(p.looked)}.` : ''
    } A "Registered tunnel connection … protocol=" line decides it: ${RESTART_EN}.${
      p.quickTunnel ? ' Note: this is a quick tunnel (trycloudflare.com), which never proxies ICMP whatever its transport — see icmp-proxy.' : ''
    }`,
  /**
   * Nothing decides the transport; the advice follows what was had: `logRead` a log was read
   * (and holds no answer), `onHost` cloudflared's process was examined on this host.
   */
  'cloudflared-start.transport.unknown-after': (p: { looked: readonly string[]; logRead: boolean; onHost: boolean; quickTunnel: boolean }) =>
    `Which transport cloudflared uses is not known${p.looked.length > 0 ? ` (looked in ${listEn(p.looked)})` : ''}. ${
      p.logRead && p.onHost
        ? `Neither the log read nor the process and metrics server on this host show it: the log has no "Registered tunnel connection … protocol=" line; ${RESTART_EN}.`
        : p.logRead
          ? `The log read has no "Registered tunnel connection … protocol=" line: ${RESTART_EN}, or run this check on the cloudflared host so its metrics server and command line can be read.`
          : p.onHost
            ? `The process and metrics server on this host do not show it and no log was read: give --cloudflared-log FILE (cloudflared's log, with its "Registered tunnel connection … protocol=" lines).`
            : `Give --cloudflared-log FILE with its "Registered tunnel connection … protocol=" lines, or run this check on the cloudflared host so its metrics server and command line can be read.`
    }${p.quickTunnel ? ' Note: this is a quick tunnel (trycloudflare.com), which never proxies ICMP whatever its transport — see icmp-proxy.' : ''}`,
  /** The tail of a capped list. */
  'cloudflared-start.more': (p: { count: number }) => `${p.count} more`,

  // Rotation (evidence, and a note in unknown summaries).
  'cloudflared-start.run-start-missing': () =>
    `The start of cloudflared's current run is not in the log read (rotated away or cut off), so its start-up warnings (GID, ICMP proxy, protocol) may be missing: ${RESTART_EN}.`,

  // connector-gid-range notes (whole sentences).
  'cloudflared-start.gid.proxy-working': (p: { sources: readonly string[] }) =>
    `cloudflared logged that its ICMP proxy uses ${listEn(p.sources)} as source, with no GID warning and no "ICMP proxy feature is disabled" in the same run: it opened its ICMP sockets.`,
  'cloudflared-start.gid.signed-parse': (p: { version: string | null }) =>
    `cloudflared${p.version ? ` ${p.version}` : ''} could not read ${RANGE_KEY} ("failed to determine minimum ping group ID"): this cloudflared version reads the range as a signed 32-bit number: set the high end to 2147483647 or less, then restart it.`,
  /** real ≠ effective gid: which one this version checks decides. */
  'cloudflared-start.gid.process-by-version': (p: { pid: number; version: string; checked: 'real' | 'effective'; gid: number; other: number; inside: boolean; quoted: string }) =>
    `cloudflared (pid ${p.pid}) is version ${p.version}, which checks its ${p.checked} group (${
      p.checked === 'real' ? 'versions up to 2024.3.x do' : 'from 2024.4.0'
    }): gid ${p.gid}, not its ${p.checked === 'real' ? 'effective' : 'real'} gid ${p.other}; ${p.gid} is ${p.inside ? 'inside' : 'outside'} ${RANGE_KEY} ${p.quoted}.`,
  /**
   * /proc and the log disagree; the log decides (it is what the running process saw). `rule`:
   * the log's gid is the process's real (cloudflared up to 2024.3.x) or effective (from 2024.4.0) gid.
   */
  'cloudflared-start.gid.contradiction': (p: { proc: string; log: string; rule: 'real' | 'effective' | null; gid: number | null; other: number | null }) =>
    `/proc and cloudflared's log disagree. /proc: ${p.proc} Log: ${p.log} The log is what the running cloudflared saw, so it decides.${
      p.rule === null
        ? ''
        : ` It names gid ${p.gid}, the process's ${p.rule} gid: cloudflared ${p.rule === 'real' ? 'up to 2024.3.x checks its real gid' : 'from 2024.4.0 checks its effective gid'}, not its ${p.rule === 'real' ? 'effective' : 'real'} gid ${p.other} that /proc was read by, so this cloudflared is ${p.rule === 'real' ? 'older than 2024.4.0' : '2024.4.0 or newer'}.`
    }`,

  // Config fixes that edit: config.yml already has `protocol:` (a second one stops cloudflared from starting).
  'cloudflared-start.fix.config-replace': (p: { path: string; line: number; old: string }) => `config.yml: replace protocol: ${p.old} with protocol: quic (${p.path}, line ${p.line})`,
  'cloudflared-start.fix.config-replace.text': (p: { path: string; line: number; old: string; yaml: string }) =>
    yamlCommented(
      `Replace line ${p.line} of ${p.path} (protocol: ${p.old}) with the line below, then restart cloudflared.\nDo not add a second protocol: key: cloudflared refuses to start with "mapping key \"protocol\" already defined".`,
      p.yaml,
    ),
  'cloudflared-start.fix.config-sed': (p: { path: string; line: number }) => `Replace the protocol: key on line ${p.line} of ${p.path} in place (sed), then restart cloudflared`,
  /** The config was not read: it may already have the key. */
  'cloudflared-start.fix.config-set.text': (p: { path: string; yaml: string }) =>
    yamlCommented(
      `Set at the top level of ${p.path}: if it already has a protocol: line, replace that line; otherwise add this one. Then restart cloudflared.\nNever leave two protocol: keys: cloudflared refuses to start with "mapping key \"protocol\" already defined".`,
      p.yaml,
    ),
  'cloudflared-start.fix.config-set': (p: { path: string }) => `Set protocol: quic in ${p.path} (replaces an existing protocol: line, adds one otherwise), then restart cloudflared`,
};

export const ja: typeof en = {
  'cloudflared-start.transport.started-http2': () => 'cloudflared は HTTP/2 で起動しています（ログの起動時の行による）',
  'cloudflared-start.transport.started-quic': (p) =>
    `cloudflared は QUIC で起動していますが、QUIC で接続できたことを示す登録の行がありません${p.failures > 0 ? `。エッジへの接続は ${p.failures} 回失敗しています` : ''}`,
  'cloudflared-start.transport.started-auto': () => 'cloudflared は protocol auto（まず QUIC、だめなら HTTP/2）で起動しており、どちらを使っているかを示す登録の行がありません',
  'cloudflared-start.transport.told-quic-failing': (p) =>
    `cloudflared は${p.from}で QUIC を使うよう指定されていますが、エッジへの接続が ${p.failures} 回失敗しており、接続の登録の行もありません`,
  'cloudflared-start.transport.unknown': (p) =>
    `cloudflared がどのトランスポートを使っているかは確認できていません。${p.seen.length > 0 ? `${p.seen.join('。')}。` : ''}${p.startMissing ? '読んだログには今回の起動時の行がありません。' : ''}${
      p.looked.length > 0 ? `確認した場所: ${listJa(p.looked)}。` : ''
    }「Registered tunnel connection … protocol=」の行があれば決まります。${RESTART_JA}。${
      p.quickTunnel ? 'なお、これは Quick Tunnel（trycloudflare.com）です。Quick Tunnel はトランスポートにかかわらず ICMP を中継しません（icmp-proxy を参照）。' : ''
    }`,
  'cloudflared-start.transport.unknown-after': (p) =>
    `cloudflared がどのトランスポートを使っているか分かりません${p.looked.length > 0 ? `（確認した場所: ${listJa(p.looked)}）` : ''}。${
      p.logRead && p.onHost
        ? `読んだログにも、このホストのプロセスとメトリクスサーバーにも手がかりがありません。ログに「Registered tunnel connection … protocol=」の行がありません。${RESTART_JA}。`
        : p.logRead
          ? `読んだログに「Registered tunnel connection … protocol=」の行がありません。${RESTART_JA}。または cloudflared のホストでこのチェックを実行すれば、メトリクスサーバーとコマンドラインを読み取れます。`
          : p.onHost
            ? 'このホストのプロセスとメトリクスサーバーからは分からず、ログも読めていません。「Registered tunnel connection … protocol=」の行を含む cloudflared のログを --cloudflared-log FILE で指定してください。'
            : '「Registered tunnel connection … protocol=」の行を含むログを --cloudflared-log FILE で指定するか、cloudflared のホストでこのチェックを実行してください（メトリクスサーバーとコマンドラインを読み取れます）。'
    }${p.quickTunnel ? 'なお、これは Quick Tunnel（trycloudflare.com）です。Quick Tunnel はトランスポートにかかわらず ICMP を中継しません（icmp-proxy を参照）。' : ''}`,
  'cloudflared-start.more': (p) => `ほか ${p.count} 件`,
  'cloudflared-start.run-start-missing': () =>
    `読んだログには cloudflared の今回の起動時の行がありません（ローテーションで消えたか、途中で切れています）。起動時の警告（GID、ICMP プロキシ、プロトコル）が抜けている可能性があります。${RESTART_JA}。`,
  'cloudflared-start.gid.proxy-working': (p) =>
    `cloudflared のログによると、ICMP プロキシは送信元として ${listJa(p.sources)} を使っており、同じ起動で GID の警告も「ICMP proxy feature is disabled」も出ていません。ICMP ソケットは開けています。`,
  'cloudflared-start.gid.signed-parse': (p) =>
    `cloudflared${p.version ? ` ${p.version}` : ''} は ${RANGE_KEY} を読み取れませんでした（「failed to determine minimum ping group ID」）。このバージョンの cloudflared は範囲を符号付き 32 ビットの数として読みます。上限を 2147483647 以下にしてから再起動してください。`,
  'cloudflared-start.gid.process-by-version': (p) =>
    `cloudflared（pid ${p.pid}）はバージョン ${p.version} で、${p.checked === 'real' ? '実 GID' : '実効 GID'}を確認します（${
      p.checked === 'real' ? '2024.3.x まではそうです' : '2024.4.0 から'
    }）。確認されるのは gid ${p.gid} で、${p.checked === 'real' ? '実効' : '実'} gid ${p.other} ではありません。gid ${p.gid} は ${RANGE_KEY}${p.quoted}の範囲${p.inside ? '内' : '外'}です。`,
  'cloudflared-start.gid.contradiction': (p) =>
    `/proc と cloudflared のログの内容が食い違っています。/proc: ${p.proc} ログ: ${p.log} ログは動いている cloudflared 自身が見た結果なので、ログで判断します。${
      p.rule === null
        ? ''
        : `ログが示す gid ${p.gid} はプロセスの${p.rule === 'real' ? '実 gid' : '実効 gid'} です。cloudflared は${p.rule === 'real' ? ' 2024.3.x まで実 gid' : ' 2024.4.0 から実効 gid'} を確認し、/proc の判定に使った${p.rule === 'real' ? '実効 gid' : '実 gid'} ${p.other} は見ません。この cloudflared は${p.rule === 'real' ? ' 2024.4.0 より前' : ' 2024.4.0 以降'}のバージョンです。`
    }`,
  'cloudflared-start.fix.config-replace': (p) => `config.yml の protocol: ${p.old} を protocol: quic に置き換えます（${p.path} の ${p.line} 行目）`,
  'cloudflared-start.fix.config-replace.text': (p) =>
    yamlCommented(
      `${p.path} の ${p.line} 行目（protocol: ${p.old}）を下の行に置き換え、cloudflared を再起動してください。\nprotocol: キーを 2 つ書かないでください。cloudflared は「mapping key "protocol" already defined」で起動しなくなります。`,
      p.yaml,
    ),
  'cloudflared-start.fix.config-sed': (p) => `${p.path} の ${p.line} 行目の protocol: キーを sed でその場で置き換え、cloudflared を再起動してください`,
  'cloudflared-start.fix.config-set.text': (p) =>
    yamlCommented(
      `${p.path} のトップレベルに設定してください。protocol: の行がすでにあればその行を置き換え、なければこの行を追加します。そのあと cloudflared を再起動してください。\nprotocol: キーを 2 つ残さないでください。cloudflared は「mapping key "protocol" already defined」で起動しなくなります。`,
      p.yaml,
    ),
  'cloudflared-start.fix.config-set': (p) => `${p.path} に protocol: quic を設定し（既存の protocol: の行は置き換え、なければ追加）、cloudflared を再起動してください`,
};
