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
import type { Message } from '../../../contract/message';
import { msg } from '../../i18n/messages/message';
import type { Deployment } from '../remediation/ping-group-range';
import { restartTargetOf, type RestartTarget } from '../remediation/process-restart';
import { shellCommand } from '../remediation/shell';
import { atLine, cite, citeFailure, failureMessage, type Cited } from './cite';
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
import { gidCheckedBy } from './cloudflared-version';
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
  workloadKind?: string | null;
  workloadNamespace?: string | null;
  /** cloudflared whose supplementary group is already inside: making it the primary group also works. */
  primaryGroupAlternative: number | null;
  /** The connector's pid when it runs in a network namespace of its own outside any container: set the range there. */
  ownNetnsPid?: number | null;
  /** The process seen running (here or on a connector report's host): its restart follows its own deployment. */
  restart?: RestartTarget | null;
}

export interface GidObservation {
  status: 'pass' | 'fail' | 'unknown';
  /** One sentence for the summary. */
  note: Message;
  evidence: FindingEvidence[];
  fix: GidFix | null;
  /** Where it came from, so /proc and cloudflared's log can be set side by side when they disagree. */
  origin?: 'cloudflared-process' | 'cloudflared-log';
  /** A process that passed: the fix it would need if the log says otherwise. */
  wouldFix?: GidFix;
  /** A cloudflared process's real and effective gid, to tell which one its log's warning names. */
  gids?: { real: number; effective: number };
  /** The gid cloudflared's own warning names ("Group ID 65532 is not between …"). */
  loggedGid?: number;
}

/** A connector's name in a sentence ("cloudflared" is a name in every language). */
const KIND_NAMES: Record<ConnectorKind, string | Message> = {
  cloudflared: 'cloudflared',
  twingate: msg('connector-gid.kind.twingate'),
  firezone: msg('connector-gid.kind.firezone'),
};

function quotedRange(range: PingGroupRange): Message {
  return msg('ping-range.quoted', { range: formatRange(range), empty: isEmptyRange(range) });
}

function connectorFromProduct(product: Product): ConnectorKind | null {
  return product === 'cloudflare' ? 'cloudflared' : product === 'twingate' ? 'twingate' : product === 'firezone' ? 'firezone' : null;
}

/** Where a process runs decides where the range must be set. */
export function processDeployments(found: FoundConnector): Deployment[] {
  const { container, sameNetnsAsUs, kind } = found.process;
  if (container === 'kubernetes') return kind === 'twingate' ? ['kubernetes', 'helm'] : ['kubernetes'];
  if (container === null) return systemdUnitOf(found.process.cgroup) ? ['systemd'] : ['host'];
  // A container sharing the host's network namespace (--network host) reads the host's range.
  if (sameNetnsAsUs && !found.remote) return ['host'];
  // Podman's own `--sysctl` (and quadlet Sysctl=); docker and nerdctl: `run --sysctl`.
  return container === 'podman' ? ['podman', 'host'] : ['docker', 'host'];
}

/** A connector outside any container but in a network namespace of its own (ip netns, a unit's PrivateNetwork=). */
export function ownNetnsPid(found: FoundConnector): number | null {
  const { container, netns, sameNetnsAsUs, pid } = found.process;
  return container === null && netns !== null && !sameNetnsAsUs ? pid : null;
}

/**
 * The gid cloudflared compares with the range: up to 2024.3.x its real gid, from 2024.4.0 its
 * effective one (cloudflared-version.ts). Only matters when they differ and the version is known.
 */
function checkedGid(process: FoundConnector['process'], version: string | null): { checked: 'real' | 'effective'; gid: number; other: number } | null {
  const [real, effective] = process.gids;
  if (process.kind !== 'cloudflared' || real === effective) return null;
  const checked = gidCheckedBy(version);
  if (checked === null) return null;
  return checked === 'real' ? { checked, gid: real, other: effective } : { checked, gid: effective, other: real };
}

/** The gid a note names and the rule it states: its version's, or both when the version is not known. */
function gidSaid(process: FoundConnector['process'], gid: number, version: string | null): { gid: number; real: number | null; version: string | null; checked: 'real' | 'effective' | null } {
  const checked = gidCheckedBy(version);
  const real = process.gids[0];
  return { gid, real: checked === null && real !== gid ? real : null, version: checked === null ? null : version, checked };
}

