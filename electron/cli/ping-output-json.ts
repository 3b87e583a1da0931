// JSON Lines output (DESIGN.md §2): one "probe" object per probe, then one "summary", or
// one "fatal". The contract's fields come first, in its order; we only ever add fields.

import type { ProbeError, ProbeEvent } from '../../native/index';
import type { RttSummary } from '../core/ping/statistics';
import type { TextSink } from './ping-output-batch';
import type { PingFatal, PingFinish, PingReporter, PingRunInfo } from './ping-output';

/** Nanosecond precision, like the probes' rttMs, without float noise such as 0.06833333333333334. */
function nanos(ms: number): number {
  return Math.round(ms * 1e6) / 1e6;
}

/** A probe error as the JSON Lines contract spells it (shared with `trace`). */
export function errorObject(error: ProbeError): Record<string, unknown> {
  const original = error.original;
  return {
    family: error.family,
    icmpType: error.icmpType,
    icmpCode: error.icmpCode,
    name: error.name,
    message: error.message,
    from: error.from,
    mtu: error.mtu,
    original: original && {
      src: original.src,
      dst: original.dst,
      protocol: original.protocol,
      id: original.id,
      seq: original.seq,
      quotedBytes: original.quotedBytes,
    },
    // Additions beyond the contract.
    origin: error.origin,
    errno: error.errno,
    pointer: error.pointer,
    // Raw sockets only: the error quotes our probe but another destination (a gateway did not
    // translate it back); null otherwise, so both sockets print the same shape.
    untranslated: error.untranslated ?? null,
  };
}

function rttObject(rtt: RttSummary | null): Record<string, number | null> {
  if (!rtt) return { min: null, avg: null, max: null, mdev: null };
  return { min: nanos(rtt.min), avg: nanos(rtt.avg), max: nanos(rtt.max), mdev: nanos(rtt.mdev) };
}

export function jsonReporter(output: TextSink): PingReporter {
  let info: PingRunInfo | null = null;
  const line = (value: Record<string, unknown>): void => output.out(`${JSON.stringify(value)}\n`);
  // "host" appears only when the user gave a name, so scripts can tell what was resolved.
  const host = (): Record<string, string> => (info?.target.isHostName ? { host: info.target.input } : {});
  return {
    start(run: PingRunInfo) {
      info = run;
    },
    probe(event: ProbeEvent) {
      line({
        type: 'probe',
        seq: event.seq,
        target: event.target,
        address: event.address,
        status: event.status,
        rttMs: event.rttMs,
        ttl: event.ttl,
        bytes: event.bytes,
        error: event.error && errorObject(event.error),
        ...host(),
        // Addition: the RTT resolution (Windows measures whole milliseconds).
        ...(event.rttResolutionMs === undefined ? {} : { rttResolutionMs: event.rttResolutionMs }),
      });
    },
    finish({ summary, elapsedMs, cancelled }: PingFinish) {
      line({
        type: 'summary',
        target: info?.target.address ?? null,
        sent: summary.sent,
        received: summary.received,
        errors: summary.errors,
        lossPct: summary.lossPct,
        rttMs: rttObject(summary.rttMs),
        ...host(),
        timeouts: summary.timeouts,
        timeMs: Math.round(elapsedMs),
        cancelled,
        socket: info?.socket ?? null,
      });
    },
    fatal({ code, message, details }: PingFatal) {
      line({ type: 'fatal', code, message, ...details });
    },
  };
}
