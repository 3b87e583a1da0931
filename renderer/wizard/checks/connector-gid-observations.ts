// What each piece of evidence says about a connector's group and the ping_group_range of its
// network namespace: processes found through /proc (here or in a connector report),
// cloudflared's own warnings, pasted `sysctl` and `id` output, pod specs and Helm values.
// Each observation carries its verdict, its citation, and what a fix must admit.

import type {
  ConnectorKind,
  Evidence,
  HelmValuesFacts,
  Identity,
  PingGroupRange,
  PodSpecFacts,
  Product,
} from '../../../contract/evidence';
import type { FindingEvidence } from '../../../contract/findings';
import type { Deployment } from '../remediation/ping-group-range';
import { shellCommand } from '../remediation/shell';
import { cite, citeFailure, describeFailure } from './cite';
import { redactedCommandLine } from './command-line';
import {
  CONNECTOR_IMAGE_GID,
  EVERY_GROUP,
  PING_GROUP_RANGE_KEY,
  admission,
  admissionRuleFor,
  formatRange,
  isEmptyRange,
  rangeAdmits,
} from './ping-range';
import { systemdUnitOf } from '../deploy/detect';
import { cloudflaredEvidence, connectorProcesses, type FoundConnector } from './sources';

export interface GidFix {
  /** GIDs the range must admit (empty: unknown, so every group). */
  gids: number[];
  current: PingGroupRange | null;
  deployments: Deployment[];
  /** The deployments come from where the connector was seen running (not guessed from a log or paste). */
  deploymentKnown: boolean;
  connector: ConnectorKind | null;
  workload: string | null;
  /** cloudflared whose supplementary group is already inside: making it the primary group also works. */
  primaryGroupAlternative: number | null;
  /** The connector's pid when it runs in a network namespace of its own outside any container: set the range there. */
  ownNetnsPid?: number | null;
}

export interface GidObservation {
  status: 'pass' | 'fail' | 'unknown';
  /** One sentence for the summary. */
  note: string;
  evidence: FindingEvidence[];
  fix: GidFix | null;
}

const KIND_NAMES: Record<ConnectorKind, string> = { cloudflared: 'cloudflared', twingate: 'Twingate connector', firezone: 'Firezone gateway' };

function describeRange(range: PingGroupRange): string {
  return `"${formatRange(range)}"${isEmptyRange(range) ? ' (admits nobody, root included)' : ''}`;
}

function connectorFromProduct(product: Product): ConnectorKind | null {
  return product === 'cloudflare' ? 'cloudflared' : product === 'twingate' ? 'twingate' : product === 'firezone' ? 'firezone' : null;
}

/** Where a process runs decides where the range must be set. */
function processDeployments(found: FoundConnector): Deployment[] {
  const { container, sameNetnsAsUs, kind } = found.process;
  if (container === 'kubernetes') return kind === 'twingate' ? ['kubernetes', 'helm'] : ['kubernetes'];
  if (container === null) return systemdUnitOf(found.process.cgroup) ? ['systemd'] : ['host'];
  // A container sharing the host's network namespace (--network host) reads the host's range.
  if (sameNetnsAsUs && !found.remote) return ['host'];
  // Podman's own `--sysctl` (and quadlet Sysctl=); docker and nerdctl: `run --sysctl`.
  return container === 'podman' ? ['podman', 'host'] : ['docker', 'host'];
}

/** A connector outside any container but in a network namespace of its own (ip netns, a unit's PrivateNetwork=). */
function ownNetnsPid(found: FoundConnector): number | null {
  const { container, netns, sameNetnsAsUs, pid } = found.process;
  return container === null && netns !== null && !sameNetnsAsUs ? pid : null;
}