function observeProcess(found: FoundConnector, version: string | null): GidObservation {
  const { process } = found;
  const source: Cited = found;
  const who = { connector: KIND_NAMES[process.kind], pid: process.pid };
  const byVersion = checkedGid(process, version);
  const egid = byVersion?.gid ?? process.gids[1];
  const command = cite(
    source,
    msg('connector-gid.process.cited', {
      command: redactedCommandLine(process.command),
      gids: process.gids,
      groups: process.groups,
      netns: process.netns ?? null,
      container: process.container ?? null,
    }),
  );
  const range = process.pingGroupRange;
  if (!range.ok) {
    // Seen in a connector report: only a new report from that host can tell. Seen here: nsenter can.
    const readIt = found.remote ? null : shellCommand(['sudo', 'nsenter', '--target', String(process.pid), '--net', 'sysctl', PING_GROUP_RANGE_KEY]);
    return {
      status: 'unknown',
      note: msg('connector-gid.process.range-unreadable', { ...who, failure: failureMessage(range), command: readIt }),
      evidence: [command, citeFailure(range)],
      fix: null,
    };
  }
  const rule = admissionRuleFor(process.kind);
  const verdict = admission(range.value, egid, process.groups, rule);
  const rangeCite = cite(range, msg('connector-gid.process.range-cited', { range: formatRange(range.value), ownNetns: !process.sameNetnsAsUs }));
  const fix: GidFix = {
    gids: [egid],
    current: range.value,
    deployments: processDeployments(found),
    ownNetnsPid: ownNetnsPid(found),
    restart: restartTargetOf(process),
    deploymentKnown: true,
    connector: process.kind,
    workload: null,
    primaryGroupAlternative: verdict.onlySupplementaryAdmitted ? (verdict.admittedGroups[0] ?? null) : null,
  };
  const origin = process.kind === 'cloudflared' ? ('cloudflared-process' as const) : undefined;
  const gids = { real: process.gids[0], effective: process.gids[1] };
  if (byVersion && version) {
    const note = msg('cloudflared-start.gid.process-by-version', { pid: process.pid, version, ...byVersion, inside: verdict.admitted, quoted: quotedRange(range.value) });
    return verdict.admitted
      ? { status: 'pass', note, evidence: [command, rangeCite], fix: null, origin, wouldFix: fix, gids }
      : { status: 'fail', note, evidence: [command, rangeCite], fix, origin, gids };
  }
  if (verdict.admitted) {
    return {
      status: 'pass',
      note: msg('connector-gid.process.inside', {
        ...who,
        egid,
        groups: rule === 'kernel' && !rangeAdmits(range.value, egid) ? verdict.admittedGroups : [],
        quoted: quotedRange(range.value),
      }),
      evidence: [command, rangeCite],
      fix: null,
      origin,
      wouldFix: fix,
      gids,
    };
  }
  const note = verdict.onlySupplementaryAdmitted
    ? msg('connector-gid.process.only-supplementary', { ...who, ...gidSaid(process, egid, version), groups: verdict.admittedGroups, quoted: quotedRange(range.value) })
    : msg('connector-gid.process.outside', { ...who, egid, groups: process.groups, quoted: quotedRange(range.value) });
  return { status: 'fail', note, evidence: [command, rangeCite], fix, origin, gids };
}

/** "ICMP proxy will use fd77::1 in zone v0 as source for IPv6" → "fd77::1%v0". */
function proxySource(line: string): string | null {
  const match = /ICMP proxy will use (\S+)(?: in zone (\S+))? as source for IPv[46]/.exec(line);
  if (!match) return null;
  return match[2] ? `${match[1]}%${match[2]}` : match[1]!;
}

/** The version every cloudflared source agrees on; null when none says or they differ. */
export function cloudflaredVersionOf(evidence: Evidence): string | null {
  const versions = new Set(cloudflaredEvidence(evidence).found.flatMap((f) => (f.value.version ? [f.value.version.value] : [])));
  return versions.size === 1 ? [...versions][0]! : null;
}

