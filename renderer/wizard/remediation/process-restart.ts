// How to restart one connector process, by how *that* process was started: a systemd unit (its
// cgroup names it), a Docker or Podman container (its cgroup carries the container id), a
// Kubernetes pod (the style's own `kubectl rollout restart` does it), or a plain process started
// by hand or by a script we cannot see — then the fix says which process to restart and how it
// was started, instead of guessing a unit name that may not exist (issue 9: a process outside
// systemd was told `systemctl restart cloudflared`).

import type { DeployStyle } from '../../../contract/deploy';
import type { ConnectorKind, ConnectorProcess } from '../../../contract/evidence';
import type { Remediation } from '../../../contract/findings';
import type { Message } from '../../../contract/message';
import { msg } from '../../i18n/messages/message';
import { redactedCommandLine } from '../checks/command-line';
import { systemdUnitOf } from '../deploy/detect';
import { fix } from './fix';
import { shellCommand } from './shell';

/** What a restart fix needs to know about the one process it restarts. */
export interface RestartTarget {
  kind: ConnectorKind;
  pid: number;
  /** argv as /proc/PID/cmdline has it (secrets are redacted before it is shown). */
  command: readonly string[];
  /** "cloudflared-b" for /system.slice/cloudflared-b.service, outside any container. */
  unit: string | null;
  /** The runtime and the container's id from the cgroup, when it runs in Docker or Podman. */
  container: { runtime: 'docker' | 'podman'; id: string } | null;
  /** In a Kubernetes pod (or a container whose id the cgroup does not tell): the style's own fixes restart it. */
  managedElsewhere: boolean;
}

/** "docker-<id>.scope", "/docker/<id>" or "libpod-<id>.scope" → the runtime and the short id `docker restart` takes. */
export function containerIdOf(cgroup: string | null | undefined): { runtime: 'docker' | 'podman'; id: string } | null {
  const match = /(?:^|\/)(docker|libpod)[-/]([0-9a-f]{12,})(?:\.scope)?(?:\/|$)/.exec(cgroup ?? '');
  if (!match) return null;
  return { runtime: match[1] === 'libpod' ? 'podman' : 'docker', id: match[2]!.slice(0, 12) };
}

/**
 * How to restart this process; null when its cgroup was not read (an older connector report,
 * /proc/PID/cgroup unreadable): then nothing says how it was started, and the fixes keep the
 * connector's usual unit for the systemd style.
 */
export function restartTargetOf(process: ConnectorProcess): RestartTarget | null {
  if (process.cgroup === undefined || process.cgroup === null) return null;
  const container = process.container === null ? null : containerIdOf(process.cgroup);
  return {
    kind: process.kind,
    pid: process.pid,
    command: process.command,
    unit: process.container === null ? systemdUnitOf(process.cgroup) : null,
    container,
    managedElsewhere: process.container !== null && container === null,
  };
}

/**
 * The restart target when exactly one process of `kind` was seen: a per-process verdict (or a
 * host with one connector). With several, a host-wide fix cannot tell whose restart it is, so
 * none is chosen (null) and the fix keeps its generic form.
 */
export function soleRestartTarget(processes: readonly ConnectorProcess[], kind: ConnectorKind): RestartTarget | null {
  const ofKind = processes.filter((p) => p.kind === kind);
  return ofKind.length === 1 && ofKind[0] ? restartTargetOf(ofKind[0]) : null;
}

/** The program the process was started as: argv[0] without its directory ("cloudflared-2023.7.3"). */
function startedAs(target: RestartTarget): string {
  const argv0 = target.command[0] ?? '';
  return argv0 === '' ? target.kind : argv0;
}

/**
 * The fix that restarts this process, or null when the deployment's own fixes already restart it
 * (a pod). `id` names the fix's family ("ping-range", "transport"); `why` says why a restart is
 * needed; `before` is a command to run first (systemd's daemon-reload after a drop-in).
 */
export function processRestartFix(target: RestartTarget, options: { id: string; why: Message; daemonReload?: boolean }): Remediation | null {
  const { pid, kind } = target;
  if (target.unit) {
    const restart = shellCommand(['sudo', 'systemctl', 'restart', target.unit]);
    return fix({
      id: `${options.id}.systemd-restart`,
      deploy: ['systemd'],
      title: msg('process-restart.systemd', { unit: target.unit, kind, pid, why: options.why }),
      kind: 'command',
      text: options.daemonReload ? `${shellCommand(['sudo', 'systemctl', 'daemon-reload'])} && ${restart}` : restart,
    });
  }
  if (target.container) {
    const style: DeployStyle = target.container.runtime;
    return fix({
      id: `${options.id}.${style}-restart`,
      deploy: [style],
      title: msg('process-restart.container', { runtime: style, id: target.container.id, kind, pid, why: options.why }),
      kind: 'command',
      text: shellCommand([style, 'restart', target.container.id]),
    });
  }
  if (target.managedElsewhere) return null;
  return fix({
    id: `${options.id}.process-restart`,
    deploy: ['host'],
    title: msg('process-restart.plain', { kind, pid, program: startedAs(target) }),
    kind: 'dashboard',
    textMessage: msg('process-restart.plain.text', { pid, program: startedAs(target), command: redactedCommandLine(target.command), why: options.why }),
  });
}
