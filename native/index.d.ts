// The native addon's API (native/src/lib.rs registers it). Loaded only in the Electron
// main process and the CLI, through electron/native/addon.ts.

export type Family = 4 | 6;

// ───────────────────────────── probes ─────────────────────────────

export interface SessionOptions {
  /** Source address to bind (used by sockets of its family). */
  source?: string;
  /** Network interface to bind (SO_BINDTODEVICE), e.g. "eth0". */
  device?: string;
  /**
   * When an event stops counting against the engine's backlog (see `Session`):
   * 'on-return' (default) when the `onEvents` call that carried it returns (or throws);
   * 'explicit' only when `session.consumed(n)` acknowledges it.
   */
  acknowledge?: 'on-return' | 'explicit';
  /**
   * Which ICMP socket to probe through (Linux). 'auto' (default): a ping socket when
   * `net.ipv4.ping_group_range` admits us, else a raw socket when we hold CAP_NET_RAW, else
   * the ping socket's refusal (ICMP_SOCKET_DENIED). 'ping': ping sockets only. 'raw': raw
   * sockets only (CAP_NET_RAW; ICMP_RAW_SOCKET_DENIED without it). Raw sockets choose and
   * filter their own echo id and see ICMP errors inline, including errors a gateway did not
   * translate back (`ProbeError.untranslated`).
   */
  socket?: SocketChoice;
}

export type SocketChoice = 'auto' | 'ping' | 'raw';
/** The kind of socket a family's probes went through: `icmp-api` is Windows' IcmpSendEcho2Ex / Icmp6SendEcho2. */
export type SocketKind = 'ping' | 'raw' | 'icmp-api';

export interface PingRequest {
  /** IPv4 or IPv6 address literal; resolve host names before calling. */
  target: string;
  /** Probes to send; 0 sends until cancelled. Default 1. */
  count?: number;
  /**
   * Milliseconds between sends (fractions allowed, rounded up to whole nanoseconds, so any
   * positive value stays an interval); 0 = flood (send as probes resolve). Default 1000.
   */
  intervalMs?: number;
  /** Milliseconds each probe waits for an answer. Default 1000. */
  timeoutMs?: number;
  /** TTL / hop limit, 1–255. Default: the system's. */
  ttl?: number;
  /** ICMP payload bytes, like `ping -s`. Default 56. */
  size?: number;
  /** Set DF and ignore cached path MTU (path-MTU probing). Default false. */
  df?: boolean;
  /** Probes in flight at once in flood mode (intervalMs 0). Default 1. */
  window?: number;
}

export type ProbeStatus = 'reply' | 'timeout' | 'icmp-error' | 'local-error';

/** The probe an ICMP error quotes, as decoded. */
export interface OriginalProbe {
  /** Our source address for that destination (ping sockets do not hand us the quoted IP header). */
  src: string | null;
  dst: string;
  protocol: 'icmp' | 'icmpv6';
  id: number | null;
  seq: number | null;
  quotedBytes: number;
}

export interface ProbeError {
  family: Family;
  /** 'icmp': a node on the path sent an ICMP error; 'local': this host refused to send. */
  origin: 'icmp' | 'local';
  icmpType: number | null;
  icmpCode: number | null;
  /** Stable kebab-case name, e.g. "communication-administratively-prohibited". */
  name: string;
  /** Human text in iputils' wording, e.g. "Packet filtered". */
  message: string;
  /** The node that sent the error. */
  from: string | null;
  /** Next-hop MTU for fragmentation-needed / packet-too-big, or the local MTU for EMSGSIZE. */
  mtu: number | null;
  /** Parameter-problem pointer. */
  pointer: number | null;
  /** errno the kernel paired with the error, e.g. "EHOSTUNREACH". */
  errno: string | null;
  original: OriginalProbe | null;
  /**
   * Set when the error quotes our probe (echo id and sequence) but not the destination it
   * was sent to (`original.dst` is the quoted one, maybe of the other family): a gateway
   * rewrote the destination and did not translate the error back. Only raw sockets see
   * these; null otherwise (absent in events recorded before it existed).
   */
  untranslated?: { quotedDestination: string; from: string | null } | null;
}

