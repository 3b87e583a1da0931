// Things looked for and not had, kept so that "nothing found" can say what was looked for
// and pick the code that tells the user most (a stalled server or a missing permission is
// more to act on than "not there").

import type { GatherFailureCode } from '../../../../contract/evidence';
import type { Refusal } from '../gathered';

/** What was looked for and not had: `reason` says it, `message` in English. */
export type Problem = Refusal<GatherFailureCode>;

const TELLING_ORDER: readonly GatherFailureCode[] = [
  'CANCELLED',
  'TIMEOUT',
  'PERMISSION_DENIED',
  'UNPARSEABLE',
  'HTTP_ERROR',
  'FAILED',
  'NOT_FOUND',
  'NOT_APPLICABLE',
];

export function mostTellingCode(problems: readonly Problem[]): GatherFailureCode {
  for (const code of TELLING_ORDER) if (problems.some((problem) => problem.code === code)) return code;
  return 'NOT_FOUND';
}
