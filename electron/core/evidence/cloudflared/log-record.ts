// One cloudflared log line, in either of its formats, made matchable. cloudflared logs with
// zerolog: on a console (and so in the journal and in SysV/OpenRC log files) as
//   2024-10-13T09:39:24Z INF Registered tunnel connection connIndex=0 … protocol=quic
// (fields sorted, `error` first, values with spaces Go-quoted, ANSI colours on a terminal);
// with `--output json`, and in `--logfile` files, as JSON objects
//   {"level":"info","connIndex":0,"protocol":"quic","time":"…","message":"Registered tunnel connection"}
// Pasted logs may carry a syslog or journalctl prefix in front of either.

import { QUOTE_MAX_CHARS } from './limits';

export interface LogRecord {
  /** The line fit to quote: colours removed, control characters replaced, length capped. */
  quote: string;
  /** What messages and fields are matched in: the line, or for JSON "message key=value …". */
  text: string;
  /** The line has cloudflared's shape (console timestamp and level, or JSON level and message). */
  recognized: boolean;
  /** Logged at warning level or above. */
  warning: boolean;
  /** The line holds NUL bytes or undecodable bytes: a binary file, not a log. */
  binary: boolean;
}

const ANSI = /\x1b\[[0-9;]*[A-Za-z]/g;
const CONTROL = /[\x00-\x08\x0b-\x1f\x7f]/;
const CONTROLS = /[\x00-\x08\x0b-\x1f\x7f]/g;
const UNDECODABLE = '\uFFFD';
/** zerolog's console timestamp (RFC 3339) and three-letter level. */
const CONSOLE_SHAPE = /\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?(?:Z|[+-]\d\d:?\d\d) (TRC|DBG|INF|WRN|ERR|FTL|PNC)\b/;
const WARNING_LEVELS = new Set(['WRN', 'ERR', 'FTL', 'PNC', 'warn', 'warning', 'error', 'fatal', 'panic']);

function quoteOf(line: string): string {
  const clean = CONTROL.test(line) ? line.replace(CONTROLS, UNDECODABLE) : line;
  const trimmed = clean.trim();
  return trimmed.length > QUOTE_MAX_CHARS ? `${trimmed.slice(0, QUOTE_MAX_CHARS)}…` : trimmed;
}

function fieldText(value: unknown): string | null {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return null;
}

/** The JSON object in the line, when it ends with one that has a level and a message. */
function jsonRecord(line: string): { message: string; level: string; fields: Record<string, unknown> } | null {
  const start = line.indexOf('{"');
  if (start < 0 || !line.trimEnd().endsWith('}')) return null;
  let parsed: unknown;
  try {
    parsed = JSON.parse(line.slice(start));
  } catch {
    return null;
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return null;
  const fields = parsed as Record<string, unknown>;
  const message = fields['message'] ?? fields['msg'];
  const level = fields['level'];
  if (typeof message !== 'string' || typeof level !== 'string') return null;
  return { message, level, fields };
}

export function readLogRecord(rawLine: string): LogRecord {
  const line = rawLine.includes('\x1b') ? rawLine.replace(ANSI, '') : rawLine;
  const binary = line.includes('\x00') || line.includes(UNDECODABLE);
  const quote = quoteOf(line);

  const json = line.includes('{"') ? jsonRecord(line) : null;
  if (json) {
    const parts = [json.message];
    for (const [key, value] of Object.entries(json.fields)) {
      if (key === 'message' || key === 'msg' || key === 'level' || key === 'time') continue;
      const text = fieldText(value);
      if (text !== null) parts.push(`${key}=${text}`);
    }
    return { quote, text: parts.join(' '), recognized: true, warning: WARNING_LEVELS.has(json.level), binary };
  }

  const shape = CONSOLE_SHAPE.exec(line);
  return { quote, text: line, recognized: shape !== null, warning: shape !== null && WARNING_LEVELS.has(shape[1]!), binary };
}
