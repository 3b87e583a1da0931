// What icmp-error-transparency says: whether ICMP errors drawn by our probes come back through
// the tunnel, quoting our own probe. Error names and quotes come in as messages of
// parts/probes.ts; `firezone` is the optional note of 'icmp-error-transparency.firezone-note'.

import { listJa } from './format';

/** Why swallowed errors matter, said the same way in each failing summary. */
const SILENT_LOSS_EN =
  'Failures then look like silent loss: clients retransmit until they time out, and happy-eyeballs stalls on the address family that fails silently instead of switching at once.';
const SILENT_LOSS_JA =
  'そのため失敗は無言のパケットロスに見えます。クライアントはタイムアウトするまで再送を続け、happy-eyeballs は黙って失敗するアドレスファミリーで止まり、すぐには切り替えません。';
const BETTER_TARGET_EN = 'give --unreachable-target an address the tunnel routes but no host owns';
const BETTER_TARGET_JA = '--unreachable-target には、トンネルがルーティングするもののどのホストにも割り当てられていないアドレスを指定してください。';

/** The Firezone note, after a sentence: " 100.96.0.12 is …" in English, appended as is in Japanese. */
const noteEn = (note: string | null): string => (note ? ` ${note}` : '');
const noteJa = (note: string | null): string => note ?? '';

export const en = {
  /** How the errors were provoked, as a noun phrase. */
  'icmp-error-transparency.method.ttl': (p: { address: string }) => `TTL-limited probes toward ${p.address}`,
  'icmp-error-transparency.method.unreachable-address': (p: { address: string }) => `probes to ${p.address}, an address that should be unreachable`,
  'icmp-error-transparency.firezone-note': (p: { addresses: readonly string[]; ranges: readonly string[] }) => {
    const one = p.addresses.length === 1;
    return `${p.addresses.join(', ')} ${one ? 'is a Firezone DNS-resource address' : 'are Firezone DNS-resource addresses'} (${p.ranges.join(', ')}): the gateway NATs ${one ? 'it' : 'them'}, and gateways before firezone/firezone#7398 (December 2024) dropped ICMP errors for such addresses.`;
  },

  // Evidence.
  'icmp-error-transparency.tally': (p: { method: string; tally: string }) => `${p.method}: ${p.tally}`,
  'icmp-error-transparency.error': (p: { seq: number; error: string; quote: string }) => `seq ${p.seq}: ${p.error}, ${p.quote}`,
  'icmp-error-transparency.firezone-range': (p: { address: string; range: string }) => `${p.address} is inside ${p.range}: the gateway NATs it`,

  // Summaries.
  'icmp-error-transparency.no-target': () =>
    'No target given: give --target T (and, ideally, --unreachable-target U: an address routed through the tunnel where no host answers).',
  'icmp-error-transparency.not-run': (p: { firezone: string | null }) =>
    `The error-transparency probe has not run: run the "ICMP errors come back" step (with --unreachable-target U for the clearest answer).${noteEn(p.firezone)}`,
  'icmp-error-transparency.probe-failed': (p: { code: string; firezone: string | null }) => `The error-transparency probe did not run (${p.code}).${noteEn(p.firezone)}`,
  'icmp-error-transparency.errors-return': (p: { error: string | null; firezone: string | null }) =>
    `ICMP errors come back and quote our probe${p.error ? ` (${p.error})` : ''}: unreachable destinations fail at once and path MTU discovery can work.${noteEn(p.firezone)}`,
  'icmp-error-transparency.quote-untranslated': (p: { error: string | null; quote: string | null; address: string; firezone: string | null }) =>
    `ICMP errors come back but do not quote our probe${p.error ? ` (${p.error}, ${p.quote ?? ''}, not our probe to ${p.address})` : ''}: a NAT rewrote the probe and did not translate the quoted copy back, so the sender's kernel cannot match the error to its socket and applications wait for timeouts instead.${noteEn(p.firezone)}`,
  'icmp-error-transparency.ttl-swallowed': (p: { address: string; timeouts: number; reachedTarget: boolean; firezone: string | null }) =>
    `TTL-limited probes toward ${p.address} drew no "time exceeded": ${p.timeouts} probe(s) whose TTL ran out on the way got no answer${p.reachedTarget ? ', then a larger TTL reached the target itself' : ''}. A NAT, tunnel or firewall on the way swallows ICMP errors (or cannot translate them back), so failures look like silent loss: clients retransmit until they time out, and happy-eyeballs stalls on the address family that fails silently instead of switching at once.${noteEn(p.firezone)}`,
  'icmp-error-transparency.errors-swallowed': (p: { method: string; firezone: string | null }) =>
    `No ICMP error came back for ${p.method}: a NAT, tunnel or firewall on the way swallows ICMP errors (or cannot translate them back). ${SILENT_LOSS_EN}${noteEn(p.firezone)}`,
  'icmp-error-transparency.unreachable-answered': (p: { address: string; firezone: string | null }) =>
    `No error was drawn: ${p.address} answered, so it is not unreachable: ${BETTER_TARGET_EN}.${noteEn(p.firezone)}`,
  'icmp-error-transparency.ttl-reached-target': (p: { address: string; firezone: string | null }) =>
    `No error was drawn: the TTL-limited probes reached ${p.address} itself, so no router on the way had to answer: ${BETTER_TARGET_EN}.${noteEn(p.firezone)}`,
  'icmp-error-transparency.refused-locally': (p: { tally: string; firezone: string | null }) =>
    `The probes were refused on this host before reaching the network (${p.tally}): fix local-icmp-socket first.${noteEn(p.firezone)}`,
};

