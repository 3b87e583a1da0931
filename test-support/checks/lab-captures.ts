// Evidence captured from the namespace lab (e2e/lab) with the real addon and the real probe
// gatherers, run as the unprivileged user in the client namespace (kernel 6.18). Router =
// 10.200.1.1 / fd00:200:1::1; server 10.200.2.2 behind a 1500 link, 10.200.3.2 / fd00:200:3::2
// behind a 1280 link; 10.200.9.1 `prohibit`, 10.200.9.2 `unreachable`, 10.200.9.3 `blackhole`.
// "Swallowed" captures had an nftables rule in the router's output chain dropping the ICMP
// errors it sends (destination unreachable, time exceeded, packet too big).
// Checks are tested against these exact shapes; checks/lab.test.ts re-derives them live.

import type { Gathered, PathMtuResult, TransparencyResult } from '../../contract/evidence';
import type { JobDoneEvent, ProbeEvent } from '../../native/index';

/** Echo reply from the server (10.200.2.2). */
export const ECHO_REPLY: ProbeEvent = { type: 'probe', job: 1, seq: 1, wireSeq: 1, target: '10.200.2.2', address: '10.200.2.2', status: 'reply', rttMs: 0.1035, ttl: 63, bytes: 64, sentAt: 1795358673213.3987, error: null };

/** Echo to a `prohibit` route: "Packet filtered" (3/13) from the router. */
export const ECHO_PROHIBITED_V4: ProbeEvent = {
  type: 'probe',
  job: 2,
  seq: 1,
  wireSeq: 1,
  target: '10.200.9.1',
  address: '10.200.1.1',
  status: 'icmp-error',
  rttMs: 0.040987,
  ttl: 64,
  bytes: 0,
  sentAt: 1795358673214.4275,
  error: {
    family: 4,
    origin: 'icmp',
    icmpType: 3,
    icmpCode: 13,
    name: 'communication-administratively-prohibited',
    message: 'Packet filtered',
    from: '10.200.1.1',
    mtu: null,
    pointer: null,
    errno: 'EHOSTUNREACH',
    original: { src: '10.200.1.2', dst: '10.200.9.1', protocol: 'icmp', id: 4563, seq: 1, quotedBytes: 64 },
  },
};

/** IPv6 echo to a `prohibit` route: administratively prohibited (1/1). */
export const ECHO_PROHIBITED_V6: ProbeEvent = {
  type: 'probe',
  job: 3,
  seq: 1,
  wireSeq: 1,
  target: 'fd00:200:9::1',
  address: 'fd00:200:1::1',
  status: 'icmp-error',
  rttMs: 0.075519,
  ttl: 64,
  bytes: 0,
  sentAt: 1795358673214.737,
  error: {
    family: 6,
    origin: 'icmp',
    icmpType: 1,
    icmpCode: 1,
    name: 'administratively-prohibited',
    message: 'Destination unreachable: Administratively prohibited',
    from: 'fd00:200:1::1',
    mtu: null,
    pointer: null,
    errno: 'EACCES',
    original: { src: 'fd00:200:1::2', dst: 'fd00:200:9::1', protocol: 'icmpv6', id: 4564, seq: 1, quotedBytes: 64 },
  },
};

/** Echo into a `blackhole` route: nothing comes back. */
export const ECHO_TIMEOUT: ProbeEvent = { type: 'probe', job: 4, seq: 1, wireSeq: 1, target: '10.200.9.3', address: null, status: 'timeout', rttMs: null, ttl: null, bytes: 0, sentAt: 1795358673216.0964, error: null };

/** TTL 1: time exceeded from the router. */
export const TTL_EXCEEDED_V4: ProbeEvent = {
  type: 'probe',
  job: 5,
  seq: 1,
  wireSeq: 2,
  target: '10.200.2.2',
  address: '10.200.1.1',
  status: 'icmp-error',
  rttMs: 0.06653,
  ttl: 64,
  bytes: 0,
  sentAt: 1795358673516.4358,
  error: {
    family: 4,
    origin: 'icmp',
    icmpType: 11,
    icmpCode: 0,
    name: 'ttl-exceeded',
    message: 'Time to live exceeded',
    from: '10.200.1.1',
    mtu: null,
    pointer: null,
    errno: 'EHOSTUNREACH',
    original: { src: '10.200.1.2', dst: '10.200.2.2', protocol: 'icmp', id: 4563, seq: 2, quotedBytes: 64 },
  },
};

