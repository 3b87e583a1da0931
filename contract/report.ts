// The diagnostic report (DESIGN.md §2): one JSON document, also rendered as HTML and Markdown.

import type { ProbeEvent } from '../native/index';
import type { DeployDecision } from './deploy';
import type { Evidence, HostFacts } from './evidence';
import type { ConnectorVerdict, Finding, FindingId } from './findings';
import type { CheckInputs } from './inputs';

export const REPORT_SCHEMA = 'icmp-doctor/report@1';

/** The languages a report can speak (the catalogue's locales, renderer/i18n/messages/locale.ts). */
export type ReportLang = 'en' | 'ja';

export interface Report {
  schema: typeof REPORT_SCHEMA;
  createdAt: string;
  app: { version: string };
  host: Pick<HostFacts, 'os' | 'kernel' | 'arch'> & { hostname?: string };
  /**
   * The language the report speaks: its findings' words and every rendering's headings.
   * buildReport and writeReport always set it; a report written before it existed reads as 'en'.
   */
  lang?: ReportLang;
  /** Inputs with secrets removed (the API token is never part of them). */
  inputs: CheckInputs;
  /**
   * The root causes, in the order to fix them: the failing findings no other failing finding
   * explains. "N problems found" counts these; every output leads with them.
   */
  causes: FindingId[];
  /** The deployment style the fixes are ordered for, and how it was decided. */
  deploy: DeployDecision;
  /**
   * With several connector processes found: the host-wide roll-up (each finding the worst of
   * the connectors' own, tagged with `connector` where they differ). One connector or none: the
   * verdict itself.
   */
  findings: Finding[];
  /** One verdict per connector process, when two or more were found; absent otherwise. */
  connectors?: ConnectorVerdict[];
  /** Every probe event, raw. */
  probes: ProbeEvent[];
  evidence: Evidence;
}

export type ReportFormat = 'json' | 'html' | 'md';
