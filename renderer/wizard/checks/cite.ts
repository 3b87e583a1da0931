// Turns gathered facts into the evidence a verdict cites: where it came from (the Gathered
// value's `source`) and what it said. Failures are cited too, with what they mean.

import type { GatherFailureCode, Gathered } from '../../../contract/evidence';
import type { FindingEvidence } from '../../../contract/findings';

export type GatherFailure = Extract<Gathered<unknown>, { ok: false }>;

export function cite(source: string, detail: string): FindingEvidence {
  return { source, detail };
}

const FAILURE_MEANING: Record<GatherFailureCode, string> = {
  NOT_FOUND: 'not found',
  PERMISSION_DENIED: 'not permitted to look',
  UNPARSEABLE: 'could not be understood',
  TIMEOUT: 'timed out',
  HTTP_ERROR: 'HTTP error',
  AUTH_FAILED: 'authentication failed',
  FORBIDDEN: 'forbidden',
  NOT_APPLICABLE: 'not applicable',
  CANCELLED: 'cancelled',
  FAILED: 'failed',
};

/** "TIMEOUT (timed out): no answer from … in 10 s". */
export function describeFailure(failure: GatherFailure): string {
  const meaning = FAILURE_MEANING[failure.code] ?? 'failed';
  return `${failure.code} (${meaning}): ${failure.message}`;
}

export function citeFailure(failure: GatherFailure): FindingEvidence {
  return cite(failure.source, describeFailure(failure));
}