/** Hop limit 1: time exceeded from the router. */
export const HOP_LIMIT_EXCEEDED_V6: ProbeEvent = {
  type: 'probe',
  job: 6,
  seq: 1,
  wireSeq: 1,
  target: 'fd00:200:2::2',
  address: 'fd00:200:1::1',
  status: 'icmp-error',
  rttMs: 0.091246,
  ttl: 64,
  bytes: 0,
  sentAt: 1795358673517.8486,
  error: {
    family: 6,
    origin: 'icmp',
    icmpType: 3,
    icmpCode: 0,
    name: 'hop-limit-exceeded',
    message: 'Time exceeded: Hop limit',
    from: 'fd00:200:1::1',
    mtu: null,
    pointer: null,
    errno: 'EHOSTUNREACH',
    original: { src: 'fd00:200:1::2', dst: 'fd00:200:2::2', protocol: 'icmpv6', id: 4564, seq: 1, quotedBytes: 64 },
  },
};

/** 1428-byte DF echo toward the 1280 link: frag needed, mtu 1280. */
export const FRAG_NEEDED_V4: ProbeEvent = {
  type: 'probe',
  job: 7,
  seq: 1,
  wireSeq: 1,
  target: '10.200.3.2',
  address: '10.200.1.1',
  status: 'icmp-error',
  rttMs: 0.054431,
  ttl: 64,
  bytes: 0,
  sentAt: 1795358673519.3032,
  error: {
    family: 4,
    origin: 'icmp',
    icmpType: 3,
    icmpCode: 4,
    name: 'fragmentation-needed',
    message: 'Frag needed and DF set (mtu = 1280)',
    from: '10.200.1.1',
    mtu: 1280,
    pointer: null,
    errno: 'EMSGSIZE',
    original: { src: '10.200.1.2', dst: '10.200.3.2', protocol: 'icmp', id: 4563, seq: 1, quotedBytes: 528 },
  },
};

/** 1448-byte echo toward the 1280 link: packet too big, mtu 1280. */
export const PACKET_TOO_BIG_V6: ProbeEvent = {
  type: 'probe',
  job: 8,
  seq: 1,
  wireSeq: 1,
  target: 'fd00:200:3::2',
  address: 'fd00:200:1::1',
  status: 'icmp-error',
  rttMs: 0.059628,
  ttl: 64,
  bytes: 0,
  sentAt: 1795358673520.7373,
  error: {
    family: 6,
    origin: 'icmp',
    icmpType: 2,
    icmpCode: 0,
    name: 'packet-too-big',
    message: 'Packet too big: mtu=1280',
    from: 'fd00:200:1::1',
    mtu: 1280,
    pointer: null,
    errno: 'EMSGSIZE',
    original: { src: 'fd00:200:1::2', dst: 'fd00:200:3::2', protocol: 'icmpv6', id: 4564, seq: 1, quotedBytes: 1192 },
  },
};

/** Echo to a prefix the router has no route for: net unreachable (3/0). */
export const NET_UNREACHABLE_V4: ProbeEvent = {
  type: 'probe',
  job: 9,
  seq: 1,
  wireSeq: 1,
  target: '10.200.8.1',
  address: '10.200.1.1',
  status: 'icmp-error',
  rttMs: 0.03586,
  ttl: 64,
  bytes: 0,
  sentAt: 1795358673522.2905,
  error: {
    family: 4,
    origin: 'icmp',
    icmpType: 3,
    icmpCode: 0,
    name: 'net-unreachable',
    message: 'Destination Net Unreachable',
    from: '10.200.1.1',
    mtu: null,
    pointer: null,
    errno: 'ENETUNREACH',
    original: { src: '10.200.1.2', dst: '10.200.8.1', protocol: 'icmp', id: 4563, seq: 1, quotedBytes: 64 },
  },
};

export const DONE_ONE_REPLY: JobDoneEvent = { type: 'done', job: 1, target: '10.200.2.2', sent: 1, received: 1, errors: 0, timeouts: 0, cancelled: false };

export const DONE_ONE_TIMEOUT: JobDoneEvent = { type: 'done', job: 4, target: '10.200.9.3', sent: 1, received: 0, errors: 0, timeouts: 1, cancelled: false };

/** DF search to 10.200.3.2 through the 1280 link: the router reports the MTU. */
export const PATH_MTU_REPORTED_V4: Gathered<PathMtuResult> = {
  ok: true,
  value: {
    target: '10.200.3.2',
    address: '10.200.3.2',
    family: 4,
    steps: [
      { size: 65507, packetBytes: 65535, status: 'local-error', mtu: 1500, errorName: 'message-too-long' },
      { size: 1472, packetBytes: 1500, status: 'icmp-error', mtu: 1280, errorName: 'fragmentation-needed' },
      { size: 1252, packetBytes: 1280, status: 'reply', mtu: null, errorName: null },
      { size: 1253, packetBytes: 1281, status: 'icmp-error', mtu: 1280, errorName: 'fragmentation-needed' },
    ],
    largestPassing: 1252,
    smallestFailing: 1253,
    reportedMtu: 1280,
    blackHole: false,
  },
  source: 'path-MTU search (DF echo) from this host to 10.200.3.2',
  at: '2026-11-22T14:52:46.718Z',
};

