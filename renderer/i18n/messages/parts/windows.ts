// Windows probing (IcmpSendEcho2Ex) and what a Windows host can check (issue 10). Windows has
// no ICMP sockets of ours and no ping_group_range: its ICMP API (IcmpCreateFile /
// Icmp6CreateFile handles, IcmpSendEcho2Ex / Icmp6SendEcho2) needs no privilege or group.

const API = 'IcmpCreateFile / Icmp6CreateFile';

/** "opened" / "refused (ERROR_…)" for one handle. */
const handleEn = (allowed: boolean, errno: string | null): string => (allowed ? 'opened' : `refused (${errno ?? 'no error code'})`);
const handleJa = (allowed: boolean, errno: string | null): string => (allowed ? '開けました' : `拒否されました（${errno ?? 'エラーコードなし'}）`);

export const en = {
  /** The capability evidence's source on Windows. */
  'windows.source.icmp-api': () => `Windows' ICMP API (${API})`,
  /** Cited: what opening an ICMP handle per family gave. */
  'windows.local.handles': (p: { v4Allowed: boolean; v4Errno: string | null; v6Allowed: boolean; v6Errno: string | null }) =>
    `IPv4 ICMP handle (IcmpCreateFile) ${handleEn(p.v4Allowed, p.v4Errno)}, IPv6 ICMP handle (Icmp6CreateFile) ${handleEn(p.v6Allowed, p.v6Errno)}`,
  'windows.local.both-open': () =>
    "Windows' ICMP API opened handles for IPv4 and IPv6: probes go through IcmpSendEcho2Ex and Icmp6SendEcho2, which need no privilege or group setting.",
  /** The IPv6 handle is not implemented or not supported here (no IPv6 stack, or Wine's stub). */
  'windows.local.no-ipv6': (p: { errno: string }) =>
    `Windows' ICMP API opened an IPv4 handle; the IPv6 one is not available here (Icmp6CreateFile: ${p.errno}): the IPv6 stack is absent or disabled, or this is Wine, whose Icmp6CreateFile is a stub. IPv4 targets can be probed; IPv6 targets cannot.`,
  /** The IPv6 handle refused for another reason: something on the host blocks it. */
  'windows.local.v6-refused': (p: { errno: string | null }) =>
    `Windows' ICMP API opened an IPv4 handle but refused the IPv6 one (Icmp6CreateFile: ${p.errno ?? 'no error code'}). The API needs no privilege, so something on this host blocks it: security software or a policy. IPv6 targets cannot be probed from here until it is allowed.`,
  /** No IPv4 handle: nothing can be probed. */
  'windows.local.v4-refused': (p: { errno: string | null }) =>
    `Windows refused an ICMP handle for IPv4 (IcmpCreateFile: ${p.errno ?? 'no error code'}), so this machine's probes cannot run. The ICMP API needs no privilege or group setting: security software or a policy on this host is blocking ICMP for this program. Check whether ping.exe works to the same target; if it does, allow icmp-doctor in the security software.`,

  /**
   * path-mtu on Windows: a DF probe bigger than any link could carry got a reply, so DF was not
   * honoured. `localMtu` is this host's interface MTU when the search met it, else `ceiling`.
   */
  'windows.path-mtu.df-ignored': (p: { address: string; bytes: number; localMtu: number | null; ceiling: number }) =>
    `The largest packet that crosses the path is not known: a ${p.bytes}-byte packet with DF set got a reply from ${p.address}, but it is larger than ${
      p.localMtu !== null ? `this host's interface MTU (${p.localMtu} bytes)` : `any Ethernet or tunnel link carries (${p.ceiling} bytes, the largest jumbo frame)`
    }, so it cannot have crossed unfragmented. Windows' ICMP API did not honour DF here (Wine ignores it), and the search proves nothing. Measure the path MTU from a Linux or macOS host (icmp-doctor ping --df -s SIZE).`,
};

export const ja: typeof en = {
  'windows.source.icmp-api': () => `Windows の ICMP API（${API}）`,
  'windows.local.handles': (p) =>
    `IPv4 の ICMP ハンドル（IcmpCreateFile）は${handleJa(p.v4Allowed, p.v4Errno)}。IPv6 の ICMP ハンドル（Icmp6CreateFile）は${handleJa(p.v6Allowed, p.v6Errno)}`,
  'windows.local.both-open': () =>
    'Windows の ICMP API で IPv4 と IPv6 のハンドルを開けました。プローブは IcmpSendEcho2Ex と Icmp6SendEcho2 で送ります。特権やグループの設定は必要ありません。',
  'windows.local.no-ipv6': (p) =>
    `Windows の ICMP API で IPv4 のハンドルは開けましたが、IPv6 のハンドルはこのホストでは使えません（Icmp6CreateFile: ${p.errno}）。IPv6 スタックがないか無効になっているか、Icmp6CreateFile がスタブの Wine で動いています。IPv4 の対象はプローブできますが、IPv6 の対象はプローブできません。`,
  'windows.local.v6-refused': (p) =>
    `Windows の ICMP API で IPv4 のハンドルは開けましたが、IPv6 のハンドルは拒否されました（Icmp6CreateFile: ${p.errno ?? 'エラーコードなし'}）。この API に特権は不要なので、このホストのセキュリティソフトかポリシーがブロックしています。許可するまで、ここからは IPv6 の対象をプローブできません。`,
  'windows.local.v4-refused': (p) =>
    `Windows が IPv4 の ICMP ハンドルを拒否したため（IcmpCreateFile: ${p.errno ?? 'エラーコードなし'}）、このマシンからプローブできません。ICMP API に特権やグループの設定は不要なので、このホストのセキュリティソフトかポリシーがこのプログラムの ICMP をブロックしています。同じ対象に ping.exe が通るか確認し、通るならセキュリティソフトで icmp-doctor を許可してください。`,

  'windows.path-mtu.df-ignored': (p) =>
    `経路を通る最大のパケットサイズは分かりません。DF を付けた ${p.bytes} バイトのパケットに ${p.address} から応答がありましたが、このサイズは${
      p.localMtu !== null ? `このホストのインターフェースの MTU（${p.localMtu} バイト）` : `Ethernet やトンネルのリンクが運べる最大値（${p.ceiling} バイト、最大のジャンボフレーム）`
    }より大きく、分割されずに届いたはずがありません。Windows の ICMP API がここでは DF を守っていない（Wine は DF を無視します）ため、この探索からは何も言えません。経路 MTU は Linux か macOS のホストから測ってください（icmp-doctor ping --df -s SIZE）。`,
};
