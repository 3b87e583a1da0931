// Runs a started ping job to its end and hands back everything it produced: the shape
// `icmp-doctor check` and the desktop app want when they need the verdict, not a stream.

import type { ProbeEvent } from '../../../native/index';
import type { PingJob, PingJobEnd } from './ping-job';
import { PingStatistics } from './statistics';
import type { PingSummary } from './statistics';

export interface CollectedPing {
  probes: ProbeEvent[];
  end: PingJobEnd;
  summary: PingSummary;
}

/** Consumes `job` (its one iteration), calling `onProbe` as each probe resolves. */
export async function collectPing(job: PingJob, onProbe?: (probe: ProbeEvent) => void): Promise<CollectedPing> {
  const statistics = new PingStatistics();
  const probes: ProbeEvent[] = [];
  for await (const event of job) {
    if (event.type !== 'probe') continue;
    probes.push(event);
    statistics.record(event);
    onProbe?.(event);
  }
  const end = await job.finished;
  if (end.type === 'done') statistics.finish(end);
  return { probes, end, summary: statistics.summary() };
}
