// The JSON-lines protocol between a UI test and the core worker (core-worker.ts) that runs
// the real WizardApi inside a lab namespace: calls and cancels go in on stdin; probe events
// and results come out on stdout, one JSON object per line.

import type { BridgeMethod } from '../../../contract/bridge';
import type { ProbeEvent } from '../../../native/index';

export type WorkerCommand =
  | { type: 'call'; callId: string; method: BridgeMethod; request: unknown }
  | { type: 'cancel'; callId: string };

export type WorkerMessage =
  | { type: 'ready'; pid: number; uid: number; gid: number }
  | { type: 'probe'; callId: string; event: ProbeEvent }
  | { type: 'result'; callId: string; value: unknown }
  /** The handler threw (the API promises it never does): the test sees the message. */
  | { type: 'thrown'; callId: string; message: string };
