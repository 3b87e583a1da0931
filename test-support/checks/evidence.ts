// Builders for evidence shaped exactly as the gatherers produce it (contract/evidence.ts),
// with realistic values: the seeds' log lines, the lab's captured probe events, connector
// processes as /proc describes them. Tests state only what differs from a plain case.

import type {
  CloudflaredEvidence,
  ConnectorProcess,
  ConnectorReport,
  Evidence,
  GatherFailureCode,
  Gathered,
  IcmpEchoResult,
  Identity,
  LocalEvidence,
  PingGroupRange,
  QuotedLine,
  TcpProbeResult,
} from '../../contract/evidence';
import { emptyEvidence } from '../../contract/evidence';
import type { Finding } from '../../contract/findings';
import { defaultInputs, type CheckInputs } from '../../contract/inputs';
import type { ProbeEvent } from '../../native/index';

export const AT = '2026-11-22T14:00:00.000Z';

export function gathered<T>(value: T, source: string): Gathered<T> {
  return { ok: true, value, source, at: AT };
}

export function notGathered<T>(code: GatherFailureCode, message: string, source: string): Gathered<T> {
  return { ok: false, code, message, source, at: AT };
}

export function inputs(overrides: Partial<CheckInputs> = {}): CheckInputs {
  return { ...defaultInputs(), ...overrides };
}

/** The empty evidence with `patch` applied to a copy. */
export function evidence(patch: (e: Evidence) => void = () => {}): Evidence {
  const e = emptyEvidence();
  patch(e);
  return e;
}

export const RANGE_SOURCE = '/proc/sys/net/ipv4/ping_group_range';
export const IDENTITY_SOURCE = '/proc/self/status';
export const CAPABILITY_SOURCE = 'ICMP socket probe (native addon)';

export function local(options: {
  v4?: { allowed: boolean; errno: string | null };
  v6?: { allowed: boolean; errno: string | null };
  range?: PingGroupRange | null;
  identity?: Identity | null;
} = {}): LocalEvidence {
  const range = options.range === undefined ? { low: 0, high: 2147483647 } : options.range;
  const identity = options.identity === undefined ? { uid: 1000, euid: 1000, gid: 1000, egid: 1000, groups: [1000, 27] } : options.identity;
  return {
    host: gathered({ os: 'Debian GNU/Linux 12 (bookworm)', platform: 'linux', kernel: '6.1.0-18-amd64', arch: 'x64', hostname: 'laptop', netns: 'net:[4026531840]' }, '/etc/os-release'),
    identity: identity ? gathered(identity, IDENTITY_SOURCE) : notGathered('PERMISSION_DENIED', 'cannot read /proc/self/status', IDENTITY_SOURCE),
    pingGroupRange: range ? gathered(range, RANGE_SOURCE) : notGathered('PERMISSION_DENIED', `cannot read ${RANGE_SOURCE}`, RANGE_SOURCE),
    capability: gathered({ v4: options.v4 ?? { allowed: true, errno: null }, v6: options.v6 ?? { allowed: true, errno: null } }, CAPABILITY_SOURCE),
  };
}

/** `event` repeated as probes 1..count of one job, as the engine numbers them. */
export function repeated(event: ProbeEvent, count: number): ProbeEvent[] {
  return Array.from({ length: count }, (_, index) => ({ ...event, seq: index + 1, wireSeq: index + 1, sentAt: event.sentAt + index * 250 }));
}

export const ICMP_SOURCE = 'ICMP echo from this host';

/** An echo probe result with its done event, as probeIcmp gathers it. */
export function echo(target: string, probes: ProbeEvent[], address: string = target): Gathered<IcmpEchoResult> {
  const received = probes.filter((p) => p.status === 'reply').length;
  const errors = probes.filter((p) => p.status === 'icmp-error' || p.status === 'local-error').length;
  const timeouts = probes.filter((p) => p.status === 'timeout').length;
  return gathered(
    { target, address, probes, done: { type: 'done', job: probes[0]?.job ?? 1, target: address, sent: probes.length, received, errors, timeouts, cancelled: false } },
    `${ICMP_SOURCE} to ${address}`,
  );
}

export const TCP_SOURCE = 'TCP connect from this host';

export function tcp(outcome: TcpProbeResult['outcome'], address: string, port = 22): Gathered<TcpProbeResult> {
  const errno = { connected: null, refused: 'ECONNREFUSED', timeout: null, unreachable: 'EHOSTUNREACH', error: 'EINVAL' }[outcome];
  return gathered({ target: address, address, port, outcome, ms: outcome === 'timeout' ? 3000 : 0.4, errno }, `${TCP_SOURCE} to ${address}:${port}`);
}

/**
 * A connect to `port` followed by control connects to 9 and 51234, each ending with
 * `controls`: 'connected' is what a middlebox that completes every handshake gives (proxied),
 * 'refused' what a real host gives, 'timeout' a host (or a filter) that drops closed ports
 * silently (undecided). Times as measured in the lab's proxy-every-port policy.
 */
