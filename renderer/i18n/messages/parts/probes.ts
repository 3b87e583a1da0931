// How the checks describe probes: a tally, one probe, an ICMP error and what it quotes.
// Error names ("Packet filtered") are the decoder's RFC/iputils names and stay as they are.

import { plural } from './format';

export const en = {
  'probe.error': (p: { name: string; kind: string; from: string | null }) => `"${p.name}" (${p.kind})${p.from ? ` from ${p.from}` : ''}`,
  'probe.error-kind.local': (p: { errno: string | null }) => `local ${p.errno ?? 'error'}`,
  'probe.quote.nothing': () => 'quotes nothing we could decode',
  'probe.quote': (p: { dst: string; id: number | null; seq: number | null }) => {
    const ids = [p.id !== null ? `id ${p.id}` : null, p.seq !== null ? `seq ${p.seq}` : null].filter(Boolean).join(', ');
    return `quotes a probe to ${p.dst}${ids ? ` (${ids})` : ''}`;
  },
  'probe.reply': (p: { seq: number; from: string; rttMs: number | null }) => `seq ${p.seq}: reply from ${p.from}${p.rttMs !== null ? ` in ${p.rttMs.toFixed(2)} ms` : ''}`,
  'probe.timeout': (p: { seq: number }) => `seq ${p.seq}: no answer (timeout)`,
  'probe.other': (p: { seq: number; what: string }) => `seq ${p.seq}: ${p.what}`,
  'probe.tally': (p: { sent: number; replies: number; errors: number; timeouts: number; refused: number }) => {
    const parts = [plural(p.replies, 'reply', 'replies'), plural(p.errors, 'ICMP error', 'ICMP errors'), plural(p.timeouts, 'timeout', 'timeouts')];
    if (p.refused > 0) parts.push(`${p.refused} refused locally`);
    return `${p.sent} sent: ${parts.join(', ')}`;
  },
};

export const ja: typeof en = {
  'probe.error': (p) => `「${p.name}」（${p.kind}）${p.from ? `、送信元 ${p.from}` : ''}`,
  'probe.error-kind.local': (p) => `ローカルの ${p.errno ?? 'エラー'}`,
  'probe.quote.nothing': () => '引用部分を解読できませんでした',
  'probe.quote': (p) => {
    const ids = [p.id !== null ? `id ${p.id}` : null, p.seq !== null ? `seq ${p.seq}` : null].filter(Boolean).join('、');
    return `${p.dst} 宛てのプローブを引用しています${ids ? `（${ids}）` : ''}`;
  },
  'probe.reply': (p) => `seq ${p.seq}: ${p.from} から応答${p.rttMs !== null ? `（${p.rttMs.toFixed(2)} ms）` : ''}`,
  'probe.timeout': (p) => `seq ${p.seq}: 応答なし（タイムアウト）`,
  'probe.other': (p) => `seq ${p.seq}: ${p.what}`,
  'probe.tally': (p) => {
    const parts = [`応答 ${p.replies}`, `ICMP エラー ${p.errors}`, `タイムアウト ${p.timeouts}`];
    if (p.refused > 0) parts.push(`ローカルで拒否 ${p.refused}`);
    return `${p.sent} 件送信: ${parts.join('、')}`;
  },
};
