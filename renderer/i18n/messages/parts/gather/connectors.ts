// Why a fact about a connector process (found through /proc) could not be had: a namespace
// we may not enter, an environment we may not read, a /proc that hides other users.

const BY_HAND_EN = '(for a container, `docker exec CONTAINER cat /proc/sys/net/ipv4/ping_group_range` or `kubectl exec POD -- cat /proc/sys/net/ipv4/ping_group_range`).';
const BY_HAND_JA = 'コンテナなら `docker exec CONTAINER cat /proc/sys/net/ipv4/ping_group_range`、Pod なら `kubectl exec POD -- cat /proc/sys/net/ipv4/ping_group_range` で確認できます。';

interface Denied {
  kind: string;
  pid: number;
  /** gather.connector.netns-unseen or gather.connector.netns-other. */
  why: string;
  checkCommand: string;
  manualCommand: string;
}

export const en = {
  'gather.connector.netns-unseen': (p: { pid: number }) =>
    `we may not even see which network namespace it is in (reading /proc/${p.pid}/ns/net needs the connector's own user or CAP_SYS_PTRACE)`,
  'gather.connector.netns-other': (p: { netns: string; ownNetns: string | null }) =>
    `it runs in another network namespace (${p.netns}; ours is ${p.ownNetns ?? 'unknown'}), and reading the sysctl there means entering that namespace, which needs CAP_SYS_ADMIN`,
  'gather.connector.range-denied': (p: Denied) =>
    `cannot read ${p.kind} (pid ${p.pid})'s net.ipv4.ping_group_range: ${p.why}. Run as root: \`${p.checkCommand}\`, or read it by hand: \`${p.manualCommand}\` ${BY_HAND_EN}`,
  'gather.connector.range-denied-nsenter': (p: { denied: string; stderr: string }) => `${p.denied} (nsenter: ${p.stderr})`,
  'gather.connector.netns-cancelled': () => "cancelled while reading the connector's namespace",
  'gather.connector.no-nsenter': (p: { pid: number; manualCommand: string }) =>
    `nsenter (util-linux) is not installed, so pid ${p.pid}'s namespace cannot be entered; install util-linux or run \`${p.manualCommand}\` where it is`,
  'gather.connector.nsenter-timeout': (p: { ms: number }) => `nsenter did not finish within ${p.ms} ms`,
  'gather.connector.exited': (p: { pid: number }) => `pid ${p.pid} exited before its namespace could be read`,
  'gather.connector.nsenter-failed': (p: { detail: string }) => `nsenter failed (${p.detail})`,
  'gather.connector.environ-denied': (p: { pid: number; uid: number; checkCommand: string }) =>
    `reading /proc/${p.pid}/environ needs root (CAP_SYS_PTRACE) or the connector's own user (uid ${p.uid}); run \`${p.checkCommand}\` to include its environment (e.g. TUNNEL_TRANSPORT_PROTOCOL)`,
  'gather.connector.environ-unreadable': (p: { path: string; errno: string | null }) => `cannot read ${p.path} (${p.errno ?? 'unknown error'})`,
  'gather.connector.scan-cancelled': () => 'the connector scan was cancelled',
  'gather.connector.proc-unlisted': (p: { path: string; detail: string }) => `cannot list ${p.path}: ${p.detail}`,
  'gather.connector.hidepid': (p: { checkCommand: string }) =>
    `/proc is mounted with hidepid, so other users' processes are hidden and no connector can be seen; run \`${p.checkCommand}\``,
  'gather.connector.processes-denied': (p: { denied: number; scanned: number; checkCommand: string }) =>
    `${p.denied} of ${p.scanned} processes could not be examined (permission denied); run \`${p.checkCommand}\``,
  'gather.connector.not-linux': (p: { platform: string }) => `connectors are found through /proc, which only Linux has (this is ${p.platform})`,
  'gather.connector.scan-failed': (p: { detail: string }) => `the connector scan failed: ${p.detail}`,
};

export const ja: typeof en = {
  'gather.connector.netns-unseen': (p) =>
    `どのネットワーク名前空間にいるかさえ確認できません（/proc/${p.pid}/ns/net を読むにはコネクタと同じユーザーか CAP_SYS_PTRACE が必要です）`,
  'gather.connector.netns-other': (p) =>
    `別のネットワーク名前空間（${p.netns}。こちらは ${p.ownNetns ?? '不明'}）で動いており、そこの sysctl を読むにはその名前空間に入る必要があります。それには CAP_SYS_ADMIN が必要です`,
  'gather.connector.range-denied': (p) =>
    `${p.kind}（pid ${p.pid}）の net.ipv4.ping_group_range を読み取れません: ${p.why}。root で \`${p.checkCommand}\` を実行するか、\`${p.manualCommand}\` で直接確認してください。${BY_HAND_JA}`,
  'gather.connector.range-denied-nsenter': (p) => `${p.denied}（nsenter のエラー: ${p.stderr}）`,
  'gather.connector.netns-cancelled': () => 'コネクタの名前空間を読み取る途中で中止しました',
  'gather.connector.no-nsenter': (p) =>
    `nsenter（util-linux）がインストールされていないため、pid ${p.pid} の名前空間に入れません。util-linux をインストールするか、nsenter のある環境で \`${p.manualCommand}\` を実行してください`,
  'gather.connector.nsenter-timeout': (p) => `nsenter が ${p.ms} ms 以内に終わりませんでした`,
  'gather.connector.exited': (p) => `名前空間を読み取る前に pid ${p.pid} が終了しました`,
  'gather.connector.nsenter-failed': (p) => `nsenter が失敗しました（${p.detail}）`,
  'gather.connector.environ-denied': (p) =>
    `/proc/${p.pid}/environ を読むには root（CAP_SYS_PTRACE）かコネクタと同じユーザー（uid ${p.uid}）が必要です。環境変数（例: TUNNEL_TRANSPORT_PROTOCOL）も調べるには \`${p.checkCommand}\` を実行してください`,
  'gather.connector.environ-unreadable': (p) => `${p.path} を読み取れません（${p.errno ?? '不明なエラー'}）`,
  'gather.connector.scan-cancelled': () => 'コネクタの検索を中止しました',
  'gather.connector.proc-unlisted': (p) => `${p.path} の一覧を取得できません: ${p.detail}`,
  'gather.connector.hidepid': (p) =>
    `/proc が hidepid 付きでマウントされているため、ほかのユーザーのプロセスが見えず、コネクタを見つけられません。\`${p.checkCommand}\` を実行してください`,
  'gather.connector.processes-denied': (p) => `${p.scanned} 個のプロセスのうち ${p.denied} 個は権限がなく調べられませんでした。\`${p.checkCommand}\` を実行してください`,
  'gather.connector.not-linux': (p) => `コネクタは /proc から探すため、Linux でしか見つけられません（このマシンは ${p.platform}）`,
  'gather.connector.scan-failed': (p) => `コネクタの検索に失敗しました: ${p.detail}`,
};
