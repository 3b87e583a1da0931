// icmp-doctor trace, the Path step and errors along the path (issue 11). Error names
// ("communication-administratively-prohibited") are the decoder's and stay as they are;
// `firezone` is the optional note of 'icmp-error-transparency.firezone-note'.

import { ms } from './format';

const noteEn = (note: string | null): string => (note ? ` ${note}` : '');
const noteJa = (note: string | null): string => note ?? '';

/** "hop 3" / "hops 3–5". */
const hopsEn = (from: number, to: number): string => (from === to ? `hop ${from}` : `hops ${from}–${to}`);
const hopsJa = (from: number, to: number): string => (from === to ? `ホップ ${from}` : `ホップ ${from}〜${to}`);

export const en = {
  // Sources and gathering.
  'trace.source': () => 'trace (echo with TTL 1, 2, 3…) from this host',
  'trace.source.to': (p: { target: string }) => `trace (echo with TTL 1, 2, 3…) from this host to ${p.target}`,
  'trace.gather.cancelled': (p: { hops: number }) => `The trace was cancelled after ${p.hops} hop(s).`,
  'trace.gather.engine-stopped': (p: { detail: string }) => `The probe engine stopped during the trace: ${p.detail}`,

  // How a trace ended.
  'trace.stop.target': (p: { ttl: number; address: string }) => `${p.address} answered at hop ${p.ttl}`,
  'trace.stop.error': (p: { ttl: number; from: string; error: string }) => `hop ${p.ttl} (${p.from}) refused the probes with "${p.error}"`,
  'trace.stop.silent-run': (p: { from: number; to: number }) => `nothing answered from ${hopsEn(p.from, p.to)}, so the trace stopped there`,
  'trace.stop.max-hops': (p: { maxHops: number }) => `the target did not answer within ${p.maxHops} hops`,
  'trace.stop.cancelled': (p: { hops: number }) => `the trace was cancelled after ${p.hops} hop(s)`,

  // One hop, as evidence and in the step's live view.
  'trace.hop.time-exceeded': (p: { ttl: number; address: string; received: number; sent: number; avgMs: number | null }) =>
    `hop ${p.ttl}: ${p.address} answered "time exceeded" to ${p.received} of ${p.sent} probes${p.avgMs !== null ? ` (avg ${ms(p.avgMs)})` : ''}`,
  'trace.hop.reply': (p: { ttl: number; address: string; received: number; sent: number; avgMs: number | null }) =>
    `hop ${p.ttl}: the target ${p.address} replied to ${p.received} of ${p.sent} probes${p.avgMs !== null ? ` (avg ${ms(p.avgMs)})` : ''}`,
  'trace.hop.icmp-error': (p: { ttl: number; address: string; error: string; mtu: number | null }) =>
    `hop ${p.ttl}: ${p.address} refused the probes with "${p.error}"${p.mtu !== null ? ` (MTU ${p.mtu})` : ''}`,
  'trace.hop.timeout': (p: { ttl: number; sent: number }) => `hop ${p.ttl}: no answer to ${p.sent} probes`,

  // The Path step.
  'step.path.title': () => 'The path, hop by hop',
  'step.path.why': () =>
    'Where does the ping die? Echo probes with TTL 1, 2, 3… make every router on the way answer, so we see how far the probes get, which hop refuses them, and whether the errors of every hop come back.',
  'step.path.result': (p: { hops: number; stop: string }) => `${p.hops} hop(s): ${p.stop}.`,

  // icmp-error-transparency from the trace.
  'trace.transparency.path': (p: { hops: readonly string[] }) => `the path: ${p.hops.join('; ')}`,
  'trace.transparency.returns': (p: { lastErrorHop: number; targetHop: number; address: string; firezone: string | null }) =>
    `ICMP errors come back from the whole path: every router up to hop ${p.lastErrorHop} answered "time exceeded" quoting our probe, and ${p.address} replied at hop ${p.targetHop}. Unreachable destinations fail at once and path MTU discovery can work.${noteEn(p.firezone)}`,
  'trace.transparency.swallowed': (p: { ttl: number; from: string; silentFrom: number; silentTo: number; targetHop: number; address: string; firezone: string | null }) =>
    `Hop ${p.ttl}, ${p.from}, swallows errors: it answered "time exceeded", but nothing came back from ${hopsEn(p.silentFrom, p.silentTo)} behind it, although the probes pass there (${p.address} replied at hop ${p.targetHop}). Errors from beyond hop ${p.ttl} are dropped on the way back, so failures there look like silent loss: clients retransmit until they time out. Allow ICMP errors (time-exceeded, destination-unreachable, packet-too-big) through hop ${p.ttl} and the tunnel after it.${noteEn(p.firezone)}`,
  'trace.transparency.none-return': (p: { silentTo: number; targetHop: number; address: string; firezone: string | null }) =>
    `No hop on the way returned an error: ${hopsEn(1, p.silentTo)} stayed silent although ${p.address} replied at hop ${p.targetHop}. Something right after this host (a local firewall, the tunnel's own interface) swallows ICMP errors, so failures look like silent loss. Allow ICMP errors in.${noteEn(p.firezone)}`,
  'trace.transparency.first-hop-only': (p: { address: string; firezone: string | null }) =>
    `Errors come back from ${p.address}, the first hop that answered; the hops after it were not traced, so this says nothing about the rest of the path. Run the Path step (or icmp-doctor trace) to test every hop.${noteEn(p.firezone)}`,

  // The path in reports and the CLI check output.
  'trace.report.title': () => 'Path',
  'trace.report.summary': (p: { target: string; stop: string }) => `Trace to ${p.target}: ${p.stop}.`,
  'trace.report.not-run': () => 'The path was not traced.',
  'trace.report.failed': (p: { reason: string }) => `The path could not be traced: ${p.reason}`,
  'trace.report.chart': (p: { target: string }) => `Loss and RTT per hop toward ${p.target}`,
  'trace.report.column.hop': () => 'Hop',
  'trace.report.column.host': () => 'Host',
  'trace.report.column.loss': () => 'Loss%',
  'trace.report.column.sent': () => 'Snt',
  'trace.report.column.last': () => 'Last',
  'trace.report.column.avg': () => 'Avg',
  'trace.report.column.best': () => 'Best',
  'trace.report.column.worst': () => 'Wrst',
  'trace.report.column.note': () => 'Note',
  'trace.report.no-answer': () => 'no answer',
  'trace.report.mtu': (p: { mtu: number }) => `MTU ${p.mtu}`,

  // The tunnel's far end: the hop where the route to the target leaves this machine's tunnel interface.
  /** A hop's name inside a verdict ("Hop 3, <this>, swallows errors"). */
  'trace.far-end.named': (p: { address: string; device: string; client: string }) => `${p.address}, the tunnel's far end (entered through ${p.device}, ${p.client})`,
  /** A cited hop (`hop`, a trace.hop.* message) that is the far end. */
  'trace.far-end.hop': (p: { hop: string; device: string; client: string }) => `${p.hop} — the tunnel's far end (entered through ${p.device}, ${p.client})`,
  /** The trace's human output, after the outcome. */
  'trace.far-end.line': (p: { ttl: number; address: string; device: string; client: string }) =>
    `Hop ${p.ttl} (${p.address}) is the tunnel's far end: the route to the target enters the tunnel through ${p.device} (${p.client}).`,
};

