// cloudflared's `protocol` setting: the flag, TUNNEL_TRANSPORT_PROTOCOL and config.yml take
// the same values (connection/protocol.go): auto (the default: QUIC, falling back to HTTP/2),
// quic, http2. Older releases also knew h2mux, which no longer exists.

import type { Transport } from '../../../../contract/evidence';

export type TransportSetting = 'auto' | Transport;

/** The setting in `raw`, or null when it is none cloudflared accepts today. */
export function parseTransportSetting(raw: string): TransportSetting | null {
  const value = raw.trim().replace(/^["']|["']$/g, '').toLowerCase();
  return value === 'auto' || value === 'quic' || value === 'http2' ? value : null;
}
