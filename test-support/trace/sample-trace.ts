// A trace as the chain lab produces it (e2e/lab/chain.ts): two routers pass the probes on,
// the second one's filter refuses them at TTL 3 (admin-prohibited), so the target is not reached.

import type { TraceResult } from '../../contract/trace';

export const REFUSED_TRACE: TraceResult = {
  target: '10.210.99.1',
  address: '10.210.99.1',
  family: 4,
  reached: false,
  stoppedBy: 'error',
  hops: [
    { ttl: 1, address: '10.210.1.2', addresses: ['10.210.1.2'], status: 'time-exceeded', sent: 3, received: 3, rttMs: { min: 0.05, avg: 0.08, max: 0.12 }, lastRttMs: 0.05, error: null, mtu: null, errorsQuoteProbe: true },
    { ttl: 2, address: null, addresses: [], status: 'timeout', sent: 3, received: 0, rttMs: null, lastRttMs: null, error: null, mtu: null, errorsQuoteProbe: null },
    {
      ttl: 3,
      address: '10.210.2.2',
      addresses: ['10.210.2.2', '10.210.2.3'],
      status: 'icmp-error',
      sent: 3,
      received: 2,
      rttMs: { min: 0.1, avg: 0.15, max: 0.2 },
      lastRttMs: 0.2,
      error: {
        family: 4,
        origin: 'icmp',
        icmpType: 3,
        icmpCode: 13,
        name: 'communication-administratively-prohibited',
        message: 'Packet filtered',
        from: '10.210.2.2',
        mtu: null,
        pointer: null,
        errno: 'EHOSTUNREACH',
        original: { src: '10.210.1.1', dst: '10.210.99.1', protocol: 'icmp', id: 7, seq: 9, quotedBytes: 64 },
      },
      mtu: null,
      errorsQuoteProbe: true,
    },
  ],
  settings: { maxHops: 16, probesPerHop: 3, timeoutMs: 1000, size: 56, df: false, silentRun: 4 },
};
