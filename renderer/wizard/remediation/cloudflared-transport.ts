// Fixes that put cloudflared on QUIC, the only transport that carries ICMP (and UDP): the
// `--protocol quic` flag, the TUNNEL_TRANSPORT_PROTOCOL environment variable (systemd,
// Docker, Kubernetes), `protocol: quic` in config.yml, and the outbound UDP 7844 that QUIC
// needs — without it cloudflared falls back to HTTP/2 and stays there until restarted.

import type { DeployStyle } from '../../../contract/deploy';
import type { Remediation } from '../../../contract/findings';
import { CLOUDFLARED_SECRET_FLAGS, secretFlag } from '../checks/command-line';
import { env, shellAnd, shellCommand, type ShellWord } from './shell';
import { yamlText } from './yaml-text';

export const DEFAULT_CLOUDFLARED_CONFIG = '/etc/cloudflared/config.yml';
export const CLOUDFLARED_DROP_IN = '/etc/systemd/system/cloudflared.service.d/icmp-doctor-quic.conf';
export const QUIC_EGRESS_PORT = 7844;


/**
 * The connector's own command line with `--protocol quic` in place of any `--protocol X`, and
 * its tunnel token replaced by "$TUNNEL_TOKEN" (cloudflared also reads that variable itself).
 * Without a command line: the plain `cloudflared tunnel --protocol quic run`, which takes the
 * tunnel from config.yml.
 */
export function quicFlagCommand(command: readonly string[] | null): string {
  const argv = command && command.length > 0 ? [...command] : ['cloudflared', 'tunnel', 'run'];
  const words: ShellWord[] = [];
  let protocolPlaced = false;
  for (let index = 0; index < argv.length; index += 1) {
    const arg = argv[index] ?? '';
    if (arg === '--protocol' || arg === '-protocol') {
      index += 1; // drop the old value too
      continue;
    }
    if (arg.startsWith('--protocol=') || arg.startsWith('-protocol=')) continue;
    // A secret's value never appears in what we print: the variable cloudflared also reads stands in.
    const secret = secretFlag(arg);
    if (secret) {
      words.push(secret.flag, env(CLOUDFLARED_SECRET_FLAGS.get(secret.flag) ?? 'TUNNEL_TOKEN'));
      if (!secret.inline) index += 1;
      continue;
    }
    words.push(arg);
    // `--protocol` belongs to the `tunnel` command: put it right after that word.
    if (!protocolPlaced && arg === 'tunnel') {
      words.push('--protocol', 'quic');
      protocolPlaced = true;
    }
  }
  if (!protocolPlaced) words.splice(1, 0, '--protocol', 'quic');
  return shellCommand(words);
}

export function systemdDropIn(): Remediation {
  return {
    id: 'transport.systemd-drop-in',
    deploy: ['systemd'],
    title: `systemd: a drop-in that sets TUNNEL_TRANSPORT_PROTOCOL=quic for the cloudflared service (then: sudo systemctl daemon-reload && sudo systemctl restart cloudflared)`,
    kind: 'file',
    path: CLOUDFLARED_DROP_IN,
    text: '[Service]\nEnvironment=TUNNEL_TRANSPORT_PROTOCOL=quic\n',
  };
}

export function restartCloudflaredCommand(): string {
  return shellAnd([shellCommand(['sudo', 'systemctl', 'daemon-reload']), shellCommand(['sudo', 'systemctl', 'restart', 'cloudflared'])]);
}

export function dockerQuicCommand(): string {
  return shellCommand([
    'docker', 'run', '-d', '--name', 'cloudflared', '--restart', 'unless-stopped',
    '-e', 'TUNNEL_TRANSPORT_PROTOCOL=quic', '-e', 'TUNNEL_TOKEN',
    'cloudflare/cloudflared:latest', 'tunnel', '--no-autoupdate', 'run',
  ]);
}

export function kubernetesQuicEnv(): string {
  return yamlText(
    { env: [{ name: 'TUNNEL_TRANSPORT_PROTOCOL', value: 'quic' }] },
    'Merge into the cloudflared container of the Deployment (spec.template.spec.containers[]).',
  );
}

export function configQuicYaml(configPath: string | null): string {
  return yamlText({ protocol: 'quic' }, `Add to ${configPath ?? DEFAULT_CLOUDFLARED_CONFIG} (top level), then restart cloudflared.`);
}

/** Every style but OpenWrt, whose cloudflared build cannot speak QUIC at all (see openwrtNoQuic). */
const QUIC_CAPABLE: DeployStyle[] = ['host', 'systemd', 'docker', 'podman', 'kubernetes', 'helm'];
const ON_A_HOST: DeployStyle[] = ['host', 'systemd', 'docker', 'podman'];

