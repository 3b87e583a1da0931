// Finds the lines that decide the checks in a cloudflared log, one line at a time, in
// constant memory. The wording is cloudflared's own (github.com/cloudflare/cloudflared):
//   connection/observer.go   "Registered tunnel connection" … protocol=quic|http2
//                            (before 2023.4: "Connection <uuid> registered with protocol: quic")
//   supervisor/tunnel.go     "Switching to fallback protocol http2"
//   ingress/icmp_linux.go    error="Group ID 0 is not between ping group 1 to 0"
//   tunnel/configuration.go  "ICMP proxy feature is disabled"; "Environmental variables map[…]"
//   tunnel/quick_tunnel.go   "Requesting new quick Tunnel on trycloudflare.com...", then the URL
//   metrics/metrics.go       "Starting metrics server on 127.0.0.1:20241/metrics"
//   cmd/cloudflared/tunnel   "Version 2023.7.3", "Settings: map[config:PATH … protocol:http2 …]",
//                            "Initial protocol http2"
//   ingress/origin_icmp_proxy.go "ICMP proxy will use 10.0.0.1 as source for IPv4" (logged before
//                            the permission check, so it proves nothing alone)
//   supervisor/tunnel.go     dial failures: "Failed to create new quic connection" / "failed to
//                            dial to edge with quic" (QUIC), "Unable to establish connection with
//                            Cloudflare edge" (HTTP/2's never say http2)
// The lines quoted in the tests are those of a real 2023.7.3 (e2e/evidence/cloudflared/recordings/).
// A log file spans restarts; what was true before the last restart (an old fallback, a GID
// warning since fixed) is not evidence, so each "Starting tunnel" starts the record afresh.

import type { QuotedLine, Transport } from '../../../../contract/evidence';
import { readLogRecord, type LogRecord } from './log-record';
import { parseTransportSetting, type TransportSetting } from './transport-setting';

export interface Registration {
  transport: Transport;
  evidence: QuotedLine;
  /** cloudflared's connection index ("0"…"3"), or "?" when the line has none. */
  connIndex: string;
}

export interface LogScan {
  /** The latest registration of each connection in the last run, oldest first. */
  registered: Registration[];
  fallbackToHttp2: QuotedLine | null;
  gidOutsideRange: { gid: number; low: number; high: number; evidence: QuotedLine } | null;
  icmpProxyDisabled: QuotedLine | null;
  quickTunnel: QuotedLine | null;
  /** TUNNEL_TRANSPORT_PROTOCOL as cloudflared listed its environment at startup. */
  transportFromEnvironment: { value: TransportSetting; evidence: QuotedLine } | null;
  /** Where the last run's metrics server listens ("127.0.0.1:20241"). */
  metricsAddress: string | null;
  /** `Version 2023.7.3` of the last run. */
  version: { value: string; evidence: QuotedLine } | null;
  /** `Initial protocol X`, else the Settings map's `protocol:X`. */
  startTransport: { value: TransportSetting; evidence: QuotedLine } | null;
  /** The Settings map's `config:PATH`. */
  startConfigPath: string | null;
  dialFailures: { count: number; transport: Transport | null; first: QuotedLine; last: QuotedLine } | null;
  /** `ICMP proxy will use ADDR as source for IPv4|IPv6` (at most MAX_PROXY_SOURCES). */
  icmpProxySources: QuotedLine[];
  /** The GID warning whose error is the signed parse of the range (cloudflared ≤ 2024.3): "failed to determine minimum ping group ID". */
  gidRangeUnparsed: QuotedLine | null;
  /** The start of the last run (`Starting tunnel` or `Version`) is in what was read. */
  runStartSeen: boolean;
  lines: number;
  nonBlankLines: number;
  /** Lines in cloudflared's console or JSON shape. */
  recognizedLines: number;
  binaryLines: number;
  /** Starts of cloudflared seen; only lines after the last one are evidence. */
  runs: number;
  lastRunStart: QuotedLine | null;
}

