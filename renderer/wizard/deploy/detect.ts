// Which deployment style the connector runs in, when the user did not say: a table of signals
// read from the evidence, strongest first. The first signal that matches decides; nothing
// matching leaves the style `unknown` and the fixes in their builders' order.

import { isDeployStyle, type DeployDecision, type DeployStyle } from '../../../contract/deploy';
import type { ConnectorProcess, Evidence, HostFacts } from '../../../contract/evidence';
import type { CheckInputs } from '../../../contract/inputs';
import type { Message } from '../../../contract/message';
import { msg } from '../../i18n/messages/message';
import { renderMessage } from '../../i18n/messages/render';

/** A connector process with the host it was seen on (this one, or an imported connector report's). */
interface SeenConnector {
  process: ConnectorProcess;
  host: HostFacts | null;
}

function seenConnectors(evidence: Evidence): SeenConnector[] {
  const local = evidence.connectors?.ok ? evidence.connectors.value : [];
  const localHost = evidence.local?.host.ok ? evidence.local.host.value : null;
  const imported = evidence.imported.connectorReports.flatMap((report) => {
    if (!report.ok || !report.value.connectors.ok) return [];
    const host = report.value.local.host.ok ? report.value.local.host.value : null;
    return report.value.connectors.value.map((process) => ({ process, host }));
  });
  return [...local.map((process) => ({ process, host: localHost })), ...imported];
}

/** "/system.slice/cloudflared.service" → "cloudflared": a connector started by systemd. */
export function systemdUnitOf(cgroup: string | null | undefined): string | null {
  const match = /(?:^|\/)system\.slice\/([^/]+)\.service$/.exec(cgroup ?? '');
  return match?.[1] ?? null;
}

const CONTAINER_STYLES: Readonly<Record<string, DeployStyle>> = { kubernetes: 'kubernetes', docker: 'docker', podman: 'podman' };

/** One row of the table: what it looks at, and the style with a note on what matched. */
type Signal = (evidence: Evidence, connectors: readonly SeenConnector[]) => { style: DeployStyle; signal: Message } | null;

const cgroupOf = (p: ConnectorProcess, cgroup: string): Message => msg('deploy.signal.cgroup', { kind: p.kind, pid: p.pid, cgroup });

/** `why`: what the row looks for, for people reading the table (docs, a future "how was this decided"). */
export const SIGNALS: ReadonlyArray<{ why: Message; read: Signal }> = [
  {
    why: msg('deploy.why.helm'),
    read: (e) => (e.imported.helmValues.some((h) => h.ok) ? { style: 'helm', signal: msg('deploy.signal.helm') } : null),
  },
  {
    why: msg('deploy.why.pod-spec'),
    read: (e) => (e.imported.podSpecs.some((p) => p.ok) ? { style: 'kubernetes', signal: msg('deploy.signal.pod-spec') } : null),
  },
  {
    why: msg('deploy.why.container-cgroup'),
    read: (_e, seen) => {
      for (const { process } of seen) {
        const style = process.container ? CONTAINER_STYLES[process.container] : undefined;
        if (style) return { style, signal: cgroupOf(process, process.cgroup ?? process.container ?? '') };
      }
      return null;
    },
  },
  {
    why: msg('deploy.why.openwrt'),
    read: (e, seen) => {
      const hosts = seen.length > 0 ? seen.map((s) => s.host) : [e.local?.host.ok ? e.local.host.value : null];
      return hosts.some((host) => host?.openwrt === true) ? { style: 'openwrt', signal: msg('deploy.signal.openwrt') } : null;
    },
  },
  {
    why: msg('deploy.why.systemd-cgroup'),
    read: (_e, seen) => {
      for (const { process } of seen) {
        const unit = systemdUnitOf(process.cgroup);
        if (unit && process.container === null) return { style: 'systemd', signal: cgroupOf(process, process.cgroup ?? '') };
      }
      return null;
    },
  },
];

/** The user's choice, else the first matching signal, else `unknown`. Pure; never throws. */
export function decideDeploy(evidence: Evidence, inputs: Pick<CheckInputs, 'deploy'>): DeployDecision {
  if (isDeployStyle(inputs.deploy)) return { style: inputs.deploy, from: 'chosen', signal: null };
  try {
    const seen = seenConnectors(evidence);
    for (const { read } of SIGNALS) {
      const hit = read(evidence, seen);
      if (hit) return { style: hit.style, from: 'detected', signal: renderMessage(hit.signal, 'en'), signalMessage: hit.signal };
    }
  } catch {
    // Malformed evidence (a hand-edited imported report): the checks say so; the style stays undecided.
  }
  return { style: 'unknown', from: 'none', signal: null };
}
