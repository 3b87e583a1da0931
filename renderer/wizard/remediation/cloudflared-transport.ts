// Fixes that put cloudflared on QUIC, the only transport that carries ICMP (and UDP): the
// `--protocol quic` flag, the TUNNEL_TRANSPORT_PROTOCOL environment variable (systemd,
// Docker, Kubernetes), `protocol: quic` in config.yml, and the outbound UDP 7844 that QUIC
// needs — without it cloudflared falls back to HTTP/2 and stays there until restarted.

import type { DeployStyle } from '../../../contract/deploy';
import type { Remediation } from '../../../contract/findings';
import type { Message } from '../../../contract/message';
import { msg } from '../../i18n/messages/message';
import { renderMessage } from '../../i18n/messages/render';
import { CLOUDFLARED_SECRET_FLAGS, secretFlag } from '../checks/command-line';
import { fix } from './fix';
import { processRestartFix, type RestartTarget } from './process-restart';
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

/** The drop-in for `unit` (cloudflared's usual unit when the process was not seen in one). */
export function systemdDropIn(unit = 'cloudflared'): Remediation {
  return fix({
    id: 'transport.systemd-drop-in',
    deploy: ['systemd'],
    title: msg('fix.transport.systemd-drop-in'),
    kind: 'file',
    path: unit === 'cloudflared' ? CLOUDFLARED_DROP_IN : `/etc/systemd/system/${unit}.service.d/icmp-doctor-quic.conf`,
    text: '[Service]\nEnvironment=TUNNEL_TRANSPORT_PROTOCOL=quic\n',
  });
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

export function kubernetesQuicEnvMessage(): Message {
  return msg('fix.transport.kubernetes-env.text', { yaml: yamlText({ env: [{ name: 'TUNNEL_TRANSPORT_PROTOCOL', value: 'quic' }] }) });
}

export function kubernetesQuicEnv(): string {
  return renderMessage(kubernetesQuicEnvMessage(), 'en');
}

export function configQuicYamlMessage(configPath: string | null): Message {
  return msg('fix.transport.config-yml.text', { path: configPath ?? DEFAULT_CLOUDFLARED_CONFIG, yaml: yamlText({ protocol: 'quic' }) });
}

export function configQuicYaml(configPath: string | null): string {
  return renderMessage(configQuicYamlMessage(configPath), 'en');
}

/** Every style but OpenWrt, whose cloudflared build cannot speak QUIC at all (see openwrtNoQuic). */
const QUIC_CAPABLE: DeployStyle[] = ['host', 'systemd', 'docker', 'podman', 'kubernetes', 'helm'];
const ON_A_HOST: DeployStyle[] = ['host', 'systemd', 'docker', 'podman'];

/** Outbound UDP 7844 to Cloudflare's edge, for iptables and nftables hosts. */
export function quicEgressCommands(): Remediation[] {
  const port = String(QUIC_EGRESS_PORT);
  return [
    fix({
      id: 'transport.egress-iptables',
      deploy: ON_A_HOST,
      title: msg('fix.transport.egress-iptables', { port: QUIC_EGRESS_PORT }),
      kind: 'command',
      text: shellAnd([
        shellCommand(['sudo', 'iptables', '-I', 'OUTPUT', '-p', 'udp', '--dport', port, '-j', 'ACCEPT']),
        shellCommand(['sudo', 'ip6tables', '-I', 'OUTPUT', '-p', 'udp', '--dport', port, '-j', 'ACCEPT']),
      ]),
    }),
    fix({
      id: 'transport.egress-nftables',
      deploy: ON_A_HOST,
      title: msg('fix.transport.egress-nftables'),
      kind: 'command',
      text: shellCommand(['sudo', 'nft', 'insert', 'rule', 'inet', 'filter', 'output', 'udp', 'dport', port, 'accept']),
    }),
    fix({
      id: 'transport.egress-perimeter',
      deploy: QUIC_CAPABLE,
      title: msg('fix.transport.egress-perimeter', { port: QUIC_EGRESS_PORT }),
      kind: 'dashboard',
      textMessage: msg('fix.transport.egress-perimeter.text', { port: QUIC_EGRESS_PORT }),
    }),
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
  const stop = shellAnd([shellCommand(['/etc/init.d/cloudflared', 'stop']), shellCommand(['/etc/init.d/cloudflared', 'disable'])]);
  return fix({
    id: 'transport.openwrt-no-quic',
    deploy: ['openwrt'],
    title: msg('fix.transport.openwrt-no-quic'),
    kind: 'dashboard',
    textMessage: msg('fix.transport.openwrt-no-quic.text', { stop }),
  });
}

/** config.yml's own `protocol:` key, as config-file.ts read it (CloudflaredEvidence.configProtocol). */
export interface ConfigProtocolKey {
  value: string;
  /** 1-based line of the key. */
  line: number;
}

/**
 * The config.yml fixes. A config that already has `protocol:` gets that key replaced — never a
 * second one: cloudflared refuses to start on a duplicate key (recording
 * config-duplicate-protocol: `mapping key "protocol" already defined at line 1`).
 */
export function configQuicFixes(configPath: string | null, existing: ConfigProtocolKey | 'unknown' | null = null): Remediation[] {
  const path = configPath ?? DEFAULT_CLOUDFLARED_CONFIG;
  if (existing === 'unknown') {
    // The file was not read: replace the key where it is, add it only when there is none.
    const script = `if grep -q '^protocol:' "$1"; then sed -i 's/^protocol:.*$/protocol: quic/' "$1"; else printf '\\n%s\\n' 'protocol: quic' >> "$1"; fi`;
    return [
      fix({
        id: 'transport.config-yml',
        deploy: ['host', 'systemd'],
        title: msg('fix.transport.config-yml', { path }),
        kind: 'yaml',
        textMessage: msg('cloudflared-start.fix.config-set.text', { path, yaml: yamlText({ protocol: 'quic' }) }),
      }),
      fix({
        id: 'transport.config-yml-set',
        deploy: ['host', 'systemd'],
        title: msg('cloudflared-start.fix.config-set', { path }),
        kind: 'command',
        text: shellCommand(['sudo', 'sh', '-c', script, 'sh', path]),
      }),
    ];
  }
  if (!existing) {
    return [fix({ id: 'transport.config-yml', deploy: ['host', 'systemd'], title: msg('fix.transport.config-yml', { path }), kind: 'yaml', textMessage: configQuicYamlMessage(configPath) })];
  }
  const said = { path, line: existing.line, old: existing.value };
  return [
    fix({
      id: 'transport.config-yml',
      deploy: ['host', 'systemd'],
      title: msg('cloudflared-start.fix.config-replace', said),
      kind: 'yaml',
      textMessage: msg('cloudflared-start.fix.config-replace.text', { ...said, yaml: yamlText({ protocol: 'quic' }) }),
    }),
    fix({
      id: 'transport.config-yml-sed',
      deploy: ['host', 'systemd'],
      title: msg('cloudflared-start.fix.config-sed', { path, line: existing.line }),
      kind: 'command',
      // Only that line, and only when it still starts with the top-level key: a file edited since is left alone.
      text: shellCommand(['sudo', 'sed', '-i', `${existing.line}s/^protocol:.*$/protocol: quic/`, path]),
    }),
  ];
}

/**
 * The drop-in and the restart. A process seen in a unit: that unit's. A process seen outside
 * systemd: no drop-in (there is no unit to drop it in), and a restart the way it was started.
 * None seen: cloudflared's usual unit.
 */
function systemdTransportFixes(target: RestartTarget | null): Remediation[] {
  if (!target) {
    return [
      systemdDropIn(),
      fix({ id: 'transport.systemd-restart', deploy: ['systemd'], title: msg('fix.transport.systemd-restart'), kind: 'command', text: restartCloudflaredCommand() }),
    ];
  }
  const restart = processRestartFix(target, { id: 'transport', why: msg('process-restart.why.transport'), daemonReload: target.unit !== null });
  return [...(target.unit ? [systemdDropIn(target.unit)] : []), ...(restart ? [restart] : [])];
}

/** Every way to request QUIC, plus the egress it needs; on OpenWrt, first the way around its build. */
export function quicRemediation(options: {
  command: readonly string[] | null;
  configPath: string | null;
  /** The config's existing `protocol:` key: the fix replaces it. null: the config was read and has none; 'unknown': not read. */
  configProtocol?: ConfigProtocolKey | 'unknown' | null;
  openwrt?: boolean;
  /** The one cloudflared process seen: the systemd fixes name its unit, or give way to restarting it as it was started. */
  restart?: RestartTarget | null;
}): Remediation[] {
  const fixes: Remediation[] = [];
  if (options.openwrt) fixes.push(openwrtNoQuic());
  // The connector's own command line would be the OpenWrt one: no flag makes that build speak QUIC.
  if (!options.openwrt) {
    fixes.push(fix({ id: 'transport.quic-flag', deploy: ['host'], title: msg('fix.transport.quic-flag'), kind: 'command', text: quicFlagCommand(options.command) }));
  }
  fixes.push(
    ...systemdTransportFixes(options.restart ?? null),
    ...configQuicFixes(options.configPath, options.configProtocol ?? null),
    fix({ id: 'transport.docker-env', deploy: ['docker'], title: msg('fix.transport.docker-env'), kind: 'command', text: dockerQuicCommand() }),
    fix({ id: 'transport.podman-env', deploy: ['podman'], title: msg('fix.transport.podman-env'), kind: 'command', text: podmanQuicCommand() }),
    fix({ id: 'transport.kubernetes-env', deploy: ['kubernetes', 'helm'], title: msg('fix.transport.kubernetes-env'), kind: 'yaml', textMessage: kubernetesQuicEnvMessage() }),
    fix({
      id: 'transport.kubernetes-rollout-restart',
      deploy: ['kubernetes', 'helm'],
      title: msg('fix.transport.kubernetes-rollout-restart'),
      kind: 'command',
      text: shellCommand(['kubectl', 'rollout', 'restart', ['deployment/', env('DEPLOYMENT')]]),
    }),
    ...quicEgressCommands(),
  );
  return fixes;
}
