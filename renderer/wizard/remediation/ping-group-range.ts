// Fixes for a ping_group_range that does not admit the process that must open ICMP sockets,
// for each deployment style (contract/deploy.ts): the host itself (now and across reboots) and
// its systemd unit, a Docker container and Compose, Podman and its quadlets, a Kubernetes pod,
// Twingate's Helm chart and an OpenWrt router (procd). The range is per network namespace, so
// a container, a pod or a connector in a namespace of its own needs it set in *that*
// namespace, not on the host; each fix is tagged with the styles it serves.

import type { DeployStyle } from '../../../contract/deploy';
import type { ConnectorKind, PingGroupRange } from '../../../contract/evidence';
import type { Remediation } from '../../../contract/findings';
import type { Message } from '../../../contract/message';
import { msg } from '../../i18n/messages/message';
import { renderMessage } from '../../i18n/messages/render';
import { EVERY_GROUP, PING_GROUP_RANGE_KEY, formatRange } from '../checks/ping-range';
import { fix } from './fix';
import { processRestartFix, type RestartTarget } from './process-restart';
import { env, shellAnd, shellCommand, type ShellWord } from './shell';
import { yamlText } from './yaml-text';

/** Where the persistent setting goes; sorted late so it wins over distribution defaults. */
export const SYSCTL_PERSIST_PATH = '/etc/sysctl.d/60-icmp-doctor-ping.conf';

/** The styles a ping-range fix exists for. */
export type Deployment = DeployStyle;

export interface PingRangeFixRequest {
  /** The range to set. */
  range: PingGroupRange;
  /**
   * Why this range, shown with the first fix: a message ('fix.ping-range.reason.*'); a string
   * is said as it is in every language.
   */
  reason: Message | string;
  /** Which deployments to give fixes for, most likely first. */
  deployments: readonly Deployment[];
  /** The connector whose GID must be admitted, if known: picks the image and the service to restart. */
  connector: ConnectorKind | null;
  /** The Kubernetes workload or pod, if known. */
  workload: string | null;
  /** What kind of object `workload` is ("Deployment", "DaemonSet", "StatefulSet", "Pod") and its namespace, if known. */
  workloadKind?: string | null;
  workloadNamespace?: string | null;
  /** The connector's pid when it runs in a network namespace of its own (not a container's): the sysctl must be run there. */
  ownNetnsPid?: number | null;
  /**
   * The processes seen running whose restart applies the range, each restarted the way it was
   * started (process-restart.ts). Absent: no process was seen (a log or a paste), so the
   * connector's usual systemd unit is suggested for the systemd style.
   */
  restarts?: readonly RestartTarget[];
}

/** Object kinds `kubectl rollout restart` takes, by the kind a manifest names. */
const ROLLOUT_KINDS: Readonly<Record<string, string>> = { Deployment: 'deployment', DaemonSet: 'daemonset', StatefulSet: 'statefulset' };

/**
 * Restarts the connector's pods so they start with the new sysctls: `kubectl rollout restart`
 * of the workload the pod spec came from, in its namespace; a bare Pod cannot be rolled out,
 * so it is replaced from its manifest. Unknown names stay shell variables for the user to set.
 */
export function kubernetesRestartCommand(request: Pick<PingRangeFixRequest, 'workload' | 'workloadKind' | 'workloadNamespace'>): string {
  const namespace = request.workloadNamespace ? ['-n', request.workloadNamespace] : [];
  if (request.workloadKind === 'Pod') return shellCommand(['kubectl', 'replace', '--force', '-f', env('POD_MANIFEST'), ...namespace]);
  const kind = ROLLOUT_KINDS[request.workloadKind ?? 'Deployment'] ?? 'deployment';
  return shellCommand(['kubectl', 'rollout', 'restart', request.workload ? `${kind}/${request.workload}` : [`${kind}/`, env('DEPLOYMENT')], ...namespace]);
}

/** `sudo sysctl -w KEY=VALUE`, with KEY=VALUE as one argument whatever it holds. */
export function sysctlWriteCommand(key: string, value: string): string {
  return shellCommand(['sudo', 'sysctl', '-w', `${key}=${value}`]);
}

