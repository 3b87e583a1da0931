// Turns a finished log scan into evidence: whether the text was a cloudflared log at all,
// a one-line account of what was read (for `sources`), and the evidence fields it decides.

import type { CloudflaredEvidence } from '../../../../contract/evidence';
import type { Message } from '../../../../contract/message';
import { msg } from '../../../../renderer/i18n/messages/message';
import { renderMessage } from '../../../../renderer/i18n/messages/render';
import { refusal, type Refusal } from '../gathered';
import { scanHasEvidence, type LogScan } from './log-scanner';

/** What part of the log was read, for the account in `sources`. */
export interface LogWindow {
  /** Bytes (or characters, for pasted text) skipped at the start because the log is longer than the cap. */
  skipped: number;
  total: number;
  /** The line number of the first line read, or null when lines were not counted. */
  firstLine: number | null;
}

export type LogVerdict = { ok: true } | Refusal<'UNPARSEABLE'>;

function megabytes(bytes: number): string {
  return `${(bytes / (1024 * 1024)).toFixed(bytes < 10 * 1024 * 1024 ? 1 : 0)} MB`;
}

/** Rejects text that is not a cloudflared log, saying what it looked like instead. */
export function judgeLogScan(scan: LogScan, name: string | Message): LogVerdict {
  if (scan.recognizedLines > 0 || scanHasEvidence(scan)) return { ok: true };
  if (scan.nonBlankLines === 0) return refusal('UNPARSEABLE', msg('gather.log.empty', { name }));
  const looks =
    scan.binaryLines > 0
      ? msg('gather.log.looks-binary', { binary: scan.binaryLines, lines: scan.nonBlankLines })
      : msg('gather.log.looks-other', { lines: scan.nonBlankLines });
  return refusal('UNPARSEABLE', msg('gather.log.not-cloudflared', { name, looks }));
}

/** "cloudflared log /var/log/cloudflared.log: 1234 lines from line 5678 (the last 50 MB of 120 MB); …" (source.cloudflared.log-read). */
export function describeLogScan(scan: LogScan, name: string | Message, window: LogWindow, unit: 'bytes' | 'characters' = 'bytes'): Message {
  const size = (count: number): string | Message => (unit === 'bytes' ? megabytes(count) : msg('source.cloudflared.characters', { count }));
  const cut = window.skipped > 0;
  return msg('source.cloudflared.log-read', {
    name,
    lines: scan.lines,
    firstLine: window.firstLine,
    tail: cut ? size(window.total - window.skipped) : null,
    total: cut ? (unit === 'bytes' ? megabytes(window.total) : String(window.total)) : null,
    numbered: window.firstLine !== null,
    runs: scan.runs,
    lastStart: scan.lastRunStart?.line ?? null,
  });
}

/** `sources` and `sourceMessages` of evidence read from one log alone. */
export function logSources(description: Message): Pick<CloudflaredEvidence, 'sources' | 'sourceMessages'> {
  return { sources: [renderMessage(description, 'en')], sourceMessages: [description] };
}

function loggedEnvironment(value: 'auto' | 'quic' | 'http2', line: number | null): NonNullable<CloudflaredEvidence['requestedTransport']> {
  const detailMessage = msg('source.cloudflared.requested.logged-env', { value, line: line || null });
  return { value, from: 'env', detail: renderMessage(detailMessage, 'en'), detailMessage };
}

/** The evidence fields a log decides (requestedTransport only from the startup environment line). */
export function logScanEvidence(
  scan: LogScan,
): Pick<
  CloudflaredEvidence,
  | 'registered'
  | 'fallbackToHttp2'
  | 'gidOutsideRange'
  | 'icmpProxyDisabled'
  | 'quickTunnel'
  | 'requestedTransport'
  | 'version'
  | 'startTransport'
  | 'startConfigPath'
  | 'dialFailures'
  | 'icmpProxySources'
  | 'gidRangeUnparsed'
  | 'runStartSeen'
> {
  const environment = scan.transportFromEnvironment;
  return {
    registered: scan.registered.map(({ transport, evidence }) => ({ transport, evidence })),
    fallbackToHttp2: scan.fallbackToHttp2,
    gidOutsideRange: scan.gidOutsideRange,
    icmpProxyDisabled: scan.icmpProxyDisabled,
    quickTunnel: scan.quickTunnel,
    version: scan.version ? { value: scan.version.value, from: 'log', evidence: scan.version.evidence } : null,
    startTransport: scan.startTransport,
    startConfigPath: scan.startConfigPath,
    dialFailures: scan.dialFailures,
    icmpProxySources: scan.icmpProxySources,
    gidRangeUnparsed: scan.gidRangeUnparsed,
    runStartSeen: scan.runStartSeen,
    requestedTransport: environment ? loggedEnvironment(environment.value, environment.evidence.line) : null,
  };
}
