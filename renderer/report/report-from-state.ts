// The report the Export screen saves (contract/report.ts, `icmp-doctor/report@1`), built from
// the wizard's state. Main redacts secrets again when it writes; here the token is never
// present to begin with (inputs only say whether one was given).

import type { Report, ReportFormat } from '../../contract/report';
import { REPORT_SCHEMA } from '../../contract/report';
import { rootCauses } from '../wizard/causes/index';
import { decideDeploy } from '../wizard/deploy/index';
import type { WizardState } from '../wizard/store';

export type ReportSource = Pick<WizardState, 'inputs' | 'evidence' | 'findings' | 'probes'> & Partial<Pick<WizardState, 'connectorVerdicts'>>;

export interface ReportApp {
  version: string;
  /** Stands in for the OS when "This machine" was not gathered. */
  platform: string;
}

/** The host as "This machine" found it; what the app knows otherwise, marked unknown. */
function reportHost(source: ReportSource, app: ReportApp): Report['host'] {
  const host = source.evidence.local?.host;
  if (host?.ok) return { os: host.value.os, kernel: host.value.kernel, arch: host.value.arch, hostname: host.value.hostname };
  return { os: app.platform || 'unknown', kernel: 'unknown', arch: 'unknown' };
}

export function reportFromState(source: ReportSource, app: ReportApp, createdAt: string): Report {
  // structuredClone: the report is a snapshot; later runs must not change what was saved.
  return structuredClone({
    schema: REPORT_SCHEMA,
    createdAt,
    app: { version: app.version },
    host: reportHost(source, app),
    inputs: { ...source.inputs, cloudflareApiToken: source.inputs.cloudflareApiToken === 'provided' ? 'provided' : 'absent' },
    causes: rootCauses(source.findings),
    deploy: decideDeploy(source.evidence, source.inputs),
    findings: source.findings,
    // Several connector processes: each one's own verdict goes with the roll-up (whichever the app shows).
    ...(source.connectorVerdicts !== undefined && source.connectorVerdicts.length > 0 ? { connectors: source.connectorVerdicts } : {}),
    probes: source.probes,
    evidence: source.evidence,
  } satisfies Report);
}

/** `icmp-doctor-10.0.0.5-20250101-1200.html`: names the target and the time, safe on every OS. */
export function suggestedReportName(target: string | null, createdAt: string, format: ReportFormat): string {
  const stamp = createdAt.replace(/[-:]/g, '').replace('T', '-').slice(0, 13);
  const subject = (target ?? '').replace(/[^A-Za-z0-9.-]+/g, '_').replace(/^[._-]+|[._-]+$/g, '').slice(0, 64);
  return `icmp-doctor${subject ? `-${subject}` : ''}-${stamp}.${format}`;
}
