// The environment variables of a connector that decide its transport, metrics, logs and ICMP
// behaviour. An allowlist, never a blocklist: a connector's environment holds its secrets
// (TUNNEL_TOKEN, TUNNEL_CRED_CONTENTS, TWINGATE_ACCESS_TOKEN / _REFRESH_TOKEN,
// FIREZONE_TOKEN), and nothing that is not listed here can reach evidence or a report.

import type { ConnectorKind } from '../../../../contract/evidence';

/** Variable names per kind, from each program's flag definitions (`EnvVars` / clap `env`). */
export const RELEVANT_ENVIRONMENT: Readonly<Record<ConnectorKind, readonly string[]>> = {
  cloudflared: [
    'TUNNEL_TRANSPORT_PROTOCOL', // --protocol: auto | quic | http2
    'TUNNEL_POST_QUANTUM', // --post-quantum: QUIC only
    'TUNNEL_METRICS', // --metrics: where /metrics and /diag listen
    'TUNNEL_EDGE_IP_VERSION',
    'TUNNEL_EDGE_BIND_ADDRESS',
    'TUNNEL_DISABLE_QUIC_PMTU',
    'TUNNEL_ICMPV4_SRC', // --icmpv4-src: the ICMP proxy's source address
    'TUNNEL_ICMPV6_SRC',
    'TUNNEL_LOGFILE', // where the log lines we look for go
    'TUNNEL_LOGDIRECTORY',
    'TUNNEL_LOGLEVEL',
    'TUNNEL_LOG_OUTPUT', // text | json
    'TUNNEL_URL', // --url: a quick tunnel when no named tunnel is run
    'TUNNEL_HELLO_WORLD',
    'TUNNEL_REGION',
  ],
  twingate: ['TWINGATE_URL', 'TWINGATE_NETWORK', 'TWINGATE_LOG_LEVEL', 'TWINGATE_DNS', 'TWINGATE_METRICS_PORT', 'TWINGATE_LABEL_DEPLOYED_BY'],
  firezone: ['FIREZONE_API_URL', 'FIREZONE_NAME', 'FIREZONE_ID', 'RUST_LOG'],
};

/** Drops user:password from a URL-like value (TUNNEL_URL may name an origin with credentials). */
function withoutCredentials(value: string): string {
  return value.replace(/^([a-z][a-z0-9+.-]*:\/\/)[^/@\s]*@/i, '$1');
}

/** Picks `kind`'s variables from a NUL-separated /proc/PID/environ; of duplicates the first wins, as with getenv(3). */
export function selectEnvironment(kind: ConnectorKind, environ: string): Record<string, string> {
  const wanted = new Set(RELEVANT_ENVIRONMENT[kind]);
  const selected: Record<string, string> = {};
  for (const entry of environ.split('\0')) {
    const equals = entry.indexOf('=');
    if (equals <= 0) continue;
    const name = entry.slice(0, equals);
    if (!wanted.has(name) || name in selected) continue;
    selected[name] = withoutCredentials(entry.slice(equals + 1));
  }
  return selected;
}

/** The same allowlist over variables already split into name → value (an imported report's). */
export function filterEnvironment(kind: ConnectorKind, variables: Readonly<Record<string, string>>): Record<string, string> {
  const wanted = new Set(RELEVANT_ENVIRONMENT[kind]);
  const kept: Record<string, string> = {};
  for (const [name, value] of Object.entries(variables)) if (wanted.has(name)) kept[name] = withoutCredentials(value);
  return kept;
}
