// Remediation builders: the exact change that fixes a finding, for each way people deploy,
// with the user's values filled in. Commands are built from words (shell.ts) and YAML from
// data (yaml-text.ts), so every snippet stays valid whatever those values hold. Every fix is
// made by fix.ts from 'fix.*' messages, so its words can be said in any language; fix() itself
// is not exported: fixes are built here only.

export { shellQuote, shellCommand, shellCommandLines, shellAnd, shellWord, env } from './shell';
export type { EnvReference, ShellWord, WordPart } from './shell';
export { yamlText } from './yaml-text';
export { yamlCommented } from './yaml-comment';
export {
  SYSCTL_PERSIST_PATH,
  composeSysctls,
  composeSysctlsMessage,
  dockerRunCommand,
  kubernetesPodSysctls,
  kubernetesPodSysctlsMessage,
  nsenterSysctlCommand,
  openwrtRemediation,
  pingRangeRemediation,
  podmanRunCommand,
  primaryGroupDropIn,
  quadletSysctl,
  sysctlPersistCommand,
  sysctlPersistFile,
  sysctlWriteCommand,
  thisMachineRangeRemediation,
  twingateHelmCommand,
  twingateHelmValues,
  twingateHelmValuesMessage,
} from './ping-group-range';
export type { Deployment, PingRangeFixRequest } from './ping-group-range';
export {
  CLOUDFLARED_DROP_IN,
  DEFAULT_CLOUDFLARED_CONFIG,
  QUIC_EGRESS_PORT,
  configQuicYaml,
  configQuicYamlMessage,
  dockerQuicCommand,
  kubernetesQuicEnv,
  kubernetesQuicEnvMessage,
  openwrtNoQuic,
  podmanQuicCommand,
  quicEgressCommands,
  quicFlagCommand,
  quicRemediation,
  systemdDropIn,
} from './cloudflared-transport';
export {
  CLOUDFLARE_API_BASE,
  ICMP_PROXY_DASHBOARD_STEPS,
  enableIcmpProxyCommand,
  icmpProxyRemediation,
  namedTunnelRemediation,
  readIcmpProxyCommand,
} from './cloudflare-icmp-proxy';
export { ALLOWED_ICMP_TYPES, DEFAULT_CALICO_ALLOW, calicoAllowIcmpPolicy, calicoAllowIcmpYaml, calicoAllowIcmpYamlMessage, calicoAllowRemediation, calicoApplyCommand } from './calico-icmp-policy';
export type { CalicoAllowRequest } from './calico-icmp-policy';
export { allowEchoRemediation, allowIcmpErrorsRemediation, clampMssCommand, clampMssRemediation } from './icmp-firewall';
export { upgradeFirezoneGateway } from './firezone-gateway';
export { pingAgainRemediation } from './retest';
export { firezoneResourceIcmp, productIcmpAccess, twingateResourceIcmp } from './product-icmp-access';
