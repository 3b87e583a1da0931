// Part of benchmark 4 — the CLI's own memory in a long flood: `icmp-doctor ping -c 400000
// -i 0` with every line printed to a pipe this process reads, its VmRSS sampled from /proc
// while it runs. What matters is the shape: memory that levels off (the second half of the
// run adds next to nothing) rather than growing with the probes sent.
import { readFileSync } from 'node:fs';
import { CLI } from '../support/cli';
import { REPO_ROOT, type BenchContext } from './context';

export const CLI_FLOOD_COUNT = 400_000;
const SAMPLE_MS = 100;
const TIMEOUT_MS = 1000;

export interface CliFloodRss {
  /** [ms since start, VmRSS MB] while the run lasted. */
  samples: Array<[number, number]>;
  /** VmHWM at the last sample, MB. */
  peakMb: number;
  /** The highest VmRSS in the first and in the second half of the run, MB: a leak keeps raising the second. */
  firstHalfMb: number;
  secondHalfMb: number;
  wallMs: number;
  stdoutBytes: number;
  sent: number | null;
  received: number | null;
  exitCode: number | null;
}

function statusMb(pid: number, key: 'VmRSS' | 'VmHWM'): number | null {
  try {
    const kb = new RegExp(`^${key}:\\s+(\\d+) kB$`, 'm').exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
    return kb === undefined ? null : Number(kb) / 1024;
  } catch {
    return null; // the process has ended
  }
}

/** One 400k-probe CLI flood to `target`, sampled every SAMPLE_MS. */
export async function measureCliFlood(ctx: BenchContext, target: string): Promise<CliFloodRss> {
  const argv = ['node', CLI, 'ping', target, '-c', String(CLI_FLOOD_COUNT), '-i', '0', '-W', String(TIMEOUT_MS)];
  const started = performance.now();
  // ip netns exec, setpriv and env each exec the next: child.pid is the CLI's own pid.
  const child = ctx.lab.spawn('client', argv, { user: 'unprivileged', cwd: REPO_ROOT });
  const pid = child.pid;
  if (pid === undefined) throw new Error('the CLI did not start');
  let stdoutBytes = 0;
  let tail = '';
  let stderr = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    stdoutBytes += chunk.length;
    tail = (tail + chunk.toString('utf8')).slice(-4096);
  });
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const samples: Array<[number, number]> = [];
  let peakMb = 0;
  const timer = setInterval(() => {
    const rss = statusMb(pid, 'VmRSS');
    if (rss !== null) samples.push([Math.round(performance.now() - started), rss]);
    peakMb = statusMb(pid, 'VmHWM') ?? peakMb;
  }, SAMPLE_MS);
  const exitCode = await new Promise<number | null>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => resolve(code));
  });
  clearInterval(timer);
  const wallMs = performance.now() - started;
  const stats = /(\d+) packets transmitted, (\d+) received/.exec(tail);
  if (!stats) throw new Error(`the CLI flood printed no statistics (exit ${String(exitCode)}): ${stderr.slice(-500)}`);
  const half = Math.floor(samples.length / 2);
  const highest = (part: Array<[number, number]>): number => Math.max(...part.map(([, mb]) => mb));
  return {
    samples,
    peakMb,
    firstHalfMb: highest(samples.slice(0, half)),
    secondHalfMb: highest(samples.slice(half)),
    wallMs,
    stdoutBytes,
    sent: Number(stats[1]),
    received: Number(stats[2]),
    exitCode,
  };
}