export interface ProbeEvent {
  type: 'probe';
  job: number;
  /** 1-based probe number within the job. */
  seq: number;
  /** ICMP sequence number on the wire (16 bits, per destination). */
  wireSeq: number;
  target: string;
  /** Who answered: the replying host or the error's sender. */
  address: string | null;
  status: ProbeStatus;
  /**
   * Receive time minus send time, in milliseconds: from kernel timestamps on Linux; on
   * Windows the whole milliseconds IcmpSendEcho2Ex measured (see `rttResolutionMs`).
   */
  rttMs: number | null;
  ttl: number | null;
  /** ICMP bytes received (header + payload), 0 for errors and timeouts. */
  bytes: number;
  /** Send time, milliseconds since the Unix epoch. */
  sentAt: number;
  error: ProbeError | null;
  /** The socket the probe went through (absent in events recorded before it existed). */
  socket?: SocketKind | null;
  /**
   * The finest RTT this platform measures: 0.000001 (1 ns) on Linux, 1 on Windows. The addon
   * always sets it; optional so events made by hand (tests, imports) need not.
   */
  rttResolutionMs?: number;
}

export interface JobDoneEvent {
  type: 'done';
  job: number;
  target: string;
  sent: number;
  received: number;
  errors: number;
  timeouts: number;
  cancelled: boolean;
}

export interface EngineFatalEvent {
  type: 'fatal';
  code: 'ENGINE_STOPPED';
  message: string;
}

export type EngineEvent = ProbeEvent | JobDoneEvent | EngineFatalEvent;

/**
 * A probe engine on its own thread.
 *
 * Backpressure: every event counts against the session's backlog from the moment the engine
 * hands it over until it is acknowledged (`SessionOptions.acknowledge`). While the backlog is
 * at its limit (about 8k events) the engine sends no probes for any job of the session, so a
 * consumer that stops acknowledging stops the engine and memory stays bounded. Cancel,
 * close and `done` events are not held back by it. With `acknowledge: 'explicit'`, every
 * event given to `onEvents` (probe, done and fatal alike) must eventually be passed to
 * `consumed()`, or the session stalls.
 *
 * If the engine thread dies (an OS call failed), every job ends with a `fatal` event, the
 * session is closed (`info().closed`), it stops keeping itself and Node alive, and `ping()`
 * throws ERR_SESSION_CLOSED quoting the engine's message.
 *
 * Throws (from `ping`) an Error with `code`
 * `ICMP_SOCKET_DENIED` when `net.ipv4.ping_group_range` admits none of our groups (and,
 * with `socket: 'auto'`, no raw socket could be had either),
 * `ICMP_RAW_SOCKET_DENIED` when `socket: 'raw'` and this process lacks CAP_NET_RAW,
 * `ICMP_FAMILY_UNSUPPORTED` when the address family is unavailable,
 * `ICMP_NO_SUCH_DEVICE` / `ICMP_SOURCE_UNAVAILABLE` when the session's `device` / `source`
 * does not exist here, or `ICMP_SOCKET_FAILED`; argument errors are TypeError/RangeError
 * with a `code`.
 */
export declare class Session {
  /**
   * Events arrive in batches on the JS thread. While a job runs, the session keeps itself
   * and Node's event loop alive; an idle session does neither, and if nothing references it
   * V8 may collect it, which stops its thread and closes its sockets. An exception thrown by
   * `onEvents` becomes an uncaught exception (`process.on('uncaughtException')`); if the
   * process survives it, the rest of the events are still delivered in later calls.
   * Arrays and event objects are built by defining properties, so setters on
   * `Array.prototype` / `Object.prototype` never see them.
   */
  constructor(onEvents: (events: EngineEvent[]) => void, options?: SessionOptions);
  /** The callback given to the constructor (read-only). */
  readonly onEvents: (events: EngineEvent[]) => void;
  /** Starts a job and returns its id; its events arrive through `onEvents`. */
  ping(request: PingRequest): number;
  /** Stops a job; it ends with a `done` event whose `cancelled` is true. */
  cancel(jobId: number): void;
  /** Cancels every job and closes every socket. Idempotent. */
  close(): void;
  /**
   * With `acknowledge: 'explicit'`: `count` more of the events handed to `onEvents` have been
   * consumed. Throws ERR_INVALID_STATE on an 'on-return' session and a RangeError
   * (ERR_OUT_OF_RANGE) when acknowledging more than were handed over.
   */
  consumed(count: number): void;
  /**
   * `closed`: close() was called or the engine died. `backlog`: events the engine delivered
   * that are not yet acknowledged.
   */
  info(): {
    closed: boolean;
    backlog: number;
    echoIds: { v4: number | null; v6: number | null };
    /** The kind of socket opened per family; null before it opened. */
    sockets: { v4: SocketKind | null; v6: SocketKind | null };
  };
}

