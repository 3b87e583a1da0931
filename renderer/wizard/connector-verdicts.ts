// One verdict per connector process (issue 9): two cloudflared on one host are two tunnels,
// each with its own flags, config, log, metrics and groups. Merging them gave one process's
// transport and the other's config path in the same fix. Each connector's verdict is the
// checks run on evidence that holds that process alone; the host-wide verdict is a roll-up
// that takes, per finding id, the worst of the connectors' own findings (whole, never
// mixed) and says whose it is when they differ.

import type { CloudflaredEvidence, ConnectorProcess, Evidence, Gathered } from '../../contract/evidence';
import { FINDING_IDS, type ConnectorVerdict, type Finding, type FindingStatus } from '../../contract/findings';
import type { CheckInputs } from '../../contract/inputs';
import { rootCauses } from './causes/index';

/** The connector processes found on this host (after `--pid`, which keeps one). */
export function connectorsFound(evidence: Evidence): ConnectorProcess[] {
  return evidence.connectors?.ok ? evidence.connectors.value : [];
}

/** What holds connector processes and their cloudflared evidence: this host's evidence, or an imported connector report. */
interface ConnectorHolder {
  connectors: Gathered<ConnectorProcess[]> | null;
  cloudflared: Gathered<CloudflaredEvidence> | null;
  cloudflaredPerConnector?: Array<{ pid: number; cloudflared: Gathered<CloudflaredEvidence> }>;
}

/**
 * The holder's parts narrowed to one process: that process alone, and its own cloudflared
 * evidence. A process of another kind has none; a lone cloudflared (not gathered apart)
 * keeps what was gathered.
 */
function narrowedTo<H extends ConnectorHolder>(holder: H, connector: ConnectorProcess): H {
  const connectors = holder.connectors?.ok ? { ...holder.connectors, value: [connector] } : holder.connectors;
  const own = holder.cloudflaredPerConnector?.find((entry) => entry.pid === connector.pid)?.cloudflared ?? null;
  const cloudflared = connector.kind === 'cloudflared' ? (own ?? holder.cloudflared) : null;
  return { ...holder, connectors, cloudflared, cloudflaredPerConnector: [] };
}

/**
 * The evidence as if this were the only connector process on the host: its process entry
 * and its own cloudflared evidence. Everything else (this machine, probes, the API, imports)
 * is shared by every connector.
 */
export function evidenceForConnector(evidence: Evidence, connector: ConnectorProcess): Evidence {
  return narrowedTo(evidence, connector);
}

/**
 * An imported connector report that holds several connector processes (check --connector on a
 * connector host): the index of the first such report, or -1.
 */
function severalInAReport(evidence: Evidence): number {
  return evidence.imported.connectorReports.findIndex((report) => report.ok && report.value.connectors.ok && report.value.connectors.value.length > 1);
}

/**
 * The evidence as if this were the only connector process in imported report `index`: that
 * report narrowed to the process and its own cloudflared evidence (as evidenceForConnector
 * does for this host's). This host's facts and the other imports stay as they are.
 */
function evidenceForImportedConnector(evidence: Evidence, index: number, connector: ConnectorProcess): Evidence {
  const reports = evidence.imported.connectorReports.map((report, at) => {
    if (at !== index || !report.ok) return report;
    return { ...report, value: narrowedTo(report.value, connector) };
  });
  return { ...evidence, imported: { ...evidence.imported, connectorReports: reports } };
}

type RunChecks = (evidence: Evidence, inputs: CheckInputs) => Finding[];

/**
 * The connectors to judge apart, each with the evidence that holds it alone: this host's when
 * two or more run here; else those of the first imported connector report that holds two or
 * more (the check often runs away from the connector host). Fewer than two: none.
 */
function connectorsApart(evidence: Evidence): Array<{ connector: ConnectorProcess; own: Evidence; cloudflared: Gathered<CloudflaredEvidence> | null }> {
  const here = connectorsFound(evidence);
  if (here.length > 1) {
    return here.map((connector) => {
      const own = evidenceForConnector(evidence, connector);
      return { connector, own, cloudflared: own.cloudflared };
    });
  }
  const index = severalInAReport(evidence);
  const report = evidence.imported.connectorReports[index];
  if (!report?.ok || !report.value.connectors.ok) return [];
  return report.value.connectors.value.map((connector) => {
    const own = evidenceForImportedConnector(evidence, index, connector);
    const narrowed = own.imported.connectorReports[index];
    return { connector, own, cloudflared: narrowed?.ok ? narrowed.value.cloudflared : null };
  });
}

/** Each connector's own verdict, in the order the connectors were found; empty with fewer than two. */
export function connectorVerdicts(evidence: Evidence, inputs: CheckInputs, runChecks: RunChecks): ConnectorVerdict[] {
  return connectorsApart(evidence).map(({ connector, own, cloudflared: gathered }) => {
    const findings = runChecks(own, inputs);
    const cloudflared = gathered?.ok ? gathered.value : null;
    return {
      connector: {
        kind: connector.kind,
        pid: connector.pid,
        executable: connector.command[0] ?? null,
        uid: connector.uids[0],
        gid: connector.gids[0],
        egid: connector.gids[1],
        netns: connector.netns,
        configPath: cloudflared?.configPath ?? cloudflared?.startConfigPath ?? null,
      },
      causes: rootCauses(findings),
      findings,
    };
  });
}

/** Worst first: a failure anywhere is the host's failure. */
const SEVERITY: Readonly<Record<FindingStatus, number>> = { fail: 4, warn: 3, unknown: 2, pass: 1, skip: 0 };

/** Two findings say the same thing: same status and the same reason (key and parameters). */
function sameVerdict(a: Finding, b: Finding): boolean {
  return a.status === b.status && JSON.stringify(a.reason ?? a.summary) === JSON.stringify(b.reason ?? b.summary);
}

/**
 * The host-wide findings from the connectors' own: per id, the first connector's finding of
 * the worst status, whole (its summary, evidence, fixes and explanations belong together),
 * tagged with that connector when the connectors do not all agree.
 */
export function rollUpVerdicts(verdicts: readonly ConnectorVerdict[]): Finding[] {
  return FINDING_IDS.flatMap((id) => {
    const candidates = verdicts.flatMap((verdict) => verdict.findings.filter((f) => f.id === id).map((f) => ({ verdict, finding: f })));
    if (candidates.length === 0) return [];
    const worst = candidates.reduce((a, b) => (SEVERITY[b.finding.status] > SEVERITY[a.finding.status] ? b : a));
    const agreed = candidates.every((candidate) => sameVerdict(candidate.finding, worst.finding));
    if (agreed) return [worst.finding];
    const { kind, pid } = worst.verdict.connector;
    return [{ ...worst.finding, connector: { kind, pid } }];
  });
}

/** The verdict of a run: the findings (rolled up when several connectors) and each connector's own. */
export function verdictsOf(evidence: Evidence, inputs: CheckInputs, runChecks: RunChecks): { findings: Finding[]; connectors: ConnectorVerdict[] } {
  const connectors = connectorVerdicts(evidence, inputs, runChecks);
  if (connectors.length === 0) return { findings: runChecks(evidence, inputs), connectors };
  return { findings: rollUpVerdicts(connectors), connectors };
}
