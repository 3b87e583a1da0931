// Turns a finished log scan into evidence: whether the text was a cloudflared log at all,
// a one-line account of what was read (for `sources`), and the evidence fields it decides.

import type { CloudflaredEvidence } from '../../../../contract/evidence';
import type { Message } from '../../../../contract/message';
import { msg } from '../../../../renderer/i18n/messages/message';
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

/** "cloudflared log /var/log/cloudflared.log: 1234 lines from line 5678 (the last 50 MB of 120 MB); …" */
export function describeLogScan(scan: LogScan, name: string, window: LogWindow, unit: 'bytes' | 'characters' = 'bytes'): string {
  const parts: string[] = [];
  const from = window.firstLine !== null && window.firstLine > 1 ? ` from line ${window.firstLine}` : '';
  parts.push(`${scan.lines} lines${from}`);
  if (window.skipped > 0) {
    const size = unit === 'bytes' ? megabytes(window.total - window.skipped) : `${window.total - window.skipped} characters`;
    const total = unit === 'bytes' ? megabytes(window.total) : `${window.total}`;
    const numbering = window.firstLine === null ? '; line numbers unknown, the skipped part was not counted' : '';
    parts.push(`only the last ${size} of ${total} were read${numbering}`);
  }
  if (scan.runs > 1) {
    const at = scan.lastRunStart?.line ? ` at line ${scan.lastRunStart.line}` : '';
    parts.push(`cloudflared started ${scan.runs} times; only its last start${at} and after count`);
  }
  return `cloudflared log ${name}: ${parts.join('; ')}`;
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
    requestedTransport: environment
      ? {
          value: environment.value,
          from: 'env',
          detail: `TUNNEL_TRANSPORT_PROTOCOL=${environment.value}, as cloudflared listed its environment at startup${environment.evidence.line ? ` (log line ${environment.evidence.line})` : ''}`,
        }
      : null,
  };
}
