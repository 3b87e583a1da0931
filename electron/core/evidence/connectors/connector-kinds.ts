// Which processes are connectors. We match the program name: the basename of argv[0] (what
// /proc/PID/cmdline shows, readable by every user), else the kernel's command name (comm,
// /proc/PID/status "Name:", cut to 15 bytes). Names, from each vendor's packaging:
//
// cloudflared  `cloudflared` (packages, the cloudflare/cloudflared image's
//              /usr/local/bin/cloudflared) and the release assets run as downloaded,
//              `cloudflared-linux-amd64`, `cloudflared-linux-arm64`, ….
// Twingate     `twingate-connector`: the Linux package's /usr/bin/twingate-connector, run by
//              the twingate-connector systemd unit; `connectord`: the twingate/connector image
//              (whose health check is /connectorctl); `twingate_connector_<arch>_Linux`: the
//              raw binaries; `connector` only inside a directory named twingate. The control
//              tools (`twingate-connectorctl`, `connectorctl`) are not connectors.
// Firezone     `firezone-gateway`: the gateway's systemd install (/usr/local/bin) and the
//              ghcr.io/firezone/gateway image, also versioned asset names
//              (`firezone-gateway_1.4.5_x86_64`); `firezone` as the brief's legacy name. The
//              clients (`firezone-headless-client`, `firezone-client-ipc`, …) are not gateways.
//
// comm of a 15+ character name is truncated ("twingate-connec", "firezone-gatewa"), so comm
// matches compare prefixes.

import type { ConnectorKind } from '../../../../contract/evidence';

const COMM_LENGTH = 15;

interface KindRule {
  kind: ConnectorKind;
  /** Matches the basename of argv[0]. */
  program: RegExp;
  /** Full names whose first 15 bytes a comm may be. */
  commNames: string[];
}

const RULES: KindRule[] = [
  { kind: 'cloudflared', program: /^cloudflared(-(linux|freebsd|darwin)-[a-z0-9_]+)?$/, commNames: ['cloudflared'] },
  { kind: 'twingate', program: /^(twingate-connector|connectord|twingate_connector_[A-Za-z0-9_]+_Linux)$/, commNames: ['twingate-connector', 'connectord'] },
  { kind: 'firezone', program: /^(firezone-gateway([_-][0-9][A-Za-z0-9._-]*)?|firezone)$/, commNames: ['firezone-gateway', 'firezone'] },
];

function basename(path: string): string {
  const slash = path.lastIndexOf('/');
  return slash === -1 ? path : path.slice(slash + 1);
}

/** `connector` counts only in a Twingate directory (/opt/twingate/connector). */
function isTwingateDirectoryConnector(argv0: string): boolean {
  return basename(argv0) === 'connector' && argv0.split('/').slice(0, -1).some((part) => /twingate/i.test(part));
}

function commMatches(comm: string, names: readonly string[]): boolean {
  if (comm === '') return false;
  return names.some((name) => (name.length > COMM_LENGTH ? comm === name.slice(0, COMM_LENGTH) : comm === name));
}

/** The connector kind of a process, from its argv and comm; null for anything else. */
export function connectorKindOf(argv: readonly string[], comm: string): ConnectorKind | null {
  const argv0 = argv[0] ?? '';
  const program = basename(argv0);
  for (const rule of RULES) {
    if (rule.program.test(program)) return rule.kind;
  }
  if (isTwingateDirectoryConnector(argv0)) return 'twingate';
  // argv[0] can be rewritten or be an interpreter's; comm is the executable's file name. But
  // when argv[0] names the program comm is cut from (twingate-connectorctl → "twingate-connec"),
  // argv[0] has already said no.
  if (comm !== '' && program.startsWith(comm)) return null;
  for (const rule of RULES) {
    if (commMatches(comm, rule.commNames)) return rule.kind;
  }
  return null;
}
