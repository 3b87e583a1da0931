// Runs the built CLI (bin/icmp-doctor.cjs → dist/cli.cjs) inside a lab namespace, the way
// users and scripts run it. Tests assume `npm run build` has run (cliMissingReason says so).

import type { ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import type { ExecResult, Lab, RunAs } from '../lab/lab';
import type { Scenario } from '../lab/scenarios';
import type { NsRole } from '../lab/topology';
import { REPO_ROOT } from './worker';

export { cliMissingReason, jsonLines, STACK_TRACE } from '../../test-support/cli/run-cli';

export const CLI = join(REPO_ROOT, 'bin', 'icmp-doctor.cjs');

/** argv (after `node`) of `icmp-doctor ARGS…`. */
export function cliArgv(args: readonly string[]): string[] {
  return ['node', CLI, ...args];
}

/** `icmp-doctor ARGS…` in `ns` as `user` (default: the unprivileged user), cwd at the repo root. */
export function runCli(
  lab: Lab,
  ns: NsRole,
  args: readonly string[],
  options: { user?: RunAs; timeoutMs?: number } = {},
): Promise<ExecResult> {
  return lab.exec(ns, cliArgv(args), { user: options.user ?? 'unprivileged', cwd: REPO_ROOT, timeoutMs: options.timeoutMs ?? 20_000 });
}

/** `ping` arguments for one probe of a scenario: `TARGET -c 1 -W waitMs [-t] [-s] [--df] [--json]`. */
export function scenarioPingArgs(s: Scenario, json: boolean): string[] {
  const args = ['ping', s.target, '-c', '1', '-W', String(s.waitMs)];
  if (s.probe.ttl !== undefined) args.push('-t', String(s.probe.ttl));
  if (s.probe.size !== undefined) args.push('-s', String(s.probe.size));
  if (s.probe.df) args.push('--df');
  if (json) args.push('--json');
  return args;
}

/** Resolves with the exit code and output of a spawned CLI. */
export function finished(child: ChildProcess): Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  child.stdout?.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr }));
  });
}