const RUN_START = /\bStarting tunnel\b|Requesting new quick Tunnel/;
const REGISTERED = 'Registered tunnel connection';
const PROTOCOL_FIELD = /\bprotocol=("?)(quic|http2)\1(?![\w-])/;
const REGISTERED_BEFORE_2023 = /Connection [0-9a-fA-F-]+ registered with protocol: (quic|http2)\b/;
const CONN_INDEX = /\bconnIndex=(\d+)/;
const FALLBACK = /Switching to fallback protocol (http2)\b/;
const GID_OUTSIDE = /Group ID (\d+) is not between ping group (\d+) to (\d+)/;
const ICMP_DISABLED = 'ICMP proxy feature is disabled';
const QUICK_TUNNEL_URL = /\b[a-z0-9-]+\.trycloudflare\.com\b/i;
const QUICK_TUNNEL_REQUEST = 'Requesting new quick Tunnel';
const ENVIRONMENT = /Environmental variables map\[[^\]]*\bTUNNEL_TRANSPORT_PROTOCOL:([^\s\]]+)/;
const METRICS_SERVER = /Starting metrics server on (\S+?)\/metrics/;
/** Not "GOVersion:" (the next line): the word must stand alone. */
const VERSION = /(?:^|\s)Version (\d[\w.+-]*)/;
const INITIAL_PROTOCOL = /\bInitial protocol (\S+)/;
const SETTINGS = 'Settings: map[';
const SETTINGS_PROTOCOL = /[\[\s]protocol:([^\s\]]+)/;
const SETTINGS_CONFIG = /[\[\s]config:([^\s\]]+)/;
const ICMP_SOURCE = /\bICMP proxy will use .+ as source for IPv[46]\b/;
const QUIC_DIAL_FAILED = /Failed to create new quic connection|failed to dial to edge with quic/;
const DIAL_FAILED = 'Unable to establish connection with Cloudflare edge';
const GID_UNPARSED = /failed to determine (?:minimum|maximum) ping group ID/;
/** One per address family; more would be another run's. */
const MAX_PROXY_SOURCES = 4;

interface RunState {
  registered: Map<string, Registration>;
  fallbackToHttp2: QuotedLine | null;
  gidOutsideRange: LogScan['gidOutsideRange'];
  icmpProxyDisabled: { evidence: QuotedLine; warning: boolean } | null;
  quickTunnel: { evidence: QuotedLine; hasUrl: boolean } | null;
  transportFromEnvironment: LogScan['transportFromEnvironment'];
  metricsAddress: string | null;
  version: LogScan['version'];
  initialProtocol: LogScan['startTransport'];
  settingsProtocol: LogScan['startTransport'];
  startConfigPath: string | null;
  dialFailures: LogScan['dialFailures'];
  icmpProxySources: QuotedLine[];
  gidRangeUnparsed: QuotedLine | null;
}

function freshRun(): RunState {
  return {
    registered: new Map(),
    fallbackToHttp2: null,
    gidOutsideRange: null,
    icmpProxyDisabled: null,
    quickTunnel: null,
    transportFromEnvironment: null,
    metricsAddress: null,
    version: null,
    initialProtocol: null,
    settingsProtocol: null,
    startConfigPath: null,
    dialFailures: null,
    icmpProxySources: [],
    gidRangeUnparsed: null,
  };
}

export class CloudflaredLogScanner {
  private run = freshRun();
  private lines = 0;
  private nonBlankLines = 0;
  private recognizedLines = 0;
  private binaryLines = 0;
  private runs = 0;
  private lastRunStart: QuotedLine | null = null;

  /** `line`: the 1-based line number in the file or text, or null when there is none (journal). */
  add(rawLine: string, line: number | null): void {
    this.lines += 1;
    if (rawLine.trim().length === 0) return;
    this.nonBlankLines += 1;
    const record = readLogRecord(rawLine);
    if (record.recognized) this.recognizedLines += 1;
    if (record.binary) this.binaryLines += 1;
    this.match(record, { text: record.quote, line });
  }

