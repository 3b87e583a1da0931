// Why a probe (ICMP echo, TCP connect, path-MTU search, error transparency) could not be run:
// a request field it refused, a target it could not resolve, a socket the kernel refused.
// Text from elsewhere (a resolver's or the addon's own words, an exception) comes in `detail`.

type Groups = readonly number[];

function groupsEn(groups: Groups): string {
  return groups.length > 0 ? groups.join(', ') : 'none';
}

function groupsJa(groups: Groups): string {
  return groups.length > 0 ? groups.join('、') : 'なし';
}

/** What the kernel's refusal of an ICMP socket says about this process. */
interface Denied {
  protocol: string;
  errno: string;
  sysctl: string;
  /** The range as quoted ("\"1 0\"") or gather.socket-denied.range-unreadable. */
  range: string;
  egid: number;
  groups: Groups;
}

const SYSCTL_JA = 'コンテナや Pod では sysctl はネットワーク名前空間ごとの設定なので、そちらで設定してください（例: docker run --sysctl、Pod の securityContext）。';

export const en = {
  'gather.unexpected': (p: { detail: string }) => `the probe failed unexpectedly: ${p.detail}`,
  'gather.field.integer': (p: { name: string; min: number; max: number; got: string }) => `${p.name} must be a whole number from ${p.min} to ${p.max}; got ${p.got}`,
  'gather.field.target': (p: { name: string; got: string }) => `${p.name} must be an IP address or a host name; got ${p.got}`,
  'gather.field.request-object': (p: { got: string }) => `the probe request must be an object; got ${p.got}`,
  'gather.field.value-of-type': (p: { type: string }) => `a value of type ${p.type}`,
  'gather.resolve.timeout': (p: { target: string; ms: number }) => `${p.target}: the resolver gave no answer within ${p.ms} ms; check /etc/resolv.conf or give an IP address`,
  /** The resolver's own words (electron/core/ping/resolve-target.ts) are the English. */
  'gather.resolve.failed': (p: { target: string; code: string; detail: string }) => `${p.detail}`,
  'gather.probe.session-failed': (p: { code: string; detail: string }) => `${p.detail}`,
  'gather.probe.start-failed': (p: { code: string; detail: string }) => `${p.detail}`,
  'gather.probe.socket-denied': (p: { detail: string }) => `${p.detail}`,
  'gather.probe.cancelled-before': () => 'cancelled before the probe was sent',
  'gather.probe.engine-stopped': (p: { detail: string }) => `the probe engine stopped: ${p.detail}`,
  'gather.probe.cancelled-after': (p: { done: number; count: number; target: string }) => `cancelled after ${p.done} of ${p.count} probe(s) to ${p.target}`,
  'gather.path-mtu.step-failed': (p: { failure: string; size: number; probes: number }) => `${p.failure} (path-MTU search at ${p.size} bytes, after ${p.probes} probe(s))`,
  'gather.path-mtu.no-result': (p: { size: number }) => `the engine ended the ${p.size}-byte probe without a result`,
  'gather.path-mtu.nothing-sent': (p: { size: number }) => `no probe was sent at ${p.size} bytes`,
  'gather.transparency.at-ttl': (p: { failure: string; ttl: number }) => `${p.failure} (at TTL ${p.ttl})`,
  'gather.tcp.cancelled': (p: { port: number }) => `cancelled while connecting to port ${p.port}`,
  'gather.tcp.cancelled-control': (p: { port: number }) => `cancelled while connecting to control port ${p.port}`,
  'gather.socket-denied.range-unreadable': (p: { error: string | null }) => `unreadable (${p.error ?? 'unknown error'})`,
  'gather.socket-denied.not-covered': (p: Denied & { fixCommand: string; everyGroup: string; persistCommand: string }) =>
    [
      `ICMP is not permitted: the kernel refused an unprivileged ${p.protocol} socket (${p.errno}).`,
      `${p.sysctl} is ${p.range} in this network namespace and admits none of this process's groups (egid ${p.egid}; supplementary groups: ${groupsEn(p.groups)}).`,
      `Fix now:   ${p.fixCommand}   (or "${p.everyGroup}" to allow every group)`,
      `Keep it:   ${p.persistCommand}`,
      'In a container or pod the sysctl is per network namespace: set it there (e.g. docker run --sysctl or the pod securityContext).',
    ].join('\n'),
  'gather.socket-denied.covered': (p: Denied & { covered: Groups }) =>
    [
      `ICMP is not permitted: the kernel refused an unprivileged ${p.protocol} socket (${p.errno}).`,
      `${p.sysctl} is ${p.range} and admits this process's group(s) ${groupsEn(p.covered)} (egid ${p.egid}; supplementary groups: ${groupsEn(p.groups)}),`,
      'so something else refuses the socket: a security module (SELinux, AppArmor), a seccomp filter or the container runtime.',
    ].join('\n'),
};

