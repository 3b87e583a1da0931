// What the checks decide from: every fact gathered on this host, probed on the network, or
// pasted/imported by the user. Plain data (JSON-safe), no environment-specific types, so the
// main process, the renderer and the CLI share it and a report can carry it verbatim.

import type { TraceResult } from './trace';
import type { Message } from './message';
import type { JobDoneEvent, ProbeEvent } from '../native/index';

/** ISO 8601 time a fact was gathered. */
export type Timestamp = string;

/**
 * A fact, or the typed reason it could not be had. `source` says where it came from (a file,
 * a URL, a command, "pasted by the user") so every verdict can cite it.
 */
export type Gathered<T> =
  | { ok: true; value: T; source: string; sourceMessage?: Message; at: Timestamp }
  | {
      ok: false;
      code: GatherFailureCode;
      /** Why, and what to do, in English (logs, old readers). */
      message: string;
      /** The same as a message, for output in the user's language. */
      reason?: Message;
      source: string;
      /** `source` as a message, when it has our own words ("TCP connect from this host to …"). */
      sourceMessage?: Message;
      at: Timestamp;
    };

export type GatherFailureCode =
  /** The thing is not there (no such file, process, server, interface). */
  | 'NOT_FOUND'
  /** We may not look (permissions); `message` names the privilege that is missing. */
  | 'PERMISSION_DENIED'
  /** It is there but could not be understood (garbage, wrong format, too large). */
  | 'UNPARSEABLE'
  | 'TIMEOUT'
  /** An HTTP/API failure that is none of the above; `message` has the status. */
  | 'HTTP_ERROR'
  | 'AUTH_FAILED'
  | 'FORBIDDEN'
  /** Not applicable here (another OS, another product, input not given). */
  | 'NOT_APPLICABLE'
  | 'CANCELLED'
  | 'FAILED';

export type Product = 'cloudflare' | 'twingate' | 'firezone' | 'generic';

// ───────────────────────────── this host ─────────────────────────────

export interface HostFacts {
  /** e.g. "Debian GNU/Linux 12 (bookworm)", or os.type() where no os-release exists. */
  os: string;
  platform: string;
  kernel: string;
  arch: string;
  hostname: string;
  /** "net:[4026531840]": our network namespace, to compare with connectors'. */
  netns: string | null;
  /** /etc/openwrt_release exists: an OpenWrt router (procd, uci). Absent in older reports. */
  openwrt?: boolean;
}

export interface Identity {
  uid: number;
  euid: number;
  gid: number;
  egid: number;
  /** Supplementary groups. */
  groups: number[];
}

export interface PingGroupRange {
  low: number;
  high: number;
}

export interface SocketCapability {
  /** Unprivileged ICMP datagram ("ping") sockets: decided by net.ipv4.ping_group_range. */
  v4: { allowed: boolean; errno: string | null };
  v6: { allowed: boolean; errno: string | null };
  /**
   * Raw ICMP sockets: need CAP_NET_RAW (root has it) and ignore ping_group_range, so this
   * process may probe where an unprivileged one (a connector) cannot. Absent in reports made
   * before it existed.
   */
  raw?: { v4: { allowed: boolean; errno: string | null }; v6: { allowed: boolean; errno: string | null } };
  /** CAP_NET_RAW in this process's effective set; null when unreadable. Absent in older reports. */
  capNetRaw?: boolean | null;
}

export interface LocalEvidence {
  host: Gathered<HostFacts>;
  identity: Gathered<Identity>;
  /** Of our own network namespace. */
  pingGroupRange: Gathered<PingGroupRange>;
  capability: Gathered<SocketCapability>;
}

/** One network interface of this machine, as `ip -j addr show` lists it. */
export interface NetworkInterfaceFacts {
  name: string;
  /** Administratively up (the UP flag): a tunnel client that is connected keeps its interface up. */
  up: boolean;
  /** The kernel's operational state ("UP", "DOWN", "UNKNOWN" — tun devices say UNKNOWN while carrying traffic). */
  operstate: string | null;
  /** "ether", "none" (tun, WireGuard), "loopback", … */
  linkType: string | null;
  /** Its addresses, without prefix length. */
  addresses: string[];
}

/**
 * Where this machine sends packets for the target: the kernel's own answer (`ip route get`,
 * which follows policy rules such as WARP's table 65743), and every interface, so a check can
 * tell "no tunnel interface at all" from "a tunnel interface the target is routed around".
 */
