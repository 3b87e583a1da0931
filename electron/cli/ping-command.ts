// `icmp-doctor ping`: parse, resolve, start a job on a probe session, stream each probe to
// the chosen reporter, print the statistics, and turn the outcome into an exit code.

import { performance } from 'node:perf_hooks';
import type { PingRequest } from '../../native/index';
import { openPingSession } from '../core/ping/ping-session';
import type { PingSession, StartPingFailure } from '../core/ping/ping-session';
import { resolveTarget } from '../core/ping/resolve-target';
import type { ResolvedTarget } from '../core/ping/resolve-target';
import { PingStatistics } from '../core/ping/statistics';
import { LIMITS, parsePingArguments, shown } from './arguments';
import type { PingArguments } from './arguments';
import { ExitCode } from './exit-codes';
import { stdoutPace } from './output';
import type { Output, StdoutPace } from './output';
import { BatchedOutput } from './ping-output-batch';
import { humanReporter } from './ping-output-human';
import { jsonReporter } from './ping-output-json';
import type { PingReporter } from './ping-output';
import { isSweep, runSweep } from './ping-many-command';
import type { SweepContext } from './ping-many-command';
import { onTerminationSignals, type SignalName } from './termination-signals';
import { reportUsageError } from './usage-error';
import { PING_USAGE } from './usage';

function usageError(output: Output, message: string): number {
  return reportUsageError(output, { message, command: 'ping' });
}

/** Checks that need the target's family: the size ceiling and the -I source's family. */
export function familyProblem(args: PingArguments, target: ResolvedTarget): string | null {
  const maxSize = LIMITS.size.max[target.family];
  if (args.size > maxSize) {
    return `-s ${args.size}: SIZE must be an integer from 0 to ${maxSize} for the IPv${target.family} target ${target.address}`;
  }
  const bind = args.bind;
  if (bind?.kind === 'source' && bind.family !== target.family) {
    return `-I ${bind.source}: an IPv${bind.family} source address cannot send to the IPv${target.family} target ${target.address}`;
  }
  return null;
}

function targetDetails(target: ResolvedTarget): Record<string, unknown> {
  return target.isHostName ? { target: target.address, host: target.input } : { target: target.address };
}

/** Reports a job that could not start; returns the exit code. */
export function reportStartFailure(
  output: Output,
  reporter: Pick<PingReporter, 'fatal'>,
  args: PingArguments,
  target: ResolvedTarget,
  failure: StartPingFailure,
): number {
  const bindValue = args.bind ? (args.bind.kind === 'device' ? args.bind.device : args.bind.source) : '';
  switch (failure.code) {
    case 'ICMP_SOCKET_DENIED': {
      const denied = failure.denied;
      const details = denied && {
        pingGroupRange: denied.pingGroupRange,
        egid: denied.egid,
        groups: denied.groups,
        coveredGroups: denied.coveredGroups,
        fix: { command: denied.fixCommand, everyGroup: denied.fixEveryGroupCommand, persist: denied.persistCommand },
      };
      reporter.fatal({ code: failure.code, message: failure.message, details: { ...targetDetails(target), ...details } });
      return ExitCode.NotPermitted;
    }
    case 'ICMP_RAW_SOCKET_DENIED':
      reporter.fatal({ code: failure.code, message: failure.message, details: { ...targetDetails(target), capability: 'CAP_NET_RAW' } });
      return ExitCode.NotPermitted;
    case 'NO_SUCH_DEVICE':
    case 'SOURCE_NOT_AVAILABLE':
      return usageError(output, `-I ${shown(bindValue)}: ${failure.message}; give an interface or address of this host`);
    case 'INVALID_REQUEST':
      return usageError(output, failure.message);
    case 'ICMP_FAMILY_UNSUPPORTED':
      reporter.fatal({ code: failure.code, message: failure.message, details: targetDetails(target) });
      return ExitCode.NoReply;
    default:
      reporter.fatal({ code: failure.code, message: failure.message, details: targetDetails(target) });
      return ExitCode.Internal;
  }
}

function pingRequest(args: PingArguments, target: ResolvedTarget): PingRequest {
  const request: PingRequest = {
    target: target.address,
    count: args.count,
    intervalMs: args.intervalMs,
    timeoutMs: args.timeoutMs,
    size: args.size,
    df: args.df,
  };
  if (args.ttl !== null) request.ttl = args.ttl;
  return request;
}

