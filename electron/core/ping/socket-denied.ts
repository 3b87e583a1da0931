// Explains a refused ping socket in terms a user can act on: which sysctl decides, what it
// says now, which of our groups it would have to admit, and the exact commands that fix
// it. Built from probeCapability(), so it describes this process in this network namespace.

import type { Capability, Family } from '../../../native/index';
import type { Message } from '../../../contract/message';
import { msg } from '../../../renderer/i18n/messages/message';
import { renderMessage } from '../../../renderer/i18n/messages/render';

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
  /** Several lines, ready for people: what happened, what it means, what to do (English). */
  message: string;
  /** The same as a message, for output in the user's language. */
  reason: Message;
}

function formatRange(range: [number, number] | null, error: string | null): string | Message {
  if (range) return `"${range[0]} ${range[1]}"`;
  return msg('gather.socket-denied.range-unreadable', { error });
}

/** Widens the current range to include `gid` instead of replacing it, so nobody loses access. */
function rangeIncluding(range: [number, number] | null, gid: number): string {
  if (!range || range[0] > range[1]) return `${gid} ${gid}`;
  return `${Math.min(range[0], gid)} ${Math.max(range[1], gid)}`;
}

export function explainSocketDenied(capability: Capability, family: Family): SocketDeniedExplanation {
  const socket = family === 4 ? capability.v4 : capability.v6;
  const errno = socket.errno ?? 'EACCES';
  const range = capability.pingGroupRange;
  const suggestedRange = rangeIncluding(range, capability.egid);
  const fixCommand = `sudo sysctl -w ${SYSCTL}="${suggestedRange}"`;
  const fixEveryGroupCommand = `sudo sysctl -w ${SYSCTL}="${EVERY_GROUP}"`;
  const persistCommand = `echo '${SYSCTL} = ${suggestedRange}' | sudo tee ${PERSIST_FILE} && sudo sysctl -p ${PERSIST_FILE}`;
  const denied = {
    protocol: family === 4 ? 'ICMPv4' : 'ICMPv6',
    errno,
    sysctl: SYSCTL,
    range: formatRange(range, capability.pingGroupRangeError),
    egid: capability.egid,
    groups: capability.groups,
  };
  // When the range already admits one of our groups it is not the culprit; say so rather
  // than send the user to change it.
  // Where the range is the culprit, also say how to probe without changing it: raw sockets,
  // which this process has (it was told to use ping sockets) or would have as root. Root is
  // never sent to change a host sysctl just to run the diagnostic.
  const rawAvailable = capability.raw?.[family === 4 ? 'v4' : 'v6'].allowed === true;
  const reason =
    capability.coveredGroups.length > 0
      ? msg('gather.socket-denied.covered', { ...denied, covered: capability.coveredGroups })
      : msg('raw-socket.denied', {
          denied: msg('gather.socket-denied.not-covered', { ...denied, fixCommand, everyGroup: EVERY_GROUP, persistCommand }),
          rawAvailable,
        });
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
    message: renderMessage(reason, 'en'),
    reason,
  };
}
