// A native Capability (the addon's probeCapability() answer) for tests: both families refused
// with EACCES under "1 0" as user 65534 (raw sockets EPERM: no CAP_NET_RAW), unless overridden.

import type { Capability } from '../../native/index';

export function capability(overrides: Partial<Capability>): Capability {
  const refused = { allowed: false, errno: 'EACCES', errnoCode: 13, message: 'EACCES: Permission denied (os error 13)' };
  return {
    v4: { family: 4, ...refused },
    v6: { family: 6, ...refused },
    pingGroupRangePath: '/proc/sys/net/ipv4/ping_group_range',
    pingGroupRange: [1, 0],
    pingGroupRangeError: null,
    uid: 65534,
    euid: 65534,
    gid: 65534,
    egid: 65534,
    groups: [],
    coveredGroups: [],
    raw: {
      v4: { family: 4, allowed: false, errno: 'EPERM', errnoCode: 1, message: 'EPERM: Operation not permitted (os error 1)' },
      v6: { family: 6, allowed: false, errno: 'EPERM', errnoCode: 1, message: 'EPERM: Operation not permitted (os error 1)' },
    },
    capNetRaw: false,
    ...overrides,
  };
}
