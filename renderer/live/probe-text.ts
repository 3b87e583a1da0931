// How one probe reads in the table: numbers with their units, and for errors everything the
// decoder found — the message in iputils' wording, its name, who sent it, the MTU it carries
// and the packet it quotes — in the words of the wire, untranslated.

import type { ProbeEvent } from '../../native/index';

export function formatRtt(rttMs: number | null): string {
  if (rttMs === null) return '—';
  return `${rttMs < 10 ? rttMs.toFixed(3) : rttMs < 100 ? rttMs.toFixed(2) : rttMs.toFixed(1)} ms`;
}

export interface ErrorText {
  /** "Packet filtered (communication-administratively-prohibited, ICMP 3/13)". */
  headline: string;
  from: string | null;
  mtu: number | null;
  /** "dst 10.0.0.5 id 4711 seq 3 (28 bytes quoted)", or null when nothing was quoted. */
  quoted: string | null;
}

export function errorText(probe: ProbeEvent): ErrorText | null {
  const error = probe.error;
  if (error === null) return null;
  const code = error.icmpType !== null ? `, ICMP${error.family === 6 ? 'v6' : ''} ${error.icmpType}/${error.icmpCode ?? '-'}` : error.errno ? `, ${error.errno}` : '';
  const original = error.original;
  const quoted = original && original.quotedBytes > 0
    ? [`dst ${original.dst}`, original.id !== null ? `id ${original.id}` : null, original.seq !== null ? `seq ${original.seq}` : null, `(${original.quotedBytes} bytes quoted)`]
        .filter((part) => part !== null)
        .join(' ')
    : null;
  return { headline: `${error.message} (${error.name}${code})`, from: error.from, mtu: error.mtu, quoted };
}