function observeProcess(found: FoundConnector): GidObservation {
  const { process, source } = found;
  const name = `${KIND_NAMES[process.kind]} (pid ${process.pid})`;
  const egid = process.gids[1];
  const command = cite(source, `${redactedCommandLine(process.command)}; gids (real, effective, saved, fs) ${process.gids.join(' ')}; groups ${process.groups.join(' ') || 'none'}; netns ${process.netns ?? 'unknown'}${process.container ? `; in ${process.container}` : ''}`);
  const range = process.pingGroupRange;
  if (!range.ok) {
    const how = found.remote
      ? 'run `sudo icmp-doctor check --connector` on that host again, as root'
      : `run \`sudo icmp-doctor check --connector\` on this host and import its report (--connector-report FILE), or read it yourself: ${shellCommand(['sudo', 'nsenter', '--target', String(process.pid), '--net', 'sysctl', PING_GROUP_RANGE_KEY])}`;
    return {
      status: 'unknown',
      note: `The ping_group_range in ${name}'s network namespace could not be read (${describeFailure(range)}): ${how}.`,
      evidence: [command, citeFailure(range)],
      fix: null,
    };
  }
  const rule = admissionRuleFor(process.kind);
  const verdict = admission(range.value, egid, process.groups, rule);
  const rangeCite = cite(range.source, `${PING_GROUP_RANGE_KEY} = ${formatRange(range.value)} in ${process.sameNetnsAsUs ? 'our' : 'its own'} network namespace`);
  const fix: GidFix = {
    gids: [egid],
    current: range.value,
    deployments: processDeployments(found),
    ownNetnsPid: ownNetnsPid(found),
    deploymentKnown: true,
    connector: process.kind,
    workload: null,
    primaryGroupAlternative: verdict.onlySupplementaryAdmitted ? (verdict.admittedGroups[0] ?? null) : null,
  };
  if (verdict.admitted) {
    return {
      status: 'pass',
      note: `${name} runs with egid ${egid}${rule === 'kernel' && !rangeAdmits(range.value, egid) ? ` and group ${verdict.admittedGroups.join(', ')}` : ''}, inside ${PING_GROUP_RANGE_KEY} ${describeRange(range.value)} of its network namespace.`,
      evidence: [command, rangeCite],
      fix: null,
    };
  }
  const note = verdict.onlySupplementaryAdmitted
    ? `${name} runs with egid ${egid}, outside ${PING_GROUP_RANGE_KEY} ${describeRange(range.value)}; its supplementary group ${verdict.admittedGroups.join(', ')} is inside, which the kernel would accept, but cloudflared checks only its effective GID and disables its ICMP proxy anyway.`
    : `${name} runs with egid ${egid} (groups: ${process.groups.join(', ') || 'none'}), none of them inside ${PING_GROUP_RANGE_KEY} ${describeRange(range.value)} of its network namespace: it cannot open ICMP sockets, so it forwards no ping.`;
  return { status: 'fail', note, evidence: [command, rangeCite], fix };
}

function observeCloudflaredLogs(evidence: Evidence): GidObservation[] {
  const observations: GidObservation[] = [];
  for (const { value, source } of cloudflaredEvidence(evidence).found) {
    const at = (line: number | null): string => (line !== null ? `${source}, line ${line}` : source);
    if (value.gidOutsideRange) {
      const { gid, low, high, evidence: line } = value.gidOutsideRange;
      const range = { low, high };
      observations.push({
        status: 'fail',
        note: `cloudflared logged that its group ${gid} is outside ${PING_GROUP_RANGE_KEY} ${describeRange(range)}, so it started without its ICMP proxy (the range is read only at start: restart it after the fix).`,
        evidence: [cite(at(line.line), line.text)],
        fix: { gids: [gid], current: range, deployments: ['host', 'docker', 'kubernetes'], deploymentKnown: false, connector: 'cloudflared', workload: null, primaryGroupAlternative: null },
      });
    } else if (value.icmpProxyDisabled) {
      observations.push({
        status: 'fail',
        note: 'cloudflared logged "ICMP proxy feature is disabled": it could not open its ICMP sockets, which on Linux means its group is outside ping_group_range.',
        evidence: [cite(at(value.icmpProxyDisabled.line), value.icmpProxyDisabled.text)],
        fix: { gids: [], current: null, deployments: ['host', 'docker', 'kubernetes'], deploymentKnown: false, connector: 'cloudflared', workload: null, primaryGroupAlternative: null },
      });
    } else if ((value.icmpReplies ?? 0) > 0) {
      observations.push({
        status: 'pass',
        note: `cloudflared has proxied ICMP (${value.icmpReplies} replies counted in its metrics), so it can open its ICMP sockets.`,
        evidence: [cite(source, `cloudflared_icmp_total_replies = ${value.icmpReplies}`)],
        fix: null,
      });
    }
  }
  return observations;
}

