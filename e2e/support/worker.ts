// Runs a TypeScript worker script inside a lab namespace and returns the JSON it printed.
// Workers are how a test drives the real addon *inside* a namespace (and as the
// unprivileged user): the test process itself stays in the host's namespace.

import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Lab, RunAs } from '../lab/lab';
import type { NsRole } from '../lab/topology';

export const REPO_ROOT = fileURLToPath(new URL('../..', import.meta.url)).replace(/\/$/, '');

export interface WorkerRun<T> {
  code: number | null;
  stderr: string;
  /** The last stdout line, parsed; null when the worker printed nothing parseable. */
  output: T | null;
}

/** `node --import tsx WORKER ARGS…` in `ns` as `user`, cwd at the repo root. */
export async function runWorker<T>(
  lab: Lab,
  ns: NsRole,
  worker: string,
  args: readonly string[],
  options: { user?: RunAs; timeoutMs?: number; nodeFlags?: readonly string[] } = {},
): Promise<WorkerRun<T>> {
  const argv = ['node', ...(options.nodeFlags ?? []), '--import', 'tsx', join(REPO_ROOT, worker), ...args];
  const result = await lab.exec(ns, argv, { user: options.user ?? 'root', cwd: REPO_ROOT, timeoutMs: options.timeoutMs ?? 60_000 });
  const lastLine = result.stdout.trim().split('\n').at(-1) ?? '';
  let output: T | null = null;
  try {
    output = JSON.parse(lastLine) as T;
  } catch {
    output = null;
  }
  return { code: result.code, stderr: result.stderr, output };
}

/** Like runWorker, but fails with the worker's stderr unless it exited 0 with JSON. */
export async function runWorkerOk<T>(...args: Parameters<typeof runWorker>): Promise<T> {
  const run = await runWorker<T>(...args);
  if (run.code !== 0 || run.output === null) {
    throw new Error(`worker ${args[2]} failed (exit ${run.code}):\n${run.stderr}`);
  }
  return run.output;
}
