// Fixes for a ping_group_range that does not admit the process that must open ICMP sockets,
// for each deployment style (contract/deploy.ts): the host itself (now and across reboots) and
// its systemd unit, a Docker container and Compose, Podman and its quadlets, a Kubernetes pod,
// Twingate's Helm chart and an OpenWrt router (procd). The range is per network namespace, so
// a container, a pod or a connector in a namespace of its own needs it set in *that*
// namespace, not on the host; each fix is tagged with the styles it serves.

import type { DeployStyle } from '../../../contract/deploy';
import type { ConnectorKind, PingGroupRange } from '../../../contract/evidence';
import type { Remediation } from '../../../contract/findings';
import { EVERY_GROUP, PING_GROUP_RANGE_KEY, formatRange } from '../checks/ping-range';
import { env, shellAnd, shellCommand, type ShellWord } from './shell';
import { yamlText } from './yaml-text';

/** Where the persistent setting goes; sorted late so it wins over distribution defaults. */
export const SYSCTL_PERSIST_PATH = '/etc/sysctl.d/60-icmp-doctor-ping.conf';

/** The styles a ping-range fix exists for. */
export type Deployment = DeployStyle;

export interface PingRangeFixRequest {
  /** The range to set. */
  range: PingGroupRange;
  /** Why this range, in one sentence (shown with the first fix). */
  reason: string;
  /** Which deployments to give fixes for, most likely first. */
  deployments: readonly Deployment[];
  /** The connector whose GID must be admitted, if known: picks the image and the service to restart. */
  connector: ConnectorKind | null;
  /** The Kubernetes workload or pod, if known. */
  workload: string | null;
  /** The connector's pid when it runs in a network namespace of its own (not a container's): the sysctl must be run there. */
  ownNetnsPid?: number | null;
}

/** `sudo sysctl -w KEY=VALUE`, with KEY=VALUE as one argument whatever it holds. */
export function sysctlWriteCommand(key: string, value: string): string {
  return shellCommand(['sudo', 'sysctl', '-w', `${key}=${value}`]);
}