export function tcpWithControls(address: string, port: number, controls: 'connected' | 'refused' | 'timeout'): Gathered<TcpProbeResult> {
  const errno = controls === 'refused' ? 'ECONNREFUSED' : null;
  return gathered(
    {
      target: address,
      address,
      port,
      outcome: 'connected',
      ms: 2.1,
      errno: null,
      controls: [9, 51234].map((control) => ({ port: control, outcome: controls, ms: controls === 'timeout' ? 1000 : 3.1, errno })),
      proxied: { connected: true, refused: false, timeout: null }[controls],
    },
    `${TCP_SOURCE} to ${address}:${port}`,
  );
}

// ───────────────────────────── cloudflared ─────────────────────────────

/** Real cloudflared log lines (seeds/002 and cloudflared's own wording). */
export const LOG = {
  gidWarning:
    'Oct 13 18:39:24 raspberrypi2 cloudflared[21808]: 2024-10-13T09:39:24Z WRN The user running cloudflared process has a GID (group ID) that is not within ping_group_range. You might need to add that user to a group within that range, or instead update the range to encompass a group the user is already in by modifying /proc/sys/net/ipv4/ping_group_range. Otherwise cloudflared will not be able to ping this network error="Group ID 0 is not between ping group 1 to 0"',
  proxyDisabled:
    'Oct 13 18:39:24 raspberrypi2 cloudflared[21808]: 2024-10-13T09:39:24Z WRN ICMP proxy feature is disabled error="cannot create ICMPv4 proxy: Group ID 0 is not between ping group 1 to 0 nor ICMPv6 proxy: socket: permission denied"',
  registeredQuic: '2024-10-13T09:39:25Z INF Registered tunnel connection connIndex=0 connection=0c1a2b3c-aaaa-bbbb-cccc-111122223333 event=0 ip=198.41.192.27 location=nrt01 protocol=quic',
  registeredHttp2: '2024-10-13T09:40:26Z INF Registered tunnel connection connIndex=0 connection=0c1a2b3c-aaaa-bbbb-cccc-111122223333 event=0 ip=198.41.192.27 location=nrt01 protocol=http2',
  fallback: '2024-10-13T09:40:25Z INF Switching to fallback protocol http2',
  quickTunnel: '2024-10-13T09:39:26Z INF |  https://seasonal-deck-organisms-sf.trycloudflare.com                               |',
} as const;

export function line(text: string, at: number | null): QuotedLine {
  return { text, line: at };
}

export const LOG_SOURCE = '/var/log/cloudflared.log';

export function cloudflared(partial: Partial<CloudflaredEvidence> = {}, source: string = LOG_SOURCE): Gathered<CloudflaredEvidence> {
  return gathered(
    {
      requestedTransport: null,
      registered: [],
      fallbackToHttp2: null,
      quicTried: null,
      gidOutsideRange: null,
      icmpProxyDisabled: null,
      icmpRequests: null,
      icmpReplies: null,
      quickTunnel: null,
      configPath: null,
      sources: [`cloudflared log ${source}`],
      ...partial,
    },
    source,
  );
}

// ───────────────────────────── connectors ─────────────────────────────

export const CONNECTORS_SOURCE = '/proc';

/** cloudflared as the Debian package's systemd unit runs it: root, in the host's netns. */
export function connector(partial: Partial<ConnectorProcess> = {}): ConnectorProcess {
  return {
    kind: 'cloudflared',
    pid: 812,
    command: ['/usr/bin/cloudflared', '--no-autoupdate', 'tunnel', 'run', '--token', 'eyJhIjoiMTIzNDU2Nzg5MGFiY2RlZiIsInQiOiJzZWNyZXQifQ=='],
    uids: [0, 0, 0, 0],
    gids: [0, 0, 0, 0],
    groups: [],
    netns: 'net:[4026531840]',
    sameNetnsAsUs: true,
    pingGroupRange: gathered({ low: 1, high: 0 }, '/proc/812/ns/net: net.ipv4.ping_group_range'),
    environment: gathered({}, '/proc/812/environ'),
    container: null,
    ...partial,
  };
}

export function connectors(...processes: ConnectorProcess[]): Gathered<ConnectorProcess[]> {
  return gathered(processes, CONNECTORS_SOURCE);
}

/** What `icmp-doctor check --connector` writes on the connector host, imported from `file`. */
export function connectorReport(
  file: string,
  parts: { connectors?: Gathered<ConnectorProcess[]>; cloudflared?: Gathered<CloudflaredEvidence> | null; local?: LocalEvidence } = {},
): Gathered<ConnectorReport> {
  return gathered(
    {
      schema: 'icmp-doctor/connector-report@1',
      createdAt: '2026-11-22T13:00:00.000Z',
      app: { version: '0.1.0' },
      local: parts.local ?? local({ identity: { uid: 0, euid: 0, gid: 0, egid: 0, groups: [0] } }),
      connectors: parts.connectors ?? connectors(),
      cloudflared: parts.cloudflared ?? null,
    },
    file,
  );
}

// ───────────────────────────── assertions' helpers ─────────────────────────────

/** Every cited source and detail, one string per citation, for `assert.match`. */
export function citations(finding: Finding): string {
  return finding.evidence.map((e) => `${e.source} :: ${e.detail}`).join('\n');
}

export function remediationText(finding: Finding): string {
  return finding.remediation.map((r) => `${r.kind} | ${r.title}\n${r.text}`).join('\n---\n');
}
