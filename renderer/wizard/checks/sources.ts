// One view over facts that arrive by several roads: gathered on this host, pasted or
// imported by the user, or carried in a connector report made on another host. Each fact
// keeps the source it came from, so a verdict can cite it.

import type {
  CloudflaredEvidence,
  ConnectorProcess,
  ConnectorReport,
  Evidence,
  Gathered,
} from '../../../contract/evidence';
import type { GatherFailure } from './cite';

export interface Sourced<T> {
  value: T;
  source: string;
}

/** The reports that imported cleanly, each with where it came from. */
export function connectorReports(evidence: Evidence): Array<Sourced<ConnectorReport>> {
  return evidence.imported.connectorReports.flatMap((report) => (report.ok ? [{ value: report.value, source: report.source }] : []));
}

/** "cloudflared (from connector report r.json: /var/log/cloudflared.log)". */
function viaReport(reportSource: string, inner: string): string {
  return `connector report ${reportSource}: ${inner}`;
}

export interface GatheredParts<T> {
  found: Array<Sourced<T>>;
  failed: GatherFailure[];
}

function split<T>(items: ReadonlyArray<{ gathered: Gathered<T>; via: string | null }>): GatheredParts<T> {
  const found: Array<Sourced<T>> = [];
  const failed: GatherFailure[] = [];
  for (const { gathered, via } of items) {
    if (gathered.ok) found.push({ value: gathered.value, source: via ? viaReport(via, gathered.source) : gathered.source });
    else failed.push(via ? { ...gathered, source: viaReport(via, gathered.source) } : gathered);
  }
  return { found, failed };
}

/** cloudflared's transport, warnings and metrics from every road. */
export function cloudflaredEvidence(evidence: Evidence): GatheredParts<CloudflaredEvidence> {
  const items: Array<{ gathered: Gathered<CloudflaredEvidence>; via: string | null }> = [];
  if (evidence.cloudflared) items.push({ gathered: evidence.cloudflared, via: null });
  for (const log of evidence.imported.cloudflaredLogs) items.push({ gathered: log, via: null });
  for (const report of connectorReports(evidence)) {
    if (report.value.cloudflared) items.push({ gathered: report.value.cloudflared, via: report.source });
  }
  return split(items);
}

export interface FoundConnector {
  process: ConnectorProcess;
  source: string;
  /** Found on another host (through a connector report). */
  remote: boolean;
}

/** Connector processes found here or on the hosts whose reports were imported. */
export function connectorProcesses(evidence: Evidence): { found: FoundConnector[]; failed: GatherFailure[]; searched: boolean } {
  const found: FoundConnector[] = [];
  const failed: GatherFailure[] = [];
  let searched = false;
  const add = (gathered: Gathered<ConnectorProcess[]> | null, via: string | null): void => {
    if (!gathered) return;
    searched = true;
    if (!gathered.ok) {
      failed.push(via ? { ...gathered, source: viaReport(via, gathered.source) } : gathered);
      return;
    }
    for (const process of gathered.value) {
      const source = `${gathered.source} (pid ${process.pid})`;
      found.push({ process, source: via ? viaReport(via, source) : source, remote: via !== null });
    }
  };
  add(evidence.connectors, null);
  for (const report of connectorReports(evidence)) add(report.value.connectors, report.source);
  return { found, failed, searched };
}

/** A cloudflared process or cloudflared's own evidence exists anywhere. */
export function cloudflaredSeen(evidence: Evidence): boolean {
  return cloudflaredEvidence(evidence).found.length > 0 || connectorProcesses(evidence).found.some((c) => c.process.kind === 'cloudflared');
}
