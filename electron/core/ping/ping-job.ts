// One running ping job as an async iterable: `for await (const event of job)` yields each
// probe as it resolves and ends after the job's `done` (or an engine `fatal`). Events that
// arrive before anyone iterates are buffered, so starting and consuming can be apart.
//
// Backpressure: an event is acknowledged to the engine only when the consumer pulls it
// (`next()`), so the buffer here is what the engine counts as its backlog: a consumer that
// stops pulling stops the engine (at about 8k events), and memory stays bounded. Cancel is
// never held up by it: the engine's `done` still arrives and settles `finished` at once.

import type { EngineFatalEvent, JobDoneEvent, ProbeEvent } from '../../../native/index';

export type PingJobEvent = ProbeEvent | JobDoneEvent | EngineFatalEvent;
/** How a job ended: the engine's `done` (possibly `cancelled`) or an engine failure. */
export type PingJobEnd = JobDoneEvent | EngineFatalEvent;

export interface PingJobCancelOptions {
  /**
   * Drop the probe events buffered but not yet pulled (and acknowledge them), so a consumer
   * that wants only the end gets to it at once. The end event is kept. Default false:
   * every probe already delivered is still yielded.
   */
  discardQueued?: boolean;
}

/**
 * Pulled events acknowledged to the engine in one call (a native call per event cost the CLI's
 * flood about a tenth of its rate). Small against the engine's backlog limit (8,192), so the
 * engine still stops within a few hundred events of a consumer that stops pulling.
 */
export const ACK_BATCH = 256;

/** One buffered event, and whether it still counts against the engine's backlog. */
interface Queued {
  event: PingJobEvent;
  counted: boolean;
}

/**
 * A ping job started by `PingSession.start`. Single consumer: iterate it once. Leaving the
 * loop early (break, throw) cancels the job. `finished` settles with the end either way.
 */
export class PingJob implements AsyncIterable<PingJobEvent> {
  readonly id: number;
  readonly target: string;
  readonly finished: Promise<PingJobEnd>;

  #queue: Queued[] = [];
  #waiting: ((result: IteratorResult<PingJobEvent>) => void) | null = null;
  #end: PingJobEnd | null = null;
  #iterated = false;
  #cancelJob: () => void;
  #resolveFinished!: (end: PingJobEnd) => void;
  #cancelRequested = false;
  /** The consumer left the loop: nothing will be pulled any more. */
  #abandoned = false;
  /** Events pulled from the buffer and not yet acknowledged (see ACK_BATCH). */
  #pulledUnacknowledged = 0;
  #acknowledge: (count: number) => void;

  /**
   * Created by PingSession; `cancelJob` asks the engine to stop this job; `acknowledge(n)`
   * tells the engine that `n` of the events delivered here were consumed.
   */
  constructor(id: number, target: string, cancelJob: () => void, acknowledge: (count: number) => void = () => {}) {
    this.id = id;
    this.target = target;
    this.#cancelJob = cancelJob;
    this.#acknowledge = acknowledge;
    this.finished = new Promise((resolve) => {
      this.#resolveFinished = resolve;
    });
  }

  get ended(): boolean {
    return this.#end !== null;
  }

  /** Events buffered here, not yet pulled by the consumer. */
  get queued(): number {
    return this.#queue.length;
  }

  /**
   * Feeds an engine event for this job (PingSession routes them here). Ignored after the end.
   * The engine ends every job with a `done` (also when cancelled or its session is closed) or,
   * if its thread stops, a `fatal`; so a job needs no timer of its own. `counted` is false for
   * an event PingSession already acknowledged (a `fatal`, shared by every job).
   */
  deliver(event: PingJobEvent, counted = true): void {
    if (this.#end || this.#abandoned) {
      if (counted) this.#acknowledge(1);
      if (!this.#end && event.type !== 'probe') this.#finish(event);
      return;
    }
    if (event.type !== 'probe') this.#finish(event);
    if (this.#waiting) {
      const waiting = this.#waiting;
      this.#waiting = null;
      if (counted) this.#acknowledge(1);
      waiting({ value: event, done: false });
    } else {
      this.#queue.push({ event, counted });
    }
  }

  /**
   * Stops the job; it still ends with a `done` whose `cancelled` is true, which settles
   * `finished` as soon as it arrives, however much is still buffered. Idempotent (a later
   * call may still discard).
   */
  cancel(options: PingJobCancelOptions = {}): void {
    if (options.discardQueued) this.#discard((item) => item.event.type === 'probe');
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
        // The consumer is gone: nothing buffered or still to come will be pulled.
        this.#abandoned = true;
        this.#acknowledgePulled();
        this.#discard(() => true);
        this.cancel();
        return { value: undefined, done: true };
      },
    };
  }

  /** Drops the buffered events `which` selects and acknowledges those that counted. */
  #discard(which: (item: Queued) => boolean): void {
    const dropped = this.#queue.filter(which);
    if (dropped.length === 0) return;
    this.#queue = this.#queue.filter((item) => !which(item));
    const counted = dropped.filter((item) => item.counted).length;
    if (counted > 0) this.#acknowledge(counted);
  }

  #next(): Promise<IteratorResult<PingJobEvent>> {
    const queued = this.#queue.shift();
    if (queued) {
      if (queued.counted) this.#pulledUnacknowledged += 1;
      // One call to the engine per ACK_BATCH pulls, and whenever the buffer runs dry (so a
      // consumer that keeps up never leaves the engine waiting for an acknowledgement).
      if (this.#pulledUnacknowledged >= ACK_BATCH || this.#queue.length === 0) this.#acknowledgePulled();
      return Promise.resolve({ value: queued.event, done: false });
    }
    if (this.#end) return Promise.resolve({ value: undefined, done: true });
    return new Promise((resolve) => {
      this.#waiting = resolve;
    });
  }

  #acknowledgePulled(): void {
    const count = this.#pulledUnacknowledged;
    this.#pulledUnacknowledged = 0;
    if (count > 0) this.#acknowledge(count);
  }

  #finish(end: PingJobEnd): void {
    this.#end = end;
    this.#resolveFinished(end);
  }
}
