// Per-probe lines go to stdout in batches: one write per batch instead of one per line, which
// is most of a flood's output cost. A batch is written when it reaches BATCH_CHARS, or as soon
// as the command stops producing for a moment (a setImmediate), so a ping that waits between
// probes still shows each line the moment its probe resolves. Order is kept: stderr text
// flushes the batch first.

import type { Output } from './output';

/** What a reporter writes to: stdout text and stderr text. */
export interface TextSink {
  out(text: string): void;
  error(text: string): void;
}

/** A batch of this many characters (~1,000 probe lines) is written at once. */
const BATCH_CHARS = 64 * 1024;

export class BatchedOutput implements TextSink {
  readonly #output: Output;
  #pending = '';
  #flushScheduled = false;
  #toStderr = false;
  readonly #flushSoon = (): void => {
    this.#flushScheduled = false;
    this.flush();
  };

  constructor(output: Output) {
    this.#output = output;
  }

  out(text: string): void {
    if (this.#toStderr) {
      this.#output.error(text);
      return;
    }
    // `+=` builds a rope; the write flattens it once per batch.
    this.#pending += text;
    if (this.#pending.length >= BATCH_CHARS) {
      this.flush();
    } else if (!this.#flushScheduled) {
      this.#flushScheduled = true;
      setImmediate(this.#flushSoon);
    }
  }

  error(text: string): void {
    this.flush();
    this.#output.error(text);
  }

  /** Writes the batch now. */
  flush(): void {
    if (this.#pending === '') return;
    const text = this.#pending;
    this.#pending = '';
    this.#output.out(text);
  }

  /**
   * From now on stdout text goes to stderr. For the statistics at the end of an interrupted run
   * whose stdout nobody reads: they would otherwise sit unseen behind the blocked lines.
   */
  divertToStderr(): void {
    this.flush();
    this.#toStderr = true;
  }
}