export const PATH_MTU_REPORTED_V6: Gathered<PathMtuResult> = {
  ok: true,
  value: {
    target: 'fd00:200:3::2',
    address: 'fd00:200:3::2',
    family: 6,
    steps: [
      { size: 65527, packetBytes: 65575, status: 'local-error', mtu: 1500, errorName: 'message-too-long' },
      { size: 1452, packetBytes: 1500, status: 'icmp-error', mtu: 1280, errorName: 'packet-too-big' },
      { size: 1232, packetBytes: 1280, status: 'reply', mtu: null, errorName: null },
      { size: 1233, packetBytes: 1281, status: 'icmp-error', mtu: 1280, errorName: 'packet-too-big' },
    ],
    largestPassing: 1232,
    smallestFailing: 1233,
    reportedMtu: 1280,
    blackHole: false,
  },
  source: 'path-MTU search (DF echo) from this host to fd00:200:3::2',
  at: '2026-11-22T14:52:46.728Z',
};

/** The same search while the router drops its own frag-needed: a black hole. */
export const PATH_MTU_BLACK_HOLE_V4: Gathered<PathMtuResult> = {
  ok: true,
  value: {
    target: '10.200.3.2',
    address: '10.200.3.2',
    family: 4,
    steps: [
      { size: 65507, packetBytes: 65535, status: 'local-error', mtu: 1500, errorName: 'message-too-long' },
      { size: 1472, packetBytes: 1500, status: 'timeout', mtu: null, errorName: null },
      { size: 1472, packetBytes: 1500, status: 'timeout', mtu: null, errorName: null },
      { size: 0, packetBytes: 28, status: 'reply', mtu: null, errorName: null },
      { size: 736, packetBytes: 764, status: 'reply', mtu: null, errorName: null },
      { size: 1104, packetBytes: 1132, status: 'reply', mtu: null, errorName: null },
      { size: 1288, packetBytes: 1316, status: 'timeout', mtu: null, errorName: null },
      { size: 1288, packetBytes: 1316, status: 'timeout', mtu: null, errorName: null },
      { size: 1196, packetBytes: 1224, status: 'reply', mtu: null, errorName: null },
      { size: 1242, packetBytes: 1270, status: 'reply', mtu: null, errorName: null },
      { size: 1265, packetBytes: 1293, status: 'timeout', mtu: null, errorName: null },
      { size: 1265, packetBytes: 1293, status: 'timeout', mtu: null, errorName: null },
      { size: 1253, packetBytes: 1281, status: 'timeout', mtu: null, errorName: null },
      { size: 1253, packetBytes: 1281, status: 'timeout', mtu: null, errorName: null },
      { size: 1247, packetBytes: 1275, status: 'reply', mtu: null, errorName: null },
      { size: 1250, packetBytes: 1278, status: 'reply', mtu: null, errorName: null },
      { size: 1251, packetBytes: 1279, status: 'reply', mtu: null, errorName: null },
      { size: 1252, packetBytes: 1280, status: 'reply', mtu: null, errorName: null },
    ],
    largestPassing: 1252,
    smallestFailing: 1253,
    reportedMtu: null,
    blackHole: true,
  },
  source: 'path-MTU search (DF echo) from this host to 10.200.3.2',
  at: '2026-11-22T14:52:49.634Z',
};