  private match(record: LogRecord, quoted: QuotedLine): void {
    const text = record.text;
    const run = this.run;

    if (RUN_START.test(text)) {
      this.runs += 1;
      this.lastRunStart = quoted;
      this.run = freshRun();
      if (text.includes(QUICK_TUNNEL_REQUEST)) this.run.quickTunnel = { evidence: quoted, hasUrl: false };
      return;
    }
    if (text.includes('Version') && run.version === null) {
      const version = VERSION.exec(text);
      if (version) {
        run.version = { value: version[1]!, evidence: quoted };
        return;
      }
    }
    if (text.includes(SETTINGS)) {
      const protocol = SETTINGS_PROTOCOL.exec(text);
      const value = protocol ? parseTransportSetting(protocol[1]!) : null;
      if (value) run.settingsProtocol = { value, evidence: quoted };
      run.startConfigPath = SETTINGS_CONFIG.exec(text)?.[1] ?? run.startConfigPath;
      return;
    }
    if (text.includes('Initial protocol')) {
      const protocol = INITIAL_PROTOCOL.exec(text);
      const value = protocol ? parseTransportSetting(protocol[1]!) : null;
      if (value) run.initialProtocol = { value, evidence: quoted };
      return;
    }
    if (text.includes('ICMP proxy will use')) {
      if (ICMP_SOURCE.test(text) && run.icmpProxySources.length < MAX_PROXY_SOURCES) run.icmpProxySources.push(quoted);
      return;
    }
    if (QUIC_DIAL_FAILED.test(text)) {
      this.dialFailed('quic', quoted);
      return;
    }
    if (text.includes(DIAL_FAILED)) {
      // HTTP/2's errors never name it; after a fallback in this run they are HTTP/2's.
      this.dialFailed(run.fallbackToHttp2 ? 'http2' : null, quoted);
      return;
    }
    if (text.includes('ping group ID') && GID_UNPARSED.test(text) && run.gidRangeUnparsed === null) {
      run.gidRangeUnparsed = quoted;
      return;
    }
    if (text.includes(REGISTERED)) {
      const protocol = PROTOCOL_FIELD.exec(text);
      if (protocol) this.register(protocol[2] as Transport, text, quoted);
      return;
    }
    if (text.includes('registered with protocol')) {
      const old = REGISTERED_BEFORE_2023.exec(text);
      if (old) this.register(old[1] as Transport, text, quoted);
      return;
    }
    if (text.includes('fallback protocol')) {
      if (FALLBACK.test(text)) run.fallbackToHttp2 = quoted;
      return;
    }
    if (text.includes('Group ID') && run.gidOutsideRange === null) {
      const gid = GID_OUTSIDE.exec(text);
      if (gid) run.gidOutsideRange = { gid: Number(gid[1]), low: Number(gid[2]), high: Number(gid[3]), evidence: quoted };
      // The same error is repeated in the "ICMP proxy feature is disabled" line: fall through.
    }
    if (text.includes(ICMP_DISABLED)) {
      // The warning (tunnel/configuration.go) is the one users see; a debug line says it first.
      if (run.icmpProxyDisabled === null || (record.warning && !run.icmpProxyDisabled.warning)) {
        run.icmpProxyDisabled = { evidence: quoted, warning: record.warning };
      }
      return;
    }
    if (text.includes('trycloudflare.com')) {
      if (QUICK_TUNNEL_URL.test(text) && !run.quickTunnel?.hasUrl) run.quickTunnel = { evidence: quoted, hasUrl: true };
      return;
    }
    if (text.includes('Environmental variables')) {
      const environment = ENVIRONMENT.exec(text);
      const value = environment ? parseTransportSetting(environment[1]!) : null;
      if (value) run.transportFromEnvironment = { value, evidence: quoted };
      return;
    }
    if (text.includes('Starting metrics server')) {
      const address = METRICS_SERVER.exec(text);
      if (address) run.metricsAddress = address[1]!;
    }
  }

  private dialFailed(transport: Transport | null, quoted: QuotedLine): void {
    const previous = this.run.dialFailures;
    // The latest failure's transport: the one the connector is dialling now.
    this.run.dialFailures = previous
      ? { count: previous.count + 1, transport, first: previous.first, last: quoted }
      : { count: 1, transport, first: quoted, last: quoted };
  }

  private register(transport: Transport, text: string, quoted: QuotedLine): void {
    const connIndex = CONN_INDEX.exec(text)?.[1] ?? '?';
    // Delete first so the map's order is the order of the latest registrations.
    this.run.registered.delete(connIndex);
    this.run.registered.set(connIndex, { transport, evidence: quoted, connIndex });
  }

  result(): LogScan {
    const run = this.run;
    return {
      registered: [...run.registered.values()],
      fallbackToHttp2: run.fallbackToHttp2,
      gidOutsideRange: run.gidOutsideRange,
      icmpProxyDisabled: run.icmpProxyDisabled?.evidence ?? null,
      quickTunnel: run.quickTunnel?.evidence ?? null,
      transportFromEnvironment: run.transportFromEnvironment,
      metricsAddress: run.metricsAddress,
      version: run.version,
      startTransport: run.initialProtocol ?? run.settingsProtocol,
      startConfigPath: run.startConfigPath,
      dialFailures: run.dialFailures,
      icmpProxySources: run.icmpProxySources,
      gidRangeUnparsed: run.gidRangeUnparsed,
      runStartSeen: this.runs > 0 || run.version !== null,
      lines: this.lines,
      nonBlankLines: this.nonBlankLines,
      recognizedLines: this.recognizedLines,
      binaryLines: this.binaryLines,
      runs: this.runs,
      lastRunStart: this.lastRunStart,
    };
  }
}

/** Whether anything in the scan decides a check. */
export function scanHasEvidence(scan: LogScan): boolean {
  return (
    scan.registered.length > 0 ||
    scan.fallbackToHttp2 !== null ||
    scan.gidOutsideRange !== null ||
    scan.icmpProxyDisabled !== null ||
    scan.quickTunnel !== null ||
    scan.transportFromEnvironment !== null ||
    scan.version !== null ||
    scan.startTransport !== null ||
    scan.dialFailures !== null ||
    scan.icmpProxySources.length > 0 ||
    scan.gidRangeUnparsed !== null
  );
}
