// What a probe must look like for each lab scenario: shared by the native engine's tests
// (ProbeEvent) and the CLI's (`--json` probe lines), which carry the same fields.

import assert from 'node:assert/strict';
import type { ProbeError, ProbeStatus } from '../../native/index';
import { iputilsErrorText } from '../lab/iputils';
import { ADDRESSES } from '../lab/topology';
import type { Scenario } from '../lab/scenarios';

/** The fields a probe has in both the addon's ProbeEvent and the CLI's JSON probe line. */
export interface ProbeFields {
  seq: number;
  target: string;
  address: string | null;
  status: ProbeStatus;
  rttMs: number | null;
  ttl: number | null;
  bytes: number;
  error: ProbeError | null;
}

export interface WireIdentity {
  /** The probe's ICMP sequence number on the wire, which an error's quote must carry. */
  wireSeq: number;
  /** The socket's kernel-assigned echo id, or null when the caller cannot know it (any 16-bit id then). */
  echoId: number | null;
}

/** Checks one probe (probe number 1) against its scenario's expectation, field by field. */
export function assertProbeMatches(s: Scenario, probe: ProbeFields, wire: WireIdentity): void {
  const client = s.family === 4 ? ADDRESSES.client.v4 : ADDRESSES.client.v6;
  assert.equal(probe.seq, 1);
  assert.equal(probe.target, s.target);
  const e = s.expect;
  switch (e.status) {
    case 'reply':
      assert.equal(probe.status, 'reply');
      assert.equal(probe.address, e.from);
      assert.equal(probe.ttl, 63, 'one router between client and server');
      assert.equal(probe.bytes, 8 + (s.probe.size ?? 56));
      assert.ok(probe.rttMs !== null && probe.rttMs > 0 && probe.rttMs >= e.minRttMs, `rtt ${probe.rttMs}`);
      assert.equal(probe.error, null);
      return;
    case 'timeout':
      assert.equal(probe.status, 'timeout');
      assert.equal(probe.address, null);
      assert.equal(probe.rttMs, null);
      assert.equal(probe.ttl, null);
      assert.equal(probe.bytes, 0);
      assert.equal(probe.error, null);
      return;
    case 'icmp-error': {
      assert.equal(probe.status, 'icmp-error');
      assert.equal(probe.address, e.error.from);
      assert.ok(probe.rttMs !== null && probe.rttMs > 0);
      assert.equal(probe.ttl, 64, 'errors come from the first hop');
      assert.equal(probe.bytes, 0);
      const error = probe.error;
      assert.ok(error);
      assert.equal(error.family, s.family);
      assert.equal(error.origin, 'icmp');
      assert.equal(error.icmpType, e.error.icmpType);
      assert.equal(error.icmpCode, e.error.icmpCode);
      assert.equal(error.name, e.error.name);
      assert.equal(error.message, iputilsErrorText(e.error.name, e.error.mtu));
      assert.equal(error.from, e.error.from);
      assert.equal(error.mtu, e.error.mtu);
      assert.equal(error.pointer, null);
      assert.match(error.errno ?? '', /^E[A-Z]+$/);
      const id = error.original?.id;
      if (wire.echoId === null) assert.ok(Number.isInteger(id) && id! >= 0 && id! <= 0xffff, `quoted echo id ${id}`);
      assert.deepEqual(error.original, {
        src: client,
        dst: e.error.original.dst,
        protocol: s.family === 4 ? 'icmp' : 'icmpv6',
        id: wire.echoId ?? id,
        seq: wire.wireSeq,
        quotedBytes: error.original?.quotedBytes,
      });
      // A Linux router quotes as much as fits an error of 576 bytes (v4) or 1280 (v6), so the
      // ICMP part of the quote is the whole probe up to that bound.
      const quoteLimit = s.family === 4 ? 576 - 20 - 8 - 20 : 1280 - 40 - 8 - 40;
      assert.equal(error.original?.quotedBytes, Math.min(8 + (s.probe.size ?? 56), quoteLimit));
      return;
    }
    case 'socket-denied':
      assert.fail('socket-denied scenarios have no probe: the socket is refused before one is sent');
  }
}
