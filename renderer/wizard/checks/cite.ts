// Turns gathered facts into the evidence a verdict cites: where it came from (the Gathered
// value's `source`) and what it said. Our own words are messages; a quote (a log line, a
// file's text) is cited verbatim. Failures are cited too, with what they mean.

import type { Gathered } from '../../../contract/evidence';
import type { FindingEvidence } from '../../../contract/findings';
import type { Message } from '../../../contract/message';
import { msg } from '../../i18n/messages/message';
import { renderMessage } from '../../i18n/messages/render';

export type GatherFailure = Extract<Gathered<unknown>, { ok: false }>;

/** Where evidence came from: a Gathered value (or anything with its source fields), or a plain path/URL/command. */
export interface Cited {
  source: string;
  sourceMessage?: Message;
}

function citedFrom(from: string | Cited): Cited {
  if (typeof from === 'string') return { source: from };
  return from.sourceMessage ? { source: from.source, sourceMessage: from.sourceMessage } : { source: from.source };
}

/** Evidence from `from` (a Gathered value or a plain source): a message in our words, or a string quoted as it is. */
export function cite(from: string | Cited, detail: Message | string): FindingEvidence {
  const where = citedFrom(from);
  if (typeof detail === 'string') return { ...where, detail };
  return { ...where, detail: renderMessage(detail, 'en'), message: detail };
}

/** The source as a message parameter: its message when it has one, its words otherwise. */
function sourceParam(from: string | Cited): Message | string {
  return typeof from === 'string' ? from : (from.sourceMessage ?? from.source);
}

/** A source said in our own words only (no path or command of its own). */
export function citedMessage(message: Message): Cited {
  return { source: renderMessage(message, 'en'), sourceMessage: message };
}

/** "<source>, line 12": one line of a log or file; the source unchanged when the line is unknown. */
export function atLine(from: string | Cited, line: number | null): Cited {
  if (line === null) return citedFrom(from);
  return citedMessage(msg('source.line', { source: sourceParam(from), line }));
}

/** "<source> (pid 812)": what one process of a gathered list said. */
export function ofPid(from: string | Cited, pid: number): Cited {
  return citedMessage(msg('source.pid', { source: sourceParam(from), pid }));
}

/** "TIMEOUT (timed out): no answer from … in 10 s", as a message. */
export function failureMessage(failure: GatherFailure): Message {
  return msg('failure.cited', {
    code: failure.code,
    meaning: msg(`failure.code.${failure.code}`),
    message: failure.reason ?? failure.message,
  });
}

/** The failure in English words (for sentences still built as strings). */
export function describeFailure(failure: GatherFailure): string {
  return renderMessage(failureMessage(failure), 'en');
}

export function citeFailure(failure: GatherFailure): FindingEvidence {
  return cite(failure, failureMessage(failure));
}
