// Our identity and whether the kernel lets us open ICMP datagram sockets, both from the
// native addon's probeCapability() (it opens and closes one socket per family, so the
// answer is the kernel's, not a guess from the sysctl). Without the addon neither part
// can be had; the failure says why and how to get the addon.

import type { Gathered, Identity, SocketCapability } from '../../../../contract/evidence';
import type { Capability } from '../../../../native/index';
import { AddonUnavailableError, loadAddon } from '../../../native/addon';
import { msg } from '../../../../renderer/i18n/messages/message';
import { describeError, gathered, notGathered } from '../gathered';

export const CAPABILITY_SOURCE = msg('source.capability');
const IDENTITY_SOURCE = msg('source.capability.identity', { calls: 'getuid/geteuid/getgid/getegid/getgroups' });
// Windows has no ICMP sockets of ours: the addon opens IcmpCreateFile / Icmp6CreateFile handles.
const SOCKET_SOURCE =
  process.platform === 'win32'
    ? msg('windows.source.icmp-api')
    : msg('source.capability.sockets', {
        v4: 'socket(AF_INET, SOCK_DGRAM, IPPROTO_ICMP)',
        v6: 'socket(AF_INET6, SOCK_DGRAM, IPPROTO_ICMPV6)',
      });

export interface NativeParts {
  identity: Gathered<Identity>;
  capability: Gathered<SocketCapability>;
}

function identityOf(capability: Capability): Identity {
  return { uid: capability.uid, euid: capability.euid, gid: capability.gid, egid: capability.egid, groups: [...capability.groups] };
}

function socketsOf(capability: Capability): SocketCapability {
  return {
    v4: { allowed: capability.v4.allowed, errno: capability.v4.errno },
    v6: { allowed: capability.v6.allowed, errno: capability.v6.errno },
    raw: {
      v4: { allowed: capability.raw.v4.allowed, errno: capability.raw.v4.errno },
      v6: { allowed: capability.raw.v6.allowed, errno: capability.raw.v6.errno },
    },
    capNetRaw: capability.capNetRaw,
  };
}

function unavailable(error: unknown): NativeParts {
  // loadAddon says which files it tried and how to build the addon; keep that text.
  const detail = describeError(error);
  const missing = error instanceof AddonUnavailableError && /was not found/.test(detail);
  const code = missing ? 'NOT_FOUND' : 'FAILED';
  return {
    identity: notGathered(code, msg('gather.local.identity-unavailable', { detail }), IDENTITY_SOURCE),
    capability: notGathered(code, msg('gather.local.capability-unavailable', { detail }), SOCKET_SOURCE),
  };
}

/** Identity and socket capability of this process; failures are values, never thrown. */
export function gatherNativeParts(): NativeParts {
  let capability: Capability;
  try {
    capability = loadAddon().probeCapability();
  } catch (error) {
    return unavailable(error);
  }
  return {
    identity: gathered(identityOf(capability), IDENTITY_SOURCE),
    capability: gathered(socketsOf(capability), SOCKET_SOURCE),
  };
}