export interface RouteFacts {
  /** The target as given, and the address looked up (a host name resolved first). */
  target: string;
  address: string;
  /** The route the kernel picks; `unroutable` when it has none ("Network is unreachable", a prohibit route). */
  route:
    | { kind: 'via'; device: string; source: string | null; gateway: string | null; table: string | null }
    | { kind: 'unroutable'; error: string };
  interfaces: NetworkInterfaceFacts[];
}

// ───────────────────────────── connectors ─────────────────────────────

export type ConnectorKind = 'cloudflared' | 'twingate' | 'firezone';

/** A connector process found through /proc. */
export interface ConnectorProcess {
  kind: ConnectorKind;
  pid: number;
  /** argv, as /proc/PID/cmdline has it. */
  command: string[];
  /** real, effective, saved, filesystem — as /proc/PID/status "Uid:" / "Gid:". */
  uids: [number, number, number, number];
  gids: [number, number, number, number];
  groups: number[];
  netns: string | null;
  sameNetnsAsUs: boolean;
  /** ping_group_range inside the connector's network namespace. */
  pingGroupRange: Gathered<PingGroupRange>;
  /** Environment variables that matter to the checks (e.g. TUNNEL_TRANSPORT_PROTOCOL), when readable. */
  environment: Gathered<Record<string, string>>;
  /** A container or pod, from /proc/PID/cgroup: "docker", "kubernetes", "containerd", or null. */
  container: string | null;
  /**
   * The process's cgroup path (the v2 "0::" line, else the first), e.g.
   * "/system.slice/cloudflared.service": tells a systemd unit from a shell. Absent in older reports.
   */
  cgroup?: string | null;
  /**
   * A Twingate connector's own log, read on its host (its unit's journal, or the file its output
   * goes to) and parsed as `--import twingate-log` is; absent or null: not a Twingate connector,
   * or nothing tells where its log is.
   */
  ownLog?: Gathered<TwingateLogFacts> | null;
}

// ───────────────────────────── cloudflared ─────────────────────────────

export type Transport = 'quic' | 'http2';

/** One log line (or metric) quoted as evidence. */
export interface QuotedLine {
  text: string;
  /** 1-based line number in the log, when from a file. */
  line: number | null;
}

export interface CloudflaredEvidence {
  /** What the connector was told to use, and where that came from. */
  requestedTransport: {
    value: 'auto' | Transport;
    from: 'flag' | 'env' | 'config';
    /** Where exactly, in English ("--protocol http2 on the command line of cloudflared pid 7"). */
    detail: string;
    /** `detail` as a message (source.cloudflared.requested.*), for every language. Absent in older reports. */
    detailMessage?: Message;
  } | null;
  /** What it actually registered connections with (logs or metrics). */
  registered: Array<{ transport: Transport; evidence: QuotedLine }>;
  /** "Switching to fallback protocol http2" and friends. */
  fallbackToHttp2: QuotedLine | null;
  /** Metrics show QUIC was tried (quic_client_* exist). */
  quicTried: boolean | null;
  /** The GID warning: "Group ID 0 is not between ping group 1 to 0". */
  gidOutsideRange: { gid: number; low: number; high: number; evidence: QuotedLine } | null;
  /** "ICMP proxy feature is disabled …". */
  icmpProxyDisabled: QuotedLine | null;
  /** cloudflared_icmp_total_requests / _replies. */
  icmpRequests: number | null;
  icmpReplies: number | null;
  /** A quick tunnel (trycloudflare.com / `--url` without a named tunnel): never proxies ICMP. */
  quickTunnel: QuotedLine | null;
  /** The config file used, if any. */
  configPath: string | null;
  /** Where each part came from ("flags of pid 1234", "/var/log/cloudflared.log", metrics URL…), in English. */
  sources: string[];
  /**
   * `sources` as messages, index for index (sourceMessages[i] renders in English as sources[i]):
   * what consumers show, in the user's language. Absent in older reports: show `sources` then.
   */
  sourceMessages?: Message[];
  /**
   * Every place looked in, read or not, as short names: the processes ("cloudflared pid 7"),
   * config and log paths, the journal command, metrics URLs. A summary counts them and names a
   * few; the sources list them all. Absent in older reports.
   */
  places?: string[];
  /**
   * The facts below come from what a real start writes (DESIGN §3; e2e/evidence/cloudflared/
   * recordings/). Optional: older connector reports and hand-made evidence lack them.
   */
  /** `Version X` from the log, or `build_info{version=…}` from /metrics. */
  version?: { value: string; from: 'log' | 'metrics'; evidence: QuotedLine | null } | null;
  /** The transport a start line names: `Initial protocol quic|http2`, `Settings: map[… protocol:http2 …]`. */
  startTransport?: { value: 'auto' | Transport; evidence: QuotedLine } | null;
  /** The config file a start line names (`Settings: map[config:PATH …]`). */
  startConfigPath?: string | null;
  /** The config file's own `protocol:` key, when the config was read (a fix must replace it, not add a second one). */
  configProtocol?: { value: string; line: number } | null;
  /** Failed dials to the edge since the run's start; `transport` when the lines name it (QUIC's do, HTTP/2's do not). */
  dialFailures?: { count: number; transport: Transport | null; first: QuotedLine; last: QuotedLine } | null;
  /** `ICMP proxy will use ADDR as source for IPv4|IPv6`: logged before the permission check, so proof only with no GID warning. */
  icmpProxySources?: QuotedLine[];
  /** `/ready` of the metrics server: 200 with readyConnections > 0 once a connection is registered; 503 with 0 before. */
  readiness?: { url: string; status: number; readyConnections: number | null } | null;
  /** The GID warning of cloudflared ≤ 2024.3.x when it cannot parse the range as signed 32-bit ("failed to determine minimum ping group ID"). */
  gidRangeUnparsed?: QuotedLine | null;
  /** The start of the current run is in the log read (its `Version` / `Starting tunnel` lines); false: rotated or cut away. */
  runStartSeen?: boolean | null;
}