export const ja: typeof en = {
  'icmp-error-transparency.method.ttl': (p) => `${p.address} に向けた TTL を絞ったプローブ`,
  'icmp-error-transparency.method.unreachable-address': (p) => `到達できないはずのアドレス ${p.address} へのプローブ`,
  'icmp-error-transparency.firezone-note': (p) =>
    `${listJa(p.addresses)} は Firezone の DNS リソース用アドレス（${listJa(p.ranges)}）で、ゲートウェイが NAT します。firezone/firezone#7398（2024 年 12 月）より前のゲートウェイは、こうしたアドレス宛ての ICMP エラーを破棄していました。`,

  'icmp-error-transparency.tally': (p) => `${p.method}の結果: ${p.tally}`,
  'icmp-error-transparency.error': (p) => `seq ${p.seq}: エラー${p.error}。${p.quote}`,
  'icmp-error-transparency.firezone-range': (p) => `${p.address} は ${p.range} の範囲内です。ゲートウェイが NAT します`,

  'icmp-error-transparency.no-target': () =>
    '対象が指定されていません。--target T を指定してください（できれば --unreachable-target U も。トンネル経由でルーティングされ、応答するホストがいないアドレスです）。',
  'icmp-error-transparency.not-run': (p) =>
    `ICMP エラー返送のプローブはまだ実行されていません。「ICMP エラーが戻ってくるか」のステップを実行してください（--unreachable-target U を指定すると最もはっきり判定できます）。${noteJa(p.firezone)}`,
  'icmp-error-transparency.probe-failed': (p) => `ICMP エラー返送のプローブを実行できませんでした（${p.code}）。${noteJa(p.firezone)}`,
  'icmp-error-transparency.errors-return': (p) =>
    `ICMP エラーが戻ってきて、こちらのプローブを正しく引用しています${p.error ? `（${p.error}）` : ''}。到達できない宛先へはすぐに失敗が返り、経路 MTU 探索も機能します。${noteJa(p.firezone)}`,
  'icmp-error-transparency.quote-untranslated': (p) =>
    `${p.error ? `ICMP エラーは戻ってきますが、引用されているのは ${p.address} 宛てのこちらのプローブではありません（${p.error}。${p.quote ?? ''}）` : 'ICMP エラーは戻ってきますが、こちらのプローブを引用していません'}。NAT がプローブを書き換えたのに、エラーに引用されたコピーを元に戻していません。そのため送信側のカーネルはエラーを自分のソケットに結び付けられず、アプリケーションはタイムアウトまで待たされます。${noteJa(p.firezone)}`,
  'icmp-error-transparency.ttl-swallowed': (p) =>
    `${p.address} に向けた TTL を絞ったプローブに「time exceeded」が返ってきませんでした。途中で TTL が尽きたプローブ ${p.timeouts} 件に応答がありません${p.reachedTarget ? '（TTL を大きくしたプローブは対象そのものに届いています）' : ''}。経路上の NAT、トンネル、ファイアウォールのどれかが ICMP エラーを捨てています（または変換して戻せていません）。${SILENT_LOSS_JA}${noteJa(p.firezone)}`,
  'icmp-error-transparency.errors-swallowed': (p) =>
    `${p.method}に対して、ICMP エラーが 1 件も戻ってきませんでした。経路上の NAT、トンネル、ファイアウォールのどれかが ICMP エラーを捨てています（または変換して戻せていません）。${SILENT_LOSS_JA}${noteJa(p.firezone)}`,
  'icmp-error-transparency.unreachable-answered': (p) =>
    `エラーを誘発できませんでした。${p.address} が応答したので、到達できないアドレスではありません。${BETTER_TARGET_JA}${noteJa(p.firezone)}`,
  'icmp-error-transparency.ttl-reached-target': (p) =>
    `エラーを誘発できませんでした。TTL を絞ったプローブが ${p.address} そのものに届いたため、途中のルーターが応答する必要がありませんでした。${BETTER_TARGET_JA}${noteJa(p.firezone)}`,
  'icmp-error-transparency.refused-locally': (p) =>
    `プローブはネットワークに出る前に、このホストで拒否されました（${p.tally}）。先に local-icmp-socket を直してください。${noteJa(p.firezone)}`,
};
