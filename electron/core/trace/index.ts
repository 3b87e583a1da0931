// The path to a target, hop by hop: the engine's TTL-limited echo probes summarised per TTL.
export { isTimeExceeded, summarizeHop } from './hop-summary';
export { runTrace, TRACE_DEFAULTS } from './run-trace';
export type { TraceCallbacks, TraceFailure } from './run-trace';
