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
