// connector-gid-range: the connector must open unprivileged ICMP sockets in *its* network
// namespace, so one of its groups — for cloudflared, the gid its version checks (the real gid
// up to 2024.3.x, the effective one from 2024.4.0: cloudflared-version.ts) — must be inside
// that namespace's ping_group_range. The most common silent cause of "TCP works, ping doesn't".

import type { Evidence } from '../../../contract/evidence';
import type { Finding, Remediation } from '../../../contract/findings';
import type { DeployStyle } from '../../../contract/deploy';
import type { CheckInputs } from '../../../contract/inputs';
import type { Message } from '../../../contract/message';
import { msg } from '../../i18n/messages/message';
import { decideDeploy } from '../deploy/detect';
import { pingRangeRemediation, primaryGroupDropIn, type Deployment } from '../remediation/ping-group-range';
import type { RestartTarget } from '../remediation/process-restart';
import { cite } from './cite';
import { observeConnectorGids, type GidFix, type GidObservation } from './connector-gid-observations';
import { finding } from './finding';
import { EVERY_GROUP, formatRange, isEmptyRange, widenRange } from './ping-range';
import { productName } from './scope';
import { observeTwingateLogs } from './twingate-log-observations';

const ID = 'connector-gid-range';

/** One set of fixes that admits every GID the failing observations need, for every deployment they point at. */
/**
 * The fixes for the failing observations. The workload a restart must name comes from any
 * observation that knows it — an imported pod spec says which Deployment runs the connector
 * even when the failing range came from a paste.
 */
function remediationFor(fixes: readonly GidFix[], style: DeployStyle | 'unknown', seen: readonly GidFix[] = fixes): Remediation[] {
  const first = fixes[0];
  if (!first) return [];
  const gids = [...new Set(fixes.flatMap((f) => f.gids))];
  const current = fixes.find((f) => f.current !== null)?.current ?? null;
  const range = gids.length > 0 ? widenRange(current, gids) : EVERY_GROUP;
  const keeps = current && !isEmptyRange(current) ? formatRange(current) : null;
  const why = gids.length > 0 ? msg('connector-gid.fix-reason.admit', { gids, keeps }) : msg('connector-gid.fix-reason.every-group');
  // Where the connector was seen running decides; a log line or a paste only suggests every way.
  const known = fixes.filter((f) => f.deploymentKnown);
  const deployments: Deployment[] = [...new Set((known.length > 0 ? known : fixes).flatMap((f) => f.deployments))];
  // The style the user chose (or the evidence showed) always gets its own fix, whatever else was seen.
  if (style !== 'unknown' && !deployments.includes(style)) deployments.push(style);
  const remediation = pingRangeRemediation({
    range,
    // remediation/ still takes the reason as English words; pass `why` itself once it takes a Message.
    reason: why,
    deployments,
    connector: first.connector,
    ...workloadOf(fixes, seen),
    ownNetnsPid: fixes.find((f) => f.ownNetnsPid != null)?.ownNetnsPid ?? null,
    ...restartsOf(known),
  });
  const withAlternative = fixes.find((f) => f.primaryGroupAlternative !== null);
  const alternative = withAlternative?.primaryGroupAlternative;
  // A drop-in belongs to the unit the process runs in; a process seen outside systemd has none.
  const unit = withAlternative?.restart ? withAlternative.restart.unit : 'cloudflared';
  if (alternative !== undefined && alternative !== null && unit !== null) {
    remediation.push(primaryGroupDropIn(alternative, unit));
  }
  return remediation;
}

/** The processes seen running, once each: every restart then follows that process's own deployment. */
function restartsOf(known: readonly GidFix[]): { restarts?: RestartTarget[] } {
  const targets = known.flatMap((f) => (f.restart ? [f.restart] : []));
  const unique = targets.filter((t, index) => targets.findIndex((other) => other.pid === t.pid) === index);
  return unique.length > 0 ? { restarts: unique } : {};
}

function workloadOf(fixes: readonly GidFix[], seen: readonly GidFix[]): Pick<GidFix, 'workload' | 'workloadKind' | 'workloadNamespace'> {
  const named = fixes.find((f) => f.workload) ?? seen.find((f) => f.workload);
  return { workload: named?.workload ?? null, workloadKind: named?.workloadKind ?? null, workloadNamespace: named?.workloadNamespace ?? null };
}

function notes(observations: readonly GidObservation[]): Message[] {
  return observations.map((o) => o.note);
}

export function checkConnectorGidRange(evidence: Evidence, inputs: CheckInputs): Finding {
  const observed = observeConnectorGids(evidence, inputs.product);
  const { connectorsSearched, connectorsFound } = observed;
  const observations = [...observed.observations, ...observeTwingateLogs(evidence)];
  const { style } = decideDeploy(evidence, inputs);
  const cited = observations.flatMap((o) => o.evidence);
  const failing = observations.filter((o) => o.status === 'fail');
  const passing = observations.filter((o) => o.status === 'pass');
  const unknown = observations.filter((o) => o.status === 'unknown');

  if (failing.length > 0) {
    // A Twingate log's refusal against a source that passes (a pod spec's sysctl): both are said, neither hidden.
    // The Helm values' icmpSupport is already set beside the refusal in its own note.
    const contradicted = failing.some((o) => o.note.key === 'twingate.gid.denied') ? passing.filter((o) => o.note.key !== 'connector-gid.helm.enabled') : [];
    return finding(
      ID,
      'fail',
      msg('connector-gid.fail', { notes: [...notes(failing), ...contradicted.map((o) => msg('twingate.gid.contradicted', { note: o.note }))] }),
      cited,
      remediationFor(
        failing.flatMap((o) => (o.fix ? [o.fix] : [])),
        style,
        observations.flatMap((o) => (o.fix ? [o.fix] : [])),
      ),
    );
  }
  if (passing.length > 0) {
    return finding(ID, 'pass', msg('connector-gid.pass', { notes: notes(passing), unchecked: notes(unknown) }), cited);
  }
  if (unknown.length > 0) {
    const fixes = unknown.flatMap((o) => (o.fix ? [o.fix] : []));
    return finding(ID, 'unknown', msg('connector-gid.unknown', { notes: notes(unknown) }), cited, remediationFor(fixes, style));
  }

  // Nothing says anything about a connector.
  if (inputs.product === 'generic') {
    return finding(ID, 'skip', msg('connector-gid.skip', { onThisHost: connectorsSearched }), cited);
  }
  const listed = evidence.connectors;
  const product = productName(inputs.product);
  const searched = listed?.ok && connectorsFound === 0 ? [cite(listed, msg('connector-gid.no-process', { product }))] : [];
  return finding(ID, 'unknown', msg('connector-gid.not-found', { product, onThisHost: connectorsSearched }), [...cited, ...searched]);
}
