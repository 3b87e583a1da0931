// Owns one native probe Session and routes its batched events to the PingJob each belongs
// to. Turns everything the addon throws into Result failures with stable codes, and a
// refused socket into an explanation built from probeCapability().
//
// The native session acknowledges explicitly: an event counts against the engine's backlog
// until the job's consumer pulls it (PingJob acknowledges then), so a slow consumer slows the
// engine instead of filling memory. Events no job will yield are acknowledged here at once.

import { AddonUnavailableError, loadAddon } from '../../native/addon';
import type { NativeAddon } from '../../native/addon';
import type { EngineEvent, Family, PingRequest, Session, SessionOptions, SocketKind } from '../../../native/index';
import { addressFamily } from './address-kind';
import { PingJob } from './ping-job';
import { fail, ok } from '../../../contract/result';
import type { Failure, Ok, Result } from '../../../contract/result';
import { explainSocketDenied } from './socket-denied';
import type { SocketDeniedExplanation } from './socket-denied';
import { preferredSocket } from './socket-choice';

export type OpenSessionCode = 'ADDON_UNAVAILABLE' | 'INVALID_BINDING' | 'INTERNAL_ERROR';

export interface OpenSessionOptions extends SessionOptions {
  /** The addon to use; defaults to `loadAddon()`. */
  addon?: NativeAddon;
}

export type StartPingCode =
  | 'ICMP_FAMILY_UNSUPPORTED'
  | 'ICMP_SOCKET_FAILED'
  /** `socket: 'raw'` and this process lacks CAP_NET_RAW; the message says how to get it. */
  | 'ICMP_RAW_SOCKET_DENIED'
  | 'NO_SUCH_DEVICE'
  | 'SOURCE_NOT_AVAILABLE'
  | 'INVALID_REQUEST'
  | 'SESSION_CLOSED'
  | 'INTERNAL_ERROR';

/**
 * The kernel refused the ICMP socket; `denied` holds the range, our GIDs and the fix (null
 * only if probeCapability() itself failed; `message` is then the addon's own explanation).
 */
export interface SocketDeniedFailure extends Failure<'ICMP_SOCKET_DENIED'> {
  denied: SocketDeniedExplanation | null;
}

export type StartPingFailure = Failure<StartPingCode> | SocketDeniedFailure;
export type StartPingResult = Ok<PingJob> | StartPingFailure;

export interface StartPingOptions {
  /** Aborting cancels the job; it then ends with a `done` whose `cancelled` is true. */
  signal?: AbortSignal;
}

interface CodedError {
  code?: unknown;
  message?: unknown;
}

function errorCode(error: unknown): string {
  const code = (error as CodedError | null)?.code;
  return typeof code === 'string' ? code : '';
}

function errorMessage(error: unknown): string {
  const message = (error as CodedError | null)?.message;
  return typeof message === 'string' ? message : String(error);
}

/** Opens a probe session (sockets open lazily, on the first `start` of each family). */
export function openPingSession(options: OpenSessionOptions = {}): Result<PingSession, OpenSessionCode> {
  let addon: NativeAddon;
  try {
    addon = options.addon ?? loadAddon();
  } catch (error) {
    if (error instanceof AddonUnavailableError) return fail('ADDON_UNAVAILABLE', error.message);
    return fail('INTERNAL_ERROR', `loading the native addon failed: ${errorMessage(error)}`);
  }
  const sessionOptions: SessionOptions = {};
  if (options.source !== undefined) sessionOptions.source = options.source;
  if (options.device !== undefined) sessionOptions.device = options.device;
  sessionOptions.socket = options.socket ?? preferredSocket();
  try {
    return ok(new PingSession(addon, sessionOptions));
  } catch (error) {
    // The addon validates device names and source literals with TypeError/RangeError.
    if (error instanceof TypeError || error instanceof RangeError) return fail('INVALID_BINDING', errorMessage(error));
    return fail('INTERNAL_ERROR', `opening a probe session failed: ${errorMessage(error)}`);
  }
}

/** A native Session shared by any number of ping jobs. Close it when done. */
export class PingSession {
  readonly #addon: NativeAddon;
  readonly #session: Session;
  readonly #options: SessionOptions;
  readonly #jobs = new Map<number, PingJob>();
  #closed = false;

  /** Use `openPingSession`, which turns constructor errors into results. */
  constructor(addon: NativeAddon, options: SessionOptions) {
    this.#addon = addon;
    this.#options = options;
    this.#session = new addon.Session((events) => this.#route(events), { ...options, acknowledge: 'explicit' });
  }

