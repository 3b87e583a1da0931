// Turns gathered facts into the evidence a verdict cites: where it came from (the Gathered
// value's `source`) and what it said. Our own words are messages; a quote (a log line, a
// file's text) is cited verbatim. Failures are cited too, with what they mean.

import type { Gathered } from '../../../contract/evidence';
import type { FindingEvidence } from '../../../contract/findings';
import type { Message } from '../../../contract/message';
import { msg } from '../../i18n/messages/message';
import { renderMessage } from '../../i18n/messages/render';

export type GatherFailure = Extract<Gathered<unknown>, { ok: false }>;

/** Evidence from `source`: a message in our words, or a string quoted as it is. */
export function cite(source: string, detail: Message | string): FindingEvidence {
  if (typeof detail === 'string') return { source, detail };
  return { source, detail: renderMessage(detail, 'en'), message: detail };
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
  return cite(failure.source, failureMessage(failure));
}
