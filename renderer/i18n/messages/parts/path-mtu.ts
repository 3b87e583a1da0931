// What path-mtu says: the largest DF packet that reaches the target, and whether routers that
// need smaller packets say so. Byte counts are whole packets (IP header included); decoder
// error names ("fragmentation-needed") stay as they are.

type StepParams = { bytes: number; errorName: string | null; mtu: number | null };

/** " (fragmentation-needed, mtu 1280)" / "（fragmentation-needed、mtu 1280）" after a step's status. */
function stepDetailEn(p: StepParams): string {
  return p.errorName ? ` (${p.errorName}${p.mtu !== null ? `, mtu ${p.mtu}` : ''})` : '';
}
function stepDetailJa(p: StepParams): string {
  return p.errorName ? `（${p.errorName}${p.mtu !== null ? `、mtu ${p.mtu}` : ''}）` : '';
}

export const en = {
  // Evidence: one message per step of the search (the status as the probe reported it), then the list.
  'path-mtu.step.reply': (p: StepParams) => `${p.bytes} B: reply${stepDetailEn(p)}`,
  'path-mtu.step.timeout': (p: StepParams) => `${p.bytes} B: timeout${stepDetailEn(p)}`,
  'path-mtu.step.icmp-error': (p: StepParams) => `${p.bytes} B: icmp-error${stepDetailEn(p)}`,
  'path-mtu.step.local-error': (p: StepParams) => `${p.bytes} B: local-error${stepDetailEn(p)}`,
  'path-mtu.steps': (p: { address: string; steps: readonly string[] }) => `DF probes to ${p.address}: ${p.steps.join('; ')}`,

  // Summaries.
  'path-mtu.no-target': () => 'No target given: give --target T to measure the path MTU to it.',
  'path-mtu.not-measured': (p: { target: string }) => `The path MTU to ${p.target} has not been measured: run the "Path MTU" step.`,
  'path-mtu.probe-failed': (p: { code: string }) => `The path MTU probe did not run (${p.code}).`,
  'path-mtu.nothing-passes': (p: { address: string }) =>
    `No DF probe to ${p.address} got a reply, at any size: nothing passes, so there is no MTU to measure — see tcp-vs-icmp.`,
  'path-mtu.black-hole': (p: { address: string; mtu: number; failingBytes: number | null }) =>
    `Path MTU black hole toward ${p.address}: packets of ${p.mtu} bytes pass, but ${p.failingBytes !== null ? `${p.failingBytes}-byte` : 'larger'} packets with DF set vanish without a "fragmentation needed" / "packet too big" error. Something on the path (often the tunnel, or a firewall dropping ICMP errors) has a smaller MTU and its error never reaches us, so TCP stalls once it sends full-size segments. Let those ICMP errors through, or clamp TCP's MSS.`,
  /** `mtu`: what the router reported (or the largest passing packet); `largest`/`pingSize`: what ping can still send. */
  'path-mtu.reported': (p: { address: string; mtu: number; localMtu: number | null; errorName: string | null; largest: number; pingSize: number }) =>
    `The path MTU toward ${p.address} is ${p.mtu} bytes, below this host's ${p.localMtu ?? 'interface MTU'}: a router on the way reports it${p.errorName ? ` (${p.errorName})` : ''} and the error comes back, so path MTU discovery works. Pings larger than ${p.largest} bytes (ping -s ${p.pingSize}) fail by design.`,
  'path-mtu.below-ipv6-minimum': (p: { address: string; mtu: number; minimum: number }) =>
    `Only ${p.mtu}-byte packets pass toward ${p.address}, below the ${p.minimum} bytes every IPv6 path must carry: a tunnel inside a tunnel, or a misconfigured MTU.`,
  'path-mtu.pass': (p: { address: string; mtu: number; localMtu: number | null }) =>
    `Packets of up to ${p.mtu} bytes with DF set reach ${p.address}${p.localMtu !== null ? ` (this host's interface MTU is ${p.localMtu})` : ''}: no black hole.`,
};

export const ja: typeof en = {
  'path-mtu.step.reply': (p) => `${p.bytes} B: 応答${stepDetailJa(p)}`,
  'path-mtu.step.timeout': (p) => `${p.bytes} B: タイムアウト${stepDetailJa(p)}`,
  'path-mtu.step.icmp-error': (p) => `${p.bytes} B: ICMP エラー${stepDetailJa(p)}`,
  'path-mtu.step.local-error': (p) => `${p.bytes} B: ローカルエラー${stepDetailJa(p)}`,
  'path-mtu.steps': (p) => `${p.address} への DF プローブ: ${p.steps.join('／')}`,

  'path-mtu.no-target': () => '対象が指定されていません。経路 MTU を測るには --target T を指定してください。',
  'path-mtu.not-measured': (p) => `${p.target} までの経路 MTU はまだ測定されていません。「経路 MTU」のステップを実行してください。`,
  'path-mtu.probe-failed': (p) => `経路 MTU のプローブを実行できませんでした（${p.code}）。`,
  'path-mtu.nothing-passes': (p) =>
    `${p.address} への DF プローブには、どのサイズでも応答がありませんでした。何も通らないので、測れる MTU がありません。tcp-vs-icmp を確認してください。`,
  'path-mtu.black-hole': (p) =>
    `${p.address} への経路に MTU ブラックホールがあります。${p.mtu} バイトのパケットは通りますが、DF ビットを立てた${p.failingBytes !== null ? ` ${p.failingBytes} バイトの` : 'それより大きな'}パケットは「fragmentation needed」や「packet too big」のエラーもなく消えます。経路上のどこか（多くはトンネル、または ICMP エラーを捨てるファイアウォール）の MTU が小さく、そのエラーがこちらに届かないため、TCP はフルサイズのセグメントを送った時点で止まります。その ICMP エラーを通すか、TCP の MSS をクランプしてください。`,
  'path-mtu.reported': (p) =>
    `${p.address} への経路 MTU は ${p.mtu} バイトで、このホストの${p.localMtu !== null ? ` MTU ${p.localMtu} ` : 'インターフェースの MTU '}より小さくなっています。途中のルーターがそれを通知し${p.errorName ? `（${p.errorName}）` : ''}、そのエラーが戻ってくるので、経路 MTU 探索は機能しています。${p.largest} バイトを超える ping（ping -s ${p.pingSize} より大きいサイズ）は仕様どおり失敗します。`,
  'path-mtu.below-ipv6-minimum': (p) =>
    `${p.address} へは ${p.mtu} バイトまでのパケットしか通りません。すべての IPv6 経路が運べなければならない ${p.minimum} バイトを下回っています。トンネルの中のトンネルか、MTU の設定ミスが考えられます。`,
  'path-mtu.pass': (p) =>
    `DF ビットを立てた ${p.mtu} バイトまでのパケットが ${p.address} に届きます${p.localMtu !== null ? `（このホストのインターフェース MTU は ${p.localMtu}）` : ''}。ブラックホールはありません。`,
};