/**
 * A flood whose events are always ready would run on promise jobs alone, and the Ctrl-C
 * handlers (like every other I/O callback) would wait for the flood to end. So the loop gives
 * the event loop a turn once it has handled EVENTS_PER_TURN events and TURN_MS has passed:
 * often enough for Ctrl-C to feel immediate, seldom enough to cost nothing per probe. (The
 * engine counts events we have not pulled as its backlog and stops at its limit, so while we
 * take a turn, or wait for stdout, it stops too: nothing piles up.)
 */
const EVENTS_PER_TURN = 256;
const TURN_MS = 20;

/**
 * After Ctrl-C, how long the statistics wait for a stalled stdout to take the lines before it;
 * past that they go to stderr and the process leaves without waiting for the reader. Half a
 * second: Ctrl-C must be answered within a second whatever the load, and a reader that is
 * merely slow takes a 64 KiB pipe's worth well within that.
 */
const EXIT_GRACE_MS = 500;

function nextTurn(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

function whenAborted(signal: AbortSignal): Promise<void> {
  if (signal.aborted) return Promise.resolve();
  return new Promise((resolve) => signal.addEventListener('abort', () => resolve(), { once: true }));
}

interface JobOutput {
  /** Where the reporter writes: batched per-probe lines. */
  sink: BatchedOutput;
  /** The process streams behind `sink`. */
  output: Output;
  /** How far behind stdout's reader is. */
  pace: StdoutPace;
  /** True once Ctrl-C (or SIGTERM) asked the run to stop. */
  interrupted(): boolean;
}

/** Streams one job to `reporter`; returns the exit code. */
async function runJob(
  session: PingSession,
  reporter: PingReporter,
  { sink, output, pace, interrupted }: JobOutput,
  args: PingArguments,
  target: ResolvedTarget,
  signal: AbortSignal,
  statistics: PingStatistics,
): Promise<number> {
  const started = session.start(pingRequest(args, target), { signal });
  if (!started.ok) return reportStartFailure(output, reporter, args, target, started);
  const job = started.value;
  const startedAt = performance.now();
  reporter.start({ target, size: args.size, timeoutMs: args.timeoutMs, bind: args.bind, socket: session.socketKind(target.family) });
  const aborted = whenAborted(signal);
  const events = job[Symbol.asyncIterator]();
  let sinceTurn = 0;
  let lastTurn = performance.now();
  try {
    for (;;) {
      // Pull the next event only once stdout has taken the lines so far: events left unpulled
      // hold the engine back, so a slow reader slows the probes instead of filling our memory.
      if (pace.full && !signal.aborted) await Promise.race([pace.drained(), aborted]);
      sinceTurn += 1;
      if (sinceTurn >= EVENTS_PER_TURN) {
        sinceTurn = 0;
        if (performance.now() - lastTurn >= TURN_MS) {
          await nextTurn();
          lastTurn = performance.now();
        }
      }
      const step = await events.next();
      if (step.done) break;
      const event = step.value;
      if (event.type !== 'probe') continue;
      statistics.record(event);
      // Once stopping, lines would only delay the statistics: the probes are counted, not printed.
      if (!signal.aborted && !args.quiet) reporter.probe(event);
    }
  } catch (error) {
    await events.return?.();
    throw error;
  }
  const end = await job.finished;
  // Measured before any wait for stdout below: "time" is how long the probes took.
  const elapsedMs = performance.now() - startedAt;
  if (end.type === 'fatal') {
    reporter.fatal({ code: end.code, message: end.message, details: targetDetails(target) });
    return ExitCode.Internal;
  }
  statistics.finish(end);
  sink.flush();
  // A reader that stopped reading would keep the statistics behind its unread lines for ever.
  if (interrupted() && !(await pace.flushed(EXIT_GRACE_MS))) sink.divertToStderr();
  const summary = statistics.summary();
  reporter.finish({ summary, elapsedMs, cancelled: end.cancelled });
  sink.flush();
  return summary.received > 0 ? ExitCode.Reply : ExitCode.NoReply;
}

/** Opens the probe session with the -I binding; on failure reports it and returns the exit code. */
function openSession(args: PingArguments, output: Output, reporter: Pick<PingReporter, 'fatal'>, target: ResolvedTarget): PingSession | number {
  const bind = args.bind;
  const binding = bind?.kind === 'device' ? { device: bind.device } : bind?.kind === 'source' ? { source: bind.source } : {};
  const session = openPingSession({ ...binding, socket: args.socket });
  if (session.ok) return session.value;
  if (session.code === 'INVALID_BINDING') {
    const value = bind?.kind === 'device' ? bind.device : (bind?.source ?? '');
    return usageError(output, `-I ${shown(value)}: ${session.message}`);
  }
  reporter.fatal({ code: session.code, message: session.message, details: targetDetails(target) });
  return ExitCode.Internal;
}

/** What a sweep (many targets) borrows from the single-target command. */
function sweepContext(args: PingArguments, output: Output, sink: BatchedOutput, pace: StdoutPace, signal: AbortSignal): SweepContext {
  return {
    sink,
    pace,
    signal,
    usageError: (message) => usageError(output, message),
    familyProblem: (target) => familyProblem(args, target),
    openSession: (fatal, first) => openSession(args, output, { fatal }, first),
    startFailure: (fatal, target, failure) => reportStartFailure(output, { fatal }, args, target, failure),
  };
}

/**
 * Ends the process by `signal`, as an uncaught Ctrl-C would. Used when the signal arrives
 * while a host-name lookup is running: getaddrinfo cannot be cancelled, and Node's exit joins
 * the thread that runs it, so any orderly exit would wait for the resolver to time out.
 */
function dieBySignal(signal: SignalName, stopListening: () => void): Promise<never> {
  stopListening();
  process.kill(process.pid, signal);
  return new Promise<never>(() => undefined);
}

/** Runs `icmp-doctor ping ARGS…`; resolves to the process exit code. Never throws on bad input. */
export async function runPingCommand(argv: readonly string[], output: Output): Promise<number> {
  const parsed = parsePingArguments(argv);
  if (!parsed.ok) return usageError(output, parsed.message);
  if (parsed.value.kind === 'help') {
    output.out(PING_USAGE);
    return ExitCode.Reply;
  }
  const args = parsed.value.arguments;
  const sink = new BatchedOutput(output);
  const pace = stdoutPace();
  const reporter = args.json ? jsonReporter(sink) : humanReporter(sink, { verbose: args.verbose });
  const statistics = new PingStatistics();
  const controller = new AbortController();
  let interruptedBy: SignalName | null = null;
  const stopListening = onTerminationSignals(
    (signal) => {
      interruptedBy = signal;
      controller.abort();
    },
    // Second signal: the graceful path is stuck or unwanted; end at once, by the signal.
    (signal) => void dieBySignal(signal, stopListening),
  );
  // A reader that went away (`| head -1`) needs no more probes.
  output.onStdoutClosed(() => controller.abort());
  try {
    if (isSweep(args)) {
      const code = await runSweep(args, sweepContext(args, output, sink, pace, controller.signal));
      // Interrupted: a host-name lookup may still hold a resolver thread that Node's exit would join.
      if (interruptedBy) process.exit(code);
      return code;
    }
    const resolved = await resolveTarget(args.target, { family: args.family, signal: controller.signal });
    if (!resolved.ok) {
      if (resolved.code === 'ABORTED') {
        if (interruptedBy) return dieBySignal(interruptedBy, stopListening);
        return ExitCode.NoReply;
      }
      if (resolved.code === 'FAMILY_MISMATCH' && args.family) {
        const other = args.family === 4 ? 6 : 4;
        return usageError(
          output,
          `-${args.family} ${shown(args.target)}: this is an IPv${other} address, but -${args.family} asks for IPv${args.family} (drop -${args.family} or give an IPv${args.family} address)`,
        );
      }
      return usageError(output, resolved.message);
    }
    const target = resolved.value;
    const problem = familyProblem(args, target);
    if (problem) return usageError(output, problem);

    const session = openSession(args, output, reporter, target);
    if (typeof session === 'number') return session;
    let code: number;
    try {
      const jobOutput: JobOutput = { sink, output, pace, interrupted: () => interruptedBy !== null };
      code = await runJob(session, reporter, jobOutput, args, target, controller.signal, statistics);
    } finally {
      session.close();
    }
    // Interrupted with stdout still stalled: Node would wait for the reader before exiting.
    if (interruptedBy && !(await pace.flushed(0))) process.exit(code);
    return code;
  } finally {
    stopListening();
  }
}
