// The --help texts. Kept apart from the parsing so wording changes touch one file.

import { LIMITS, PING_DEFAULTS } from './arguments';

export const MAIN_USAGE = `Usage: icmp-doctor COMMAND [OPTIONS]

Finds out why ping fails through a zero-trust tunnel, proves it with real probes,
and says what to change.

Commands:
  ping TARGET [OPTIONS]   send ICMP echo probes without root (see: icmp-doctor ping --help)

Options:
  -h, --help              show this help
  -V, --version           show the version

Exit codes: 0 at least one reply, 1 no reply, 2 bad usage or input,
3 ICMP not permitted (net.ipv4.ping_group_range), 4 internal failure.
`;

export const PING_USAGE = `Usage: icmp-doctor ping TARGET [-c COUNT] [-i INTERVAL_MS] [-W TIMEOUT_MS] [-t TTL]
                        [-s SIZE] [--df] [-4|-6] [-I IFACE_OR_ADDRESS] [-v] [--json]

Sends ICMP echo requests to TARGET (an IP address or a host name) through unprivileged
ping sockets, and reports every reply, timeout and ICMP error as it happens.

Options:
  -c, --count COUNT          probes to send, ${LIMITS.count.min}-${LIMITS.count.max}; 0 = until Ctrl-C (default ${PING_DEFAULTS.count})
  -i, --interval MS          milliseconds between probes, ${LIMITS.intervalMs.min}-${LIMITS.intervalMs.max}, fractions allowed;
                             0 = flood: next probe as soon as one resolves (default ${PING_DEFAULTS.intervalMs})
  -W, --timeout MS           milliseconds to wait for each answer, ${LIMITS.timeoutMs.min}-${LIMITS.timeoutMs.max} (default ${PING_DEFAULTS.timeoutMs})
  -t, --ttl TTL              TTL / hop limit, ${LIMITS.ttl.min}-${LIMITS.ttl.max} (default: the system's)
  -s, --size SIZE            ICMP payload bytes, 0-${LIMITS.size.max[4]} for IPv4, 0-${LIMITS.size.max[6]} for IPv6 (default ${PING_DEFAULTS.size})
      --df                   set Don't Fragment and ignore the cached path MTU (path-MTU probing)
  -4, --ipv4                 use IPv4 only (a host name resolves to an IPv4 address)
  -6, --ipv6                 use IPv6 only
  -I, --interface IFACE|ADDR bind to a network interface (e.g. eth0) or a source address
  -v, --verbose              for ICMP errors, also show the decoded quoted packet and the sender
      --json                 JSON Lines on stdout: one "probe" object per probe, then a
                             "summary" (or one "fatal" object); messages go to stderr
  -h, --help                 show this help

Ctrl-C (or SIGTERM) stops early and still prints the statistics.

Exit codes:
  0  at least one reply
  1  no reply (timeouts, ICMP errors only, or this host has no IPv4/IPv6 to ping with)
  2  bad usage or input (unknown option, bad number, unresolvable or unusable target)
  3  ICMP not permitted: the kernel refused the ping socket (net.ipv4.ping_group_range);
     the message shows the current range, this process's groups and the fix
  4  internal failure (e.g. the native addon is missing or failed to load)

Examples:
  icmp-doctor ping 10.0.0.5
  icmp-doctor ping -c 3 --df -s 1400 10.0.0.5      # does a 1428-byte packet pass unfragmented?
  icmp-doctor ping -c 0 -i 200 --json host.internal
`;