const RESOLVE_JA: Record<string, string> = {
  INVALID_TARGET: 'は対象として指定できません',
  NOT_UNICAST: 'はユニキャストのホストアドレスではありません',
  FAMILY_MISMATCH: 'のアドレスファミリーが合いません',
  UNKNOWN_HOST: 'は名前解決できませんでした',
  ABORTED: 'の名前解決を中止しました',
};

export const ja: typeof en = {
  'gather.unexpected': (p) => `プローブが予期せず失敗しました: ${p.detail}`,
  'gather.field.integer': (p) => `${p.name} には ${p.min} から ${p.max} までの整数を指定してください（指定値: ${p.got}）`,
  'gather.field.target': (p) => `${p.name} には IP アドレスかホスト名を指定してください（指定値: ${p.got}）`,
  'gather.field.request-object': (p) => `プローブの要求はオブジェクトで指定してください（指定値: ${p.got}）`,
  'gather.field.value-of-type': (p) => `${p.type} 型の値`,
  'gather.resolve.timeout': (p) => `${p.target}: ${p.ms} ms 以内に名前解決の応答がありませんでした。/etc/resolv.conf を確認するか、IP アドレスを指定してください`,
  'gather.resolve.failed': (p) => `${p.target} ${RESOLVE_JA[p.code] ?? 'の名前解決に失敗しました'}（${p.code}）: ${p.detail}`,
  'gather.probe.session-failed': (p) => `プローブのセッションを開けませんでした（${p.code}）: ${p.detail}`,
  'gather.probe.start-failed': (p) => `プローブを開始できませんでした（${p.code}）: ${p.detail}`,
  'gather.probe.socket-denied': (p) => `カーネルが非特権の ICMP ソケットを拒否しました: ${p.detail}`,
  'gather.probe.cancelled-before': () => 'プローブを送る前に中止しました',
  'gather.probe.engine-stopped': (p) => `プローブエンジンが停止しました: ${p.detail}`,
  'gather.probe.cancelled-after': (p) => `${p.target} へのプローブ ${p.count} 件のうち ${p.done} 件を送ったところで中止しました`,
  'gather.path-mtu.step-failed': (p) => `${p.failure}（経路 MTU の探索中、${p.size} バイト、${p.probes} 件送信後）`,
  'gather.path-mtu.no-result': (p) => `${p.size} バイトのプローブが結果を返さずに終わりました`,
  'gather.path-mtu.nothing-sent': (p) => `${p.size} バイトのプローブは送信されませんでした`,
  'gather.transparency.at-ttl': (p) => `${p.failure}（TTL ${p.ttl} の時点）`,
  'gather.tcp.cancelled': (p) => `ポート ${p.port} への接続中に中止しました`,
  'gather.tcp.cancelled-control': (p) => `対照用のポート ${p.port} への接続中に中止しました`,
  'gather.socket-denied.range-unreadable': (p) => `読み取れません（${p.error ?? '不明なエラー'}）`,
  'gather.socket-denied.not-covered': (p) =>
    [
      `ICMP は許可されていません: カーネルが非特権の ${p.protocol} ソケットを拒否しました（${p.errno}）。`,
      `このネットワーク名前空間の ${p.sysctl} は ${p.range} で、このプロセスのグループはどれも範囲に入っていません（egid ${p.egid}、補助グループ: ${groupsJa(p.groups)}）。`,
      `今すぐ直す:   ${p.fixCommand}   （すべてのグループを許可するなら "${p.everyGroup}"）`,
      `永続化する:   ${p.persistCommand}`,
      SYSCTL_JA,
    ].join('\n'),
  'gather.socket-denied.covered': (p) =>
    [
      `ICMP は許可されていません: カーネルが非特権の ${p.protocol} ソケットを拒否しました（${p.errno}）。`,
      `${p.sysctl} は ${p.range} で、このプロセスのグループ ${groupsJa(p.covered)} を許可しています（egid ${p.egid}、補助グループ: ${groupsJa(p.groups)}）。`,
      'そのため、ソケットを拒否しているのは別の仕組みです: セキュリティモジュール（SELinux、AppArmor）、seccomp フィルタ、またはコンテナランタイム。',
    ].join('\n'),
};
