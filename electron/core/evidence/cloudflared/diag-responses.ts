// The JSON cloudflared's metrics server answers on its diagnostic endpoints (2024.12 and
// later; older releases answer 404). Shapes from cloudflared's source:
//   /diag/tunnel         diagnostic/handlers.go TunnelState: {tunnelID, connectorID,
//                        connections: [{isConnected, protocol, edgeAddress, index}], icmp_sources}
//                        — protocol is connection.Protocol, an integer: 0 = http2, 1 = quic,
//                        and `omitempty` drops 0, so a connected entry without it is HTTP/2
//   /diag/configuration  a flat {flag: value} map of the non-secret flags set, plus "uid"
//   /ready               metrics/readiness.go {status, readyConnections, connectorId}
//   /quicktunnel         metrics/metrics.go {"hostname": "…"} ("" for a named tunnel)

import type { Transport } from '../../../../contract/evidence';

export interface DiagConnection {
  index: number;
  isConnected: boolean;
  transport: Transport | null;
  edgeAddress: string | null;
  /** The entry as served, for quoting. */
  raw: string;
}

export interface DiagTunnel {
  tunnelId: string | null;
  connections: DiagConnection[];
  icmpSources: string[];
}

export interface ReadyState {
  status: number;
  readyConnections: number;
}

function parseObject(body: string): Record<string, unknown> | null {
  try {
    const parsed: unknown = JSON.parse(body);
    return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

function transportOf(protocol: unknown, isConnected: boolean): Transport | null {
  if (protocol === 1 || protocol === 'quic') return 'quic';
  if (protocol === 0 || protocol === 'http2') return 'http2';
  // Omitted: the zero value, HTTP/2 — but only an entry that connected ever had a protocol.
  return protocol === undefined && isConnected ? 'http2' : null;
}

export function parseDiagTunnel(body: string): DiagTunnel | null {
  const data = parseObject(body);
  if (!data) return null;
  const list = Array.isArray(data['connections']) ? (data['connections'] as unknown[]) : [];
  const connections: DiagConnection[] = [];
  for (const entry of list) {
    if (typeof entry !== 'object' || entry === null) continue;
    const fields = entry as Record<string, unknown>;
    const isConnected = fields['isConnected'] === true;
    connections.push({
      index: typeof fields['index'] === 'number' ? fields['index'] : 0,
      isConnected,
      transport: transportOf(fields['protocol'], isConnected),
      edgeAddress: typeof fields['edgeAddress'] === 'string' ? fields['edgeAddress'] : null,
      raw: JSON.stringify(entry),
    });
  }
  const sources = Array.isArray(data['icmp_sources']) ? data['icmp_sources'].filter((s): s is string => typeof s === 'string') : [];
  return { tunnelId: typeof data['tunnelID'] === 'string' ? data['tunnelID'] : null, connections, icmpSources: sources };
}

export function parseDiagConfiguration(body: string): Record<string, string> | null {
  const data = parseObject(body);
  if (!data) return null;
  const flags: Record<string, string> = {};
  for (const [key, value] of Object.entries(data)) {
    if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') flags[key] = String(value);
  }
  return flags;
}

export function parseReady(body: string): ReadyState | null {
  const data = parseObject(body);
  if (!data || typeof data['status'] !== 'number') return null;
  return { status: data['status'], readyConnections: typeof data['readyConnections'] === 'number' ? data['readyConnections'] : 0 };
}

/** `hostname` is null for a named tunnel (cloudflared serves ""); the result is null for other JSON. */
export function parseQuickTunnel(body: string): { hostname: string | null } | null {
  const data = parseObject(body);
  if (!data || typeof data['hostname'] !== 'string') return null;
  const hostname = data['hostname'].trim();
  return { hostname: hostname === '' ? null : hostname };
}
