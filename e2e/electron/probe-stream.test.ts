// Probe events stream to the window that asked, tagged with its call id, and `cancel`
// stops a running probe: the call dispatcher on the real handler table and addon, in the
// lab's client namespace as the unprivileged user (where ICMP sockets are allowed).

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createLab, labUnavailableReason, type Lab } from '../lab/lab';
import { runWorkerOk } from '../support/worker';

interface CallOutcome {
  ok: boolean;
  code: string | null;
  probes: number;
  seqs: number[];
}
interface Output {
  cases: {
    stream: { result: CallOutcome };
    cancel: { result: CallOutcome };
    'two-calls': { result: { a: CallOutcome; b: CallOutcome } };
  };
  received: Array<{ callId: string; seq: number; status: string }>;
  running: number;
}

describe('probe events over the bridge’s call dispatcher', { skip: labUnavailableReason() ?? false }, () => {
  let lab: Lab;
  let output: Output;
  before(async () => {
    lab = await createLab();
    output = await runWorkerOk<Output>(lab, 'client', 'e2e/electron/workers/dispatch-probes.ts', [], { user: 'unprivileged' });
  });
  after(() => lab.destroy());

  const eventsOf = (callId: string) => output.received.filter((event) => event.callId === callId);

  it('forwards every probe event of a call, tagged with its call id', () => {
    const { result } = output.cases.stream;
    assert.equal(result.ok, true);
    assert.deepEqual(result.seqs, [1, 2, 3]);
    const events = eventsOf('stream-1');
    assert.deepEqual(events.map((event) => event.seq), [1, 2, 3]);
    assert.ok(events.every((event) => event.status === 'reply'), JSON.stringify(events));
  });

  it('cancel stops a running probe, which settles CANCELLED well before its 100 probes', () => {
    const { result } = output.cases.cancel;
    assert.equal(result.ok, false);
    assert.equal(result.code, 'CANCELLED');
    const events = eventsOf('cancel-1');
    assert.ok(events.length >= 1 && events.length < 100, `${events.length} events`);
  });

  it('keeps concurrent calls apart: replies for one, admin-prohibited errors for the other', () => {
    const { a, b } = output.cases['two-calls'].result;
    assert.equal(a.ok && b.ok, true);
    assert.deepEqual(eventsOf('both-a').map((event) => event.status), ['reply', 'reply']);
    assert.deepEqual(eventsOf('both-b').map((event) => event.status), ['icmp-error', 'icmp-error']);
  });

  it('forgets every call once it settled', () => {
    assert.equal(output.running, 0);
  });
});
