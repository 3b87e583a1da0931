// `icmp-doctor trace`: parse, resolve, run the TTL-stepped probes (electron/core/trace) on a
// probe session, stream each hop to the chosen reporter, and turn the outcome into an exit
// code: 0 the target answered, 1 it did not, 2 bad usage or input, 3 ICMP not permitted.

import type { TraceSettings } from '../../contract/trace';
import { gatherRoute } from '../core/evidence/route';
import { openPingSession } from '../core/ping/ping-session';
import { tunnelFarEnd } from '../../renderer/wizard/checks/path-transparency';
import type { StartPingFailure } from '../core/ping/ping-session';
import { resolveTarget } from '../core/ping/resolve-target';
import type { ResolvedTarget } from '../core/ping/resolve-target';
import { runTrace, TRACE_DEFAULTS } from '../core/trace/run-trace';
import { LIMITS } from './arguments';
import { ExitCode } from './exit-codes';
import type { Output } from './output';
import { shown } from './option-parsing';
import { BatchedOutput } from './ping-output-batch';
import { parseTraceArguments } from './trace-arguments';
import type { TraceArguments } from './trace-arguments';
import { traceHumanReporter, traceJsonReporter } from './trace-output';
import type { TraceReporter } from './trace-output';
import { onTerminationSignals } from './termination-signals';
import { reportUsageError } from './usage-error';
import { TRACE_USAGE } from './usage';

/** A hop still unanswered after this long gets a "waiting" line on stderr, so a slow trace is not mistaken for a hang. */
const SLOW_HOP_NOTICE_MS = 1000;

function usageError(output: Output, message: string): number {
  return reportUsageError(output, { message, command: 'trace' });
}

function reportStartFailure(output: Output, reporter: TraceReporter, target: ResolvedTarget, failure: StartPingFailure | { code: 'ENGINE_STOPPED'; message: string }): number {
  const details = { target: target.address };
  switch (failure.code) {
    case 'ICMP_SOCKET_DENIED': {
      const denied = 'denied' in failure ? failure.denied : null;
      const extra = denied && {
        pingGroupRange: denied.pingGroupRange,
        egid: denied.egid,
        groups: denied.groups,
        coveredGroups: denied.coveredGroups,
        fix: { command: denied.fixCommand, everyGroup: denied.fixEveryGroupCommand, persist: denied.persistCommand },
      };
      reporter.fatal({ code: failure.code, message: failure.message, details: { ...details, ...extra } });
      return ExitCode.NotPermitted;
    }
    case 'INVALID_REQUEST':
      return usageError(output, failure.message);
    case 'ICMP_FAMILY_UNSUPPORTED':
      reporter.fatal({ code: failure.code, message: failure.message, details });
      return ExitCode.NoReply;
    default:
      reporter.fatal({ code: failure.code, message: failure.message, details });
      return ExitCode.Internal;
  }
}

function settingsFrom(args: TraceArguments): TraceSettings & { window: number } {
  return {
    maxHops: args.maxHops,
    probesPerHop: args.probesPerHop,
    timeoutMs: args.timeoutMs,
    size: args.size,
    df: args.df,
    silentRun: TRACE_DEFAULTS.silentRun,
    window: TRACE_DEFAULTS.window,
  };
}

/** Runs `icmp-doctor trace ARGS…`; resolves to the process exit code. Never throws on bad input. */
export async function runTraceCommand(argv: readonly string[], output: Output): Promise<number> {
  const parsed = parseTraceArguments(argv);
  if (!parsed.ok) return usageError(output, parsed.message);
  if (parsed.value.kind === 'help') {
    output.out(TRACE_USAGE);
    return ExitCode.Reply;
  }
  const args = parsed.value.arguments;
  const sink = new BatchedOutput(output);
  const reporter = args.json ? traceJsonReporter(sink) : traceHumanReporter(sink);
  const controller = new AbortController();
  const stopListening = onTerminationSignals(
    () => controller.abort(),
    // A second Ctrl-C: leave now, with what was printed.
    () => {
      sink.flush();
      process.exit(ExitCode.NoReply);
    },
  );
  output.onStdoutClosed(() => controller.abort());
  try {
    const resolved = await resolveTarget(args.target, { family: args.family, signal: controller.signal });
    if (!resolved.ok) {
      if (resolved.code === 'ABORTED') return ExitCode.NoReply;
      if (resolved.code === 'FAMILY_MISMATCH' && args.family) {
        const other = args.family === 4 ? 6 : 4;
        return usageError(output, `-${args.family} ${shown(args.target)}: this is an IPv${other} address, but -${args.family} asks for IPv${args.family} (drop -${args.family} or give an IPv${args.family} address)`);
      }
      return usageError(output, resolved.message);
    }
    const target = resolved.value;
    const maxSize = LIMITS.size.max[target.family];
    if (args.size > maxSize) return usageError(output, `-s ${args.size}: SIZE must be an integer from 0 to ${maxSize} for the IPv${target.family} target ${target.address}`);

    const session = openPingSession();
    if (!session.ok) {
      reporter.fatal({ code: session.code, message: session.message, details: { target: target.address } });
      return ExitCode.Internal;
    }
    let slowTimer: NodeJS.Timeout | null = null;
    const clearSlow = (): void => {
      if (slowTimer) clearTimeout(slowTimer);
      slowTimer = null;
    };
    let started = false;
    // This machine's route to the target (Linux: `ip route get`), looked up beside the trace, so
    // the human output can name the hop at the tunnel's far end. Never fails the trace.
    const routeLookup = args.json ? null : gatherRoute({ target: target.address }, { signal: controller.signal });
    try {
      const result = await runTrace(session.value, target, settingsFrom(args), {
        signal: controller.signal,
        onWaiting(ttl) {
          if (!started) {
            started = true;
            reporter.start(target, args.maxHops);
            sink.flush();
          }
          clearSlow();
          slowTimer = setTimeout(() => output.error(`hop ${ttl}: no answer yet, waiting up to ${args.timeoutMs} ms…\n`), SLOW_HOP_NOTICE_MS);
        },
        onHop(hop) {
          clearSlow();
          reporter.hop(hop);
          sink.flush();
        },
      });
      clearSlow();
      if (!result.ok) return reportStartFailure(output, reporter, target, result);
      reporter.finish(result.value, routeLookup ? tunnelFarEnd(await routeLookup, result.value.hops) : null);
      sink.flush();
      return result.value.reached ? ExitCode.Reply : ExitCode.NoReply;
    } finally {
      clearSlow();
      session.value.close();
    }
  } finally {
    sink.flush();
    stopListening();
  }
}
