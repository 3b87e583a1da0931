// Exit codes of `icmp-doctor check` (DESIGN.md §2). Scripts branch on them, so they never
// change meaning; they share 2 and 4 with every other subcommand (exit-codes.ts).

import type { SignalName } from './termination-signals';
import { ExitCode } from './exit-codes';

export const CheckExitCode = {
  /** Every finding passed, warned, was skipped or could not be decided: none failed. */
  NoFailure: 0,
  /** At least one finding failed: a cause was found (the fixes are printed). */
  FindingFailed: 1,
  /** Bad usage or input: unknown option, bad value, missing or unreadable file, unwritable report. */
  Usage: ExitCode.Usage,
  /** Internal failure: the native addon is missing, a step crashed, a bug. */
  Internal: ExitCode.Internal,
} as const;

/** Cancelled by a signal: 128 + its number, as a shell reports a process the signal ended. */
export function cancelledExitCode(signal: SignalName): number {
  return signal === 'SIGINT' ? 130 : 143;
}
