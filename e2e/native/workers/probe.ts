// Worker: runs a plan of ping jobs concurrently on ONE native Session and prints, as one JSON
// line, every event per job plus the session's echo ids. Run inside a lab namespace.

import { loadAddon } from '../../../electron/native/addon';
import type { EngineEvent, JobDoneEvent, PingRequest, ProbeEvent } from '../../../native/index';

export interface PlanJob {
  key: string;
  request: PingRequest;
}

export interface JobOutcome {
  probes: ProbeEvent[];
  done: JobDoneEvent | null;
  /** What ping() threw, if it did. */
  thrown: { name: string; code: string | null; message: string } | null;
}

export interface ProbeWorkerOutput {
  echoIds: { v4: number | null; v6: number | null };
  results: Record<string, JobOutcome>;
  fatal: string | null;
}

const plan = JSON.parse(process.argv[2] ?? '[]') as PlanJob[];
const addon = loadAddon();
const keyOfJob = new Map<number, string>();
const results: Record<string, JobOutcome> = {};
let running = 0;
let fatal: string | null = null;

function finish(): void {
  const { echoIds } = session.info();
  session.close();
  process.stdout.write(`${JSON.stringify({ echoIds, results, fatal } satisfies ProbeWorkerOutput)}\n`);
}

const session = new addon.Session((events: EngineEvent[]) => {
  for (const event of events) {
    if (event.type === 'fatal') {
      fatal = event.message;
      continue;
    }
    const outcome = results[keyOfJob.get(event.job) ?? ''];
    if (!outcome) continue;
    if (event.type === 'probe') outcome.probes.push(event);
    else {
      outcome.done = event;
      running -= 1;
    }
  }
  if (running === 0 || fatal) finish();
});

for (const job of plan) {
  results[job.key] = { probes: [], done: null, thrown: null };
  try {
    keyOfJob.set(session.ping(job.request), job.key);
    running += 1;
  } catch (error) {
    const e = error as Error & { code?: string };
    results[job.key]!.thrown = { name: e.name, code: e.code ?? null, message: e.message };
  }
}
if (running === 0) finish();
