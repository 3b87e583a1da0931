// TCP connect to the target: the other half of "is it ICMP or the whole path?". A connect
// that completes while echo goes unanswered points at ICMP policy; one that is refused still
// proves the host is reachable; one that times out or is unreachable implicates the path.
//
// Unless a middlebox completed the handshake itself: zero-trust clients and edge or sidecar
// proxies accept every connection locally and only then try the target (cloudflared#824:
// "all ports … complete the TCP handshake"), so a dead host "connects". After a connect, the
// probe therefore tries ports the target should not serve: a real host refuses them (RST) or
// lets them time out; such a middlebox connects them too. No data is sent on any of them.

import { Socket } from 'node:net';
import { performance } from 'node:perf_hooks';
import type { CallOptions, TcpRequest } from '../../../../contract/api';
import type { Gathered, TcpControlConnect, TcpProbeResult } from '../../../../contract/evidence';
import { msg } from '../../../../renderer/i18n/messages/message';
import { gathered, guarded, notGathered } from '../gathered';
import { describeTarget, resolveProbeTarget } from './probe-target';
import { integerField, requestObject, textField } from './request-fields';

export const TCP_DEFAULT_TIMEOUT_MS = 3000;
const MAX_TIMEOUT_MS = 60_000;

/** Discard (RFC 863): long obsolete, served almost nowhere, and harmless to connect to. */
const DISCARD_PORT = 9;
/** IANA's dynamic range: ports clients bind for a moment, servers do not listen on. */
const DYNAMIC_PORTS = { first: 49152, last: 65535 } as const;
/**
 * A middlebox answers the control ports as fast as the real port, so waiting the full timeout
 * for them only slows a healthy run down (a host that drops closed ports silently): give up
 * after 20 times the real connect's time, but never sooner than 1 s.
 */
const CONTROL_MIN_WAIT_MS = 1000;
const CONTROL_WAIT_FACTOR = 20;

/** Two ports that `port`'s host should not serve: discard and one random dynamic port, neither equal to `port`. */
export function controlPorts(port: number, random: () => number = Math.random): number[] {
  const span = DYNAMIC_PORTS.last - DYNAMIC_PORTS.first + 1;
  const dynamic = (): number => DYNAMIC_PORTS.first + Math.floor(random() * span);
  let high = dynamic();
  while (high === port) high = dynamic();
  let low = port === DISCARD_PORT ? dynamic() : DISCARD_PORT;
  while (low === port || low === high) low = dynamic();
  return [low, high];
}

/**
 * Whether a middlebox completed the handshake, from the control connects. All connected →
 * true. None connected and at least one refused → false: a reset for a closed port comes from
 * a stack that tells its ports apart. Otherwise null: controls that only time out may be a
 * host that drops closed ports silently, or a proxy that serves only some ports; a split may
 * be a host that happens to serve one of them.
 */
export function decideProxied(controls: readonly TcpControlConnect[]): boolean | null {
  if (controls.length === 0) return null;
  const connected = controls.filter((c) => c.outcome === 'connected').length;
  if (connected === controls.length) return true;
  return connected === 0 && controls.some((c) => c.outcome === 'refused') ? false : null;
}

/**
 * How Linux reports a failed connect. ICMP errors reach TCP too: an unreachable from the path
 * ends the connect with EHOSTUNREACH (v4 host unreachable, v4 admin prohibited 3/13, failed
 * ARP/ND), ENETUNREACH (no route, v4 and v6) or EACCES (v6 administratively prohibited 1/1,
 * icmpv6_err_convert). Measured in the lab: at once for IPv4, at the first SYN
 * retransmission (~1 s) for IPv6. All of them mean "something on the path said no".
 */
function outcomeOf(errno: string): TcpProbeResult['outcome'] {
  switch (errno) {
    case 'ECONNREFUSED':
      return 'refused';
    case 'ETIMEDOUT':
      return 'timeout';
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
    case 'EACCES':
      return 'unreachable';
    default:
      return 'error';
  }
}