export const PATH_MTU_BLACK_HOLE_V6: Gathered<PathMtuResult> = {
  ok: true,
  value: {
    target: 'fd00:200:3::2',
    address: 'fd00:200:3::2',
    family: 6,
    steps: [
      { size: 65527, packetBytes: 65575, status: 'local-error', mtu: 1500, errorName: 'message-too-long' },
      { size: 1452, packetBytes: 1500, status: 'timeout', mtu: null, errorName: null },
      { size: 1452, packetBytes: 1500, status: 'timeout', mtu: null, errorName: null },
      { size: 0, packetBytes: 48, status: 'reply', mtu: null, errorName: null },
      { size: 726, packetBytes: 774, status: 'reply', mtu: null, errorName: null },
      { size: 1089, packetBytes: 1137, status: 'reply', mtu: null, errorName: null },
      { size: 1270, packetBytes: 1318, status: 'timeout', mtu: null, errorName: null },
      { size: 1270, packetBytes: 1318, status: 'timeout', mtu: null, errorName: null },
      { size: 1179, packetBytes: 1227, status: 'reply', mtu: null, errorName: null },
      { size: 1224, packetBytes: 1272, status: 'reply', mtu: null, errorName: null },
      { size: 1247, packetBytes: 1295, status: 'timeout', mtu: null, errorName: null },
      { size: 1247, packetBytes: 1295, status: 'timeout', mtu: null, errorName: null },
      { size: 1235, packetBytes: 1283, status: 'timeout', mtu: null, errorName: null },
      { size: 1235, packetBytes: 1283, status: 'timeout', mtu: null, errorName: null },
      { size: 1229, packetBytes: 1277, status: 'reply', mtu: null, errorName: null },
      { size: 1232, packetBytes: 1280, status: 'reply', mtu: null, errorName: null },
      { size: 1233, packetBytes: 1281, status: 'timeout', mtu: null, errorName: null },
      { size: 1233, packetBytes: 1281, status: 'timeout', mtu: null, errorName: null },
    ],
    largestPassing: 1232,
    smallestFailing: 1233,
    reportedMtu: null,
    blackHole: true,
  },
  source: 'path-MTU search (DF echo) from this host to fd00:200:3::2',
  at: '2026-11-22T14:52:52.651Z',
};

/** TTL-limited probes toward 10.200.2.2: the router answers time exceeded. */
export const TRANSPARENCY_TTL_OK: Gathered<TransparencyResult> = {
  ok: true,
  value: {
    target: '10.200.2.2',
    address: '10.200.2.2',
    method: 'ttl',
    probes: [
      {
        type: 'probe',
        job: 1,
        seq: 1,
        wireSeq: 1,
        target: '10.200.2.2',
        address: '10.200.1.1',
        status: 'icmp-error',
        rttMs: 0.017315,
        ttl: 64,
        bytes: 0,
        sentAt: 1795359166728.7078,
        error: {
          family: 4,
          origin: 'icmp',
          icmpType: 11,
          icmpCode: 0,
          name: 'ttl-exceeded',
          message: 'Time to live exceeded',
          from: '10.200.1.1',
          mtu: null,
          pointer: null,
          errno: 'EHOSTUNREACH',
          original: { src: '10.200.1.2', dst: '10.200.2.2', protocol: 'icmp', id: 57202, seq: 1, quotedBytes: 64 },
        },
      },
      {
        type: 'probe',
        job: 1,
        seq: 2,
        wireSeq: 2,
        target: '10.200.2.2',
        address: '10.200.1.1',
        status: 'icmp-error',
        rttMs: 0.06359,
        ttl: 64,
        bytes: 0,
        sentAt: 1795359166828.7642,
        error: {
          family: 4,
          origin: 'icmp',
          icmpType: 11,
          icmpCode: 0,
          name: 'ttl-exceeded',
          message: 'Time to live exceeded',
          from: '10.200.1.1',
          mtu: null,
          pointer: null,
          errno: 'EHOSTUNREACH',
          original: { src: '10.200.1.2', dst: '10.200.2.2', protocol: 'icmp', id: 57202, seq: 2, quotedBytes: 64 },
        },
      },
    ],
    errorReturned: true,
  },
  source: 'ICMP error-transparency probe from this host: TTL-limited echo toward 10.200.2.2',
  at: '2026-11-22T14:52:46.829Z',
};

