// Messages of the local-icmp-socket check (may this machine open unprivileged ICMP sockets?),
// and how a ping_group_range value is quoted, which connector-gid-range shares.

import { listJa } from './format';

const KEY = 'net.ipv4.ping_group_range';

export const en = {
  /** A range as both checks quote it: `"1 0" (admits nobody, root included)`. */
  'ping-range.quoted': (p: { range: string; empty: boolean }) => `"${p.range}"${p.empty ? ' (admits nobody, root included)' : ''}`,

  'local-icmp-socket.not-examined': () =>
    'This machine has not been examined: run the "This machine" step (icmp-doctor check does it first), which opens a test ICMP socket.',
  'local-icmp-socket.probe-failed': (p: { code: string }) =>
    `Whether this machine may open ICMP sockets is not known: the socket probe did not run (${p.code}). \`icmp-doctor ping 127.0.0.1\` shows the kernel's answer.`,
  /** Cited: what the socket probe got for each family. */
  'local-icmp-socket.sockets': (p: { v4Allowed: boolean; v4Errno: string | null; v6Allowed: boolean; v6Errno: string | null }) =>
    `ICMPv4 ${p.v4Allowed ? 'allowed' : `refused (${p.v4Errno ?? 'no errno'})`}, ICMPv6 ${p.v6Allowed ? 'allowed' : `refused (${p.v6Errno ?? 'no errno'})`}`,
  /** Our groups, inside a sentence. */
  'local-icmp-socket.groups': (p: { egid: number; groups: readonly number[] }) =>
    `egid ${p.egid}; supplementary groups: ${p.groups.length > 0 ? p.groups.join(', ') : 'none'}`,
  /** Cited: who this process is. */
  'local-icmp-socket.identity': (p: { uid: number; egid: number; groups: readonly number[] }) =>
    `uid ${p.uid}, egid ${p.egid}; supplementary groups: ${p.groups.length > 0 ? p.groups.join(', ') : 'none'}`,
  'local-icmp-socket.both-allowed': () => 'This machine may open unprivileged ICMPv4 and ICMPv6 sockets: our probes can run.',
  'local-icmp-socket.no-ipv6': (p: { errno: string }) =>
    `This machine may open unprivileged ICMP sockets; IPv6 is not available here (${p.errno}), so only IPv4 targets can be probed.`,
  'local-icmp-socket.v6-refused': (p: { errno: string | null }) =>
    `ICMPv4 sockets open but ICMPv6 is refused (${p.errno ?? 'no errno'}) although the same range governs both: a security module (SELinux, AppArmor) or seccomp filter is refusing IPv6 ICMP.`,
  'local-icmp-socket.v4-error': (p: { errno: string; noDatagramSockets: boolean }) =>
    `This machine cannot open ICMPv4 sockets (${p.errno}): ${p.noDatagramSockets ? 'the kernel has no ICMP datagram sockets (Linux before 3.0, or a sandbox)' : 'the kernel gave an unexpected error'}.`,
  'local-icmp-socket.refused-though-admitted': (p: { errno: string; range: string; admitted: readonly number[]; groups: string }) =>
    `The kernel refused an unprivileged ICMP socket (${p.errno}) although ${KEY} "${p.range}" admits group ${p.admitted.join(', ')} (${p.groups}): something else refuses it — a security module (SELinux, AppArmor), a seccomp filter or the container runtime.`,
  /** `range` is a ping-range.quoted message, null when it could not be read; `groups` null when ours are unknown. */
  'local-icmp-socket.refused': (p: { errno: string; range: string | null; groups: string | null }) =>
    `The kernel refused an unprivileged ICMP socket (${p.errno}): ${KEY} is ${p.range ?? 'unreadable'} in this network namespace and admits none of this process's groups (${p.groups ?? 'groups unknown'}). Our ICMP probes cannot run until it does.`,
  /** Why the suggested range is what it is (the fix's title carries it). */
  'local-icmp-socket.fix-reason.own-group': (p: { gid: number }) => `the current range widened just enough to admit this process's group ${p.gid}`,
  'local-icmp-socket.fix-reason.every-group': () => 'every group, since our groups are unknown',
};