/** A sysctl.d file: one `key = value` line. The range is numbers, so it cannot add lines of its own. */
export function sysctlPersistFile(range: PingGroupRange, path: string = SYSCTL_PERSIST_PATH): Remediation {
  return fix({
    id: 'ping-range.host-persist-file',
    deploy: ['host', 'systemd'],
    title: msg('fix.ping-range.host-persist-file', { path }),
    kind: 'file',
    path,
    textMessage: msg('fix.ping-range.persist-file.text', { key: PING_GROUP_RANGE_KEY, value: formatRange(range) }),
  });
}

/** Writes the file and applies it, for people who would rather paste one command. */
export function sysctlPersistCommand(range: PingGroupRange, path: string = SYSCTL_PERSIST_PATH): string {
  return shellAnd([
    `${shellCommand(['printf', '%s\\n', `${PING_GROUP_RANGE_KEY} = ${formatRange(range)}`])} | ${shellCommand(['sudo', 'tee', path])} >/dev/null`,
    shellCommand(['sudo', 'sysctl', '-p', path]),
  ]);
}

/** The systemd unit to restart so a connector re-opens its ICMP sockets (cloudflared checks the range only at start). */
function serviceName(connector: ConnectorKind | null): string | null {
  if (connector === 'cloudflared') return 'cloudflared';
  if (connector === 'twingate') return 'twingate-connector';
  if (connector === 'firezone') return 'firezone-gateway';
  return null;
}

interface ContainerImage {
  name: string;
  image: string;
  /** Environment variables passed through by name (`-e NAME`): their values stay in the user's shell. */
  passEnv: string[];
  args: ShellWord[];
}

function containerImage(connector: ConnectorKind | null): ContainerImage | null {
  switch (connector) {
    case 'cloudflared':
      return { name: 'cloudflared', image: 'cloudflare/cloudflared:latest', passEnv: ['TUNNEL_TOKEN'], args: ['tunnel', '--no-autoupdate', 'run'] };
    case 'twingate':
      return { name: 'twingate-connector', image: 'twingate/connector:1', passEnv: ['TWINGATE_NETWORK', 'TWINGATE_ACCESS_TOKEN', 'TWINGATE_REFRESH_TOKEN'], args: [] };
    case 'firezone':
      return { name: 'firezone-gateway', image: 'ghcr.io/firezone/gateway:1', passEnv: ['FIREZONE_TOKEN', 'FIREZONE_ID'], args: [] };
    default:
      return null;
  }
}

/** `docker run … --sysctl net.ipv4.ping_group_range=LOW HIGH IMAGE …` for the connector's image. */
export function dockerRunCommand(range: PingGroupRange, connector: ConnectorKind | null): string {
  const image = containerImage(connector);
  const sysctl = ['--sysctl', `${PING_GROUP_RANGE_KEY}=${formatRange(range)}`];
  if (!image) return shellCommand(['docker', 'run', '-d', ...sysctl, 'IMAGE']);
  return shellCommand([
    'docker', 'run', '-d', '--name', image.name, '--restart', 'unless-stopped', ...sysctl,
    ...image.passEnv.flatMap((name) => ['-e', name]),
    image.image, ...image.args,
  ]);
}

/** The service's `sysctls:` in a compose file. */
export function composeSysctlsMessage(range: PingGroupRange, connector: ConnectorKind | null): Message {
  const service = containerImage(connector)?.name ?? 'connector';
  return msg('fix.ping-range.compose-sysctls.text', { service, yaml: yamlText({ services: { [service]: { sysctls: { [PING_GROUP_RANGE_KEY]: formatRange(range) } } } }) });
}

export function composeSysctls(range: PingGroupRange, connector: ConnectorKind | null): string {
  return renderMessage(composeSysctlsMessage(range, connector), 'en');
}

