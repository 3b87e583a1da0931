// The operations the wizard needs from the main process: gather evidence, run probes,
// import what the user pastes, write reports. One table of plain async functions implements
// it (electron/handlers); the CLI calls it directly, Electron's IPC and the browser test
// harness call it through the preload bridge. Nothing here throws: failures are values.

import type { ProbeEvent } from '../native/index';
import type {
  CalicoFacts,
  CloudflareApiEvidence,
  CloudflaredEvidence,
  ConnectorProcess,
  ConnectorReport,
  FirewallFacts,
  FirezoneLogFacts,
  FirezoneResourceFacts,
  Gathered,
  HelmValuesFacts,
  Identity,
  IcmpEchoResult,
  ImportKind,
  LocalEvidence,
  PathMtuResult,
  PingGroupRange,
  PodSpecFacts,
  RouteFacts,
  TcpProbeResult,
  TransparencyResult,
  TwingateLogFacts,
} from './evidence';
import type { TraceResult } from './trace';
import type { Report, ReportFormat, ReportLang } from './report';
import type { Result } from './result';

export interface CallOptions {
  /** Abandons the call; it then settles with a CANCELLED failure. */
  signal?: AbortSignal;
  /** Live probe events, as they happen (for progress and the RTT chart). */
  onProbe?: (event: ProbeEvent) => void;
}

export interface CloudflaredRequest {
  logPath: string | null;
  configPath: string | null;
  /** null: scan 127.0.0.1:20241–20245. */
  metricsUrl: string | null;
  /** Connectors found on this host, whose flags and environment are evidence too. */
  connectors: ConnectorProcess[];
  /**
   * Which host-wide places to look in when the process names none of its own: the journal of
   * unit cloudflared, the SysV/OpenRC service log files, the 127.0.0.1:20241–20245 scan. Absent:
   * all of them (one process, or none). With several processes gathered apart, each gets only
   * what can be told to be its own (renderer/wizard/given-files.ts), so one tunnel's log or
   * metrics never lands in another's verdict.
   */
  hostWideLeads?: { journal: boolean; serviceLogs: boolean; portScan: boolean };
}

export interface TcpRequest {
  target: string;
  port: number;
  timeoutMs?: number;
}

export interface IcmpRequest {
  target: string;
  count?: number;
  intervalMs?: number;
  timeoutMs?: number;
}

export interface PathMtuRequest {
  target: string;
  timeoutMs?: number;
}

export interface RouteRequest {
  /** The target (IP or host name) whose route on this machine is looked up. */
  target: string;
}

/** A trace to `target` (see contract/trace.ts); omitted settings take the CLI's defaults. */
export interface TraceRequest {
  target: string;
  maxHops?: number;
  probesPerHop?: number;
  timeoutMs?: number;
}

export interface TransparencyRequest {
  target: string;
  /** An address expected to be unreachable; without it, TTL-limited probes toward `target`. */
  unreachableTarget: string | null;
  timeoutMs?: number;
}

/** Pasted or imported evidence, parsed; `kind` says which field of ImportedEvidence it feeds. */
export type ImportedItem =
  | { kind: 'cloudflared-log'; value: Gathered<CloudflaredEvidence> }
  | { kind: 'sysctl'; value: Gathered<PingGroupRange> }
  | { kind: 'id'; value: Gathered<Identity> }
  /** A YAML stream may hold several pod-bearing objects: one entry each. */
  | { kind: 'pod-spec'; value: Array<Gathered<PodSpecFacts>> }
  | { kind: 'helm-values'; value: Gathered<HelmValuesFacts> }
  | { kind: 'calico-policy'; value: Gathered<CalicoFacts> }
  | { kind: 'connector-report'; value: Gathered<ConnectorReport> }
  | { kind: 'nft-ruleset' | 'iptables-save'; value: Gathered<FirewallFacts> }
  | { kind: 'twingate-log'; value: Gathered<TwingateLogFacts> }
  | { kind: 'firezone-log'; value: Gathered<FirezoneLogFacts> }
  | { kind: 'firezone-resource'; value: Gathered<FirezoneResourceFacts[]> };

export interface ImportRequest {
  kind: ImportKind;
  /** The text itself (pasted), or null to read `path`. */
  text: string | null;
  path: string | null;
  /** How the user named it ("pasted sysctl output", a file name). */
  label: string;
}

export interface WriteReportRequest {
  report: Report;
  path: string;
  /** Default: from the file's extension. */
  format?: ReportFormat;
  /** The language to write it in, findings and headings (the app passes its UI language); default: the report's own, else 'en'. */
  lang?: ReportLang;
}

export interface WizardApi {
  /**
   * Hands the Cloudflare API token to the main process, which keeps it in memory only (the
   * CLI reads CLOUDFLARE_API_TOKEN instead). null forgets it. It never comes back out.
   */
  setCloudflareApiToken(token: string | null): Promise<void>;
  gatherLocal(options?: CallOptions): Promise<LocalEvidence>;
  gatherConnectors(options?: CallOptions): Promise<Gathered<ConnectorProcess[]>>;
  /** Which interface and source address this machine routes the target through, and its interfaces. */
  gatherRoute(request: RouteRequest, options?: CallOptions): Promise<Gathered<RouteFacts>>;
  gatherCloudflared(request: CloudflaredRequest, options?: CallOptions): Promise<Gathered<CloudflaredEvidence>>;
  /** The token is held by the main process (environment or set from the UI), never passed here. */
  gatherCloudflareApi(request: { accountId: string }, options?: CallOptions): Promise<Gathered<CloudflareApiEvidence>>;
  probeTcp(request: TcpRequest, options?: CallOptions): Promise<Gathered<TcpProbeResult>>;
  probeIcmp(request: IcmpRequest, options?: CallOptions): Promise<Gathered<IcmpEchoResult>>;
  probePathMtu(request: PathMtuRequest, options?: CallOptions): Promise<Gathered<PathMtuResult>>;
  probeTransparency(request: TransparencyRequest, options?: CallOptions): Promise<Gathered<TransparencyResult>>;
  /** The path hop by hop; `onProbe` streams every probe, for the live hop view. */
  probeTrace(request: TraceRequest, options?: CallOptions): Promise<Gathered<TraceResult>>;
  importEvidence(request: ImportRequest, options?: CallOptions): Promise<ImportedItem>;
  writeReport(request: WriteReportRequest): Promise<Result<{ path: string; bytes: number }, 'WRITE_FAILED' | 'BAD_FORMAT'>>;
}