export const ja: typeof en = {
  'ping-range.quoted': (p) => `「${p.range}」${p.empty ? '（root を含め、どのグループも許可しない値）' : ''}`,

  'local-icmp-socket.not-examined': () =>
    'このマシンはまだ調べていません。テスト用の ICMP ソケットを開く「このマシン」ステップを実行してください（icmp-doctor check は最初にこれを実行します）。',
  'local-icmp-socket.probe-failed': (p) =>
    `このマシンで ICMP ソケットを開けるかは分かりません。ソケットのプローブを実行できませんでした（${p.code}）。\`icmp-doctor ping 127.0.0.1\` を実行するとカーネルの応答を確認できます。`,
  'local-icmp-socket.sockets': (p) =>
    `ICMPv4 は${p.v4Allowed ? '許可' : `拒否（${p.v4Errno ?? 'errno なし'}）`}、ICMPv6 は${p.v6Allowed ? '許可' : `拒否（${p.v6Errno ?? 'errno なし'}）`}`,
  'local-icmp-socket.groups': (p) => `egid ${p.egid}、補助グループ: ${p.groups.length > 0 ? listJa(p.groups) : 'なし'}`,
  'local-icmp-socket.identity': (p) => `uid ${p.uid}、egid ${p.egid}、補助グループ: ${p.groups.length > 0 ? listJa(p.groups) : 'なし'}`,
  'local-icmp-socket.both-allowed': () => 'このマシンでは非特権の ICMPv4・ICMPv6 ソケットを開けます。プローブを実行できます。',
  'local-icmp-socket.no-ipv6': (p) =>
    `このマシンでは非特権の ICMP ソケットを開けます。ただし IPv6 は使えないため（${p.errno}）、プローブできるのは IPv4 の対象だけです。`,
  'local-icmp-socket.v6-refused': (p) =>
    `ICMPv4 ソケットは開けますが、ICMPv6 は拒否されました（${p.errno ?? 'errno なし'}）。どちらも同じ範囲で決まるため、セキュリティモジュール（SELinux、AppArmor）か seccomp フィルタが IPv6 の ICMP を拒否しています。`,
  'local-icmp-socket.v4-error': (p) =>
    `このマシンでは ICMPv4 ソケットを開けません（${p.errno}）。${p.noDatagramSockets ? 'カーネルに ICMP データグラムソケットがありません（Linux 3.0 より前、またはサンドボックス内）。' : 'カーネルが想定外のエラーを返しました。'}`,
  'local-icmp-socket.refused-though-admitted': (p) =>
    `${KEY}「${p.range}」はこのプロセスのグループ ${listJa(p.admitted)} を許可している（${p.groups}）のに、カーネルは非特権の ICMP ソケットを拒否しました（${p.errno}）。セキュリティモジュール（SELinux、AppArmor）、seccomp フィルタ、コンテナランタイムのいずれかが拒否しています。`,
  'local-icmp-socket.refused': (p) =>
    `カーネルが非特権の ICMP ソケットを拒否しました（${p.errno}）。このネットワーク名前空間の ${KEY} ${p.range !== null ? `は${p.range}で` : 'は読み取れず'}、このプロセスのグループ（${p.groups ?? '不明'}）はどれも許可されていません。許可されるまで ICMP のプローブは実行できません。`,
  'local-icmp-socket.fix-reason.own-group': (p) => `今の範囲を、このプロセスのグループ ${p.gid} が入るぶんだけ広げた値`,
  'local-icmp-socket.fix-reason.every-group': () => 'このプロセスのグループが分からないため、すべてのグループ',
};
