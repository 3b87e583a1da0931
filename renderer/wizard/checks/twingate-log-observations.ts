// What imported Twingate connector logs say for connector-gid-range: a line where the
// connector's ICMP socket was refused fails the check, cited as it is. Imported Helm values
// that claim the opposite (icmpSupport.enabled=true) or point elsewhere (hostNetwork=true) are
// set beside it, not overruled by it. The fix is the chart's icmpSupport.enabled=true on
// Kubernetes, or the sysctl wherever else the connector runs.

import type { Evidence } from '../../../contract/evidence';
import type { FindingEvidence } from '../../../contract/findings';
import { msg } from '../../i18n/messages/message';
import { atLine, cite } from './cite';
import { ownNetnsPid, processDeployments, type GidObservation } from './connector-gid-observations';
import { connectorProcesses } from './sources';
import { restartTargetOf } from '../remediation/process-restart';

/** Lines quoted per log: enough to show the failure, not the whole log. */
const QUOTED_LINES = 3;

function helmSays(evidence: Evidence): { helm: 'enabled' | 'host-network' | null; cited: FindingEvidence[] } {
  const values = evidence.imported.helmValues.filter((g) => g.ok);
  const hostNetwork = values.find((g) => g.ok && g.value.hostNetwork === true);
  if (hostNetwork) return { helm: 'host-network', cited: [cite(hostNetwork, msg('twingate.gid.evidence.helm', { helm: 'host-network' }))] };
  const enabled = values.find((g) => g.ok && g.value.icmpSupportEnabled === true);
  if (enabled) return { helm: 'enabled', cited: [cite(enabled, msg('twingate.gid.evidence.helm', { helm: 'enabled' }))] };
  return { helm: null, cited: [] };
}

/**
 * A running connector's own log (read on its host: connectors/twingate-own-log.ts) says the same
 * as an imported one, about that process alone: its fix is where that process runs, and its
 * restart that process's own.
 */
function observeOwnLogs(evidence: Evidence): GidObservation[] {
  const observations: GidObservation[] = [];
  for (const found of connectorProcesses(evidence).found) {
    const log = found.process.ownLog;
    if (found.process.kind !== 'twingate' || !log?.ok || log.value.icmpDenied.length === 0) continue;
    const denied = log.value.icmpDenied;
    observations.push({
      status: 'fail',
      note: msg('twingate.gid.denied', { lines: denied.map((d) => d.line), helm: null }),
      evidence: denied.slice(0, QUOTED_LINES).map((d) => cite(atLine(log, d.line), d.text)),
      fix: {
        gids: [],
        current: found.process.pingGroupRange.ok ? found.process.pingGroupRange.value : null,
        deployments: processDeployments(found),
        deploymentKnown: true,
        connector: 'twingate',
        workload: null,
        primaryGroupAlternative: null,
        ownNetnsPid: ownNetnsPid(found),
        restart: restartTargetOf(found.process),
      },
    });
  }
  return observations;
}

export function observeTwingateLogs(evidence: Evidence): GidObservation[] {
  const observations: GidObservation[] = observeOwnLogs(evidence);
  for (const log of evidence.imported.twingateLogs ?? []) {
    if (!log.ok || log.value.icmpDenied.length === 0) continue;
    const denied = log.value.icmpDenied;
    const { helm, cited } = helmSays(evidence);
    observations.push({
      status: 'fail',
      note: msg('twingate.gid.denied', { lines: denied.map((d) => d.line), helm }),
      // The connector's own words, quoted verbatim.
      evidence: [...denied.slice(0, QUOTED_LINES).map((d) => cite(atLine(log, d.line), d.text)), ...cited],
      fix: {
        // The chart's value ("0 2147483647") admits every group; a log does not say which group the connector has.
        gids: [],
        current: null,
        // Helm values say where it runs: the chart (or, with hostNetwork, the node); without them, every way.
        deployments: helm === 'host-network' ? ['host'] : helm === 'enabled' ? ['helm', 'kubernetes'] : ['helm', 'kubernetes', 'docker', 'systemd'],
        deploymentKnown: helm !== null,
        connector: 'twingate',
        workload: null,
        primaryGroupAlternative: null,
      },
    });
  }
  return observations;
}
