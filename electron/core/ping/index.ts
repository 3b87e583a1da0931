// The ping core that the CLI, `icmp-doctor check` and the desktop app share: resolve a
// target, run jobs on a native session, summarise them, explain a refused socket.
//
//   const target = await resolveTarget('example.com', { family: 4 });
//   const session = openPingSession();               // Result<PingSession>
//   const job = session.value.start({ target: target.value.address, count: 4 }, { signal });
//   for await (const event of job.value) { ... }     // probe…, then done | fatal
//   session.value.close();

export { addressFamily, classifyAddress } from './address-kind';
export type { AddressKind } from './address-kind';
export { collectPing } from './collect-ping';
export type { CollectedPing } from './collect-ping';
export { PingJob } from './ping-job';
export type { PingJobEnd, PingJobEvent } from './ping-job';
export { openPingSession, PingSession } from './ping-session';
export type {
  OpenSessionCode,
  OpenSessionOptions,
  SocketDeniedFailure,
  StartPingCode,
  StartPingFailure,
  StartPingOptions,
  StartPingResult,
} from './ping-session';
export { resolveTarget } from './resolve-target';
export type { ResolvedTarget, ResolveTargetCode, ResolveTargetOptions } from './resolve-target';
export { fail, ok } from '../../../contract/result';
export type { Failure, Ok, Result } from '../../../contract/result';
export { explainSocketDenied } from './socket-denied';
export type { SocketDeniedExplanation } from './socket-denied';
export { isSocketChoice, preferredSocket, preferSocket, SOCKET_CHOICES } from './socket-choice';
export { PingStatistics, summarize } from './statistics';
export type { PingSummary, RttSummary } from './statistics';
