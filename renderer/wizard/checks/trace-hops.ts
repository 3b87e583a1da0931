// How a trace is said: each hop, and why the trace stopped, as messages. Shared by the Path
// step's one-line result, icmp-error-transparency's evidence and the reports.

import type { Message } from '../../../contract/message';
import type { TraceHop, TraceResult } from '../../../contract/trace';
import { msg } from '../../i18n/messages/message';

export function describeHop(hop: TraceHop): Message {
  const answered = { ttl: hop.ttl, address: hop.address ?? '?', received: hop.received, sent: hop.sent, avgMs: hop.rttMs?.avg ?? null };
  switch (hop.status) {
    case 'time-exceeded':
      return msg('trace.hop.time-exceeded', answered);
    case 'reply':
      return msg('trace.hop.reply', answered);
    case 'icmp-error':
      return msg('trace.hop.icmp-error', { ttl: hop.ttl, address: hop.address ?? hop.error?.from ?? '?', error: hop.error?.name ?? '?', mtu: hop.mtu });
    case 'timeout':
      return msg('trace.hop.timeout', { ttl: hop.ttl, sent: hop.sent });
  }
}

/** Why the trace ended, as a clause: "10.0.0.5 answered at hop 4". */
export function describeTraceStop(result: TraceResult): Message {
  const last = result.hops.at(-1);
  switch (result.stoppedBy) {
    case 'target':
      return msg('trace.stop.target', { ttl: last?.ttl ?? 0, address: result.address });
    case 'error':
      return msg('trace.stop.error', { ttl: last?.ttl ?? 0, from: last?.address ?? '?', error: last?.error?.name ?? '?' });
    case 'silent-run': {
      const to = last?.ttl ?? 0;
      return msg('trace.stop.silent-run', { from: Math.max(1, to - result.settings.silentRun + 1), to });
    }
    case 'max-hops':
      return msg('trace.stop.max-hops', { maxHops: result.settings.maxHops });
    case 'cancelled':
      return msg('trace.stop.cancelled', { hops: result.hops.length });
  }
}
