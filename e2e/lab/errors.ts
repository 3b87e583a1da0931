// Error types of the lab. Tests match on these classes, so keep them stable.

/**
 * The lab cannot run on this machine or as this user (not root, no CAP_NET_ADMIN /
 * CAP_SYS_ADMIN, missing tools, namespaces refused). `reason` is a full sentence that
 * says why and what to do; tests use it as their skip message.
 */
export class LabUnavailableError extends Error {
  override readonly name = 'LabUnavailableError';
  constructor(readonly reason: string) {
    super(reason);
  }
}

/** A setup or control command (`ip`, `tc`, `nft`, `sysctl`, …) failed. */
export class LabCommandError extends Error {
  override readonly name = 'LabCommandError';
  constructor(
    /** The argv that failed, e.g. ['ip', '-n', 'icd-1-ab12-router', '-batch', '-']. */
    readonly argv: readonly string[],
    /** For batch/stdin commands: the input line that failed, when known. */
    readonly failedInput: string | null,
    readonly code: number | null,
    readonly stderr: string,
  ) {
    const what = failedInput === null ? argv.join(' ') : `${argv.join(' ')}  <<<  ${failedInput}`;
    super(`lab command failed (exit ${code ?? 'signal'}): ${what}\n${stderr.trim()}`);
  }
}

/** A command run with a timeout did not finish in time; its process group was killed. */
export class LabTimeoutError extends Error {
  override readonly name = 'LabTimeoutError';
  constructor(
    readonly argv: readonly string[],
    readonly timeoutMs: number,
    /** Output captured before the kill, to help see where it hung. */
    readonly stdout: string,
    readonly stderr: string,
  ) {
    super(
      `lab command timed out after ${timeoutMs} ms and was killed: ${argv.join(' ')}` +
        (stderr.trim() ? `\nstderr so far: ${stderr.trim().slice(-2000)}` : ''),
    );
  }
}
