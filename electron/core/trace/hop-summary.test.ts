import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ProbeEvent } from '../../../native/index';
import { ECHO_PROHIBITED_V4, ECHO_REPLY, ECHO_TIMEOUT, FRAG_NEEDED_V4, HOP_LIMIT_EXCEEDED_V6, TTL_EXCEEDED_V4 } from '../../../test-support/checks/lab-captures';
import { isTimeExceeded, summarizeHop } from './hop-summary';

/** `probe` answered by `address` after `rttMs`. */
const at = (probe: ProbeEvent, address: string | null, rttMs: number | null, wireSeq = probe.wireSeq): ProbeEvent => ({ ...probe, address, rttMs, wireSeq });

describe('summarizeHop', () => {
  it('time exceeded from one router: loss, RTT min/avg/max/last, and the quote checked against our echo id', () => {
    const hop = summarizeHop(1, [at(TTL_EXCEEDED_V4, '10.200.1.1', 0.2), ECHO_TIMEOUT, at(TTL_EXCEEDED_V4, '10.200.1.1', 0.4)], 3, 4563);
    assert.equal(hop.status, 'time-exceeded');
    assert.deepEqual([hop.address, hop.addresses, hop.sent, hop.received], ['10.200.1.1', ['10.200.1.1'], 3, 2]);
    assert.deepEqual(hop.rttMs, { min: 0.2, avg: 0.30000000000000004, max: 0.4 });
    assert.equal(hop.lastRttMs, 0.4);
    assert.equal(hop.error, null, 'time exceeded is passing on, not refusing');
    assert.equal(hop.errorsQuoteProbe, true);
    assert.equal(summarizeHop(1, [TTL_EXCEEDED_V4], 1, 9999).errorsQuoteProbe, false, 'another echo id: not our probe');
  });

  it('a load-balanced hop lists every address, most answers first', () => {
    const hop = summarizeHop(2, [at(TTL_EXCEEDED_V4, '10.0.0.9', 1), at(TTL_EXCEEDED_V4, '10.0.0.8', 1), at(TTL_EXCEEDED_V4, '10.0.0.8', 1)], 3, null);
    assert.deepEqual(hop.addresses, ['10.0.0.8', '10.0.0.9']);
    assert.equal(hop.address, '10.0.0.8');
  });

  it('the target replying wins over errors at the same TTL', () => {
    assert.equal(summarizeHop(4, [TTL_EXCEEDED_V4, ECHO_REPLY], 2, null).status, 'reply');
  });

  it('any other error is a refusal: the error and the MTU it reports are kept', () => {
    const refused = summarizeHop(3, [ECHO_PROHIBITED_V4], 1, null);
    assert.deepEqual([refused.status, refused.error?.name, refused.mtu], ['icmp-error', ECHO_PROHIBITED_V4.error?.name, null]);
    const tooBig = summarizeHop(2, [FRAG_NEEDED_V4], 1, null);
    assert.deepEqual([tooBig.status, tooBig.error?.name, tooBig.mtu], ['icmp-error', 'fragmentation-needed', 1280]);
  });

  it('nothing answered: no address, no RTT, every probe lost', () => {
    const hop = summarizeHop(5, [ECHO_TIMEOUT, ECHO_TIMEOUT], 2, null);
    assert.deepEqual([hop.status, hop.address, hop.addresses, hop.received, hop.rttMs, hop.errorsQuoteProbe], ['timeout', null, [], 0, null, null]);
  });
});

describe('isTimeExceeded', () => {
  it('v4 11/0 and v6 3/0 only', () => {
    assert.equal(isTimeExceeded(TTL_EXCEEDED_V4.error), true);
    assert.equal(isTimeExceeded(HOP_LIMIT_EXCEEDED_V6.error), true);
    assert.equal(isTimeExceeded(ECHO_PROHIBITED_V4.error), false);
    assert.equal(isTimeExceeded(null), false);
    // v6 type 3 is "time exceeded", v4 type 3 "destination unreachable": the family decides.
    assert.equal(isTimeExceeded(FRAG_NEEDED_V4.error && { ...FRAG_NEEDED_V4.error, icmpCode: 0 }), false);
  });
});