export const ja: typeof en = {
  'trace.source': () => 'このホストからの trace（TTL を 1, 2, 3… と増やす echo）',
  'trace.source.to': (p) => `このホストから ${p.target} への trace（TTL を 1, 2, 3… と増やす echo）`,
  'trace.gather.cancelled': (p) => `trace は ${p.hops} ホップ目までで中止されました。`,
  'trace.gather.engine-stopped': (p) => `trace の途中でプローブエンジンが停止しました: ${p.detail}`,

  'trace.stop.target': (p) => `ホップ ${p.ttl} で ${p.address} が応答しました`,
  'trace.stop.error': (p) => `ホップ ${p.ttl}（${p.from}）がプローブを「${p.error}」で拒否しました`,
  'trace.stop.silent-run': (p) => `${hopsJa(p.from, p.to)}から応答がなかったため、そこで trace を止めました`,
  'trace.stop.max-hops': (p) => `${p.maxHops} ホップ以内に対象から応答がありませんでした`,
  'trace.stop.cancelled': (p) => `trace は ${p.hops} ホップ目までで中止されました`,

  'trace.hop.time-exceeded': (p) =>
    `ホップ ${p.ttl}: ${p.address} がプローブ ${p.sent} 件中 ${p.received} 件に「time exceeded」を返しました${p.avgMs !== null ? `（平均 ${ms(p.avgMs)}）` : ''}`,
  'trace.hop.reply': (p) => `ホップ ${p.ttl}: 対象 ${p.address} がプローブ ${p.sent} 件中 ${p.received} 件に応答しました${p.avgMs !== null ? `（平均 ${ms(p.avgMs)}）` : ''}`,
  'trace.hop.icmp-error': (p) => `ホップ ${p.ttl}: ${p.address} がプローブを「${p.error}」で拒否しました${p.mtu !== null ? `（MTU ${p.mtu}）` : ''}`,
  'trace.hop.timeout': (p) => `ホップ ${p.ttl}: プローブ ${p.sent} 件に応答なし`,

  'step.path.title': () => '経路（ホップごと）',
  'step.path.why': () =>
    'ping はどこで途切れているのでしょうか。TTL を 1, 2, 3… と増やした echo で経路上のルーターそれぞれに応答させ、プローブがどこまで届くか、どのホップが拒否するか、各ホップのエラーが戻ってくるかを確かめます。',
  'step.path.result': (p) => `${p.hops} ホップ: ${p.stop}。`,

  'trace.transparency.path': (p) => `経路: ${p.hops.join('、')}`,
  'trace.transparency.returns': (p) =>
    `経路全体から ICMP エラーが戻ってきます。ホップ ${p.lastErrorHop} までのすべてのルーターがこちらのプローブを引用した「time exceeded」を返し、ホップ ${p.targetHop} で ${p.address} が応答しました。到達できない宛先へはすぐに失敗が返り、経路 MTU 探索も機能します。${noteJa(p.firezone)}`,
  'trace.transparency.swallowed': (p) =>
    `ホップ ${p.ttl}（${p.from}）がエラーを捨てています。このホップは「time exceeded」を返しましたが、その先の${hopsJa(p.silentFrom, p.silentTo)}からは何も戻ってきません。プローブ自体はそこを通過しています（ホップ ${p.targetHop} で ${p.address} が応答）。ホップ ${p.ttl} より先で生じたエラーは戻る途中で捨てられるため、そこでの失敗は無言のパケットロスに見え、クライアントはタイムアウトまで再送を続けます。ホップ ${p.ttl} とその先のトンネルで ICMP エラー（time-exceeded、destination-unreachable、packet-too-big）を通してください。${noteJa(p.firezone)}`,
  'trace.transparency.none-return': (p) =>
    `途中のホップからエラーが 1 件も戻ってきません。${hopsJa(1, p.silentTo)}は無応答でしたが、ホップ ${p.targetHop} で ${p.address} は応答しています。このホストのすぐ先（ローカルのファイアウォールやトンネル自身のインターフェース）が ICMP エラーを捨てているため、失敗は無言のパケットロスに見えます。ICMP エラーの受信を許可してください。${noteJa(p.firezone)}`,
  'trace.transparency.first-hop-only': (p) =>
    `最初に応答したホップ（${p.address}）からはエラーが戻ってきます。ただしその先のホップは調べていないため、経路の残りについては何も言えません。すべてのホップを調べるには「経路」のステップ（または icmp-doctor trace）を実行してください。${noteJa(p.firezone)}`,

  'trace.report.title': () => '経路',
  'trace.report.summary': (p) => `${p.target} への trace: ${p.stop}。`,
  'trace.report.not-run': () => '経路は調べていません。',
  'trace.report.failed': (p) => `経路を調べられませんでした: ${p.reason}`,
  'trace.report.chart': (p) => `${p.target} へのホップごとの損失率と RTT`,
  'trace.report.column.hop': () => 'ホップ',
  'trace.report.column.host': () => 'ホスト',
  'trace.report.column.loss': () => '損失%',
  'trace.report.column.sent': () => '送信',
  'trace.report.column.last': () => '最新',
  'trace.report.column.avg': () => '平均',
  'trace.report.column.best': () => '最良',
  'trace.report.column.worst': () => '最悪',
  'trace.report.column.note': () => '備考',
  'trace.report.no-answer': () => '応答なし',
  'trace.report.mtu': (p) => `MTU は ${p.mtu}`,

  'trace.far-end.named': (p) => `${p.address}、${p.client} の ${p.device} から入るトンネルの出口`,
  'trace.far-end.hop': (p) => `${p.hop}（${p.client} の ${p.device} から入るトンネルの出口）`,
  'trace.far-end.line': (p) => `ホップ ${p.ttl}（${p.address}）がトンネルの出口です。対象への経路は ${p.client} の ${p.device} からトンネルに入ります。`,
};