/** Echo to the `unreachable` 10.200.9.2: host unreachable comes back, quoting our probe. */
export const TRANSPARENCY_UNREACHABLE_OK: Gathered<TransparencyResult> = {
  ok: true,
  value: {
    target: '10.200.9.2',
    address: '10.200.9.2',
    method: 'unreachable-address',
    probes: [
      {
        type: 'probe',
        job: 1,
        seq: 1,
        wireSeq: 1,
        target: '10.200.9.2',
        address: '10.200.1.1',
        status: 'icmp-error',
        rttMs: 0.026046,
        ttl: 64,
        bytes: 0,
        sentAt: 1795359166830.3403,
        error: {
          family: 4,
          origin: 'icmp',
          icmpType: 3,
          icmpCode: 1,
          name: 'host-unreachable',
          message: 'Destination Host Unreachable',
          from: '10.200.1.1',
          mtu: null,
          pointer: null,
          errno: 'EHOSTUNREACH',
          original: { src: '10.200.1.2', dst: '10.200.9.2', protocol: 'icmp', id: 57203, seq: 1, quotedBytes: 64 },
        },
      },
      {
        type: 'probe',
        job: 1,
        seq: 2,
        wireSeq: 2,
        target: '10.200.9.2',
        address: '10.200.1.1',
        status: 'icmp-error',
        rttMs: 0.06225,
        ttl: 64,
        bytes: 0,
        sentAt: 1795359166930.3884,
        error: {
          family: 4,
          origin: 'icmp',
          icmpType: 3,
          icmpCode: 1,
          name: 'host-unreachable',
          message: 'Destination Host Unreachable',
          from: '10.200.1.1',
          mtu: null,
          pointer: null,
          errno: 'EHOSTUNREACH',
          original: { src: '10.200.1.2', dst: '10.200.9.2', protocol: 'icmp', id: 57203, seq: 2, quotedBytes: 64 },
        },
      },
      {
        type: 'probe',
        job: 1,
        seq: 3,
        wireSeq: 3,
        target: '10.200.9.2',
        address: '10.200.1.1',
        status: 'icmp-error',
        rttMs: 0.063185,
        ttl: 64,
        bytes: 0,
        sentAt: 1795359167030.3972,
        error: {
          family: 4,
          origin: 'icmp',
          icmpType: 3,
          icmpCode: 1,
          name: 'host-unreachable',
          message: 'Destination Host Unreachable',
          from: '10.200.1.1',
          mtu: null,
          pointer: null,
          errno: 'EHOSTUNREACH',
          original: { src: '10.200.1.2', dst: '10.200.9.2', protocol: 'icmp', id: 57203, seq: 3, quotedBytes: 64 },
        },
      },
    ],
    errorReturned: true,
  },
  source: 'ICMP error-transparency probe from this host: echo to the should-be-unreachable 10.200.9.2',
  at: '2026-11-22T14:52:47.030Z',
};

/** TTL-limited probes while the router swallows its errors: TTL 1 times out, TTL 2 reaches the target. */
export const TRANSPARENCY_TTL_SWALLOWED: Gathered<TransparencyResult> = {
  ok: true,
  value: {
    target: '10.200.2.2',
    address: '10.200.2.2',
    method: 'ttl',
    probes: [
      { type: 'probe', job: 1, seq: 1, wireSeq: 1, target: '10.200.2.2', address: null, status: 'timeout', rttMs: null, ttl: null, bytes: 0, sentAt: 1795359172651.921, error: null },
      { type: 'probe', job: 1, seq: 2, wireSeq: 2, target: '10.200.2.2', address: null, status: 'timeout', rttMs: null, ttl: null, bytes: 0, sentAt: 1795359172751.9575, error: null },
      { type: 'probe', job: 2, seq: 1, wireSeq: 3, target: '10.200.2.2', address: '10.200.2.2', status: 'reply', rttMs: 0.093293, ttl: 63, bytes: 64, sentAt: 1795359173052.3833, error: null },
      { type: 'probe', job: 2, seq: 2, wireSeq: 4, target: '10.200.2.2', address: '10.200.2.2', status: 'reply', rttMs: 0.068088, ttl: 63, bytes: 64, sentAt: 1795359173152.4517, error: null },
    ],
    errorReturned: false,
  },
  source: 'ICMP error-transparency probe from this host: TTL-limited echo toward 10.200.2.2',
  at: '2026-11-22T14:52:53.153Z',
};

/** Echo to the `unreachable` address while the router swallows its errors: silence. */
export const TRANSPARENCY_UNREACHABLE_SWALLOWED: Gathered<TransparencyResult> = {
  ok: true,
  value: {
    target: '10.200.9.2',
    address: '10.200.9.2',
    method: 'unreachable-address',
    probes: [
      { type: 'probe', job: 1, seq: 1, wireSeq: 1, target: '10.200.9.2', address: null, status: 'timeout', rttMs: null, ttl: null, bytes: 0, sentAt: 1795359173153.6038, error: null },
      { type: 'probe', job: 1, seq: 2, wireSeq: 2, target: '10.200.9.2', address: null, status: 'timeout', rttMs: null, ttl: null, bytes: 0, sentAt: 1795359173253.6438, error: null },
      { type: 'probe', job: 1, seq: 3, wireSeq: 3, target: '10.200.9.2', address: null, status: 'timeout', rttMs: null, ttl: null, bytes: 0, sentAt: 1795359173353.6282, error: null },
    ],
    errorReturned: false,
  },
  source: 'ICMP error-transparency probe from this host: echo to the should-be-unreachable 10.200.9.2',
  at: '2026-11-22T14:52:53.654Z',
};
