// Which processes are connectors. We match the program name: the basename of argv[0] (what
// /proc/PID/cmdline shows, readable by every user), or of the executable itself (the target
// of /proc/PID/exe, readable when we may trace the process), else the kernel's command name
// (comm, /proc/PID/status "Name:", cut to 15 bytes). Names, from each vendor's packaging:
//
// cloudflared  anything whose name starts with `cloudflared`: `cloudflared` (packages, the
//              cloudflare/cloudflared image's /usr/local/bin/cloudflared), the release assets
//              run as downloaded (`cloudflared-linux-amd64`, …) and versioned copies kept side
//              by side (`cloudflared-2023.7.3`, whose comm is cut to `cloudflared-202`).
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
  { kind: 'cloudflared', program: /^cloudflared/, commNames: ['cloudflared'] },
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

function commMatches(comm: string, rule: KindRule): boolean {
  if (comm === '') return false;
  // A comm the program pattern accepts is the name itself or its first 15 bytes (cloudflared-2023.7.3 → cloudflared-202).
  if (rule.program.test(comm)) return true;
  return rule.commNames.some((name) => (name.length > COMM_LENGTH ? comm === name.slice(0, COMM_LENGTH) : comm === name));
}

function kindOfProgram(program: string): ConnectorKind | null {
  if (program === '') return null;
  return RULES.find((rule) => rule.program.test(program))?.kind ?? null;
}

/** /proc/PID/exe of a binary deleted (or replaced by an upgrade) since it started ends in " (deleted)". */
function executableName(exe: string): string {
  return basename(exe.replace(/ \(deleted\)$/, ''));
}

/**
 * The connector kind of a process, from its argv, comm and executable (the target of
 * /proc/PID/exe; '' when unreadable); null for anything else.
 */
export function connectorKindOf(argv: readonly string[], comm: string, exe = ''): ConnectorKind | null {
  const argv0 = argv[0] ?? '';
  const program = basename(argv0);
  const byProgram = kindOfProgram(program) ?? kindOfProgram(executableName(exe));
  if (byProgram !== null) return byProgram;
  if (isTwingateDirectoryConnector(argv0) || isTwingateDirectoryConnector(exe)) return 'twingate';
  // argv[0] can be rewritten or be an interpreter's; comm is the executable's file name. But
  // when argv[0] names the program comm is cut from (twingate-connectorctl → "twingate-connec"),
  // argv[0] has already said no.
  if (comm !== '' && program.startsWith(comm)) return null;
  for (const rule of RULES) {
    if (commMatches(comm, rule)) return rule.kind;
  }
  return null;
}