/** The pod's `securityContext.sysctls` (in a Deployment/DaemonSet: spec.template.spec). */
export function kubernetesPodSysctlsMessage(range: PingGroupRange, workload: string | null): Message {
  return msg('fix.ping-range.kubernetes-pod-sysctls.text', {
    workload,
    key: PING_GROUP_RANGE_KEY,
    yaml: yamlText({ securityContext: { sysctls: [{ name: PING_GROUP_RANGE_KEY, value: formatRange(range) }] } }),
  });
}

export function kubernetesPodSysctls(range: PingGroupRange, workload: string | null): string {
  return renderMessage(kubernetesPodSysctlsMessage(range, workload), 'en');
}

/** Twingate's chart: `icmpSupport.enabled` makes it set the pod sysctl to "0 2147483647". */
export function twingateHelmValuesMessage(): Message {
  return msg('fix.ping-range.helm-icmp-support.text', { key: PING_GROUP_RANGE_KEY, yaml: yamlText({ icmpSupport: { enabled: true } }) });
}

export function twingateHelmValues(): string {
  return renderMessage(twingateHelmValuesMessage(), 'en');
}

export function twingateHelmCommand(): string {
  return shellCommand(['helm', 'upgrade', env('RELEASE'), 'twingate/connector', '--reuse-values', '--set', 'icmpSupport.enabled=true']);
}

/** The product whose connector a fix restarts, by name: a Twingate fix never talks about cloudflared. */
const PRODUCT_OF: Readonly<Record<ConnectorKind, string>> = { cloudflared: 'cloudflared', twingate: 'Twingate', firezone: 'Firezone' };

function restartWhy(connector: ConnectorKind | null): Message {
  return msg('fix.ping-range.restart-why', { product: connector ? PRODUCT_OF[connector] : null });
}

/** `sudo nsenter --net=/proc/PID/ns/net sysctl -w KEY=VALUE`: the setting in that process's network namespace. */
export function nsenterSysctlCommand(pid: number, key: string, value: string): string {
  return shellCommand(['sudo', 'nsenter', `--net=/proc/${pid}/ns/net`, 'sysctl', '-w', `${key}=${value}`]);
}

/** `podman run … --sysctl …` for the connector's image: a rootless or podman netns does not see the host's range. */
export function podmanRunCommand(range: PingGroupRange, connector: ConnectorKind | null): string {
  const image = containerImage(connector);
  const sysctl = ['--sysctl', `${PING_GROUP_RANGE_KEY}=${formatRange(range)}`];
  if (!image) return shellCommand(['podman', 'run', '-d', ...sysctl, 'IMAGE']);
  return shellCommand(['podman', 'run', '-d', '--name', image.name, ...sysctl, ...image.passEnv.flatMap((name) => ['-e', name]), image.image, ...image.args]);
}

/** A quadlet's `[Container]` section: `Sysctl=` is what `--sysctl` is on the command line. */
export function quadletSysctl(range: PingGroupRange, connector: ConnectorKind | null): Remediation {
  const name = containerImage(connector)?.name ?? 'connector';
  const path = `/etc/containers/systemd/${name}.container`;
  return fix({
    id: 'ping-range.podman-quadlet-sysctl',
    deploy: ['podman'],
    title: msg('fix.ping-range.podman-quadlet-sysctl', { path, name }),
    kind: 'file',
    path,
    text: `[Container]\nSysctl=${PING_GROUP_RANGE_KEY}=${formatRange(range)}\n`,
  });
}

/** OpenWrt reads /etc/sysctl.d/*.conf at boot (/etc/init.d/sysctl); procd restarts services with their init script. */
export function openwrtRemediation(range: PingGroupRange, connector: ConnectorKind | null): Remediation[] {
  const value = formatRange(range);
  const service = serviceName(connector) ?? 'NAME';
  return [
    fix({
      id: 'ping-range.openwrt-now',
      deploy: ['openwrt'],
      title: msg('fix.ping-range.openwrt-now', { key: PING_GROUP_RANGE_KEY, value }),
      kind: 'command',
      text: shellCommand(['sysctl', '-w', `${PING_GROUP_RANGE_KEY}=${value}`]),
    }),
    fix({
      id: 'ping-range.openwrt-persist',
      deploy: ['openwrt'],
      title: msg('fix.ping-range.openwrt-persist', { path: SYSCTL_PERSIST_PATH }),
      kind: 'file',
      path: SYSCTL_PERSIST_PATH,
      textMessage: msg('fix.ping-range.persist-file.text', { key: PING_GROUP_RANGE_KEY, value }),
    }),
    fix({
      id: 'ping-range.openwrt-restart',
      deploy: ['openwrt'],
      title: msg('fix.ping-range.openwrt-restart', { service, why: restartWhy(connector) }),
      kind: 'command',
      text: shellCommand([`/etc/init.d/${service}`, 'restart']),
    }),
  ];
}

