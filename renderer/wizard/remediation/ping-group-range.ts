// Fixes for a ping_group_range that does not admit the process that must open ICMP sockets,
// for each way people deploy: the host itself (now and across reboots), a Docker container,
// Docker Compose, a Kubernetes pod, and Twingate's Helm chart. The range is per network
// namespace, so a container or pod needs it set in *its* namespace, not on the host.

import type { ConnectorKind, PingGroupRange } from '../../../contract/evidence';
import type { Remediation } from '../../../contract/findings';
import { EVERY_GROUP, PING_GROUP_RANGE_KEY, formatRange } from '../checks/ping-range';
import { env, shellAnd, shellCommand, type ShellWord } from './shell';
import { yamlText } from './yaml-text';

/** Where the persistent setting goes; sorted late so it wins over distribution defaults. */
export const SYSCTL_PERSIST_PATH = '/etc/sysctl.d/60-icmp-doctor-ping.conf';

export type Deployment = 'host' | 'docker' | 'kubernetes' | 'helm';

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
}

/** `sudo sysctl -w KEY=VALUE`, with KEY=VALUE as one argument whatever it holds. */
export function sysctlWriteCommand(key: string, value: string): string {
  return shellCommand(['sudo', 'sysctl', '-w', `${key}=${value}`]);
}

/** A sysctl.d file: one `key = value` line. The range is numbers, so it cannot add lines of its own. */
export function sysctlPersistFile(range: PingGroupRange, path: string = SYSCTL_PERSIST_PATH): Remediation {
  return {
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

/** Every fix the request asks for, in its order: each one on its own is enough for its deployment. */
export function pingRangeRemediation(request: PingRangeFixRequest): Remediation[] {
  const { range, connector } = request;
  const value = formatRange(range);
  const fixes: Remediation[] = [];
  for (const deployment of [...new Set(request.deployments)]) {
    switch (deployment) {
      case 'host': {
        const service = serviceName(connector);
        fixes.push({
          title: `On the host, now: set ${PING_GROUP_RANGE_KEY} to "${value}" (${request.reason})`,
          kind: 'command',
          text: sysctlWriteCommand(PING_GROUP_RANGE_KEY, value),
        });
        if (value !== formatRange(EVERY_GROUP)) {
          fixes.push({
            title: 'Or admit every group ("0 2147483647"): what Docker and Twingate\'s chart set; a ping socket can only send echo requests',
            kind: 'command',
            text: sysctlWriteCommand(PING_GROUP_RANGE_KEY, formatRange(EVERY_GROUP)),
          });
        }
        fixes.push(sysctlPersistFile(range));
        fixes.push({ title: 'The same as one command: write the file and apply it', kind: 'command', text: sysctlPersistCommand(range) });
        if (service) {
          fixes.push({
            title: `Restart ${service} so it opens its ICMP sockets again (cloudflared checks the range only when it starts)`,
            kind: 'command',
            text: shellCommand(['sudo', 'systemctl', 'restart', service]),
          });
        }
        break;
      }
      case 'docker':
        fixes.push({
          title: 'Docker: start the container with the sysctl (Docker 20.10+ sets "0 2147483647" by itself unless the container uses --network host or userns-remap; with --network host, fix the host)',
          kind: 'command',
          text: dockerRunCommand(range, connector),
        });
        fixes.push({ title: 'Docker Compose: the service\'s sysctls', kind: 'yaml', text: composeSysctls(range, connector) });
        break;
      case 'kubernetes':
        fixes.push({ title: `Kubernetes: the pod's securityContext.sysctls${request.workload ? ` (${request.workload})` : ''}`, kind: 'yaml', text: kubernetesPodSysctls(range, request.workload) });
        break;
      case 'helm':
        fixes.push({ title: 'Twingate Helm chart: icmpSupport.enabled', kind: 'yaml', text: twingateHelmValues() });
        fixes.push({ title: 'Twingate Helm chart: the same with --set (RELEASE is your release name)', kind: 'command', text: twingateHelmCommand() });
        break;
    }
  }
  return fixes;
}
