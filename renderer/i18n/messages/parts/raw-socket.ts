// Raw ICMP sockets, the socket chosen, and untranslated ICMP errors (issue 10).

const KEY = 'net.ipv4.ping_group_range';

export const en = {
  /** The socket kinds the native engine names (native/index.d.ts SocketKind), for "Probes went through". */
  'raw-socket.kind.ping': () => `unprivileged ping socket (${KEY})`,
  'raw-socket.kind.raw': () => 'raw socket (CAP_NET_RAW)',
  'raw-socket.kind.icmp-api': () => "Windows' ICMP API (IcmpSendEcho2Ex)",
  /** The reports' header row naming the sockets the probes went through. */
  'raw-socket.used.label': () => 'Probes went through',
  /** The check output's line; `sockets` is the kinds' words, joined. */
  'raw-socket.used.line': (p: { sockets: string }) => `Probes went through: ${p.sockets}`,
  /** Cited: what opening raw ICMP sockets gave, and whether CAP_NET_RAW is effective. */
  'raw-socket.local.raw-sockets': (p: { v4Allowed: boolean; v4Errno: string | null; v6Allowed: boolean; v6Errno: string | null; capNetRaw: boolean | null }) =>
    `Raw sockets: ICMPv4 ${p.v4Allowed ? 'allowed' : `refused (${p.v4Errno ?? 'no errno'})`}, ICMPv6 ${p.v6Allowed ? 'allowed' : `refused (${p.v6Errno ?? 'no errno'})`}; CAP_NET_RAW ${p.capNetRaw === null ? 'unknown' : p.capNetRaw ? 'held' : 'not held'}`,
  /**
   * Ping sockets refused, raw sockets open: this process probes, an unprivileged one here could not.
   * `range` is a ping-range.quoted message (null when unreadable); `groups` describes ours.
   */
  'raw-socket.local.raw-probes': (p: { range: string | null; groups: string | null }) =>
    `This process can probe: it holds CAP_NET_RAW and sends its probes through raw ICMP sockets, which ignore ${KEY}. An unprivileged process here cannot: the range is ${p.range ?? 'unreadable'} in this network namespace and admits none of this process's groups (${p.groups ?? 'groups unknown'}), so a connector running as a normal user on this host cannot open ICMP sockets either (connector-gid-range says whether it matters). Nothing needs to change for this diagnostic.`,
  /** The fix that needs no host setting: run the diagnostic itself with the capability. */
  'raw-socket.fix.run-privileged': () =>
    'Or leave the host as it is and run this diagnostic as root (or with CAP_NET_RAW): it then probes through raw sockets, which ignore the range',
  /**
   * An error quoting our probe but another destination. `quoted` is the destination the quote
   * names, `target` where the probe went, `from` who sent the error.
   */
  'raw-socket.transparency.untranslated': (p: { from: string; quoted: string; target: string; firezone: string | null }) =>
    `ICMP errors come back untranslated: the error from ${p.from} quotes ${p.quoted}; the probe went to ${p.target}. A gateway rewrote the probe's destination and did not translate the error back (Firezone's gateway did this before firezone#7398), so the sender's kernel cannot match the error to its socket and applications wait for timeouts instead of failing at once.${p.firezone ? ` ${p.firezone}` : ''}`,
  /** Cited: one untranslated error. */
  'raw-socket.transparency.untranslated-error': (p: { seq: number; error: string; from: string; quoted: string; target: string }) =>
    `probe ${p.seq} to ${p.target}: ${p.error} from ${p.from}, quoting a probe to ${p.quoted}`,
  /**
   * A verdict reached through ping sockets, which cannot see untranslated errors. `verdict` is
   * the verdict's own message; `command` how to rerun with raw sockets.
   */
  'raw-socket.transparency.ping-socket': (p: { verdict: string; command: string }) =>
    `${p.verdict} These probes went through an unprivileged ping socket, whose kernel drops an error that quotes a destination it did not send to, so an error the gateway did not translate back and an error it swallowed look the same here. To tell them apart, run the check with CAP_NET_RAW (raw sockets see every error): ${p.command}`,
  /** Fix title: rerun with raw sockets. */
  'raw-socket.fix.rerun-raw': () => 'Run the check with raw sockets (as root or with CAP_NET_RAW) to tell untranslated errors from swallowed ones',
  /**
   * A refused ping socket's explanation (`denied`, the range and its fix), and the way that
   * changes nothing on the host: raw sockets, which this process has (`rawAvailable`: it was
   * told to use ping sockets) or would have as root.
   */
  'raw-socket.denied': (p: { denied: string; rawAvailable: boolean }) =>
    `${p.denied}\n${
      p.rawAvailable
        ? 'This process holds CAP_NET_RAW: without --socket ping it probes through raw sockets, which ignore the range, and nothing needs to change.'
        : 'Or leave the range as it is: run the diagnostic as root (sudo) or with CAP_NET_RAW, and it probes through raw sockets, which ignore the range.'
    }`,
};

