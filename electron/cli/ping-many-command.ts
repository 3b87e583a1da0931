// `icmp-doctor ping A B C…`, `ping 10.0.0.0/24`, `ping --targets-file FILE`: a sweep. Every
// target gets its own job (its own -c, -i and -W, like fping's per-target period) on ONE
// probe session; the jobs start PACE_MS apart and each target's interval is stretched to at
// least TARGETS × PACE_MS, so the sweep as a whole never sends faster than one probe per
// PACE_MS however large it is. Ctrl-C cancels every job and still prints the statistics.

import { performance } from 'node:perf_hooks';
import type { ProbeEvent, SocketKind } from '../../native/index';
import type { PingJob } from '../core/ping/ping-job';
import type { PingSession, StartPingFailure } from '../core/ping/ping-session';
import type { ResolvedTarget } from '../core/ping/resolve-target';
import { PingStatistics } from '../core/ping/statistics';
import type { PingArguments } from './arguments';
import { ExitCode } from './exit-codes';
import type { StdoutPace } from './output';
import type { BatchedOutput } from './ping-output-batch';
import { humanSweepReporter, jsonSweepReporter, sweepTotals } from './ping-many-output';
import type { SweepReporter, SweepRunInfo, TargetFinish } from './ping-many-output';
import { buildTargetList } from './ping-targets';
import { readTargetsFile } from './ping-targets-file';
import type { TargetEntry } from './ping-targets-file';

/** Duplicates named one by one in the notice; the rest are counted. */
const DUPLICATES_SHOWN = 5;

/** True when the arguments ask for more than one target (or a prefix, or a targets file). */
export function isSweep(args: PingArguments): boolean {
  // -C is fping's per-target RTT list, which only the sweep output prints.
  return args.rttList || args.targetsFile !== null || args.targets.length > 1 || args.targets.some((target) => target.includes('/'));
}

export interface SweepContext {
  sink: BatchedOutput;
  pace: StdoutPace;
  signal: AbortSignal;
  /** Reports a usage problem; returns exit code 2. */
  usageError(message: string): number;
  /** Checks that need a target's family (size ceiling, -I source family). */
  familyProblem(target: ResolvedTarget): string | null;
  /** Opens the session, or reports why not and returns the exit code. */
  openSession(reportFatal: SweepReporter['fatal'], first: ResolvedTarget): PingSession | number;
  /** Reports a job that could not start; returns the exit code. */
  startFailure(reportFatal: SweepReporter['fatal'], target: ResolvedTarget, failure: StartPingFailure): number;
}

/** Resolves after `ms`, or at once when `signal` aborts. */
function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const onAbort = (): void => {
      clearTimeout(timer);
      resolve();
    };
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal.addEventListener('abort', onAbort, { once: true });
  });
}

/** The targets as typed: arguments first, then the targets file's lines. */
async function targetEntries(args: PingArguments): Promise<{ ok: true; entries: TargetEntry[] } | { ok: false; message: string }> {
  const entries: TargetEntry[] = args.targets.map((text) => ({ text, origin: null }));
  if (args.targetsFile !== null) {
    const file = await readTargetsFile(args.targetsFile);
    if (!file.ok) return { ok: false, message: file.message };
    entries.push(...file.value);
  }
  return { ok: true, entries };
}

function duplicatesNotice(duplicates: readonly string[]): string {
  const named = duplicates.slice(0, DUPLICATES_SHOWN).join(', ');
  const more = duplicates.length > DUPLICATES_SHOWN ? ` and ${duplicates.length - DUPLICATES_SHOWN} more` : '';
  const count = duplicates.length === 1 ? '1 duplicate target' : `${duplicates.length} duplicate targets`;
  return `icmp-doctor: ${count} probed once: ${named}${more}\n`;
}

interface Running {
  target: ResolvedTarget;
  job: PingJob;
  statistics: PingStatistics;
  startedAt: number;
  endedAt: number;
  lastError: string | null;
  socket: SocketKind | null;
  /** -C: each probe's RTT by icmp_seq, null when it drew no reply. */
  rtts: Array<number | null>;
}