function observeSysctlAndId(evidence: Evidence, product: Product): GidObservation[] {
  const ranges = evidence.imported.sysctl;
  const ids = evidence.imported.id;
  const observations: GidObservation[] = [];
  const identities = ids.flatMap((id) => (id.ok ? [{ value: id.value, source: id.source }] : []));
  const connector = connectorFromProduct(product);
  const rule = admissionRuleFor(connector);
  for (const failure of [...ranges, ...ids].flatMap((g) => (g.ok ? [] : [g]))) {
    observations.push({ status: 'unknown', note: `Pasted evidence could not be read (${describeFailure(failure)}).`, evidence: [citeFailure(failure)], fix: null });
  }
  for (const gathered of ranges) {
    if (!gathered.ok) continue;
    const range = gathered.value;
    const rangeCite = cite(gathered.source, `${PING_GROUP_RANGE_KEY} = ${formatRange(range)}`);
    if (range.low <= 0 && range.high >= EVERY_GROUP.high) {
      observations.push({ status: 'pass', note: `The pasted ${PING_GROUP_RANGE_KEY} "${formatRange(range)}" admits every group.`, evidence: [rangeCite], fix: null });
      continue;
    }
    if (isEmptyRange(range)) {
      const gids = identities.map((id) => id.value.egid);
      observations.push({
        status: 'fail',
        note: `The pasted ${PING_GROUP_RANGE_KEY} ${describeRange(range)}: no process there may open ICMP sockets.`,
        evidence: [rangeCite, ...identities.map((id) => cite(id.source, describeIdentity(id.value)))],
        fix: { gids, current: range, deployments: ['host', 'docker', 'kubernetes'], deploymentKnown: false, connector, workload: null, primaryGroupAlternative: null },
      });
      continue;
    }
    if (identities.length === 0) {
      observations.push({
        status: 'unknown',
        note: `The pasted ${PING_GROUP_RANGE_KEY} is "${formatRange(range)}"; paste the connector user's \`id\` output too, to see whether its group is inside.`,
        evidence: [rangeCite],
        fix: null,
      });
      continue;
    }
    for (const id of identities) {
      const verdict = admission(range, id.value.egid, id.value.groups, rule);
      const who = `The connector's user (${describeIdentity(id.value)})`;
      observations.push(
        verdict.admitted
          ? { status: 'pass', note: `${who} is inside the pasted range "${formatRange(range)}".`, evidence: [rangeCite, cite(id.source, describeIdentity(id.value))], fix: null }
          : {
              status: 'fail',
              note: verdict.onlySupplementaryAdmitted
                ? `${who}: only a supplementary group is inside "${formatRange(range)}", and cloudflared checks only its effective GID.`
                : `${who} has no group inside the pasted range "${formatRange(range)}".`,
              evidence: [rangeCite, cite(id.source, describeIdentity(id.value))],
              fix: {
                gids: [id.value.egid],
                current: range,
                deployments: ['host', 'docker', 'kubernetes'],
                deploymentKnown: false,
                connector,
                workload: null,
                primaryGroupAlternative: verdict.onlySupplementaryAdmitted ? (verdict.admittedGroups[0] ?? null) : null,
              },
            },
      );
    }
  }
  if (ranges.length === 0 && identities.length > 0) {
    observations.push({
      status: 'unknown',
      note: `The connector user's \`id\` was pasted; paste \`sysctl ${PING_GROUP_RANGE_KEY}\` from the same host (or container) too.`,
      evidence: identities.map((id) => cite(id.source, describeIdentity(id.value))),
      fix: null,
    });
  }
  return observations;
}