interface ConnectEnd {
  outcome: TcpProbeResult['outcome'] | 'cancelled';
  errno: string | null;
  ms: number;
}

function connect(address: string, family: 4 | 6, port: number, timeoutMs: number, signal: AbortSignal | undefined): Promise<ConnectEnd> {
  return new Promise((resolve) => {
    const socket = new Socket();
    const started = performance.now();
    let settled = false;
    const finish = (outcome: ConnectEnd['outcome'], errno: string | null): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
      socket.destroy();
      resolve({ outcome, errno, ms: performance.now() - started });
    };
    const onAbort = (): void => finish('cancelled', null);
    const timer = setTimeout(() => finish('timeout', null), timeoutMs);
    signal?.addEventListener('abort', onAbort, { once: true });
    socket.once('connect', () => finish('connected', null));
    socket.once('error', (error: NodeJS.ErrnoException) => {
      const errno = error.code ?? 'EIO';
      finish(outcomeOf(errno), errno);
    });
    socket.connect({ host: address, port, family });
  });
}

function roundMs(ms: number): number {
  return Math.round(ms * 1000) / 1000;
}

/**
 * Connects to `target:port` once; the outcome (also refused / timeout / unreachable) is evidence,
 * not a failure. After a connect, also to two control ports (see controlPorts) to tell whether a
 * middlebox completed the handshake (`proxied`).
 */
export function probeTcp(request: TcpRequest, options: CallOptions = {}): Promise<Gathered<TcpProbeResult>> {
  const source = msg('source.tcp-probe');
  return guarded(source, async () => {
    const fields = requestObject(request);
    if (!fields.ok) return notGathered('UNPARSEABLE', fields.reason, source);
    const target = textField('target', fields.value['target']);
    if (!target.ok) return notGathered('UNPARSEABLE', target.reason, source);
    const port = integerField('port', fields.value['port'], 1, 65535);
    if (!port.ok) return notGathered('UNPARSEABLE', port.reason, source);
    const timeoutMs = integerField('timeoutMs', fields.value['timeoutMs'], 1, MAX_TIMEOUT_MS, TCP_DEFAULT_TIMEOUT_MS);
    if (!timeoutMs.ok) return notGathered('UNPARSEABLE', timeoutMs.reason, source);

    const resolved = await resolveProbeTarget(target.value, options.signal);
    if (!resolved.ok) return notGathered(resolved.code, resolved.reason, source);
    const where = msg('source.tcp-probe.to', { target: describeTarget(resolved.value), port: port.value });
    const { address, family } = resolved.value;
    const end = await connect(address, family, port.value, timeoutMs.value, options.signal);
    if (end.outcome === 'cancelled') return notGathered('CANCELLED', msg('gather.tcp.cancelled', { port: port.value }), where);
    const controls: TcpControlConnect[] = [];
    if (end.outcome === 'connected') {
      const wait = Math.min(timeoutMs.value, Math.max(CONTROL_MIN_WAIT_MS, Math.ceil(end.ms * CONTROL_WAIT_FACTOR)));
      const ends = await Promise.all(controlPorts(port.value).map(async (p) => ({ port: p, end: await connect(address, family, p, wait, options.signal) })));
      for (const { port: p, end: c } of ends) {
        if (c.outcome === 'cancelled') return notGathered('CANCELLED', msg('gather.tcp.cancelled-control', { port: p }), where);
        controls.push({ port: p, outcome: c.outcome, ms: roundMs(c.ms), errno: c.errno });
      }
    }
    return gathered(
      {
        target: target.value,
        address,
        port: port.value,
        outcome: end.outcome,
        ms: roundMs(end.ms),
        errno: end.errno,
        controls,
        proxied: decideProxied(controls),
      },
      where,
    );
  });
}
