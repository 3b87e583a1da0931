// How much of each cloudflared source we read. Logs grow without bound and servers can
// stall, so every reader stops at one of these and says so in the evidence's `sources`.

/** Only the end of a log matters (the latest run); older lines are skipped, not parsed. */
export const LOG_TAIL_BYTES = 50 * 1024 * 1024;

/**
 * Below this many skipped bytes we still count the skipped lines, so quoted line numbers are
 * real file line numbers; beyond it counting would cost more than the parse, and lines are
 * quoted without a number.
 */
export const LINE_COUNT_LIMIT_BYTES = 1024 * 1024 * 1024;

/** cloudflared's lines are short; anything longer is cut here before it is matched. */
export const MAX_LINE_CHARS = 16 * 1024;

/** A quoted line in the evidence is cut to this length. */
export const QUOTE_MAX_CHARS = 1000;

/** `journalctl -n` */
export const JOURNAL_LINES = 50_000;
export const JOURNAL_TIMEOUT_MS = 15_000;

/** A config.yml larger than this is not a cloudflared config. */
export const CONFIG_MAX_BYTES = 1024 * 1024;

/** Per request to the metrics server (it is on loopback: it answers at once or not at all). */
export const METRICS_TIMEOUT_MS = 2_000;
export const METRICS_MAX_BYTES = 8 * 1024 * 1024;

/** cloudflared binds the first free one of these when `--metrics` is not given (metrics/metrics.go). */
export const METRICS_HOST = '127.0.0.1';
export const METRICS_PORTS: readonly number[] = [20241, 20242, 20243, 20244, 20245];
