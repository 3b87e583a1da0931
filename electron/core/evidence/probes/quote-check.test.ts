// Which ICMP errors count as quoting our probe. The events are shaped exactly as the engine
// emits them (e2e/evidence/probes sees real ones in the lab).

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ProbeEvent } from '../../../../native/index';
import { quotesOurProbe } from './quote-check';

const ECHO_ID = 4242;

function timeExceeded(overrides: { dst?: string; id?: number | null; seq?: number | null } = {}): ProbeEvent {
  return {
    type: 'probe',
    job: 1,
    seq: 1,
    wireSeq: 7,
    target: '10.200.2.2',
    address: '10.200.1.1',
    status: 'icmp-error',
    rttMs: 0.05,
    ttl: 64,
    bytes: 0,
    sentAt: 1_700_000_000_000,
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
      original: {
        src: '10.200.1.2',
        dst: overrides.dst ?? '10.200.2.2',
        protocol: 'icmp',
        id: overrides.id === undefined ? ECHO_ID : overrides.id,
        seq: overrides.seq === undefined ? 7 : overrides.seq,
        quotedBytes: 64,
      },
    },
  };
}

describe('quotesOurProbe', () => {
  it('accepts an error quoting our destination, echo id and wire sequence', () => {
    assert.equal(quotesOurProbe(timeExceeded(), ECHO_ID), true);
  });

  it('accepts any quoted id when the socket id is unknown, but not a missing one', () => {
    assert.equal(quotesOurProbe(timeExceeded({ id: 1 }), null), true);
    assert.equal(quotesOurProbe(timeExceeded({ id: null }), null), false);
  });

  it('rejects a quote of another id (an untranslated NAT quote)', () => {
    assert.equal(quotesOurProbe(timeExceeded({ id: ECHO_ID + 1 }), ECHO_ID), false);
  });

  it('rejects a quote of another destination or sequence', () => {
    assert.equal(quotesOurProbe(timeExceeded({ dst: '10.200.2.3' }), ECHO_ID), false);
    assert.equal(quotesOurProbe(timeExceeded({ seq: 8 }), ECHO_ID), false);
    assert.equal(quotesOurProbe(timeExceeded({ seq: null }), ECHO_ID), false);
  });

  it('rejects replies, timeouts and this host\'s own errors', () => {
    const base = timeExceeded();
    assert.equal(quotesOurProbe({ ...base, status: 'reply', error: null }, ECHO_ID), false);
    assert.equal(quotesOurProbe({ ...base, status: 'timeout', error: null }, ECHO_ID), false);
    assert.equal(quotesOurProbe({ ...base, status: 'local-error', error: { ...base.error!, origin: 'local' } }, ECHO_ID), false);
    assert.equal(quotesOurProbe({ ...base, error: { ...base.error!, original: null } }, ECHO_ID), false);
  });
});
