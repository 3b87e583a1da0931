// Assembles the diagnostic report (DESIGN.md §2, contract/report.ts) from what the wizard
// gathered and decided. The result is a self-standing copy: later changes to the wizard's
// state do not leak into it, and no secret survives into it.

import type { Evidence, HostFacts } from '../../contract/evidence';
import type { ConnectorVerdict, Finding } from '../../contract/findings';
import type { CheckInputs } from '../../contract/inputs';
import { REPORT_SCHEMA, type Report } from '../../contract/report';
import type { ProbeEvent } from '../../native/index';
import type { Locale } from '../../renderer/i18n/messages/locale';
import { rootCauses } from '../../renderer/wizard/causes/index';
import { decideDeploy } from '../../renderer/wizard/deploy/index';
import { localizeReport } from './localize-report';
import { redactSecrets } from './redact-secrets';

export interface BuildReportInput {
  inputs: CheckInputs;
  evidence: Evidence;
  findings: Finding[];
  /**
   * One verdict per connector process (renderer/wizard/connector-verdicts.ts), when two or more
   * were found; `findings` is then their roll-up. Empty or absent: none in the report.
   */
  connectors?: readonly ConnectorVerdict[];
  /** Every probe event of the run, raw (the HTML chart and error table draw on them). */
  probes: ProbeEvent[];
  /** ISO 8601; default: now. */
  createdAt?: string;
  appVersion: string;
  /** The report keeps os, kernel, arch and hostname; other HostFacts fields are dropped. */
  host: Report['host'] | HostFacts;
  /**
   * Strings that must never appear in the report (the Cloudflare API token the main process
   * holds). Credential-looking text (Authorization headers, Bearer tokens, `--token`) is
   * redacted whether listed or not.
   */
  secrets?: readonly string[];
  /** The language of the findings' words and of every rendering's headings; default 'en'. */
  lang?: Locale;
}

function reportHost(host: BuildReportInput['host']): Report['host'] {
  const picked: Report['host'] = { os: host.os, kernel: host.kernel, arch: host.arch };
  if (typeof host.hostname === 'string') picked.hostname = host.hostname;
  return picked;
}

/**
 * Builds an `icmp-doctor/report@1` document in `input.lang`, its findings said in that language
 * (once, here: every output of it reads the same words), with every secret redacted. Never
 * throws on plain data.
 */
export function buildReport(input: BuildReportInput): Report {
  const report: Report = {
    schema: REPORT_SCHEMA,
    createdAt: input.createdAt ?? new Date().toISOString(),
    app: { version: input.appVersion },
    host: reportHost(input.host),
    lang: input.lang ?? 'en',
    inputs: {
      ...input.inputs,
      // By design only 'provided' | 'absent' is ever here; anything else would be the token itself.
      cloudflareApiToken: input.inputs.cloudflareApiToken === 'absent' ? 'absent' : 'provided',
    },
    causes: rootCauses(input.findings),
    deploy: decideDeploy(input.evidence, input.inputs),
    findings: input.findings,
    probes: input.probes,
    evidence: input.evidence,
  };
  // Localized and redacted as the top-level findings are: a connector's argv[0], config path and fixes pass the same redactor.
  if (input.connectors && input.connectors.length > 0) report.connectors = [...input.connectors];
  // Localized before redaction, so a secret quoted in a message's parameters is caught in its words too.
  return redactSecrets(localizeReport(report, report.lang ?? 'en'), input.secrets ?? []);
}