// ─────────────────────────── capability ───────────────────────────

export interface SocketCapability {
  family: Family;
  allowed: boolean;
  errno: string | null;
  errnoCode: number | null;
  message: string;
}

export interface Capability {
  v4: SocketCapability;
  v6: SocketCapability;
  pingGroupRangePath: string;
  /** [low, high] of net.ipv4.ping_group_range in this network namespace. */
  pingGroupRange: [number, number] | null;
  pingGroupRangeError: string | null;
  uid: number;
  euid: number;
  gid: number;
  egid: number;
  groups: number[];
  /** Our groups (egid and supplementary) that the range admits. */
  coveredGroups: number[];
  /** Whether raw ICMP sockets (CAP_NET_RAW; they ignore the range) open for this process. */
  raw: { v4: SocketCapability; v6: SocketCapability };
  /** CAP_NET_RAW in this process's effective set (/proc/self/status CapEff); null if unreadable. */
  capNetRaw: boolean | null;
}

export declare function probeCapability(): Capability;

// ──────────────────────────── decoding ────────────────────────────

export interface DecodeOptions {
  /** 'ip' (default): a whole packet with its IP header; 'icmp': a bare ICMP message. */
  layer?: 'ip' | 'icmp';
  /** Required with layer 'icmp'. */
  family?: Family;
  verifyChecksum?: boolean;
  /** IPv6 addresses for verifying a bare ICMPv6 checksum. */
  pseudoHeader?: { src: string; dst: string };
}

export interface IpHeader {
  family: Family;
  src: string;
  dst: string;
  protocol: number;
  protocolName: 'icmp' | 'tcp' | 'udp' | 'icmpv6' | null;
  ttl: number;
  headerLength: number;
  totalLength: number;
  dontFragment: boolean;
  identification: number | null;
  fragmentOffset: number;
  moreFragments: boolean;
}

export type QuotedTransport =
  | { kind: 'icmp-echo'; icmpType: number; icmpCode: number; id: number; seq: number }
  | { kind: 'icmp'; icmpType: number; icmpCode: number }
  | { kind: 'udp'; srcPort: number; dstPort: number; length: number | null }
  | { kind: 'tcp'; srcPort: number; dstPort: number; seq: number | null }
  | { kind: 'other'; protocol: number }
  | { kind: 'missing' };

export interface QuotedPacket {
  ip: IpHeader;
  transport: QuotedTransport;
  /** The quote ends before the quoted packet's declared length. */
  truncated: boolean;
  quotedLength: number;
}

export type IcmpClass = 'echo-request' | 'echo-reply' | 'error' | 'informational';

export interface DecodedIcmp {
  family: Family;
  type: number;
  code: number;
  checksum: number;
  checksumOk: boolean | null;
  class: IcmpClass;
  name: string;
  message: string;
  mtu: number | null;
  pointer: number | null;
  gateway: string | null;
  echo: { id: number; seq: number; payloadLength: number } | null;
  original: QuotedPacket | null;
}

export interface DecodedPacket {
  outer: IpHeader | null;
  icmp: DecodedIcmp;
}

export type DecodeResult =
  | { ok: true; value: DecodedPacket }
  | { ok: false; code: 'TRUNCATED' | 'BAD_CHECKSUM' | 'UNSUPPORTED' | 'MALFORMED'; message: string };

/**
 * `bytes`: a Buffer, Uint8Array or ArrayBuffer. Other views (DataView, other typed arrays),
 * SharedArrayBuffer-backed memory and detached buffers are a TypeError (ERR_INVALID_ARG_TYPE).
 */
export declare function decodePacket(bytes: Uint8Array | ArrayBuffer, options?: DecodeOptions): DecodeResult;

export interface IcmpDescription {
  name: string;
  message: string;
  class: IcmpClass;
  mtu: number | null;
  pointer: number | null;
}

export declare function describeIcmp(family: Family, type: number, code: number, info?: number): IcmpDescription;

export declare const addonVersion: string;
