// Runs the built CLI (bin/icmp-doctor.cjs → dist/cli.cjs) as a child process, the way users
// and scripts do, in the host's namespace: for runs that send no probe (bad input, a missing
// addon). Runs that probe go through the lab (e2e/support/cli.ts). Tests assume `npm run
// build` has run.

import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const CLI = join(REPO_ROOT, 'bin', 'icmp-doctor.cjs');
export const BUNDLE = join(REPO_ROOT, 'dist', 'cli.cjs');

export interface CliRun {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

export interface RunCliOptions {
  timeoutMs?: number;
  /** Extra environment variables. */
  env?: Record<string, string>;
}

/** Why the CLI tests cannot run, or null. */
export function cliMissingReason(): string | null {
  return existsSync(BUNDLE) ? null : `${BUNDLE} is missing: run \`npm run build\` first`;
}

export function runCli(args: readonly string[], options: RunCliOptions = {}): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const env = { ...process.env, ...options.env };
    const child = spawn(process.execPath, [CLI, ...args], { cwd: REPO_ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 20_000);
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout, stderr });
    });
  });
}

/** The JSON Lines of a `--json` run, parsed (throws on a line that is not JSON). */
export function jsonLines(stdout: string): Array<Record<string, unknown>> {
  return stdout
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}

/** A Node stack frame in text: what "no stack trace" tests look for. */
export const STACK_TRACE = /\n\s+at /;