function describeIdentity(identity: Identity): string {
  return `uid ${identity.uid}, egid ${identity.egid}, groups ${identity.groups.join(',') || 'none'}`;
}

/** "0  2147483647" (Twingate's chart writes two spaces) → {0, 2147483647}. */
export function parseRangeValue(value: string): PingGroupRange | null {
  const match = /^\s*(\d{1,10})\s+(\d{1,10})\s*$/.exec(value);
  if (!match) return null;
  return { low: Number(match[1]), high: Number(match[2]) };
}

function imageKind(image: string | null): ConnectorKind | null {
  const name = image?.toLowerCase() ?? '';
  if (name.includes('cloudflared')) return 'cloudflared';
  if (name.includes('twingate')) return 'twingate';
  if (name.includes('firezone')) return 'firezone';
  return null;
}

function observePodSpec(pod: PodSpecFacts, source: string, product: Product): GidObservation[] {
  const sysctl = pod.sysctls.find((s) => s.name === PING_GROUP_RANGE_KEY);
  const range = sysctl ? parseRangeValue(sysctl.value) : null;
  const podName = pod.name ?? 'the pod';
  const containers = pod.containers.length > 0 ? pod.containers : [{ name: podName, image: null, runAsUser: null, runAsGroup: null, capabilitiesAdd: [], capabilitiesDrop: [] }];
  return containers.map((container): GidObservation => {
    const kind = imageKind(container.image) ?? connectorFromProduct(product);
    // The effective GID: the container's runAsGroup, else the pod's, else the image's user (65532 in cloudflared's and Twingate's images).
    const gid = container.runAsGroup ?? pod.runAsGroup ?? (imageKind(container.image) && imageKind(container.image) !== 'firezone' ? CONNECTOR_IMAGE_GID : null);
    const gidSource = container.runAsGroup !== null ? 'container runAsGroup' : pod.runAsGroup !== null ? 'pod runAsGroup' : gid !== null ? 'the image\'s nonroot user' : null;
    const label = `container ${container.name}${container.image ? ` (${container.image})` : ''} of ${podName}`;
    const podCite = cite(
      source,
      `${label}: ${sysctl ? `securityContext.sysctls ${PING_GROUP_RANGE_KEY}="${sysctl.value}"` : `no ${PING_GROUP_RANGE_KEY} in securityContext.sysctls`}; runAsGroup ${gid ?? 'unset'}${gidSource ? ` (${gidSource})` : ''}; supplementalGroups ${pod.supplementalGroups.join(',') || 'none'}`,
    );
    const deployments: Deployment[] = kind === 'twingate' ? ['helm', 'kubernetes'] : ['kubernetes'];
    const fix: GidFix = { gids: gid !== null ? [gid] : [], current: range, deployments, deploymentKnown: true, connector: kind, workload: pod.name, primaryGroupAlternative: null };
    if (sysctl && !range) {
      return { status: 'fail', note: `${label} sets ${PING_GROUP_RANGE_KEY} to "${sysctl.value}", which is not "LOW HIGH": the pod will not start with it.`, evidence: [podCite], fix };
    }
    if (!range) {
      const check = shellCommand(['kubectl', 'exec', pod.name ?? 'POD', '--', 'cat', '/proc/sys/net/ipv4/ping_group_range']);
      return {
        status: 'unknown',
        note: `${label} does not set ${PING_GROUP_RANGE_KEY}, so its network namespace gets the container runtime's default (Docker and containerd 2.x admit every group; other runtimes leave the kernel's "1 0"). Check it with \`${check}\`, or set it in the pod spec to be sure.`,
        evidence: [podCite],
        fix,
      };
    }
    if (range.low <= 0 && range.high >= EVERY_GROUP.high) {
      return { status: 'pass', note: `${label} sets ${PING_GROUP_RANGE_KEY} "${formatRange(range)}", which admits every group.`, evidence: [podCite], fix: null };
    }
    if (gid === null) {
      return { status: 'unknown', note: `${label} sets ${PING_GROUP_RANGE_KEY} "${formatRange(range)}" but its group is not known: set runAsGroup, or check \`id\` inside the container.`, evidence: [podCite], fix: null };
    }
    const verdict = admission(range, gid, pod.supplementalGroups, admissionRuleFor(kind));
    if (verdict.admitted) return { status: 'pass', note: `${label} runs with group ${gid}, inside its ${PING_GROUP_RANGE_KEY} "${formatRange(range)}".`, evidence: [podCite], fix: null };
    return {
      status: 'fail',
      note: verdict.onlySupplementaryAdmitted
        ? `${label} runs with group ${gid}, outside its ${PING_GROUP_RANGE_KEY} ${describeRange(range)}; a supplementalGroup is inside but cloudflared checks only its effective GID.`
        : `${label} runs with group ${gid}, outside its ${PING_GROUP_RANGE_KEY} ${describeRange(range)}.`,
      evidence: [podCite],
      fix,
    };
  });
}