export const ja: typeof en = {
  'raw-socket.kind.ping': () => `非特権の ping ソケット（${KEY}）`,
  'raw-socket.kind.raw': () => 'raw ソケット（CAP_NET_RAW）',
  'raw-socket.kind.icmp-api': () => 'Windows の ICMP API（IcmpSendEcho2Ex）',
  'raw-socket.used.label': () => 'プローブに使ったソケット',
  'raw-socket.used.line': (p) => `プローブに使ったソケット: ${p.sockets}`,
  'raw-socket.local.raw-sockets': (p) =>
    `raw ソケット: ICMPv4 は${p.v4Allowed ? '許可' : `拒否（${p.v4Errno ?? 'errno なし'}）`}、ICMPv6 は${p.v6Allowed ? '許可' : `拒否（${p.v6Errno ?? 'errno なし'}）`}。CAP_NET_RAW は${p.capNetRaw === null ? '不明' : p.capNetRaw ? 'あり' : 'なし'}`,
  'raw-socket.local.raw-probes': (p) =>
    `このプロセスはプローブできます。CAP_NET_RAW を持っているので、${KEY} の影響を受けない raw ICMP ソケットでプローブを送ります。ただし非特権のプロセスはここでは ICMP ソケットを開けません。このネットワーク名前空間の範囲は ${p.range ?? '読み取れない値'} で、このプロセスのどのグループ（${p.groups ?? 'グループ不明'}）も許可していません。そのため、このホストで一般ユーザーとして動くコネクタも ICMP ソケットを開けません（影響があるかは connector-gid-range で分かります）。この診断のために設定を変える必要はありません。`,
  'raw-socket.fix.run-privileged': () =>
    'ホストの設定を変えずに、この診断を root（または CAP_NET_RAW 付き）で実行する方法もあります。その場合は範囲の影響を受けない raw ソケットでプローブします',
  'raw-socket.transparency.untranslated': (p) =>
    `ICMP エラーが変換されないまま戻ってきています。${p.from} からのエラーは ${p.quoted} 宛てのパケットを引用していますが、プローブの宛先は ${p.target} です。ゲートウェイがプローブの宛先を書き換えたのに、エラーを元に戻していません（firezone#7398 より前の Firezone のゲートウェイと同じ動きです）。そのため送信側のカーネルはエラーを自分のソケットに結び付けられず、アプリケーションはすぐに失敗せずタイムアウトまで待たされます。${p.firezone ?? ''}`,
  'raw-socket.transparency.untranslated-error': (p) =>
    `${p.target} 宛てのプローブ ${p.seq}: ${p.from} からの ${p.error}。引用されているのは ${p.quoted} 宛てのプローブです`,
  'raw-socket.transparency.ping-socket': (p) =>
    `${p.verdict}このプローブは非特権の ping ソケットで送りました。ping ソケットでは、送っていない宛先を引用したエラーをカーネルが捨てるため、ゲートウェイが変換せずに戻したエラーと、捨てたエラーの区別がつきません。区別するには CAP_NET_RAW 付きでチェックを実行してください（raw ソケットはすべてのエラーを受け取ります）: ${p.command}`,
  'raw-socket.fix.rerun-raw': () => 'raw ソケットでチェックを実行する（root または CAP_NET_RAW 付き）と、変換されなかったエラーと捨てられたエラーを区別できます',
  'raw-socket.denied': (p) =>
    `${p.denied}\n${
      p.rawAvailable
        ? 'このプロセスは CAP_NET_RAW を持っています。--socket ping を付けなければ範囲の影響を受けない raw ソケットでプローブするので、設定を変える必要はありません。'
        : '範囲を変えずに済ませるなら、この診断を root（sudo）または CAP_NET_RAW 付きで実行してください。範囲の影響を受けない raw ソケットでプローブします。'
    }`,
};