function observeCloudflaredLogs(evidence: Evidence): GidObservation[] {
  const observations: GidObservation[] = [];
  const logFix = (gids: number[], current: PingGroupRange | null): GidFix => ({
    gids,
    current,
    deployments: ['host', 'docker', 'kubernetes'],
    deploymentKnown: false,
    connector: 'cloudflared',
    workload: null,
    primaryGroupAlternative: null,
  });
  for (const source of cloudflaredEvidence(evidence).found) {
    const { value } = source;
    const at = (line: number | null): Cited => atLine(source, line);
    const origin = 'cloudflared-log' as const;
    const sources = value.icmpProxySources ?? [];
    if (value.gidOutsideRange) {
      const { gid, low, high, evidence: line } = value.gidOutsideRange;
      const range = { low, high };
      observations.push({
        status: 'fail',
        note: msg('connector-gid.log.gid-outside', { gid, quoted: quotedRange(range) }),
        evidence: [cite(at(line.line), line.text)],
        fix: logFix([gid], range),
        origin,
        loggedGid: gid,
      });
    } else if (value.gidRangeUnparsed) {
      // Up to 2024.3.x the range is parsed as signed 32-bit: a high end above 2147483647 is no
      // range at all to cloudflared, whatever its group. Any range up to 2147483647 fixes it.
      observations.push({
        status: 'fail',
        note: msg('cloudflared-start.gid.signed-parse', { version: value.version?.value ?? null }),
        evidence: [cite(at(value.gidRangeUnparsed.line), value.gidRangeUnparsed.text)],
        fix: logFix([], null),
        origin,
      });
    } else if (value.icmpProxyDisabled) {
      observations.push({
        status: 'fail',
        note: msg('connector-gid.log.proxy-disabled'),
        evidence: [cite(at(value.icmpProxyDisabled.line), value.icmpProxyDisabled.text)],
        fix: logFix([], null),
        origin,
      });
    } else if ((value.icmpReplies ?? 0) > 0) {
      observations.push({
        status: 'pass',
        note: msg('connector-gid.metrics.replies', { replies: value.icmpReplies ?? 0 }),
        // The metric's own line, as /metrics prints it.
        evidence: [cite(source, `cloudflared_icmp_total_replies = ${value.icmpReplies}`)],
        fix: null,
      });
    } else if (sources.length > 0 && value.runStartSeen !== false) {
      // Logged before the permission check: proof only because no GID warning and no
      // "ICMP proxy feature is disabled" followed in the same run (the scan is per run).
      const addresses = sources.flatMap((line) => proxySource(line.text) ?? []);
      observations.push({
        status: 'pass',
        note: msg('cloudflared-start.gid.proxy-working', { sources: addresses }),
        evidence: sources.map((line) => cite(at(line.line), line.text)),
        fix: null,
        origin,
      });
    } else if (value.runStartSeen === false) {
      observations.push({ status: 'unknown', note: msg('cloudflared-start.run-start-missing'), evidence: [cite(source, msg('cloudflared-start.run-start-missing'))], fix: null });
    }
  }
  return observations;
}

/**
 * Which version rule explains a disagreement: the log's warning names the process's real gid
 * (cloudflared up to 2024.3.x checks that one) or its effective gid (from 2024.4.0); null when
 * the gids are the same or the log names none.
 */
function ruleShown(proc: GidObservation, log: GidObservation): { rule: 'real' | 'effective' | null; gid: number | null; other: number | null } {
  const gids = proc.gids;
  const logged = log.loggedGid;
  if (!gids || logged === undefined || gids.real === gids.effective) return { rule: null, gid: null, other: null };
  if (logged === gids.real) return { rule: 'real', gid: gids.real, other: gids.effective };
  if (logged === gids.effective) return { rule: 'effective', gid: gids.effective, other: gids.real };
  return { rule: null, gid: null, other: null };
}

/**
 * /proc's verdict on the one cloudflared process and its log's verdict, when they disagree:
 * one observation that shows both, with the log's status — the log is what the running
 * process saw when it opened its sockets; /proc is our reading of its gids and range.
 */
function reconcile(observations: GidObservation[]): GidObservation[] {
  const decided = (o: GidObservation): boolean => o.status === 'pass' || o.status === 'fail';
  const processes = observations.filter((o) => o.origin === 'cloudflared-process' && decided(o));
  const logs = observations.filter((o) => o.origin === 'cloudflared-log' && decided(o));
  const proc = processes[0];
  const log = logs.find((o) => o.status !== proc?.status);
  if (processes.length !== 1 || !proc || !log) return observations;
  const fix = log.status === 'fail' ? (proc.fix ?? proc.wouldFix ?? log.fix) : null;
  const both: GidObservation = {
    status: log.status,
    note: msg('cloudflared-start.gid.contradiction', { proc: proc.note, log: log.note, ...ruleShown(proc, log) }),
    evidence: [...proc.evidence, ...log.evidence],
    fix: fix && log.fix && fix !== log.fix ? { ...fix, gids: [...new Set([...fix.gids, ...log.fix.gids])] } : fix,
  };
  return observations.flatMap((o) => (o === proc ? [both] : o === log ? [] : [o]));
}