/** Runs a sweep; resolves to the exit code. */
export async function runSweep(args: PingArguments, context: SweepContext): Promise<number> {
  const { sink, pace, signal } = context;
  const typed = await targetEntries(args);
  if (!typed.ok) return context.usageError(typed.message);
  const list = await buildTargetList(typed.entries, args.family, signal);
  if (!list.ok) return list.code === 'ABORTED' ? ExitCode.NoReply : context.usageError(list.message);
  const targets = list.value.targets;
  for (const target of targets) {
    const problem = context.familyProblem(target);
    if (problem) return context.usageError(problem);
  }
  if (list.value.duplicates.length > 0) sink.error(duplicatesNotice(list.value.duplicates));

  const info: SweepRunInfo = { targets, size: args.size, timeoutMs: args.timeoutMs, bind: args.bind };
  const reporter = args.json ? jsonSweepReporter(sink, info) : humanSweepReporter(sink, info, { quiet: args.quiet });
  const session = context.openSession((fatal) => reporter.fatal(fatal), targets[0]!);
  if (typeof session === 'number') return session;

  try {
    // One probe per PACE_MS across the sweep: a target's own interval cannot be shorter than a round.
    const intervalMs = args.count === 1 || args.intervalMs === 0 ? args.intervalMs : Math.max(args.intervalMs, targets.length * args.paceMs);
    const running: Running[] = [];
    const consumers: Array<Promise<void>> = [];
    let engineFatal: { code: string; message: string } | null = null;

    // Cancelling is one listener for the whole sweep, not one per job.
    const aborted = new Promise<void>((resolve) => {
      if (signal.aborted) resolve();
      signal.addEventListener('abort', () => resolve(), { once: true });
    });
    void aborted.then(() => {
      for (const entry of running) entry.job.cancel();
    });
    // Every consumer that finds stdout full waits on the same promise (one 'drain' listener).
    let roomOnStdout: Promise<void> | null = null;
    const stdoutRoom = (): Promise<void> => {
      roomOnStdout ??= Promise.race([pace.drained(), aborted]).then(() => {
        roomOnStdout = null;
      });
      return roomOnStdout;
    };

    const consume = async (entry: Running): Promise<void> => {
      for await (const event of entry.job) {
        if (event.type !== 'probe') continue;
        const probe: ProbeEvent = event;
        entry.statistics.record(probe);
        if (args.rttList) entry.rtts[probe.seq - 1] = probe.status === 'reply' ? probe.rttMs : null;
        if (probe.error) entry.lastError = `${probe.error.message}${probe.error.from ? ` from ${probe.error.from}` : ''}`;
        if (signal.aborted || args.quiet) continue;
        reporter.probe(entry.target, probe, entry.statistics.summary());
        if (pace.full) await stdoutRoom();
      }
      const end = await entry.job.finished;
      entry.endedAt = performance.now();
      if (end.type === 'fatal') engineFatal = { code: end.code, message: end.message };
      else entry.statistics.finish(end);
    };

    const sweepStart = performance.now();
    let startCode: number | null = null;
    for (let index = 0; index < targets.length && !signal.aborted; index += 1) {
      const target = targets[index]!;
      const wait = sweepStart + index * args.paceMs - performance.now();
      if (wait >= 1) await sleep(wait, signal);
      if (signal.aborted) break;
      const request = { target: target.address, count: args.count, intervalMs, timeoutMs: args.timeoutMs, size: args.size, df: args.df, ...(args.ttl === null ? {} : { ttl: args.ttl }) };
      const started = session.start(request);
      if (!started.ok) {
        startCode = context.startFailure((fatal) => reporter.fatal(fatal), target, started);
        break;
      }
      const entry: Running = { target, job: started.value, statistics: new PingStatistics(), startedAt: performance.now(), endedAt: 0, lastError: null, rtts: [], socket: session.socketKind(target.family) };
      running.push(entry);
      consumers.push(consume(entry));
    }
    if (startCode !== null) {
      for (const entry of running) entry.job.cancel({ discardQueued: true });
      await Promise.all(consumers);
      sink.flush();
      return startCode;
    }
    await Promise.all(consumers);
    const elapsedMs = performance.now() - sweepStart;
    const fatal = engineFatal as { code: string; message: string } | null;
    if (fatal) {
      reporter.fatal({ code: fatal.code, message: fatal.message });
      sink.flush();
      return ExitCode.Internal;
    }
    const finishes: TargetFinish[] = running.map((entry) => ({
      target: entry.target,
      summary: entry.statistics.summary(),
      elapsedMs: entry.endedAt - entry.startedAt,
      cancelled: signal.aborted,
      lastError: entry.lastError,
      socket: entry.socket,
      rtts: args.rttList ? Array.from({ length: entry.statistics.summary().sent }, (_, index) => entry.rtts[index] ?? null) : null,
    }));
    sink.flush();
    const totals = sweepTotals(finishes, list.value.duplicates.length, elapsedMs, signal.aborted);
    reporter.finish(finishes, totals);
    sink.flush();
    return totals.answered > 0 ? ExitCode.Reply : ExitCode.NoReply;
  } finally {
    session.close();
  }
}
