// Host names for tests that resolve through the real system resolver: ready-made inputs for
// Lab.setNameResolution, so every test means the same thing by "server.lab".

import type { NameResolutionFiles } from './lab';
import { ADDRESSES } from './topology';

/** Names in LAB_HOSTS (and one that is not). */
export const NAMES = {
  /** The server's main address, v4 and v6. */
  dual: 'server.lab',
  /** The server's main IPv4 address only. */
  v4Only: 'server4.lab',
  /** 0.0.0.0, as DNS sinkholes answer. */
  sinkhole: 'sinkhole.lab',
  /** In no file and no DNS. */
  unknown: 'nosuch.lab',
} as const;

/** /etc/hosts with NAMES (no localhost: give the host's own files where a test needs it). */
export const LAB_HOSTS = [
  `${ADDRESSES.server.main.v4} ${NAMES.dual}`,
  `${ADDRESSES.server.main.v6} ${NAMES.dual}`,
  `${ADDRESSES.server.main.v4} ${NAMES.v4Only}`,
  `0.0.0.0 ${NAMES.sinkhole}`,
  '',
].join('\n');

/** Only LAB_HOSTS: a name not in it is unknown at once (EAI_NONAME), no DNS asked. */
export function hostsFileOnly(): NameResolutionFiles {
  return { hosts: LAB_HOSTS, nsswitch: 'hosts: files\n' };
}

/**
 * DNS only, through one nameserver that never answers: the router's blackhole route drops the
 * queries, so getaddrinfo waits `timeoutS` and fails (EAI_AGAIN). From the client or the server
 * (their default routes lead to the router); in the router itself the blackhole fails at once.
 */
export function unansweredDns(timeoutS = 1): NameResolutionFiles {
  return {
    nsswitch: 'hosts: dns\n',
    resolvConf: `nameserver ${ADDRESSES.routes.blackhole.v4}\noptions timeout:${timeoutS} attempts:1\n`,
  };
}

/**
 * DNS only, through a nameserver that refuses: nothing listens on the server's port 53, so the
 * query comes back as ICMP port unreachable and getaddrinfo fails at once (EAI_AGAIN).
 */
export function refusingDns(): NameResolutionFiles {
  return { nsswitch: 'hosts: dns\n', resolvConf: `nameserver ${ADDRESSES.server.main.v4}\n` };
}