/** A sysctl.d file: one `key = value` line. The range is numbers, so it cannot add lines of its own. */
export function sysctlPersistFile(range: PingGroupRange, path: string = SYSCTL_PERSIST_PATH): Remediation {
  return {
    id: 'ping-range.host-persist-file',
    deploy: ['host', 'systemd'],
    title: `Keep it across reboots: write ${path}, then apply it with \`sudo sysctl -p ${path}\``,
    kind: 'file',
    path,
    text: `# Written for icmp-doctor: who may open unprivileged ICMP (ping) sockets.\n${PING_GROUP_RANGE_KEY} = ${formatRange(range)}\n`,
  };
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
export function composeSysctls(range: PingGroupRange, connector: ConnectorKind | null): string {
  const service = containerImage(connector)?.name ?? 'connector';
  return yamlText(
    { services: { [service]: { sysctls: { [PING_GROUP_RANGE_KEY]: formatRange(range) } } } },
    `docker-compose.yml: merge into the ${service} service, then \`docker compose up -d ${service}\`.`,
  );
}

/** The pod's `securityContext.sysctls` (in a Deployment/DaemonSet: spec.template.spec). */
export function kubernetesPodSysctls(range: PingGroupRange, workload: string | null): string {
  const where = workload ? `the pod spec of ${workload}` : 'the pod spec';
  return yamlText(
    { securityContext: { sysctls: [{ name: PING_GROUP_RANGE_KEY, value: formatRange(range) }] } },
    [
      `Merge into ${where} (for a Deployment, DaemonSet or StatefulSet: spec.template.spec).`,
      'net.ipv4.ping_group_range is a "safe" sysctl since Kubernetes 1.18: no kubelet allow-list is needed.',
      'It is per network namespace, so it cannot be set on a hostNetwork pod: fix the node instead.',
    ].join('\n'),
  );
}

/** Twingate's chart: `icmpSupport.enabled` makes it set the pod sysctl to "0 2147483647". */
export function twingateHelmValues(): string {
  return yamlText(
    { icmpSupport: { enabled: true } },
    [
      'values.yaml for the twingate/connector chart; apply with',
      '  helm upgrade <release> twingate/connector --reuse-values -f values.yaml',
      `It makes the chart add to the pod: securityContext.sysctls: [{name: ${PING_GROUP_RANGE_KEY}, value: "0 2147483647"}]`,
      'which admits every group, including the 65532 the connector runs as.',
    ].join('\n'),
  );
}

export function twingateHelmCommand(): string {
  return shellCommand(['helm', 'upgrade', env('RELEASE'), 'twingate/connector', '--reuse-values', '--set', 'icmpSupport.enabled=true']);
}

/** The product whose connector a fix restarts, by name: a Twingate fix never talks about cloudflared. */
const PRODUCT_OF: Readonly<Record<ConnectorKind, string>> = { cloudflared: 'cloudflared', twingate: 'Twingate', firezone: 'Firezone' };

function restartWhy(connector: ConnectorKind | null): string {
  if (connector === 'cloudflared') return 'cloudflared checks the range only when it starts';
  if (connector) return `the ${PRODUCT_OF[connector]} connector opens its ICMP sockets when it starts`;
  return 'the connector opens its ICMP sockets when it starts';
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
  return {
    id: 'ping-range.podman-quadlet-sysctl',
    deploy: ['podman'],
    title: `Podman quadlet: Sysctl= in ${path}'s [Container] section, then \`sudo systemctl daemon-reload && sudo systemctl restart ${name}\``,
    kind: 'file',
    path,
    text: `[Container]\nSysctl=${PING_GROUP_RANGE_KEY}=${formatRange(range)}\n`,
  };
}

/** OpenWrt reads /etc/sysctl.d/*.conf at boot (/etc/init.d/sysctl); procd restarts services with their init script. */
export function openwrtRemediation(range: PingGroupRange, connector: ConnectorKind | null): Remediation[] {
  const value = formatRange(range);
  const service = serviceName(connector) ?? 'NAME';
  return [
    { id: 'ping-range.openwrt-now', deploy: ['openwrt'], title: `OpenWrt, now: set ${PING_GROUP_RANGE_KEY} to "${value}" (as root; no sudo there)`, kind: 'command', text: shellCommand(['sysctl', '-w', `${PING_GROUP_RANGE_KEY}=${value}`]) },
    {
      id: 'ping-range.openwrt-persist',
      deploy: ['openwrt'],
      title: `OpenWrt: keep it across reboots in ${SYSCTL_PERSIST_PATH} (read at boot by /etc/init.d/sysctl; /etc/sysctl.conf works too), then \`/etc/init.d/sysctl restart\``,
      kind: 'file',
      path: SYSCTL_PERSIST_PATH,
      text: `# Written for icmp-doctor: who may open unprivileged ICMP (ping) sockets.\n${PING_GROUP_RANGE_KEY} = ${value}\n`,
    },
    { id: 'ping-range.openwrt-restart', deploy: ['openwrt'], title: `Restart ${service} with its procd init script (${restartWhy(connector)})`, kind: 'command', text: shellCommand([`/etc/init.d/${service}`, 'restart']) },
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
    fixes.push({
      id: 'ping-range.netns-now',
      deploy: onHost,
      title: `In the connector's own network namespace (pid ${pid}), not the host's: set ${PING_GROUP_RANGE_KEY} to "${value}" (${request.reason})`,
      kind: 'command',
      text: nsenterSysctlCommand(pid, PING_GROUP_RANGE_KEY, value),
    });
    fixes.push({
      id: 'ping-range.netns-persist',
      deploy: onHost,
      title: 'Keep it: a new namespace starts from the defaults, so run the same sysctl where the namespace is created (e.g. `ip netns exec NAME sysctl -w …` in the unit\'s ExecStartPre=); /etc/sysctl.d only sets the host\'s',
      kind: 'command',
      text: shellCommand(['ip', 'netns', 'exec', env('NETNS'), 'sysctl', '-w', `${PING_GROUP_RANGE_KEY}=${value}`]),
    });
  } else {
    fixes.push({ id: 'ping-range.host-now', deploy: onHost, title: `On the host, now: set ${PING_GROUP_RANGE_KEY} to "${value}" (${request.reason})`, kind: 'command', text: sysctlWriteCommand(PING_GROUP_RANGE_KEY, value) });
    if (value !== formatRange(EVERY_GROUP)) {
      fixes.push({
        id: 'ping-range.host-every-group',
        deploy: onHost,
        title: 'Or admit every group ("0 2147483647"): what Docker and Twingate\'s chart set; a ping socket can only send echo requests',
        kind: 'command',
        text: sysctlWriteCommand(PING_GROUP_RANGE_KEY, formatRange(EVERY_GROUP)),
      });
    }
    fixes.push({ ...sysctlPersistFile(range), id: 'ping-range.host-persist-file', deploy: onHost });
    fixes.push({ id: 'ping-range.host-persist-command', deploy: onHost, title: 'The same as one command: write the file and apply it', kind: 'command', text: sysctlPersistCommand(range) });
  }
  const service = serviceName(connector);
  if (service) {
    fixes.push({
      id: 'ping-range.systemd-restart',
      deploy: ['systemd'],
      title: `Restart ${service}, the ${PRODUCT_OF[connector ?? 'cloudflared']} connector's systemd unit, so it opens its ICMP sockets again (${restartWhy(connector)})`,
      kind: 'command',
      text: shellCommand(['sudo', 'systemctl', 'restart', service]),
    });
  }
  return fixes;
}

/** A read-only /proc/sys inside a container: `sysctl -w` there fails, so the range is given when the container is created. */
function readOnlyProcSys(style: 'docker' | 'podman'): Remediation {
  return {
    id: `ping-range.${style}-read-only-proc-sys`,
    deploy: [style],
    title: 'Inside the container this cannot be applied: /proc/sys is mounted read-only there, so `sysctl -w` fails (EROFS)',
    kind: 'dashboard',
    text: `Give the range when the container is created — ${style === 'docker' ? '`docker run --sysctl` or Compose `sysctls:`' : '`podman run --sysctl` or a quadlet\'s `Sysctl=`'} (above) — then remove and re-create the container; a running container keeps the namespace it was created with.`,
  };
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
        fixes.push({
          id: 'ping-range.docker-run',
          deploy: ['docker'],
          title: 'Docker: start the container with the sysctl (Docker 20.10+ sets "0 2147483647" by itself unless the container uses --network host or userns-remap; with --network host, fix the host)',
          kind: 'command',
          text: dockerRunCommand(range, connector),
        });
        fixes.push({ id: 'ping-range.compose-sysctls', deploy: ['docker'], title: 'Docker Compose: the service\'s sysctls', kind: 'yaml', text: composeSysctls(range, connector) });
        fixes.push(readOnlyProcSys('docker'));
        break;
      case 'podman':
        fixes.push({
          id: 'ping-range.podman-run',
          deploy: ['podman'],
          title: 'Podman: the container\'s own --sysctl (the host\'s range does not reach a rootless or podman network namespace)',
          kind: 'command',
          text: podmanRunCommand(range, connector),
        });
        fixes.push(quadletSysctl(range, connector));
        fixes.push(readOnlyProcSys('podman'));
        break;
      case 'kubernetes':
        fixes.push({ id: 'ping-range.kubernetes-pod-sysctls', deploy: ['kubernetes'], title: `Kubernetes: the pod's securityContext.sysctls${request.workload ? ` (${request.workload})` : ''}`, kind: 'yaml', text: kubernetesPodSysctls(range, request.workload) });
        fixes.push({
          id: 'ping-range.kubernetes-rollout-restart',
          deploy: ['kubernetes'],
          title: 'Kubernetes: restart the pods so they start with it (a pod is never restarted with systemctl)',
          kind: 'command',
          text: shellCommand(['kubectl', 'rollout', 'restart', request.workload ? `deployment/${request.workload}` : ['deployment/', env('DEPLOYMENT')]]),
        });
        break;
      case 'helm':
        fixes.push({ id: 'ping-range.helm-icmp-support', deploy: ['helm'], title: 'Twingate Helm chart: icmpSupport.enabled', kind: 'yaml', text: twingateHelmValues() });
        fixes.push({ id: 'ping-range.helm-upgrade', deploy: ['helm'], title: 'Twingate Helm chart: the same with --set (RELEASE is your release name); helm upgrade rolls the pods', kind: 'command', text: twingateHelmCommand() });
        break;
      case 'openwrt':
        fixes.push(...openwrtRemediation(range, connector));
        break;
    }
  }
  return fixes;
}

/** cloudflared checks only its primary (effective) group: make one already inside the range primary. */
export function primaryGroupDropIn(group: number): Remediation {
  return {
    id: 'ping-range.systemd-primary-group',
    deploy: ['systemd'],
    title: `Or make group ${group} (already inside the range) cloudflared's primary group: a systemd drop-in, then \`sudo systemctl daemon-reload && sudo systemctl restart cloudflared\``,
    kind: 'file',
    path: '/etc/systemd/system/cloudflared.service.d/icmp-doctor-group.conf',
    text: `[Service]\nGroup=${group}\n`,
  };
}

/**
 * The range on the machine icmp-doctor runs on (local-icmp-socket): whatever way the connector
 * is deployed, these fixes are for here, so they serve every style and never fold away.
 */
export function thisMachineRangeRemediation(range: PingGroupRange, reason: string): Remediation[] {
  return pingRangeRemediation({ range, reason, deployments: ['host'], connector: null, workload: null }).map((fix) => ({ ...fix, id: fix.id.replace('ping-range.host-', 'ping-range.this-machine-'), deploy: [] }));
}
