// What cloudflared's metrics server serves, in its documented shapes, for a tunnel that
// connected over QUIC and one that runs over HTTP/2 (QUIC never tried). See diag-responses.ts.

import type { Route } from './loopback-server';

const CONNECTOR_ID = '0a6f2b1e-3c4d-4e5f-8a9b-0c1d2e3f4a5b';
const TUNNEL_ID = '6ff42ae2-765d-4adf-8112-31c55c1551ef';

const COMMON_METRICS = [
  '# HELP build_info Build and version information',
  '# TYPE build_info gauge',
  'build_info{goversion="go1.22.5",revision="2024-09-19-1117 UTC",type="",version="2024.9.1"} 1',
  '# HELP cloudflared_tunnel_ha_connections Number of active ha connections',
  '# TYPE cloudflared_tunnel_ha_connections gauge',
  'cloudflared_tunnel_ha_connections 4',
  '# HELP cloudflared_tunnel_server_locations Where each tunnel is connected to. 1 means current location, 0 means previous locations.',
  '# TYPE cloudflared_tunnel_server_locations gauge',
  'cloudflared_tunnel_server_locations{connection_id="0",edge_location="nrt01"} 1',
  'cloudflared_tunnel_server_locations{connection_id="1",edge_location="kix01"} 1',
  '# HELP go_goroutines Number of goroutines that currently exist.',
  '# TYPE go_goroutines gauge',
  'go_goroutines 97',
];

function icmp(requests: number, replies: number): string[] {
  return [
    '# HELP cloudflared_icmp_total_replies Total count of ICMP replies that have been proxied from any origin',
    '# TYPE cloudflared_icmp_total_replies counter',
    `cloudflared_icmp_total_replies ${replies}`,
    '# HELP cloudflared_icmp_total_requests Total count of ICMP requests that have been proxied to any origin',
    '# TYPE cloudflared_icmp_total_requests counter',
    `cloudflared_icmp_total_requests ${requests}`,
  ];
}

const QUIC_METRICS = [
  '# HELP quic_client_closed_connections Number of connections that has been closed',
  '# TYPE quic_client_closed_connections counter',
  'quic_client_closed_connections 0',
  '# HELP quic_client_latest_rtt Latest RTT measured on a connection',
  '# TYPE quic_client_latest_rtt gauge',
  'quic_client_latest_rtt{conn_index="0"} 12',
  'quic_client_latest_rtt{conn_index="1"} 14',
  '# HELP quic_client_total_connections Number of connections initiated',
  '# TYPE quic_client_total_connections counter',
  'quic_client_total_connections 4',
];

export const METRICS_QUIC = [...COMMON_METRICS, ...icmp(12, 11), ...QUIC_METRICS, ''].join('\n');
export const METRICS_HTTP2 = [...COMMON_METRICS, ...icmp(0, 0), ''].join('\n');

/** Protocol is an integer (1 = quic); `omitempty` drops index 0 and protocol 0 (http2). */
export function diagTunnel(transport: 'quic' | 'http2'): string {
  const protocol = transport === 'quic' ? { protocol: 1 } : {};
  return JSON.stringify({
    tunnelID: TUNNEL_ID,
    connectorID: CONNECTOR_ID,
    connections: [
      { isConnected: true, ...protocol, edgeAddress: '198.41.192.227' },
      { isConnected: true, ...protocol, edgeAddress: '198.41.200.13', index: 1 },
      { edgeAddress: '198.41.192.7', index: 2 },
    ],
    icmp_sources: ['192.168.1.10', 'fe80::1'],
  });
}

export function diagConfiguration(flags: Record<string, string>): string {
  return JSON.stringify({ uid: '0', ...flags });
}

export const READY = JSON.stringify({ status: 200, readyConnections: 2, connectorId: CONNECTOR_ID });

/** A complete cloudflared metrics server. */
export function cloudflaredRoutes(transport: 'quic' | 'http2', options: { flags?: Record<string, string>; quickTunnelHostname?: string } = {}): Record<string, Route> {
  return {
    '/metrics': { status: 200, body: transport === 'quic' ? METRICS_QUIC : METRICS_HTTP2, contentType: 'text/plain; version=0.0.4; charset=utf-8; escaping=underscores' },
    '/ready': { status: 200, body: READY },
    '/diag/tunnel': { status: 200, body: diagTunnel(transport) },
    '/diag/configuration': { status: 200, body: diagConfiguration(options.flags ?? { protocol: transport }) },
    '/quicktunnel': { status: 200, body: JSON.stringify({ hostname: options.quickTunnelHostname ?? '' }) },
  };
}