export interface CloudflareApiEvidence {
  accountId: string;
  icmpProxyEnabled: boolean;
}

// ───────────────────────────── probes ─────────────────────────────

export interface TcpProbeResult {
  target: string;
  address: string;
  port: number;
  outcome: 'connected' | 'refused' | 'timeout' | 'unreachable' | 'error';
  /** Connect time for `connected`; time to the failure otherwise. */
  ms: number | null;
  errno: string | null;
  /**
   * Connects to ports the target should not serve (discard/9 and one from the dynamic range),
   * made only after `port` connected; empty otherwise. A real host refuses them or lets them
   * time out; a middlebox that completes every handshake itself (a zero-trust client, an edge
   * or sidecar proxy) "connects" them too.
   */
  controls?: TcpControlConnect[];
  /**
   * Who completed the handshake on `port`. true: every control port connected too, so a
   * middlebox answers every port and the connect proves nothing about the target. false:
   * none connected and one was refused (a reset), so the far end tells its ports apart. null:
   * not decided (`port` did not connect, the controls only timed out, or they disagree).
   * Absent in reports made before the controls existed.
   */
  proxied?: boolean | null;
}

/** One connect to a port that should be closed (see TcpProbeResult.controls). */
export interface TcpControlConnect {
  port: number;
  outcome: TcpProbeResult['outcome'];
  /** Time to the connect or to the failure; a timeout is the time given up after. */
  ms: number;
  errno: string | null;
}

export interface IcmpEchoResult {
  target: string;
  address: string;
  probes: ProbeEvent[];
  done: JobDoneEvent | null;
}

/** A DF-probe search for the largest packet that passes. Sizes are ICMP payload bytes. */
export interface PathMtuResult {
  target: string;
  address: string;
  family: 4 | 6;
  steps: Array<{ size: number; packetBytes: number; status: ProbeEvent['status']; mtu: number | null; errorName: string | null }>;
  /** Largest payload that got a reply. */
  largestPassing: number | null;
  /** Smallest payload that did not get a reply. */
  smallestFailing: number | null;
  /**
   * MTU reported by the path (frag-needed / packet-too-big), if any. This host's own limit (a
   * local EMSGSIZE naming its interface MTU) caps the search and shows in `steps`, not here.
   */
  reportedMtu: number | null;
  /** Large packets vanish without any error while small ones pass: a PMTU black hole. */
  blackHole: boolean;
}

/** Probes built to draw an ICMP error, to see whether errors come back and quote our probe. */
export interface TransparencyResult {
  target: string;
  address: string;
  /** How the error was provoked: TTL-limited probes, or an address expected to be unreachable. */
  method: 'ttl' | 'unreachable-address';
  probes: ProbeEvent[];
  /** A probe drew an error that quotes our own destination, id and seq. */
  errorReturned: boolean;
}

export interface ProbeEvidence {
  tcp: Gathered<TcpProbeResult> | null;
  icmp: Gathered<IcmpEchoResult> | null;
  pathMtu: Gathered<PathMtuResult> | null;
  transparency: Gathered<TransparencyResult> | null;
  /** The path hop by hop (the Path step); absent in evidence saved before it existed. */
  trace?: Gathered<TraceResult> | null;
}

