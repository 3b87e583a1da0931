// Bad usage is reported, not thrown: one line on stderr that names the flag, the value and
// what is accepted, then where to read more. Every subcommand formats it the same way.

import { ExitCode } from './exit-codes';
import type { Output } from './output';

/** A usage problem; `message` is the whole first line after "icmp-doctor: ". */
export interface UsageProblem {
  message: string;
  /** The command whose --help to point at, e.g. "ping"; null for the top level. */
  command: string | null;
}

export function reportUsageError(output: Output, problem: UsageProblem): number {
  const help = problem.command ? `icmp-doctor ${problem.command} --help` : 'icmp-doctor --help';
  output.error(`icmp-doctor: ${problem.message}\nTry '${help}'.\n`);
  return ExitCode.Usage;
}