function observeHelmValues(values: HelmValuesFacts, source: string): GidObservation {
  const enabled = values.icmpSupportEnabled;
  const helmCite = cite(source, `icmpSupport.enabled = ${enabled === null ? 'not set (the chart\'s default: false)' : String(enabled)}`);
  if (enabled) {
    return { status: 'pass', note: 'The Twingate Helm values enable icmpSupport, so the chart sets the pod\'s ping_group_range to "0 2147483647" (every group).', evidence: [helmCite], fix: null };
  }
  return {
    status: 'fail',
    note: `The Twingate Helm values ${enabled === null ? 'do not set' : 'turn off'} icmpSupport.enabled, so the chart sets no ping_group_range and the connector (group 65532) gets the runtime's default, often "1 0".`,
    evidence: [helmCite],
    fix: { gids: [CONNECTOR_IMAGE_GID], current: null, deployments: ['helm', 'kubernetes'], deploymentKnown: true, connector: 'twingate', workload: null, primaryGroupAlternative: null },
  };
}

export function observeConnectorGids(evidence: Evidence, product: Product): { observations: GidObservation[]; connectorsSearched: boolean; connectorsFound: number } {
  const processes = connectorProcesses(evidence);
  const observations: GidObservation[] = processes.found.map(observeProcess);
  for (const failure of processes.failed) {
    observations.push({ status: 'unknown', note: `Connector processes could not be listed (${describeFailure(failure)}).`, evidence: [citeFailure(failure)], fix: null });
  }
  observations.push(...observeCloudflaredLogs(evidence));
  observations.push(...observeSysctlAndId(evidence, product));
  for (const pod of evidence.imported.podSpecs) {
    if (pod.ok) observations.push(...observePodSpec(pod.value, pod.source, product));
    else observations.push({ status: 'unknown', note: `The pod spec could not be read (${describeFailure(pod)}).`, evidence: [citeFailure(pod)], fix: null });
  }
  for (const values of evidence.imported.helmValues) {
    if (values.ok) observations.push(observeHelmValues(values.value, values.source));
    else observations.push({ status: 'unknown', note: `The Helm values could not be read (${describeFailure(values)}).`, evidence: [citeFailure(values)], fix: null });
  }
  return { observations, connectorsSearched: processes.searched, connectorsFound: processes.found.length };
}
