// Runs evidence probes inside the lab through workers/probe.ts (as the unprivileged user in
// the client, unless told otherwise) and hands back each case's outcome, typed.

import assert from 'node:assert/strict';
import type { Gathered } from '../../../contract/evidence';
import type { Message } from '../../../contract/message';
import type { Lab, RunAs } from '../../lab/lab';
import type { NsRole } from '../../lab/topology';
import { runWorker } from '../../support/worker';
import type { CaseOutcome, ProbeCase, WorkerOutput } from './workers/probe';

const WORKER = 'e2e/evidence/probes/workers/probe.ts';

export type { CaseOutcome, ProbeCase };

export async function runProbes(
  lab: Lab,
  cases: readonly ProbeCase[],
  options: { ns?: NsRole; user?: RunAs } = {},
): Promise<Record<string, CaseOutcome>> {
  const run = await runWorker<WorkerOutput>(lab, options.ns ?? 'client', WORKER, [JSON.stringify(cases)], {
    user: options.user ?? 'unprivileged',
    timeoutMs: 90_000,
  });
  assert.equal(run.code, 0, `the probe worker exited ${run.code}:\n${run.stderr}`);
  const output: WorkerOutput | null = run.output;
  assert.ok(output !== null, `the probe worker printed no JSON:\n${run.stderr}`);
  for (const c of cases) {
    const outcome: CaseOutcome | undefined = output.results[c.name];
    assert.ok(outcome !== undefined, `no outcome for case ${c.name}`);
    assert.equal(outcome.threw, null, `case ${c.name} threw or hung: ${outcome.threw}`);
  }
  return output.results;
}

/** The value of a successful Gathered, or an assertion failure that shows the failure. */
export function valueOf<T>(outcome: CaseOutcome | undefined, what: string): T {
  const result = outcome?.result as Gathered<T> | null | undefined;
  assert.ok(result?.ok, `${what}: expected a gathered value, got ${JSON.stringify(result)}`);
  return result.value;
}

/** The failure of a Gathered, or an assertion failure that shows the value. */
export function failureOf(outcome: CaseOutcome | undefined, what: string): { code: string; message: string; reason?: Message; source: string } {
  const result = outcome?.result;
  assert.ok(result && !result.ok, `${what}: expected a failure, got ${JSON.stringify(result)?.slice(0, 2000)}`);
  return result;
}
