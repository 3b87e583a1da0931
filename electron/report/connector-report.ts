// The connector report (contract/evidence.ts ConnectorReport): what `icmp-doctor check
// --connector` gathers on a connector host — this host, its connector processes and
// cloudflared's evidence — for import where the check runs (--connector-report FILE). Built
// with every secret redacted as the diagnostic report is (a connector's argv may hold
// `--token …`), rendered as JSON, and written atomically. Failures are values, never throws.

import { extname } from 'node:path';
import type { CloudflaredEvidence, ConnectorProcess, ConnectorReport, Gathered, LocalEvidence } from '../../contract/evidence';
import { fail, type Result } from '../../contract/result';
import type { Locale } from '../../renderer/i18n/messages/locale';
import { writeFileAtomically, writtenFileName, type WriteTarget } from './atomic-file';
import { say } from './say';
import { terminalSafe } from './control-characters';
import { redactSecrets } from './redact-secrets';

export const CONNECTOR_REPORT_SCHEMA: ConnectorReport['schema'] = 'icmp-doctor/connector-report@1';

export interface BuildConnectorReportInput {
  local: LocalEvidence;
  connectors: Gathered<ConnectorProcess[]>;
  /** null: cloudflared does not apply (another product, or none on this host). */
  cloudflared: Gathered<CloudflaredEvidence> | null;
  /** With two or more cloudflared processes: each one's own evidence (ConnectorReport.cloudflaredPerConnector). */
  cloudflaredPerConnector?: Array<{ pid: number; cloudflared: Gathered<CloudflaredEvidence> }>;
  appVersion: string;
  /** ISO 8601; default: now. */
  createdAt?: string;
  /** Strings that must never appear (the Cloudflare API token, if one is set). Credential-looking text is redacted anyway. */
  secrets?: readonly string[];
}

/** A self-standing `icmp-doctor/connector-report@1` with every secret redacted, keys in the contract's order. */
export function buildConnectorReport(input: BuildConnectorReportInput): ConnectorReport {
  const report: ConnectorReport = {
    schema: CONNECTOR_REPORT_SCHEMA,
    createdAt: input.createdAt ?? new Date().toISOString(),
    app: { version: input.appVersion },
    local: input.local,
    connectors: input.connectors,
    cloudflared: input.cloudflared,
  };
  if (input.cloudflaredPerConnector && input.cloudflaredPerConnector.length > 0) report.cloudflaredPerConnector = input.cloudflaredPerConnector;
  return redactSecrets(report, input.secrets ?? []);
}

/** The report as one line of JSON (what `--json` prints, after `"type":"connector-report"`), secrets redacted again. */
export function connectorReportForJson(report: ConnectorReport, secrets: readonly string[] = []): Record<string, unknown> {
  return { ...redactSecrets(report, secrets) };
}

/** Pretty-printed (2 spaces) with a trailing newline: what the file holds. */
export function renderConnectorReport(report: ConnectorReport, secrets: readonly string[] = []): string {
  return `${terminalSafe(JSON.stringify(connectorReportForJson(report, secrets), null, 2))}\n`;
}

export type WriteConnectorReportResult = Result<{ path: string; bytes: number }, 'WRITE_FAILED' | 'BAD_FORMAT'>;

/**
 * Writes the report to `path` (which must end in .json) atomically: a hidden temp file in the
 * same directory, opened exclusively (never following a planted symlink), fsync, rename over
 * the target. On failure the temp file is removed and the target is untouched.
 */
export async function writeConnectorReport(report: ConnectorReport, path: string, secrets: readonly string[] = [], lang: Locale = 'en'): Promise<WriteConnectorReportResult> {
  const file: WriteTarget = { what: 'connector-report', lang };
  const what = writtenFileName(file);
  if (typeof path !== 'string' || path.trim() === '') return fail('WRITE_FAILED', say(lang, 'report.write.no-path', { what }));
  if (path.includes('\0')) return fail('WRITE_FAILED', say(lang, 'report.write.nul', { what }));
  if (extname(path).toLowerCase() !== '.json') return fail('BAD_FORMAT', say(lang, 'report.format.connector-json', { path }));
  const content = Buffer.from(renderConnectorReport(report, secrets), 'utf8');
  return writeFileAtomically(path, content, file);
}
