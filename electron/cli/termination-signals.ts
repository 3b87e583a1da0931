// Ctrl-C and SIGTERM stop a running command gracefully (cancel, then print the statistics);
// a second signal means "now", for when the graceful path is stuck.

export type SignalName = 'SIGINT' | 'SIGTERM';

/**
 * Calls `stop` on the first SIGINT/SIGTERM and `force` on the next one.
 * Returns a function that removes the handlers (restoring Node's default: exit).
 */
export function onTerminationSignals(stop: (signal: SignalName) => void, force: (signal: SignalName) => void): () => void {
  let received = 0;
  const handler = (signal: SignalName): void => {
    received += 1;
    if (received === 1) stop(signal);
    else force(signal);
  };
  process.on('SIGINT', handler);
  process.on('SIGTERM', handler);
  return () => {
    process.off('SIGINT', handler);
    process.off('SIGTERM', handler);
  };
}
