// Worker: calls resolveTarget() with the real system resolver (dns.lookup → glibc
// getaddrinfo) inside a lab namespace, where Lab.setNameResolution decides what hosts,
// nsswitch.conf and resolv.conf say. Runs every case at once and prints one JSON line
// `{ results: { [id]: { result, elapsedMs } } }`; the test asserts on it.
//
//   node --import tsx e2e/core/workers/resolve.ts '{"dual-6": {"input": "server.lab", "family": 6},
//                                                  "abort": {"input": "slow.lab", "abortAfterMs": 200}}'

import { performance } from 'node:perf_hooks';
import { resolveTarget } from '../../../electron/core/ping/resolve-target';
import type { ResolvedTarget, ResolveTargetCode } from '../../../electron/core/ping/resolve-target';
import type { Result } from '../../../contract/result';
import type { Family } from '../../../native/index';

export interface ResolveCase {
  input: string;
  /** resolveTarget's family option; absent or null: whatever the resolver gives first. */
  family?: Family | null;
  /** Abort the case's AbortSignal this long after the call (0: already aborted when called). */
  abortAfterMs?: number;
}

export interface ResolveOutcome {
  result: Result<ResolvedTarget, ResolveTargetCode>;
  /** From the call to its result. */
  elapsedMs: number;
}

export interface WorkerOutput {
  results: Record<string, ResolveOutcome | { threw: string }>;
}

async function runCase(c: ResolveCase): Promise<ResolveOutcome> {
  const controller = new AbortController();
  if (c.abortAfterMs === 0) controller.abort();
  const timer = c.abortAfterMs ? setTimeout(() => controller.abort(), c.abortAfterMs) : undefined;
  const started = performance.now();
  try {
    const result = await resolveTarget(c.input, { family: c.family ?? null, signal: controller.signal });
    return { result, elapsedMs: performance.now() - started };
  } finally {
    clearTimeout(timer);
  }
}

const [spec] = process.argv.slice(2);
if (spec === undefined) {
  process.stderr.write('usage: resolve.ts \'{"ID": {"input": NAME, "family"?: 4|6, "abortAfterMs"?: MS}, …}\'\n');
  process.exit(2);
}
const cases = JSON.parse(spec) as Record<string, ResolveCase>;
const outcomes = await Promise.all(
  Object.entries(cases).map(async ([id, c]) => {
    try {
      return [id, await runCase(c)] as const;
    } catch (error) {
      // resolveTarget never throws; if it does, that is the finding.
      return [id, { threw: error instanceof Error ? (error.stack ?? error.message) : String(error) }] as const;
    }
  }),
);
process.stdout.write(`${JSON.stringify({ results: Object.fromEntries(outcomes) } satisfies WorkerOutput)}\n`);
