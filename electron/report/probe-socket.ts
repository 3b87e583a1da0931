// Which ICMP socket the report's probes went through (issue 10: "-v, the JSON summary and the
// report say which socket was used"). The JSON report carries it on every probe event; the
// human output, Markdown and HTML name it in one line, so a reader knows whether a verdict
// came from a ping socket (blind to untranslated errors), a raw socket (CAP_NET_RAW) or
// Windows' ICMP API.

import type { ProbeEvent, SocketKind } from '../../native/index';
import type { Locale } from '../../renderer/i18n/messages/locale';
import { say } from './say';

const ORDER: readonly SocketKind[] = ['ping', 'raw', 'icmp-api'];

/** The socket kinds the probes used, in a fixed order; empty when no event records one (older reports). */
export function socketsUsed(probes: readonly ProbeEvent[]): SocketKind[] {
  const seen = new Set<SocketKind>();
  for (const probe of probes) if (probe.socket) seen.add(probe.socket);
  return ORDER.filter((kind) => seen.has(kind));
}

/** "raw socket (CAP_NET_RAW)" in `lang`; null when no probe recorded its socket. */
export function describeSocketsUsed(probes: readonly ProbeEvent[], lang: Locale): string | null {
  const kinds = socketsUsed(probes);
  if (kinds.length === 0) return null;
  return kinds.map((kind) => say(lang, `raw-socket.kind.${kind}`)).join(lang === 'ja' ? '、' : ', ');
}