function observeSysctlAndId(evidence: Evidence, product: Product): GidObservation[] {
  const ranges = evidence.imported.sysctl;
  const ids = evidence.imported.id;
  const observations: GidObservation[] = [];
  const identities = ids.flatMap((id) => (id.ok ? [id] : []));
  const connector = connectorFromProduct(product);
  const rule = admissionRuleFor(connector);
  for (const failure of [...ranges, ...ids].flatMap((g) => (g.ok ? [] : [g]))) {
    observations.push({ status: 'unknown', note: msg('connector-gid.pasted.unreadable', { failure: failureMessage(failure) }), evidence: [citeFailure(failure)], fix: null });
  }
  for (const gathered of ranges) {
    if (!gathered.ok) continue;
    const range = gathered.value;
    // What `sysctl` prints, quoted as it is.
    const rangeCite = cite(gathered, `${PING_GROUP_RANGE_KEY} = ${formatRange(range)}`);
    if (range.low <= 0 && range.high >= EVERY_GROUP.high) {
      observations.push({ status: 'pass', note: msg('connector-gid.pasted.every-group', { range: formatRange(range) }), evidence: [rangeCite], fix: null });
      continue;
    }
    if (isEmptyRange(range)) {
      const gids = identities.map((id) => id.value.egid);
      observations.push({
        status: 'fail',
        note: msg('connector-gid.pasted.admits-nobody', { quoted: quotedRange(range) }),
        evidence: [rangeCite, ...identities.map((id) => cite(id, describeIdentity(id.value)))],
        fix: { gids, current: range, deployments: ['host', 'docker', 'kubernetes'], deploymentKnown: false, connector, workload: null, primaryGroupAlternative: null },
      });
      continue;
    }
    if (identities.length === 0) {
      observations.push({
        status: 'unknown',
        note: msg('connector-gid.pasted.need-id', { range: formatRange(range) }),
        evidence: [rangeCite],
        fix: null,
      });
      continue;
    }
    for (const id of identities) {
      const verdict = admission(range, id.value.egid, id.value.groups, rule);
      const said = { identity: describeIdentity(id.value), range: formatRange(range) };
      observations.push(
        verdict.admitted
          ? { status: 'pass', note: msg('connector-gid.pasted.inside', said), evidence: [rangeCite, cite(id, describeIdentity(id.value))], fix: null }
          : {
              status: 'fail',
              note: verdict.onlySupplementaryAdmitted ? msg('connector-gid.pasted.only-supplementary', said) : msg('connector-gid.pasted.outside', said),
              evidence: [rangeCite, cite(id, describeIdentity(id.value))],
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
      note: msg('connector-gid.pasted.need-sysctl'),
      evidence: identities.map((id) => cite(id, describeIdentity(id.value))),
      fix: null,
    });
  }
  return observations;
}

function describeIdentity(identity: Identity): Message {
  return msg('connector-gid.identity', { uid: identity.uid, egid: identity.egid, groups: identity.groups });
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

function observePodSpec(pod: PodSpecFacts, source: Cited, product: Product): GidObservation[] {
  const sysctl = pod.sysctls.find((s) => s.name === PING_GROUP_RANGE_KEY);
  const range = sysctl ? parseRangeValue(sysctl.value) : null;
  const podName = pod.name ?? msg('connector-gid.pod.unnamed');
  // A spec without containers is read as one container named after the pod.
  const containers: (Omit<PodSpecFacts['containers'][number], 'name'> & { name: string | Message })[] =
    pod.containers.length > 0 ? pod.containers : [{ name: podName, image: null, runAsUser: null, runAsGroup: null, capabilitiesAdd: [], capabilitiesDrop: [] }];
  return containers.map((container): GidObservation => {
    const kind = imageKind(container.image) ?? connectorFromProduct(product);
    // The effective GID: the container's runAsGroup, else the pod's, else the image's user (65532 in cloudflared's and Twingate's images).
    const gid = container.runAsGroup ?? pod.runAsGroup ?? (imageKind(container.image) && imageKind(container.image) !== 'firezone' ? CONNECTOR_IMAGE_GID : null);
    const gidFrom =
      container.runAsGroup !== null
        ? msg('connector-gid.pod.gid-from.container')
        : pod.runAsGroup !== null
          ? msg('connector-gid.pod.gid-from.pod')
          : gid !== null
            ? msg('connector-gid.pod.gid-from.image')
            : null;
    const label = msg('connector-gid.pod.label', { container: container.name, image: container.image, pod: podName });
    const podCite = cite(source, msg('connector-gid.pod.cited', { label, sysctl: sysctl ? sysctl.value : null, gid, gidFrom, supplementalGroups: pod.supplementalGroups }));
    const deployments: Deployment[] = kind === 'twingate' ? ['helm', 'kubernetes'] : ['kubernetes'];
    const fix: GidFix = { gids: gid !== null ? [gid] : [], current: range, deployments, deploymentKnown: true, connector: kind, workload: pod.name, workloadKind: pod.kind ?? null, workloadNamespace: pod.namespace ?? null, primaryGroupAlternative: null };
    if (sysctl && !range) {
      return { status: 'fail', note: msg('connector-gid.pod.bad-value', { label, value: sysctl.value }), evidence: [podCite], fix };
    }
    if (!range) {
      const check = shellCommand(['kubectl', 'exec', pod.name ?? 'POD', '--', 'cat', '/proc/sys/net/ipv4/ping_group_range']);
      return {
        status: 'unknown',
        note: msg('connector-gid.pod.no-range', { label, command: check }),
        evidence: [podCite],
        fix,
      };
    }
    if (range.low <= 0 && range.high >= EVERY_GROUP.high) {
      return { status: 'pass', note: msg('connector-gid.pod.every-group', { label, range: formatRange(range) }), evidence: [podCite], fix: null };
    }
    if (gid === null) {
      return { status: 'unknown', note: msg('connector-gid.pod.gid-unknown', { label, range: formatRange(range) }), evidence: [podCite], fix: null };
    }
    const verdict = admission(range, gid, pod.supplementalGroups, admissionRuleFor(kind));
    if (verdict.admitted) return { status: 'pass', note: msg('connector-gid.pod.inside', { label, gid, range: formatRange(range) }), evidence: [podCite], fix: null };
    return {
      status: 'fail',
      note: msg(verdict.onlySupplementaryAdmitted ? 'connector-gid.pod.only-supplementary' : 'connector-gid.pod.outside', { label, gid, quoted: quotedRange(range) }),
      evidence: [podCite],
      fix,
    };
  });
}

function observeHelmValues(values: HelmValuesFacts, source: Cited): GidObservation {
  const enabled = values.icmpSupportEnabled;
  // A value that is set is quoted as the file has it; one left out is our words.
  const helmCite = cite(source, enabled === null ? msg('connector-gid.helm.not-set') : `icmpSupport.enabled = ${String(enabled)}`);
  if (enabled) {
    return { status: 'pass', note: msg('connector-gid.helm.enabled'), evidence: [helmCite], fix: null };
  }
  return {
    status: 'fail',
    note: msg('connector-gid.helm.not-enabled', { set: enabled !== null }),
    evidence: [helmCite],
    fix: { gids: [CONNECTOR_IMAGE_GID], current: null, deployments: ['helm', 'kubernetes'], deploymentKnown: true, connector: 'twingate', workload: null, primaryGroupAlternative: null },
  };
}

export function observeConnectorGids(evidence: Evidence, product: Product): { observations: GidObservation[]; connectorsSearched: boolean; connectorsFound: number } {
  const processes = connectorProcesses(evidence);
  const version = cloudflaredVersionOf(evidence);
  const observations: GidObservation[] = processes.found.map((found) => observeProcess(found, version));
  for (const failure of processes.failed) {
    observations.push({ status: 'unknown', note: msg('connector-gid.processes-unreadable', { failure: failureMessage(failure) }), evidence: [citeFailure(failure)], fix: null });
  }
  observations.push(...observeCloudflaredLogs(evidence));
  const reconciled = reconcile(observations);
  observations.splice(0, observations.length, ...reconciled);
  observations.push(...observeSysctlAndId(evidence, product));
  for (const pod of evidence.imported.podSpecs) {
    if (pod.ok) observations.push(...observePodSpec(pod.value, pod, product));
    else observations.push({ status: 'unknown', note: msg('connector-gid.pod.unreadable', { failure: failureMessage(pod) }), evidence: [citeFailure(pod)], fix: null });
  }
  for (const values of evidence.imported.helmValues) {
    if (values.ok) observations.push(observeHelmValues(values.value, values));
    else observations.push({ status: 'unknown', note: msg('connector-gid.helm.unreadable', { failure: failureMessage(values) }), evidence: [citeFailure(values)], fix: null });
  }
  return { observations, connectorsSearched: processes.searched, connectorsFound: processes.found.length };
}
