// Probe events for tests that run without the lab, in exactly the shape the native engine
// emitted them in a lab run (e2e/native/workers/probe.ts: a netem reply, a prohibit route, a
// TTL-1 probe and a blackhole). The lab test (e2e/report) uses live events instead.

import type { ProbeError, ProbeEvent } from '../../native/index';

const T0 = 1_736_935_200_000;

function error(fields: Pick<ProbeError, 'icmpType' | 'icmpCode' | 'name' | 'message'>, dst: string, seq: number): ProbeError {
  return {
    family: 4,
    origin: 'icmp',
    ...fields,
    from: '10.200.1.1',
    mtu: null,
    pointer: null,
    errno: 'EHOSTUNREACH',
    original: { src: '10.200.1.2', dst, protocol: 'icmp', id: 31970, seq, quotedBytes: 64 },
  };
}

export function reply(seq: number, rttMs: number, target = '10.200.4.2'): ProbeEvent {
  return { type: 'probe', job: 1, seq, wireSeq: seq, target, address: target, status: 'reply', rttMs, ttl: 63, bytes: 64, sentAt: T0 + (seq - 1) * 100, error: null };
}

export function prohibited(seq: number, target = '10.200.9.1'): ProbeEvent {
  return {
    type: 'probe', job: 2, seq, wireSeq: seq, target, address: '10.200.1.1', status: 'icmp-error', rttMs: 0.019606, ttl: 64, bytes: 0, sentAt: T0 + (seq - 1) * 100 + 1,
    error: error({ icmpType: 3, icmpCode: 13, name: 'communication-administratively-prohibited', message: 'Packet filtered' }, target, seq),
  };
}

export function ttlExceeded(seq: number, target = '10.200.2.2'): ProbeEvent {
  return {
    type: 'probe', job: 3, seq, wireSeq: seq, target, address: '10.200.1.1', status: 'icmp-error', rttMs: 0.04796, ttl: 64, bytes: 0, sentAt: T0 + (seq - 1) * 100 + 2,
    error: error({ icmpType: 11, icmpCode: 0, name: 'ttl-exceeded', message: 'Time to live exceeded' }, target, seq),
  };
}

export function timedOut(seq: number, target = '10.200.9.3'): ProbeEvent {
  return { type: 'probe', job: 4, seq, wireSeq: seq, target, address: null, status: 'timeout', rttMs: null, ttl: null, bytes: 0, sentAt: T0 + (seq - 1) * 100 + 3, error: null };
}

export function localError(seq: number, target = '10.200.3.2'): ProbeEvent {
  return {
    type: 'probe', job: 5, seq, wireSeq: seq, target, address: null, status: 'local-error', rttMs: null, ttl: null, bytes: 0, sentAt: T0 + (seq - 1) * 100 + 4,
    error: { family: 4, origin: 'local', icmpType: null, icmpCode: null, name: 'message-too-long', message: 'Message too long (local MTU 1280)', from: null, mtu: 1280, pointer: null, errno: 'EMSGSIZE', original: null },
  };
}

/** 3 replies, 1 prohibited, 1 TTL exceeded, 1 timeout, 1 local error. */
export function mixedProbes(): ProbeEvent[] {
  return [reply(1, 26.3), reply(2, 13.97), reply(3, 8.92), prohibited(1), ttlExceeded(1), timedOut(1), localError(1)];
}