// ───────────────────────────── imported / pasted ─────────────────────────────

export type ImportKind =
  | 'cloudflared-log'
  | 'sysctl'
  | 'id'
  | 'pod-spec'
  | 'helm-values'
  | 'calico-policy'
  | 'connector-report'
  | 'nft-ruleset'
  | 'iptables-save'
  | 'twingate-log'
  | 'firezone-log'
  | 'firezone-resource';

/** One line of an imported log, quoted with its 1-based line number. */
export interface LogLine {
  line: number;
  text: string;
}

/** What a Twingate connector's log says (`docker logs`, `journalctl -u twingate-connector`, kubectl logs). */
export interface TwingateLogFacts {
  /** Lines read. */
  lines: number;
  /** The connector's version, when a line names it; null: no line does. */
  version: { value: string; quoted: LogLine } | null;
  /** Lines where opening an ICMP (ping) socket was refused: permission denied / not permitted / ping_group_range. */
  icmpDenied: LogLine[];
  /** The last `State: X` line (`[INFO] [connector] State: Error`); null: none. */
  state: { value: string; quoted: LogLine } | null;
}

/** What a Firezone gateway's log says. */
export interface FirezoneLogFacts {
  lines: number;
  /** From the start line "`gateway` started logging … version=X" (gateway 1.4.12 and later write it); null: no such line. */
  version: { value: string; quoted: LogLine } | null;
}

/** A Firezone resource's traffic restrictions, from the REST API's JSON (`GET /resources/ID`). */
export interface FirezoneResourceFacts {
  name: string | null;
  address: string | null;
  /** The filters as listed; empty: every protocol and port is permitted. */
  filters: Array<{ protocol: 'tcp' | 'udp' | 'icmp'; ports: string[] }>;
}

/** A firewall rule that drops or rejects ICMP, from `nft list ruleset` or `iptables-save` output. */
export interface FirewallIcmpRule {
  tool: 'nft' | 'iptables';
  /** nft: the table's family (ip, ip6, inet, bridge, netdev, arp); iptables-save: ip (iptables) or ip6 (ip6tables). */
  family: string;
  table: string;
  chain: string;
  /** The chain's hook (forward, input, output, …); null for a regular chain reached by jump (DOCKER-USER, cali-*). */
  hook: string | null;
  action: 'drop' | 'reject';
  /** echo: echo requests (and maybe more); errors: unreachable / time exceeded / too big; all: every ICMP type. */
  matches: 'echo' | 'errors' | 'all';
  /** The ICMP version it matches; null: both (e.g. `meta l4proto { icmp, ipv6-icmp }`). */
  icmp: 4 | 6 | null;
  /** nft's `# handle N` (from `nft -a list ruleset`); null when the listing has none, and always for iptables. */
  handle: number | null;
  /** 1-based place among the chain's rules. */
  position: number;
  /** 1-based line in the imported text. */
  line: number;
  /** The rule as listed (without its handle comment). */
  text: string;
  /**
   * Not a rule but the chain's `policy drop` (nft) / `:CHAIN DROP` (iptables-save): what no
   * rule accepts is dropped there. Recorded only when no rule of the table accepts ICMP.
   * Its position is after the chain's last rule.
   */
  policy?: true;
}

export interface FirewallFacts {
  tool: 'nft' | 'iptables';
  /** Chains read (a count, to tell an empty ruleset from one that drops nothing). */
  chains: number;
  icmpRules: FirewallIcmpRule[];
}

/** A Kubernetes pod (or the pod template of a Deployment/DaemonSet/StatefulSet). */
export interface PodSpecFacts {
  name: string | null;
  /** The object it came from: "Pod", "Deployment", "DaemonSet", … (where the pod template lives). */
  kind?: string;
  namespace?: string | null;
  /** spec.hostNetwork: the pod uses the node's network namespace, so the node's ping_group_range applies and pod sysctls cannot set it. */
  hostNetwork?: boolean;
  /** spec.securityContext.fsGroup: the kubelet adds it to every container's supplementary groups. */
  fsGroup?: number | null;
  /** spec.securityContext.sysctls */
  sysctls: Array<{ name: string; value: string }>;
  runAsUser: number | null;
  runAsGroup: number | null;
  supplementalGroups: number[];
  /** Per container: added and dropped capabilities. */
  containers: Array<{ name: string; image: string | null; runAsUser: number | null; runAsGroup: number | null; capabilitiesAdd: string[]; capabilitiesDrop: string[] }>;
}

