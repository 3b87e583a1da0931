// Explains a refused ping socket in terms a user can act on: which sysctl decides, what it
// says now, which of our groups it would have to admit, and the exact commands that fix
// it. Built from probeCapability(), so it describes this process in this network namespace.

import type { Capability, Family } from '../../../native/index';

const SYSCTL = 'net.ipv4.ping_group_range';
const EVERY_GROUP = '0 2147483647';
const PERSIST_FILE = '/etc/sysctl.d/60-icmp-doctor-ping.conf';

/** Why the kernel refused an unprivileged ICMP socket, and how to fix it. */
export interface SocketDeniedExplanation {
  family: Family;
  /** errno from the refused socket, normally EACCES. */
  errno: string | null;
  /** [low, high] of the range now; null when it could not be read. */
  pingGroupRange: [number, number] | null;
  pingGroupRangeError: string | null;
  egid: number;
  /** Supplementary groups (the kernel admits the socket if any of these or egid is in range). */
  groups: number[];
  /** Our groups the range already admits; non-empty means something else refused us. */
  coveredGroups: number[];
  /** The smallest range that admits our egid and keeps every group admitted now. */
  suggestedRange: string;
  fixCommand: string;
  fixEveryGroupCommand: string;
  persistCommand: string;
  /** Several lines, ready for people: what happened, what it means, what to do. */
  message: string;
}

function formatRange(range: [number, number] | null, error: string | null): string {
  if (range) return `"${range[0]} ${range[1]}"`;
  return `unreadable (${error ?? 'unknown error'})`;
}

/** Widens the current range to include `gid` instead of replacing it, so nobody loses access. */
function rangeIncluding(range: [number, number] | null, gid: number): string {
  if (!range || range[0] > range[1]) return `${gid} ${gid}`;
  return `${Math.min(range[0], gid)} ${Math.max(range[1], gid)}`;
}

function formatGroups(groups: number[]): string {
  return groups.length > 0 ? groups.join(', ') : 'none';
}

export function explainSocketDenied(capability: Capability, family: Family): SocketDeniedExplanation {
  const socket = family === 4 ? capability.v4 : capability.v6;
  const errno = socket.errno ?? 'EACCES';
  const range = capability.pingGroupRange;
  const suggestedRange = rangeIncluding(range, capability.egid);
  const fixCommand = `sudo sysctl -w ${SYSCTL}="${suggestedRange}"`;
  const fixEveryGroupCommand = `sudo sysctl -w ${SYSCTL}="${EVERY_GROUP}"`;
  const persistCommand = `echo '${SYSCTL} = ${suggestedRange}' | sudo tee ${PERSIST_FILE} && sudo sysctl -p ${PERSIST_FILE}`;
  const ours = `egid ${capability.egid}; supplementary groups: ${formatGroups(capability.groups)}`;
  const protocol = family === 4 ? 'ICMPv4' : 'ICMPv6';
  const rangeText = formatRange(range, capability.pingGroupRangeError);

  const lines = [`ICMP is not permitted: the kernel refused an unprivileged ${protocol} socket (${errno}).`];
  if (capability.coveredGroups.length > 0) {
    // The range is not the culprit; say so rather than send the user to change it.
    lines.push(
      `${SYSCTL} is ${rangeText} and admits this process's group(s) ${formatGroups(capability.coveredGroups)} (${ours}),`,
      'so something else refuses the socket: a security module (SELinux, AppArmor), a seccomp filter or the container runtime.',
    );
  } else {
    lines.push(
      `${SYSCTL} is ${rangeText} in this network namespace and admits none of this process's groups (${ours}).`,
      `Fix now:   ${fixCommand}   (or "${EVERY_GROUP}" to allow every group)`,
      `Keep it:   ${persistCommand}`,
      'In a container or pod the sysctl is per network namespace: set it there (e.g. docker run --sysctl or the pod securityContext).',
    );
  }
  return {
    family,
    errno: socket.errno,
    pingGroupRange: range,
    pingGroupRangeError: capability.pingGroupRangeError,
    egid: capability.egid,
    groups: capability.groups,
    coveredGroups: capability.coveredGroups,
    suggestedRange,
    fixCommand,
    fixEveryGroupCommand,
    persistCommand,
    message: lines.join('\n'),
  };
}
