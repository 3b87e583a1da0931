// Why a fact about this host could not be had: the ping_group_range file, the native addon.

export const en = {
  'gather.local.cancelled': () => 'cancelled before it was gathered',
  'gather.local.identity-unavailable': (p: { detail: string }) => `our user and group IDs could not be read: ${p.detail}`,
  'gather.local.capability-unavailable': (p: { detail: string }) => `whether ICMP sockets may be opened could not be tested: ${p.detail}`,
  'gather.range.bad-value': (p: { value: string }) => `"${p.value}" is not a ping_group_range value: expected two group IDs such as "1 0" or "0 2147483647"`,
  'gather.range.gid-too-large': (p: { value: string; max: number }) => `"${p.value}" is not a ping_group_range value: group IDs go up to ${p.max}`,
  'gather.range.missing': (p: { path: string }) => `${p.path} does not exist: this kernel has no unprivileged ICMP sockets (Linux before 3.0) or /proc is not mounted`,
  'gather.range.denied': (p: { path: string; errno: string }) => `cannot read ${p.path} (${p.errno}); it is normally readable by every user, so /proc is restricted here`,
  'gather.range.unreadable': (p: { path: string; detail: string }) => `cannot read ${p.path}: ${p.detail}`,
  'gather.range.unparseable': (p: { path: string; problem: string }) => `${p.path}: ${p.problem}`,
  'gather.range.not-linux': (p: { sysctl: string; platform: string }) => `${p.sysctl} exists only on Linux (this is ${p.platform})`,
};

export const ja: typeof en = {
  'gather.local.cancelled': () => '取得する前に中止しました',
  'gather.local.identity-unavailable': (p) => `このプロセスのユーザー ID とグループ ID を読み取れませんでした: ${p.detail}`,
  'gather.local.capability-unavailable': (p) => `ICMP ソケットを開けるかどうかを確認できませんでした: ${p.detail}`,
  'gather.range.bad-value': (p) => `"${p.value}" は ping_group_range の値ではありません。"1 0" や "0 2147483647" のように 2 つのグループ ID が必要です`,
  'gather.range.gid-too-large': (p) => `"${p.value}" は ping_group_range の値ではありません。グループ ID の上限は ${p.max} です`,
  'gather.range.missing': (p) => `${p.path} がありません。このカーネルは非特権の ICMP ソケットに対応していない（Linux 3.0 より前）か、/proc がマウントされていません`,
  'gather.range.denied': (p) => `${p.path} を読み取れません（${p.errno}）。通常は誰でも読めるファイルなので、ここでは /proc へのアクセスが制限されています`,
  'gather.range.unreadable': (p) => `${p.path} を読み取れません: ${p.detail}`,
  'gather.range.unparseable': (p) => `${p.path} の値を読めません: ${p.problem}`,
  'gather.range.not-linux': (p) => `${p.sysctl} は Linux にしかありません（このマシンは ${p.platform}）`,
};
