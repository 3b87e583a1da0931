// cloudflared log lines as cloudflared writes them, for tests: zerolog's console format
// (RFC 3339 time, three-letter level, message, then fields sorted by name with `error` first,
// values Go-quoted when they hold spaces or quotes) and its JSON format (--output json and
// --logfile: level, fields in the order logged, time, message). Messages are cloudflared's own
// (see log-scanner.ts for where each comes from).

export type Level = 'debug' | 'info' | 'warn' | 'error';
export type Fields = Record<string, string | number>;

const CONSOLE_LEVEL: Record<Level, string> = { debug: 'DBG', info: 'INF', warn: 'WRN', error: 'ERR' };

function needsQuote(value: string): boolean {
  return /[^\x21-\x7e]|["\\]/.test(value) || value === '';
}

export function consoleLine(time: string, level: Level, message: string, fields: Fields = {}): string {
  const names = Object.keys(fields).sort();
  const ordered = names.includes('error') ? ['error', ...names.filter((name) => name !== 'error')] : names;
  const rendered = ordered.map((name) => {
    const value = fields[name]!;
    return `${name}=${typeof value === 'string' && needsQuote(value) ? JSON.stringify(value) : String(value)}`;
  });
  return [time, CONSOLE_LEVEL[level], message, ...rendered].join(' ');
}

export function jsonLine(time: string, level: Level, message: string, fields: Fields = {}): string {
  return JSON.stringify({ level, ...fields, time, message });
}

export const TUNNEL_ID = '6ff42ae2-765d-4adf-8112-31c55c1551ef';
export const GID_WARNING =
  'The user running cloudflared process has a GID (group ID) that is not within ping_group_range. You might need to add that user to a group within that range, or instead update the range to encompass a group the user is already in by modifying /proc/sys/net/ipv4/ping_group_range. Otherwise cloudflared will not be able to ping this network';
export const QUIC_BLOCKED_WARNING =
  'If this log occurs persistently, and cloudflared is unable to connect to Cloudflare Network with `quic` protocol, then most likely your machine/network is getting its egress UDP to port 7844 (or others) blocked or dropped. Make sure to allow egress connectivity as per https://developers.cloudflare.com/cloudflare-one/connections/connect-apps/configuration/ports-and-ips/\nIf you are using private routing to this Tunnel, then ICMP, UDP (and Private DNS Resolution) will not work unless your cloudflared can connect with Cloudflare Network with `quic`.';

export interface StartupScenario {
  /** Logged as TUNNEL_TRANSPORT_PROTOCOL in the startup environment line. */
  envProtocol?: string;
  /** egid and ping_group_range when the ICMP proxy cannot open its socket. */
  gidOutside?: { gid: number; low: number; high: number };
  /** QUIC times out and cloudflared falls back to HTTP/2 before registering. */
  fallback?: boolean;
  /** Protocol the connections register with (default quic, or http2 after a fallback). */
  registerWith?: 'quic' | 'http2';
  connections?: number;
  metricsPort?: number;
  minute?: number;
}

/** One start of a named tunnel, as a list of log entries. */
export function namedTunnelRun(scenario: StartupScenario = {}): Array<{ level: Level; message: string; fields: Fields }> {
  const entries: Array<{ level: Level; message: string; fields: Fields }> = [];
  const add = (level: Level, message: string, fields: Fields = {}): void => {
    entries.push({ level, message, fields });
  };
  add('info', 'Starting tunnel', { tunnelID: TUNNEL_ID });
  add('info', 'Version 2024.9.1 (Checksum 9f1c0ab2d8e74a4b2b2b45f2d7c0e3b8c46e24cbb2f3c6b0a7d1e9c8f5a4b3c2)');
  add('info', 'GOOS: linux, GOVersion: go1.22.5, GoArch: arm');
  add('info', 'Settings: map[no-autoupdate:true token:*****]');
  if (scenario.envProtocol) add('info', `Environmental variables map[TUNNEL_TOKEN:***** TUNNEL_TRANSPORT_PROTOCOL:${scenario.envProtocol}]`);
  add('info', 'Generated Connector ID: 0a6f2b1e-3c4d-4e5f-8a9b-0c1d2e3f4a5b');
  add('info', 'Initial protocol quic');
  add('info', 'ICMP proxy will use 192.168.1.10 as source for IPv4');
  add('info', 'ICMP proxy will use fe80::1 in zone eth0 as source for IPv6');
  if (scenario.gidOutside) {
    const { gid, low, high } = scenario.gidOutside;
    const error = `Group ID ${gid} is not between ping group ${low} to ${high}`;
    add('warn', GID_WARNING, { error });
    add('warn', 'ICMP proxy feature is disabled', { error: `cannot create ICMPv4 proxy: ${error} nor ICMPv6 proxy: socket: permission denied` });
  }
  add('info', `Starting metrics server on 127.0.0.1:${scenario.metricsPort ?? 20241}/metrics`);
  const ip = '198.41.192.227';
  if (scenario.fallback) {
    add('info', 'Tunnel connection curve preferences: [X25519MLKEM768 CurveP256]', { connIndex: 0, event: 0, ip });
    add('error', 'Failed to dial a quic connection', { error: 'failed to dial to edge with quic: timeout: no recent network activity', connIndex: 0, event: 0, ip });
    add('info', 'Retrying connection in up to 2s', { connIndex: 0, event: 0, ip });
    add('warn', QUIC_BLOCKED_WARNING, { connIndex: 0, event: 0, ip });
    add('info', 'Switching to fallback protocol http2', { connIndex: 0, event: 0, ip });
  }
  const protocol = scenario.registerWith ?? (scenario.fallback ? 'http2' : 'quic');
  const locations = ['nrt01', 'kix01', 'nrt05', 'kix06'];
  for (let index = 0; index < (scenario.connections ?? 4); index += 1) {
    add('info', 'Registered tunnel connection', {
      connIndex: index,
      connection: `1c2a3b4d-5e6f-4a1b-9c2d-3e4f5a6b7c${String(index).padStart(2, '0')}`,
      event: 0,
      ip: `198.41.192.${227 + index}`,
      location: locations[index % locations.length]!,
      protocol,
    });
  }
  return entries;
}

function timeAt(minute: number, second: number): string {
  return `2024-10-13T09:${String(minute).padStart(2, '0')}:${String(second % 60).padStart(2, '0')}Z`;
}

/** The run as console lines (what the journal and SysV log files hold). */
export function consoleRun(scenario: StartupScenario = {}): string[] {
  return namedTunnelRun(scenario).flatMap((entry, index) =>
    consoleLine(timeAt(scenario.minute ?? 39, index), entry.level, entry.message, entry.fields).split('\n'),
  );
}

/** The run as JSON lines (--output json, --logfile). */
export function jsonRun(scenario: StartupScenario = {}): string[] {
  return namedTunnelRun(scenario).map((entry, index) => jsonLine(timeAt(scenario.minute ?? 39, index), entry.level, entry.message, entry.fields));
}

/** A quick tunnel's start: the request, the URL table, and its single connection. */
export function quickTunnelRun(hostname = 'seasonal-deck-organisms-subject.trycloudflare.com'): string[] {
  const url = `https://${hostname}`;
  const created = 'Your quick Tunnel has been created! Visit it at (it may take some time to be reachable):';
  const width = Math.max(url.length, created.length);
  const border = `+${'-'.repeat(width + 4)}+`;
  const row = (text: string): string => `|  ${text}${' '.repeat(width - text.length)}  |`;
  const lines = [
    consoleLine(timeAt(40, 0), 'info', 'Thank you for trying Cloudflare Tunnel. Doing so, without a Cloudflare account, is a quick way to experiment and try it out.'),
    consoleLine(timeAt(40, 1), 'info', 'Requesting new quick Tunnel on trycloudflare.com...'),
    consoleLine(timeAt(40, 2), 'info', border),
    consoleLine(timeAt(40, 2), 'info', row(created)),
    consoleLine(timeAt(40, 2), 'info', row(url)),
    consoleLine(timeAt(40, 2), 'info', border),
    consoleLine(timeAt(40, 3), 'info', 'Version 2024.9.1 (Checksum 9f1c0ab2d8e74a4b2b2b45f2d7c0e3b8c46e24cbb2f3c6b0a7d1e9c8f5a4b3c2)'),
    consoleLine(timeAt(40, 5), 'info', 'Registered tunnel connection', { connIndex: 0, connection: '7d1e9c8f-5a4b-4c2d-8e1f-0a6f2b1e3c4d', event: 0, ip: '198.41.200.13', location: 'nrt01', protocol: 'quic' }),
  ];
  return lines;
}