function hostFixes(request: PingRangeFixRequest): Remediation[] {
  const { range, connector } = request;
  const value = formatRange(range);
  const onHost: DeployStyle[] = ['host', 'systemd'];
  const fixes: Remediation[] = [];
  const pid = request.ownNetnsPid ?? null;
  if (pid !== null) {
    // The connector's own network namespace: the host's setting never reaches it.
    fixes.push(
      fix({
        id: 'ping-range.netns-now',
        deploy: onHost,
        title: msg('fix.ping-range.netns-now', { pid, key: PING_GROUP_RANGE_KEY, value, reason: request.reason }),
        kind: 'command',
        text: nsenterSysctlCommand(pid, PING_GROUP_RANGE_KEY, value),
      }),
    );
    fixes.push(
      fix({
        id: 'ping-range.netns-persist',
        deploy: onHost,
        title: msg('fix.ping-range.netns-persist'),
        kind: 'command',
        text: shellCommand(['ip', 'netns', 'exec', env('NETNS'), 'sysctl', '-w', `${PING_GROUP_RANGE_KEY}=${value}`]),
      }),
    );
  } else {
    fixes.push(
      fix({
        id: 'ping-range.host-now',
        deploy: onHost,
        title: msg('fix.ping-range.host-now', { key: PING_GROUP_RANGE_KEY, value, reason: request.reason }),
        kind: 'command',
        text: sysctlWriteCommand(PING_GROUP_RANGE_KEY, value),
      }),
    );
    if (value !== formatRange(EVERY_GROUP)) {
      fixes.push(
        fix({
          id: 'ping-range.host-every-group',
          deploy: onHost,
          title: msg('fix.ping-range.host-every-group'),
          kind: 'command',
          text: sysctlWriteCommand(PING_GROUP_RANGE_KEY, formatRange(EVERY_GROUP)),
        }),
      );
    }
    fixes.push({ ...sysctlPersistFile(range), id: 'ping-range.host-persist-file', deploy: onHost });
    fixes.push(fix({ id: 'ping-range.host-persist-command', deploy: onHost, title: msg('fix.ping-range.host-persist-command'), kind: 'command', text: sysctlPersistCommand(range) }));
  }
  if (request.restarts) {
    fixes.push(...restartsOf(request.restarts, restartWhy(connector)));
    return fixes;
  }
  const service = serviceName(connector);
  if (service) {
    fixes.push(
      fix({
        id: 'ping-range.systemd-restart',
        deploy: ['systemd'],
        title: msg('fix.ping-range.systemd-restart', { service, product: PRODUCT_OF[connector ?? 'cloudflared'], why: restartWhy(connector) }),
        kind: 'command',
        text: shellCommand(['sudo', 'systemctl', 'restart', service]),
      }),
    );
  }
  return fixes;
}

/** One restart per process seen, each its own way; ids stay unique when there are several. */
function restartsOf(targets: readonly RestartTarget[], why: Message): Remediation[] {
  return targets.flatMap((target) => {
    const made = processRestartFix(target, { id: 'ping-range', why });
    if (!made) return [];
    return targets.length > 1 ? [{ ...made, id: `${made.id}.${target.pid}` }] : [made];
  });
}