/** Outbound UDP 7844 to Cloudflare's edge, for iptables and nftables hosts. */
export function quicEgressCommands(): Remediation[] {
  const port = String(QUIC_EGRESS_PORT);
  return [
    {
      id: 'transport.egress-iptables',
      deploy: ON_A_HOST,
      title: `Allow outbound UDP ${port} (QUIC to Cloudflare's edge: region1/region2.v2.argotunnel.com) with iptables, IPv4 and IPv6`,
      kind: 'command',
      text: shellAnd([
        shellCommand(['sudo', 'iptables', '-I', 'OUTPUT', '-p', 'udp', '--dport', port, '-j', 'ACCEPT']),
        shellCommand(['sudo', 'ip6tables', '-I', 'OUTPUT', '-p', 'udp', '--dport', port, '-j', 'ACCEPT']),
      ]),
    },
    {
      id: 'transport.egress-nftables',
      deploy: ON_A_HOST,
      title: `The same with nftables (table inet filter, chain output, as in Debian's /etc/nftables.conf)`,
      kind: 'command',
      text: shellCommand(['sudo', 'nft', 'insert', 'rule', 'inet', 'filter', 'output', 'udp', 'dport', port, 'accept']),
    },
    {
      id: 'transport.egress-perimeter',
      deploy: QUIC_CAPABLE,
      title: `A perimeter firewall or cloud security group must allow the same: UDP ${port} outbound from the connector host (TCP ${port} is what HTTP/2 uses)`,
      kind: 'dashboard',
      text: `Allow egress: protocol UDP, destination port ${port}, destination region1.v2.argotunnel.com and region2.v2.argotunnel.com (or any), source: the cloudflared host.`,
    },
  ];
}

export function podmanQuicCommand(): string {
  return shellCommand([
    'podman', 'run', '-d', '--name', 'cloudflared',
    '-e', 'TUNNEL_TRANSPORT_PROTOCOL=quic', '-e', 'TUNNEL_TOKEN',
    'docker.io/cloudflare/cloudflared:latest', 'tunnel', '--no-autoupdate', 'run',
  ]);
}

/**
 * OpenWrt's cloudflared package lacks the cipher suites QUIC needs, so its init script starts
 * it with `--protocol http2` (the Qiita seed): no setting there makes it carry ICMP. The way
 * out is a cloudflared on another machine in that network, over QUIC.
 */
export function openwrtNoQuic(): Remediation {
  return {
    id: 'transport.openwrt-no-quic',
    deploy: ['openwrt'],
    title: 'OpenWrt: its cloudflared package cannot use QUIC (the build lacks the cipher suites QUIC needs, so it runs with --protocol http2), and HTTP/2 never carries ICMP: run the connector on another machine in that network',
    kind: 'dashboard',
    text: [
      'Switching the OpenWrt connector to QUIC is not possible; changing its protocol option only breaks it.',
      'Install cloudflared on another Linux machine in the same network (a Raspberry Pi, a VM, a container host) with the same tunnel token; the ways for that machine follow under "other ways".',
      'Once it is connected over QUIC, stop the router\'s connector: /etc/init.d/cloudflared stop && /etc/init.d/cloudflared disable',
    ].join('\n'),
  };
}

/** Every way to request QUIC, plus the egress it needs; on OpenWrt, first the way around its build. */
export function quicRemediation(options: { command: readonly string[] | null; configPath: string | null; openwrt?: boolean }): Remediation[] {
  const fixes: Remediation[] = [];
  if (options.openwrt) fixes.push(openwrtNoQuic());
  // The connector's own command line would be the OpenWrt one: no flag makes that build speak QUIC.
  if (!options.openwrt) {
    fixes.push({ id: 'transport.quic-flag', deploy: ['host'], title: 'Run cloudflared with --protocol quic (your command line, token kept in $TUNNEL_TOKEN)', kind: 'command', text: quicFlagCommand(options.command) });
  }
  fixes.push(
    systemdDropIn(),
    { id: 'transport.systemd-restart', deploy: ['systemd'], title: 'Reload systemd and restart cloudflared', kind: 'command', text: restartCloudflaredCommand() },
    { id: 'transport.config-yml', deploy: ['host', 'systemd'], title: `config.yml: protocol: quic (${options.configPath ?? DEFAULT_CLOUDFLARED_CONFIG})`, kind: 'yaml', text: configQuicYaml(options.configPath) },
    { id: 'transport.docker-env', deploy: ['docker'], title: 'Docker: TUNNEL_TRANSPORT_PROTOCOL=quic (TUNNEL_TOKEN passed from your shell)', kind: 'command', text: dockerQuicCommand() },
    { id: 'transport.podman-env', deploy: ['podman'], title: 'Podman: TUNNEL_TRANSPORT_PROTOCOL=quic (TUNNEL_TOKEN passed from your shell; in a quadlet: Environment=TUNNEL_TRANSPORT_PROTOCOL=quic)', kind: 'command', text: podmanQuicCommand() },
    { id: 'transport.kubernetes-env', deploy: ['kubernetes', 'helm'], title: 'Kubernetes: the cloudflared container\'s env', kind: 'yaml', text: kubernetesQuicEnv() },
    {
      id: 'transport.kubernetes-rollout-restart',
      deploy: ['kubernetes', 'helm'],
      title: 'Kubernetes: restart the cloudflared pods so they reconnect over QUIC',
      kind: 'command',
      text: shellCommand(['kubectl', 'rollout', 'restart', ['deployment/', env('DEPLOYMENT')]]),
    },
    ...quicEgressCommands(),
  );
  return fixes;
}
