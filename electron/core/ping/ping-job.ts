// One running ping job as an async iterable: `for await (const event of job)` yields each
// probe as it resolves and ends after the job's `done` (or an engine `fatal`). Events that
// arrive before anyone iterates are buffered, so starting and consuming can be apart.

import type { EngineFatalEvent, JobDoneEvent, ProbeEvent } from '../../../native/index';

export type PingJobEvent = ProbeEvent | JobDoneEvent | EngineFatalEvent;
/** How a job ended: the engine's `done` (possibly `cancelled`) or an engine failure. */
export type PingJobEnd = JobDoneEvent | EngineFatalEvent;

/**
 * A ping job started by `PingSession.start`. Single consumer: iterate it once. Leaving the
 * loop early (break, throw) cancels the job. `finished` settles with the end either way.
 */
export class PingJob implements AsyncIterable<PingJobEvent> {
  readonly id: number;
  readonly target: string;
  readonly finished: Promise<PingJobEnd>;

  #queue: PingJobEvent[] = [];
  #waiting: ((result: IteratorResult<PingJobEvent>) => void) | null = null;
  #end: PingJobEnd | null = null;
  #iterated = false;
  #cancelJob: () => void;
  #resolveFinished!: (end: PingJobEnd) => void;
  #cancelRequested = false;

  /** Created by PingSession; `cancelJob` asks the engine to stop this job. */
  constructor(id: number, target: string, cancelJob: () => void) {
    this.id = id;
    this.target = target;
    this.#cancelJob = cancelJob;
    this.finished = new Promise((resolve) => {
      this.#resolveFinished = resolve;
    });
  }

  get ended(): boolean {
    return this.#end !== null;
  }

  /**
   * Feeds an engine event for this job (PingSession routes them here). Ignored after the end.
   * The engine ends every job with a `done` (also when cancelled or its session is closed) or,
   * if its thread stops, a `fatal`; so a job needs no timer of its own.
   */
  deliver(event: PingJobEvent): void {
    if (this.#end) return;
    if (event.type !== 'probe') this.#finish(event);
    if (this.#waiting) {
      const waiting = this.#waiting;
      this.#waiting = null;
      waiting({ value: event, done: false });
    } else {
      this.#queue.push(event);
    }
  }

  /** Stops the job; it still ends with a `done` whose `cancelled` is true. Idempotent. */
  cancel(): void {
    if (this.#end || this.#cancelRequested) return;
    this.#cancelRequested = true;
    this.#cancelJob();
  }

  /** Cancels the job when `signal` aborts (or at once if it already has). */
  cancelOn(signal: AbortSignal): void {
    if (signal.aborted) {
      this.cancel();
      return;
    }
    const onAbort = (): void => this.cancel();
    signal.addEventListener('abort', onAbort, { once: true });
    void this.finished.then(() => signal.removeEventListener('abort', onAbort));
  }

  [Symbol.asyncIterator](): AsyncIterator<PingJobEvent> {
    if (this.#iterated) throw new Error(`ping job ${this.id} is already being iterated; a job has one consumer`);
    this.#iterated = true;
    return {
      next: () => this.#next(),
      return: async () => {
        this.cancel();
        return { value: undefined, done: true };
      },
    };
  }

  #next(): Promise<IteratorResult<PingJobEvent>> {
    const queued = this.#queue.shift();
    if (queued) return Promise.resolve({ value: queued, done: false });
    if (this.#end) return Promise.resolve({ value: undefined, done: true });
    return new Promise((resolve) => {
      this.#waiting = resolve;
    });
  }

  #finish(end: PingJobEnd): void {
    this.#end = end;
    this.#resolveFinished(end);
  }
}
