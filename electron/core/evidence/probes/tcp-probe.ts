// TCP connect to the target: the other half of "is it ICMP or the whole path?". A connect
// that completes while echo goes unanswered points at ICMP policy; one that is refused still
// proves the host is reachable; one that times out or is unreachable implicates the path.

import { Socket } from 'node:net';
import { performance } from 'node:perf_hooks';
import type { CallOptions, TcpRequest } from '../../../../contract/api';
import type { Gathered, TcpProbeResult } from '../../../../contract/evidence';
import { gathered, guarded, notGathered } from '../gathered';
import { describeTarget, resolveProbeTarget } from './probe-target';
import { integerField, requestObject, textField } from './request-fields';

export const TCP_DEFAULT_TIMEOUT_MS = 3000;
const MAX_TIMEOUT_MS = 60_000;

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

/** Connects to `target:port` once; the outcome (also refused / timeout / unreachable) is evidence, not a failure. */
export function probeTcp(request: TcpRequest, options: CallOptions = {}): Promise<Gathered<TcpProbeResult>> {
  const source = 'TCP connect from this host';
  return guarded(source, async () => {
    const fields = requestObject(request);
    if (!fields.ok) return notGathered('UNPARSEABLE', fields.message, source);
    const target = textField('target', fields.value['target']);
    if (!target.ok) return notGathered('UNPARSEABLE', target.message, source);
    const port = integerField('port', fields.value['port'], 1, 65535);
    if (!port.ok) return notGathered('UNPARSEABLE', port.message, source);
    const timeoutMs = integerField('timeoutMs', fields.value['timeoutMs'], 1, MAX_TIMEOUT_MS, TCP_DEFAULT_TIMEOUT_MS);
    if (!timeoutMs.ok) return notGathered('UNPARSEABLE', timeoutMs.message, source);

    const resolved = await resolveProbeTarget(target.value, options.signal);
    if (!resolved.ok) return notGathered(resolved.code, resolved.message, source);
    const where = `${source} to ${describeTarget(resolved.value)} port ${port.value}`;
    const end = await connect(resolved.value.address, resolved.value.family, port.value, timeoutMs.value, options.signal);
    if (end.outcome === 'cancelled') return notGathered('CANCELLED', `cancelled while connecting to port ${port.value}`, where);
    return gathered(
      {
        target: target.value,
        address: resolved.value.address,
        port: port.value,
        outcome: end.outcome,
        ms: Math.round(end.ms * 1000) / 1000,
        errno: end.errno,
      },
      where,
    );
  });
}