export interface HelmValuesFacts {
  /**
   * Twingate chart: icmpSupport.enabled, as the chart's template reads it (Go template truth:
   * the string "false" is true). null: not set in these values, so the chart's default (false).
   */
  icmpSupportEnabled: boolean | null;
  podSecurityContext: { runAsUser: number | null; runAsGroup: number | null } | null;
  /** The connector container's securityContext (the chart's default runs it as user 65532). */
  securityContext?: { runAsUser: number | null; runAsGroup: number | null } | null;
  /** hostNetwork: the node's network namespace, so the node's ping_group_range applies. null: not set (false). */
  hostNetwork?: boolean | null;
}

export interface CalicoIcmpRule {
  policy: string;
  kind: string;
  direction: 'ingress' | 'egress';
  action: 'Allow' | 'Deny' | 'Log' | 'Pass';
  /** null: the rule names no protocol (e.g. a bare `action: Allow`), so it matches ICMP too. */
  protocol: 'ICMP' | 'ICMPv6' | null;
  /** null: any type / code. */
  icmpType: number | null;
  icmpCode: number | null;
  /** A notICMP match: the rule applies to everything *but* this type/code. */
  negated: boolean;
  order: number | null;
}

export interface CalicoFacts {
  policies: Array<{ name: string; kind: string; order: number | null; selector: string | null; types: string[] }>;
  icmpRules: CalicoIcmpRule[];
}

/** What `icmp-doctor check --connector` writes on a connector host, for import elsewhere. */
export interface ConnectorReport {
  schema: 'icmp-doctor/connector-report@1';
  createdAt: Timestamp;
  app: { version: string };
  local: LocalEvidence;
  connectors: Gathered<ConnectorProcess[]>;
  cloudflared: Gathered<CloudflaredEvidence> | null;
  /**
   * With two or more cloudflared processes on that host: each one's own evidence, by pid, as
   * Evidence.cloudflaredPerConnector (`cloudflared` then holds the first one's). Absent or empty:
   * one process or none, or a report from before this existed.
   */
  cloudflaredPerConnector?: Array<{ pid: number; cloudflared: Gathered<CloudflaredEvidence> }>;
}

export interface ImportedEvidence {
  cloudflaredLogs: Array<Gathered<CloudflaredEvidence>>;
  sysctl: Array<Gathered<PingGroupRange>>;
  id: Array<Gathered<Identity>>;
  podSpecs: Array<Gathered<PodSpecFacts>>;
  helmValues: Array<Gathered<HelmValuesFacts>>;
  calico: Array<Gathered<CalicoFacts>>;
  connectorReports: Array<Gathered<ConnectorReport>>;
  /** Imported `nft list ruleset` / `iptables-save` output. Optional: evidence saved before these imports existed has none. */
  firewall?: Array<Gathered<FirewallFacts>>;
  /** Imported Twingate connector logs. Optional: evidence saved before these imports existed has none. */
  twingateLogs?: Array<Gathered<TwingateLogFacts>>;
  /** Imported Firezone gateway logs. */
  firezoneLogs?: Array<Gathered<FirezoneLogFacts>>;
  /** Imported Firezone resources (one import may list several). */
  firezoneResources?: Array<Gathered<FirezoneResourceFacts[]>>;
}

// ───────────────────────────── all of it ─────────────────────────────

export interface Evidence {
  local: LocalEvidence | null;
  connectors: Gathered<ConnectorProcess[]> | null;
  cloudflared: Gathered<CloudflaredEvidence> | null;
  /**
   * With two or more cloudflared processes: each one's own evidence (its flags, config, log and
   * metrics, never another's), by pid. `cloudflared` then holds the first one's. Absent or
   * empty: one process or none (evidence saved before this existed).
   */
  cloudflaredPerConnector?: Array<{ pid: number; cloudflared: Gathered<CloudflaredEvidence> }>;
  cloudflareApi: Gathered<CloudflareApiEvidence> | null;
  /** This machine's route to the target and its interfaces (route-through-tunnel). Absent: not gathered (no target, or evidence saved before it existed). */
  route?: Gathered<RouteFacts> | null;
  probes: ProbeEvidence;
  imported: ImportedEvidence;
}

export function emptyEvidence(): Evidence {
  return {
    local: null,
    connectors: null,
    cloudflared: null,
    cloudflareApi: null,
    probes: { tcp: null, icmp: null, pathMtu: null, transparency: null },
    imported: { cloudflaredLogs: [], sysctl: [], id: [], podSpecs: [], helmValues: [], calico: [], connectorReports: [], firewall: [] },
  };
}
