// cloudflared log text the user pasted or imported: the same scan as for a log file, over a
// string. Only the last LOG_TAIL_BYTES characters are read; line numbers stay those of the
// whole text, so a quoted line can be found where the user pasted it from.

import type { CloudflaredEvidence, Gathered } from '../../../../contract/evidence';
import { msg } from '../../../../renderer/i18n/messages/message';
import type { Message } from '../../../../contract/message';
import { notGathered, sourceFields } from '../gathered';
import { LOG_TAIL_BYTES, MAX_LINE_CHARS } from './limits';
import { describeLogScan, judgeLogScan, logScanEvidence, logSources } from './log-evidence';
import { CloudflaredLogScanner } from './log-scanner';

function countNewlines(text: string, end: number): number {
  let count = 0;
  for (let index = text.indexOf('\n'); index >= 0 && index < end; index = text.indexOf('\n', index + 1)) count += 1;
  return count;
}

/**
 * Reads pasted cloudflared log text (console or `--output json` lines, with or without a
 * syslog/journal prefix). `source` names it in the evidence ("pasted by the user", a file name).
 */
export function parseCloudflaredLog(text: string, source: string | Message, tailChars: number = LOG_TAIL_BYTES): Gathered<CloudflaredEvidence> {
  const at = new Date().toISOString();
  const name: string | Message = typeof source !== 'string' ? source : source.trim() !== '' ? source.trim() : msg('source.pasted-log');
  const from = sourceFields(name);
  if (typeof text !== 'string') {
    return notGathered('UNPARSEABLE', msg('gather.log.not-text', { name, type: text === null ? 'null' : typeof text }), name);
  }

  // Start at a line boundary inside the tail.
  let start = 0;
  if (text.length > tailChars) {
    const boundary = text.indexOf('\n', text.length - tailChars);
    start = boundary < 0 ? text.length : boundary + 1;
  }
  const firstLine = countNewlines(text, start) + 1;

  const scanner = new CloudflaredLogScanner();
  let line = firstLine;
  let position = start;
  while (position < text.length) {
    const newline = text.indexOf('\n', position);
    const end = newline < 0 ? text.length : newline;
    let raw = text.slice(position, Math.min(end, position + MAX_LINE_CHARS));
    if (raw.endsWith('\r')) raw = raw.slice(0, -1);
    scanner.add(raw, line);
    line += 1;
    position = end + 1;
  }

  const scan = scanner.result();
  const verdict = judgeLogScan(scan, name);
  if (!verdict.ok) return notGathered(verdict.code, verdict.reason, name);
  const evidence: CloudflaredEvidence = {
    ...logScanEvidence(scan),
    quicTried: null,
    icmpRequests: null,
    icmpReplies: null,
    configPath: null,
    ...logSources(describeLogScan(scan, from.sourceMessage ?? from.source, { skipped: start, total: text.length, firstLine }, 'characters')),
  };
  return { ok: true, value: evidence, ...from, at };
}
