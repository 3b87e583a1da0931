// Process exit codes of `icmp-doctor`, shared by every subcommand (DESIGN.md §2). Scripts
// branch on these, so they never change meaning.

export const ExitCode = {
  /** At least one reply came back. */
  Reply: 0,
  /** No reply (timeouts, ICMP errors, cancelled before any reply, address family unavailable). */
  NoReply: 1,
  /** Bad usage or input: unknown flag, bad number, unresolvable or unusable target. */
  Usage: 2,
  /** ICMP is not permitted for this process (ICMP_SOCKET_DENIED: net.ipv4.ping_group_range). */
  NotPermitted: 3,
  /** Internal failure: the native addon is missing, the engine stopped, a bug. */
  Internal: 4,
} as const;

export type ExitCodeValue = (typeof ExitCode)[keyof typeof ExitCode];
