// Worker: runs probe calls through the call dispatcher on the real handler table, inside a
// lab namespace, and prints what the window would have received on the probe channel. One
// JSON line: { cases: { [name]: { result, received: [{callId, seq, status}] } } }.
//
//   stream     3 echoes to the server: every probe event reaches the sink tagged with the call id
//   cancel     100 echoes, one per 200 ms, cancelled on the first event: the call settles CANCELLED
//   two-calls  the server and the prohibit route at once: each event carries its own call's id

import type { Gathered, IcmpEchoResult } from '../../../contract/evidence';
import { createWizardApi } from '../../../electron/handlers/wizard-api';
import { createCallDispatcher } from '../../../electron/ipc/call-dispatcher';
import { ADDRESSES } from '../../lab/topology';

interface Received {
  callId: string;
  seq: number;
  status: string;
}

const OWNER = 1;
const dispatcher = createCallDispatcher(createWizardApi());
const received: Received[] = [];
const onCancelTrigger = new Map<string, () => void>();
const sink = (callId: string, event: { seq: number; status: string }): void => {
  received.push({ callId, seq: event.seq, status: event.status });
  onCancelTrigger.get(callId)?.();
};

async function probe(callId: string, request: Record<string, unknown>): Promise<{ ok: boolean; code: string | null; probes: number; seqs: number[] }> {
  const result = (await dispatcher.call(OWNER, 'probeIcmp', request, callId, sink)) as Gathered<IcmpEchoResult>;
  return result.ok
    ? { ok: true, code: null, probes: result.value.probes.length, seqs: result.value.probes.map((event) => event.seq) }
    : { ok: false, code: result.code, probes: 0, seqs: [] };
}

const server = ADDRESSES.server.main.v4;
const prohibited = ADDRESSES.routes.prohibit.v4;
const cases: Record<string, unknown> = {};

cases['stream'] = { result: await probe('stream-1', { target: server, count: 3, intervalMs: 50, timeoutMs: 2000 }) };

onCancelTrigger.set('cancel-1', () => dispatcher.cancel(OWNER, 'cancel-1'));
cases['cancel'] = { result: await probe('cancel-1', { target: server, count: 100, intervalMs: 200, timeoutMs: 2000 }) };

const [toServer, toProhibited] = await Promise.all([
  probe('both-a', { target: server, count: 2, intervalMs: 50, timeoutMs: 2000 }),
  probe('both-b', { target: prohibited, count: 2, intervalMs: 50, timeoutMs: 2000 }),
]);
cases['two-calls'] = { result: { a: toServer, b: toProhibited } };

console.log(JSON.stringify({ cases, received, running: dispatcher.registry.running() }));