  /** Starts a ping job. Never throws: a refused socket or bad request comes back as a failure. */
  start(request: PingRequest, options: StartPingOptions = {}): StartPingResult {
    if (this.#closed) return fail('SESSION_CLOSED', 'the ping session is closed; open a new one');
    let id: number;
    try {
      id = this.#session.ping(request);
    } catch (error) {
      return this.#startFailure(error, request);
    }
    const job = new PingJob(
      id,
      request.target,
      () => this.#cancel(id),
      (count) => this.#acknowledge(count),
    );
    this.#jobs.set(id, job);
    void job.finished.then(() => this.#jobs.delete(id));
    if (options.signal) job.cancelOn(options.signal);
    return ok(job);
  }

  /**
   * The echo id the kernel assigned to this session's socket of `family` (its "port"), or
   * null before that socket opened. An ICMP error about our probe quotes it.
   */
  echoId(family: Family): number | null {
    const ids = this.#session.info().echoIds;
    return (family === 4 ? ids.v4 : ids.v6) ?? null;
  }

  /** The kind of socket this session probes `family` through, or null before it opened. */
  socketKind(family: Family): SocketKind | null {
    const sockets = this.#session.info().sockets;
    return (family === 4 ? sockets.v4 : sockets.v6) ?? null;
  }

  /**
   * Cancels every job and closes the sockets. Idempotent. Unfinished jobs end shortly after,
   * with the engine's own `done` (`cancelled` true, counting the probes it sent), which the
   * addon delivers after close() as for any cancel.
   */
  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    this.#session.close();
  }

  #cancel(id: number): void {
    if (!this.#closed) this.#session.cancel(id);
  }

  /** Tells the engine `count` events were consumed. */
  #acknowledge(count: number): void {
    if (count > 0) this.#session.consumed(count);
  }

  #route(events: EngineEvent[]): void {
    let unrouted = 0;
    for (const event of events) {
      if (event.type === 'fatal') {
        // The engine thread stopped: every job on this session is over. One event shared by
        // all, so it is acknowledged here rather than by each job.
        unrouted += 1;
        for (const job of this.#jobs.values()) job.deliver(event, false);
        continue;
      }
      const job = this.#jobs.get(event.job);
      if (job) job.deliver(event);
      else unrouted += 1;
    }
    this.#acknowledge(unrouted);
  }

  #startFailure(error: unknown, request: PingRequest): StartPingFailure {
    const code = errorCode(error);
    const message = errorMessage(error);
    if (code === 'ICMP_SOCKET_DENIED') return this.#denied(message, addressFamily(request.target) ?? 4);
    if (code === 'ICMP_FAMILY_UNSUPPORTED') return fail('ICMP_FAMILY_UNSUPPORTED', message);
    if (code === 'ICMP_RAW_SOCKET_DENIED') return fail('ICMP_RAW_SOCKET_DENIED', message);
    // Binding happens when the socket opens, so a wrong device or source shows up here, not at open.
    if (code === 'ICMP_NO_SUCH_DEVICE') {
      return fail('NO_SUCH_DEVICE', `no network interface named "${this.#options.device ?? ''}" here (ENODEV)`);
    }
    if (code === 'ICMP_SOURCE_UNAVAILABLE') {
      return fail('SOURCE_NOT_AVAILABLE', `${this.#options.source ?? ''} is not an address of this host (EADDRNOTAVAIL)`);
    }
    if (code === 'ICMP_SOCKET_FAILED') return fail('ICMP_SOCKET_FAILED', message);
    // The engine thread died (its jobs ended with a `fatal`): the native session closed itself.
    if (code === 'ERR_SESSION_CLOSED') return fail('SESSION_CLOSED', message);
    if (error instanceof TypeError || error instanceof RangeError) return fail('INVALID_REQUEST', message);
    return fail('INTERNAL_ERROR', `starting the ping failed: ${message}`);
  }

  #denied(addonMessage: string, family: Family): StartPingFailure {
    try {
      const denied = explainSocketDenied(this.#addon.probeCapability(), family);
      return { ok: false, code: 'ICMP_SOCKET_DENIED', message: denied.message, denied };
    } catch {
      // Without the capability report the addon's own message is still a full explanation.
      return { ok: false, code: 'ICMP_SOCKET_DENIED', message: addonMessage, denied: null };
    }
  }
}