/** A read-only /proc/sys inside a container: `sysctl -w` there fails, so the range is given when the container is created. */
function readOnlyProcSys(style: 'docker' | 'podman'): Remediation {
  return fix({
    id: `ping-range.${style}-read-only-proc-sys`,
    deploy: [style],
    title: msg('fix.ping-range.read-only-proc-sys'),
    kind: 'dashboard',
    textMessage: msg('fix.ping-range.read-only-proc-sys.text', { style }),
  });
}

/** Every fix the request asks for, in its order: each one on its own is enough for its deployment. */
export function pingRangeRemediation(request: PingRangeFixRequest): Remediation[] {
  const { range, connector } = request;
  const fixes: Remediation[] = [];
  const styles = new Set<DeployStyle>(request.deployments);
  if (styles.has('systemd')) styles.add('host');
  let hostDone = false;
  for (const deployment of styles) {
    switch (deployment) {
      case 'host':
      case 'systemd':
        if (!hostDone) fixes.push(...hostFixes(request));
        hostDone = true;
        break;
      case 'docker':
        fixes.push(fix({ id: 'ping-range.docker-run', deploy: ['docker'], title: msg('fix.ping-range.docker-run'), kind: 'command', text: dockerRunCommand(range, connector) }));
        fixes.push(fix({ id: 'ping-range.compose-sysctls', deploy: ['docker'], title: msg('fix.ping-range.compose-sysctls'), kind: 'yaml', textMessage: composeSysctlsMessage(range, connector) }));
        fixes.push(readOnlyProcSys('docker'));
        break;
      case 'podman':
        fixes.push(fix({ id: 'ping-range.podman-run', deploy: ['podman'], title: msg('fix.ping-range.podman-run'), kind: 'command', text: podmanRunCommand(range, connector) }));
        fixes.push(quadletSysctl(range, connector));
        fixes.push(readOnlyProcSys('podman'));
        break;
      case 'kubernetes':
        fixes.push(
          fix({
            id: 'ping-range.kubernetes-pod-sysctls',
            deploy: ['kubernetes'],
            title: msg('fix.ping-range.kubernetes-pod-sysctls', { workload: request.workload }),
            kind: 'yaml',
            textMessage: kubernetesPodSysctlsMessage(range, request.workload),
          }),
        );
        fixes.push(
          fix({
            id: 'ping-range.kubernetes-rollout-restart',
            deploy: ['kubernetes'],
            title: msg('fix.ping-range.kubernetes-rollout-restart'),
            kind: 'command',
            text: kubernetesRestartCommand(request),
          }),
        );
        break;
      case 'helm':
        fixes.push(fix({ id: 'ping-range.helm-icmp-support', deploy: ['helm'], title: msg('fix.ping-range.helm-icmp-support'), kind: 'yaml', textMessage: twingateHelmValuesMessage() }));
        fixes.push(fix({ id: 'ping-range.helm-upgrade', deploy: ['helm'], title: msg('fix.ping-range.helm-upgrade'), kind: 'command', text: twingateHelmCommand() }));
        break;
      case 'openwrt':
        fixes.push(...openwrtRemediation(range, connector));
        break;
    }
  }
  return fixes;
}

/** cloudflared checks only its primary (effective) group: make one already inside the range primary. */
export function primaryGroupDropIn(group: number, unit = 'cloudflared'): Remediation {
  return fix({
    id: 'ping-range.systemd-primary-group',
    deploy: ['systemd'],
    title: msg('fix.ping-range.systemd-primary-group', { group }),
    kind: 'file',
    path: `/etc/systemd/system/${unit}.service.d/icmp-doctor-group.conf`,
    text: `[Service]\nGroup=${group}\n`,
  });
}

/**
 * The range on the machine icmp-doctor runs on (local-icmp-socket): whatever way the connector
 * is deployed, these fixes are for here, so they serve every style and never fold away.
 */
export function thisMachineRangeRemediation(range: PingGroupRange, reason: Message | string): Remediation[] {
  return pingRangeRemediation({ range, reason, deployments: ['host'], connector: null, workload: null }).map((fix) => ({ ...fix, id: fix.id.replace('ping-range.host-', 'ping-range.this-machine-'), deploy: [] }));
}
