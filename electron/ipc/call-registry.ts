// The calls in flight, one AbortController each, keyed by the sender and the call id the
// renderer chose: `cancel` aborts exactly that call, a closed window aborts all of its
// calls, and one window cannot cancel another's. Pure.

import { fail, ok, type Result } from '../../contract/result';

const MAX_CALL_ID_CHARS = 200;

export type StartRefusalCode = 'BAD_CALL_ID' | 'DUPLICATE_CALL_ID';

export class CallRegistry {
  readonly #calls = new Map<number, Map<string, AbortController>>();

  /** Registers a call; its signal aborts when the call is cancelled. Refuses reused or malformed ids. */
  start(owner: number, callId: unknown): Result<{ callId: string; signal: AbortSignal }, StartRefusalCode> {
    if (typeof callId !== 'string' || callId === '' || callId.length > MAX_CALL_ID_CHARS) {
      return fail('BAD_CALL_ID', `the call id must be a non-empty string of at most ${MAX_CALL_ID_CHARS} characters`);
    }
    let calls = this.#calls.get(owner);
    if (calls === undefined) {
      calls = new Map();
      this.#calls.set(owner, calls);
    }
    if (calls.has(callId)) return fail('DUPLICATE_CALL_ID', `call id ${JSON.stringify(callId)} is already in use by a running call`);
    const controller = new AbortController();
    calls.set(callId, controller);
    return ok({ callId, signal: controller.signal });
  }

  /** Aborts the owner's call `callId`; false when no such call is running. */
  cancel(owner: number, callId: unknown): boolean {
    if (typeof callId !== 'string') return false;
    const controller = this.#calls.get(owner)?.get(callId);
    if (controller === undefined) return false;
    controller.abort();
    return true;
  }

  /** Forgets a settled call (its id may then be used again). */
  finish(owner: number, callId: string): void {
    const calls = this.#calls.get(owner);
    if (calls === undefined) return;
    calls.delete(callId);
    if (calls.size === 0) this.#calls.delete(owner);
  }

  /** Aborts and forgets every call of `owner` (its window closed); returns how many there were. */
  cancelAll(owner: number): number {
    const calls = this.#calls.get(owner);
    if (calls === undefined) return 0;
    for (const controller of calls.values()) controller.abort();
    this.#calls.delete(owner);
    return calls.size;
  }

  /** How many calls of `owner` (or of everyone) are running. */
  running(owner?: number): number {
    if (owner !== undefined) return this.#calls.get(owner)?.size ?? 0;
    let total = 0;
    for (const calls of this.#calls.values()) total += calls.size;
    return total;
  }
}
