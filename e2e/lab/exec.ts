// Running processes: the one place that calls child_process, so timeouts, process-group
// kills and error messages behave the same for setup commands and for test commands.
import { spawn, spawnSync, type ChildProcess, type SpawnOptions } from 'node:child_process';
import { LabCommandError, LabTimeoutError } from './errors';

export interface RunOptions {
  /** Written to the process's stdin, which is then closed. Without it stdin is /dev/null. */
  stdin?: string | Uint8Array;
  /** The complete environment of the process (callers merge; nothing is added here). */
  env?: NodeJS.ProcessEnv;
  /** Kill the whole process group with SIGKILL after this long and reject with LabTimeoutError. */
  timeoutMs?: number;
  cwd?: string;
}

export interface RunResult {
  /** Exit code, or null when the process died of a signal. */
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** Default for setup commands: generous for a loaded 2-core machine, short enough to fail a hung run. */
export const SETUP_TIMEOUT_MS = 20_000;

/**
 * Start a process in its own process group (detached), so a timeout or teardown can kill
 * everything it started (`sh -c`, `ip netns exec` → command) with one `kill(-pgid)`.
 */
export function spawnGroup(argv: readonly string[], options: SpawnOptions = {}): ChildProcess {
  const [command, ...args] = argv;
  if (command === undefined) throw new Error('spawnGroup: empty argv');
  return spawn(command, args, { ...options, detached: true });
}

/** Kill a process group started by spawnGroup; ignores groups that are already gone. */
export function killGroup(child: ChildProcess, signal: NodeJS.Signals = 'SIGKILL'): void {
  if (child.pid === undefined) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    // ESRCH: already exited.
  }
}

/** Run a command to completion. Resolves with any exit code; rejects on spawn failure or timeout. */
export function run(argv: readonly string[], options: RunOptions = {}): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const child = spawnGroup(argv, {
      stdio: [options.stdin === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'],
      env: options.env ?? process.env,
      cwd: options.cwd,
    });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout?.on('data', (b: Buffer) => out.push(b));
    child.stderr?.on('data', (b: Buffer) => err.push(b));
    let timedOut = false;
    const timer =
      options.timeoutMs === undefined
        ? undefined
        : setTimeout(() => {
            timedOut = true;
            killGroup(child);
          }, options.timeoutMs);
    child.on('error', (e) => {
      clearTimeout(timer);
      reject(new Error(`cannot run ${argv.join(' ')}: ${e.message}`, { cause: e }));
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      const stdout = Buffer.concat(out).toString('utf8');
      const stderr = Buffer.concat(err).toString('utf8');
      if (timedOut) reject(new LabTimeoutError(argv, options.timeoutMs ?? 0, stdout, stderr));
      else resolve({ code, signal, stdout, stderr });
    });
    if (options.stdin !== undefined && child.stdin) {
      // EPIPE if the command exits without reading its input; the exit status tells the story.
      child.stdin.on('error', () => {});
      child.stdin.end(options.stdin);
    }
  });
}

/** Run a command that must succeed; a non-zero exit becomes a LabCommandError with its stderr. */
export async function runChecked(argv: readonly string[], options: RunOptions = {}): Promise<RunResult> {
  const result = await run(argv, { timeoutMs: SETUP_TIMEOUT_MS, ...options });
  if (result.code !== 0) throw new LabCommandError(argv, null, result.code, result.stderr);
  return result;
}

/**
 * Feed `lines` to `<argv> -batch -` (ip, tc, bridge). One process instead of one per line is
 * what keeps lab setup fast. On failure the error names the exact failing line: these tools
 * print "Command failed -:N" and stop at the first error.
 */
export async function runBatch(argv: readonly string[], lines: readonly string[]): Promise<void> {
  if (lines.length === 0) return;
  const full = [...argv, '-batch', '-'];
  const result = await run(full, { stdin: lines.join('\n') + '\n', timeoutMs: SETUP_TIMEOUT_MS });
  if (result.code === 0) return;
  // Parse errors stop the batch without the "Command failed" line; a one-line batch is unambiguous anyway.
  const match = /Command failed -:(\d+)/.exec(result.stderr);
  const failed = match?.[1] !== undefined ? (lines[Number(match[1]) - 1] ?? null) : lines.length === 1 ? (lines[0] ?? null) : null;
  throw new LabCommandError(full, failed, result.code, result.stderr);
}

/** Synchronous variant for `process.on('exit')`, where nothing asynchronous runs any more. */
export function runSyncQuiet(argv: readonly string[], stdin?: string): void {
  const [command, ...args] = argv;
  if (command === undefined) return;
  spawnSync(command, args, { input: stdin, stdio: ['pipe', 'ignore', 'ignore'], timeout: 10_000 });
}
