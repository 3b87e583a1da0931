// Runs remediation text through the real bash: `-n` for syntax, and a printf in place of the
// command to see exactly which arguments the shell would hand the program. Test-only (Node).

import { spawnSync } from 'node:child_process';

export interface SyntaxResult {
  ok: boolean;
  stderr: string;
}

/** `bash -n`: parses the script without running any of it. */
export function bashSyntax(script: string): SyntaxResult {
  const run = spawnSync('bash', ['-n'], { input: script, encoding: 'utf8' });
  return { ok: run.status === 0, stderr: run.stderr };
}

/** A minimal environment; with SHLVL unset, bash here takes ~100 ms longer to start. */
export const BASE_ENV = { PATH: process.env['PATH'] ?? '/usr/bin:/bin', HOME: process.env['HOME'] ?? '/', SHLVL: '1' };

/**
 * The argv bash builds from one simple command: the command's words become printf's
 * arguments, printed NUL-separated, so values with newlines come back whole. `env` is the
 * environment the words expand in (e.g. CLOUDFLARE_API_TOKEN).
 */
export function argvOf(command: string, env: Record<string, string> = {}): string[] {
  const run = spawnSync('bash', ['-c', `printf '%s\\0' ${command}`], { encoding: 'utf8', env: { ...BASE_ENV, ...env } });
  if (run.status !== 0) throw new Error(`bash failed (${run.status}): ${run.stderr}`);
  const words = run.stdout.split('\0');
  words.pop();
  return words;
}

/** Values that break naive quoting: quotes, expansions, globs, newlines, options. */
export const HOSTILE_VALUES: readonly string[] = [
  "it's",
  'a "quoted" word',
  '$(touch /tmp/icmp-doctor-pwned)',
  '`id`',
  '${HOME}',
  'two\nlines',
  'tab\there',
  '*',
  '; rm -rf ~ #',
  '!event',
  '--help',
  "'; echo injected; '",
  '\\',
  '',
  '~root',
  'ünïcødé 🧊',
];
