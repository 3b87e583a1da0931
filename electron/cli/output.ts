// The CLI's only way to stdout and stderr. A reader that goes away (`| head -1`) makes
// writes fail with EPIPE; we stop writing and let the command finish quietly instead of
// crashing with a stack trace.

export interface Output {
  /** Writes to stdout unless it has closed. */
  out(text: string): void;
  /** Writes to stderr unless it has closed. */
  error(text: string): void;
  /** True once stdout's reader has gone away; a streaming command should stop. */
  readonly stdoutClosed: boolean;
  /** Called once when stdout's reader goes away. */
  onStdoutClosed(listener: () => void): void;
}

function isBrokenPipe(error: NodeJS.ErrnoException): boolean {
  return error.code === 'EPIPE' || error.code === 'ERR_STREAM_DESTROYED';
}

/** Wraps the process streams; installs the error handlers that keep EPIPE from crashing us. */
export function processOutput(): Output {
  let stdoutClosed = false;
  let stderrClosed = false;
  const listeners: Array<() => void> = [];

  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (!isBrokenPipe(error)) throw error;
    if (stdoutClosed) return;
    stdoutClosed = true;
    for (const listener of listeners) listener();
  });
  process.stderr.on('error', (error: NodeJS.ErrnoException) => {
    if (!isBrokenPipe(error)) throw error;
    stderrClosed = true;
  });

  return {
    out(text) {
      if (!stdoutClosed) process.stdout.write(text);
    },
    error(text) {
      if (!stderrClosed) process.stderr.write(text);
    },
    get stdoutClosed() {
      return stdoutClosed;
    },
    onStdoutClosed(listener) {
      listeners.push(listener);
    },
  };
}

/**
 * How far behind stdout's reader is. A reader that is slow, or has stopped reading, makes
 * stdout's buffer fill; a streaming command checks `full` before producing more and waits for
 * `drained()`, so it runs at the reader's pace instead of buffering without bound. It only
 * observes the stream, so it works whatever wraps `Output`'s writes.
 */
export interface StdoutPace {
  /** True while stdout holds more unwritten text than its buffer is meant to (a write returned false). */
  readonly full: boolean;
  /** Resolves when stdout has room again ('drain'), or has closed; at once if it is not full. */
  drained(): Promise<void>;
  /** Resolves true once everything written to stdout has reached the OS, false if `timeoutMs` passes first. */
  flushed(timeoutMs: number): Promise<boolean>;
}

/** How often `flushed` looks at the stream: there is no event for "the buffer became empty". */
const FLUSH_POLL_MS = 10;

export function stdoutPace(stream: NodeJS.WritableStream & Pick<NodeJS.WriteStream, 'writableNeedDrain' | 'writableLength' | 'destroyed'> = process.stdout): StdoutPace {
  const gone = (): boolean => stream.destroyed;
  return {
    get full() {
      return stream.writableNeedDrain && !gone();
    },
    drained() {
      if (!stream.writableNeedDrain || gone()) return Promise.resolve();
      return new Promise((resolve) => {
        const done = (): void => {
          stream.off('drain', done);
          stream.off('close', done);
          stream.off('error', done);
          resolve();
        };
        stream.on('drain', done);
        stream.on('close', done);
        stream.on('error', done);
      });
    },
    async flushed(timeoutMs) {
      const deadline = Date.now() + timeoutMs;
      while (stream.writableLength > 0 && !gone()) {
        if (Date.now() >= deadline) return false;
        await new Promise((resolve) => setTimeout(resolve, FLUSH_POLL_MS));
      }
      return true;
    },
  };
}
