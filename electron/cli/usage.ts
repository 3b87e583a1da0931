// The --help texts. Kept apart from the parsing so wording changes touch one file.

import { DEPLOY_STYLES } from '../../contract/deploy';
import { MAX_SWEEP_ADDRESSES } from '../core/ping/cidr';
import { LIMITS, PING_DEFAULTS } from './arguments';
import { IMPORT_KINDS, PRODUCTS, TCP_PORT_LIMITS } from './check-arguments';
import { TRACE_DEFAULTS } from '../core/trace/run-trace';
import { TRACE_LIMITS } from './trace-arguments';

export const MAIN_USAGE = `Usage: icmp-doctor COMMAND [OPTIONS]

Finds out why ping fails through a zero-trust tunnel, proves it with real probes,
and says what to change.

Commands:
  ping TARGET… [OPTIONS]  send ICMP echo probes without root, to one target or a sweep of many
                          (addresses, host names, CIDR prefixes; see: icmp-doctor ping --help)
  trace TARGET [OPTIONS]  show the path hop by hop, mtr-style, without root: loss, RTT and the
                          ICMP error where a hop refuses (see: icmp-doctor trace --help)
  check [OPTIONS]         find out why ping fails through a tunnel: gather evidence, probe,
                          give a verdict per cause and the fixes (see: icmp-doctor check --help)

Options:
  -h, --help              show this help
  -V, --version           show the version

Exit codes of ping: 0 at least one reply, 1 no reply, 2 bad usage or input,
3 ICMP not permitted (net.ipv4.ping_group_range), 4 internal failure.
Exit codes of trace: 0 the target answered, 1 it did not, 2 bad usage or input,
3 ICMP not permitted, 4 internal failure.
Exit codes of check: 0 no finding failed, 1 at least one failed, 2 bad usage or input,
4 internal failure.
`;

export const PING_USAGE = `Usage: icmp-doctor ping TARGET... [-c COUNT] [-i INTERVAL_MS] [-W TIMEOUT_MS] [-t TTL]
                        [-s SIZE] [--df] [-4|-6] [-I IFACE_OR_ADDRESS] [-v] [-q] [-C COUNT] [--json]
                        [--socket auto|ping|raw] [--targets-file FILE] [--pace PACE_MS]

Sends ICMP echo requests to TARGET (an IP address or a host name) through unprivileged
ping sockets (or raw sockets, see --socket), and reports every reply, timeout and ICMP
error as it happens.

Many targets (a sweep): give several, a CIDR prefix (10.0.0.0/24: its hosts, without the
network and broadcast addresses; fd00::/120; at most ${MAX_SWEEP_ADDRESSES.toLocaleString('en-US')} addresses), or
--targets-file. Each target gets -c probes -i apart, all through one socket; lines read
like fping's ("10.0.0.5 : [1], 64 bytes, 0.12 ms (0.12 avg, 0% loss)"), then one statistics
line per target and the totals. Targets given twice are probed once (stderr says which).

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
  -v, --verbose              say which socket is used; for ICMP errors, also show the decoded
                             quoted packet and the sender
      --json                 JSON Lines on stdout: one "probe" object per probe, then a
                             "summary" (or one "fatal" object); messages go to stderr. Many
                             targets: every probe names its "target", a "summary" per target,
                             then one "sweep" line (targets, answered, unreachable, silent)
      --socket KIND          auto (default): a ping socket when net.ipv4.ping_group_range admits
                             this process, else a raw socket when it holds CAP_NET_RAW (root);
                             ping: ping sockets only; raw: raw sockets only (CAP_NET_RAW), which
                             also see ICMP errors a gateway did not translate back
  -q, --quiet                no per-probe lines, only the statistics
  -C COUNT                   like -c COUNT, and each target's statistics are its RTTs, one per
                             probe, "-" where none came back (fping -C; not in --json, whose
                             probe objects carry every RTT)
      --targets-file FILE    more targets, one per line (address, host name or CIDR prefix);
                             # starts a comment, blank lines are skipped; - reads stdin
      --pace MS              with many targets: at least MS between two probes of the sweep,
                             ${LIMITS.paceMs.min}-${LIMITS.paceMs.max}, fractions allowed (default ${PING_DEFAULTS.paceMs}: 10,000 probes a second);
                             targets start MS apart, and each target's -i is stretched to at
                             least TARGETS x MS so later rounds keep that pace
  -h, --help                 show this help

Ctrl-C (or SIGTERM) stops early and still prints the statistics (of every target).

Exit codes:
  0  at least one reply (from any target)
  1  no reply (timeouts, ICMP errors only, or this host has no IPv4/IPv6 to ping with)
  2  bad usage or input (unknown option, bad number, unresolvable or unusable target)
  3  ICMP not permitted: the kernel refused the ping socket (net.ipv4.ping_group_range);
     the message shows the current range, this process's groups and the fix; or
     --socket raw without CAP_NET_RAW
  4  internal failure (e.g. the native addon is missing or failed to load)

Examples:
  icmp-doctor ping 10.0.0.5
  icmp-doctor ping -c 3 --df -s 1400 10.0.0.5      # does a 1428-byte packet pass unfragmented?
  icmp-doctor ping -c 0 -i 200 --json host.internal
  icmp-doctor ping -q -c 1 -W 500 10.0.0.0/24      # which hosts of the range answer?
  icmp-doctor ping --json -c 3 --targets-file hosts.txt
`;

export const CHECK_USAGE = `Usage: icmp-doctor check [--target TARGET] [--tcp-port PORT] [--unreachable ADDR]
                         [--product ${PRODUCTS.join('|')}] [--deploy ${DEPLOY_STYLES.join('|')}] [--pid PID]
                         [--cloudflared-log FILE] [--cloudflared-config FILE] [--metrics URL]
                         [--cloudflare-account ID] [--connector-report FILE]... [--import KIND=FILE]...
                         [--json] [--report FILE.json|FILE.html|FILE.md] [--lang en|ja]
                         [--socket auto|ping|raw]
       icmp-doctor check --connector [--product P] [--cloudflared-log FILE] [--json] [--report FILE.json]

Finds out why ping fails through a zero-trust tunnel (Cloudflare, Twingate, Firezone, a
Calico-policed cluster): examines this machine and the connectors on it, probes the target
(TCP, ICMP echo, path MTU, whether ICMP errors come back), then gives a verdict per cause
with the evidence that decided it, and the exact change that fixes each one that failed.

What to examine:
      --target TARGET          the private resource that does not answer ping (IP or host name)
      --tcp-port PORT          a TCP port TARGET serves (${TCP_PORT_LIMITS.min}-${TCP_PORT_LIMITS.max}): tells "ICMP blocked" from "host down"
      --unreachable ADDR       an address that should be unreachable, to see ICMP errors come back
                               (default: TTL-limited probes toward TARGET; also --unreachable-target)
      --product PRODUCT        the tunnel: ${PRODUCTS.join(', ')} (default: generic, or
                               cloudflare when a Cloudflare option below is given)
      --deploy STYLE           how the connector runs: ${DEPLOY_STYLES.join(', ')}; its fixes come
                               first (default: detected from the evidence, else unknown)
      --pid PID                the connector process to examine, when several run here (e.g. from
                               pgrep -a cloudflared; default: every connector found)
      --socket KIND            the ICMP socket the probes use: auto (default: ping sockets, else raw
                               with CAP_NET_RAW), ping, or raw (CAP_NET_RAW; also sees ICMP errors a
                               gateway did not translate back)

Evidence to read (Cloudflare):
      --cloudflared-log FILE   cloudflared's log (plain or --output json)
      --cloudflared-config FILE  cloudflared's config.yml (default: the running process's, or the usual places)
      --metrics URL            cloudflared's metrics server (default: where the process listens, then
                               a scan of 127.0.0.1:20241-20245)
      --cloudflare-account ID  the account id (32 hex characters) whose Zero Trust ICMP proxy setting
                               to read; the API token comes only from CLOUDFLARE_API_TOKEN
                               (CLOUDFLARE_API_BASE overrides https://api.cloudflare.com/client/v4)

Evidence from elsewhere:
      --connector-report FILE  a report made on the connector host with \`check --connector\` (repeatable)
      --import KIND=FILE       pasted output saved to a file (repeatable); KIND is one of
                               ${IMPORT_KINDS.join(', ')}

Output:
      --json                   one line on stdout: {"type":"report",…} (the report); nothing else on
                               stdout, no progress on stderr
      --report FILE            also write the report, atomically; the extension picks the format:
                               .json, .html (self-contained, printable) or .md (for a ticket)
      --lang LANG              the language of the verdicts, fixes and report: en or ja
                               (default: from LC_ALL, LC_MESSAGES, LANG; "C" means en)
  -h, --help                   show this help

Connector mode (run it on the connector host, as root to see every process and namespace):
      --connector              gather only this host's evidence (the machine, connector processes with
                               their groups and the ping_group_range of their network namespace,
                               cloudflared's flags, config, log and metrics) into a connector report,
                               written with --report FILE.json or printed with --json; then import it
                               where the check runs: icmp-doctor check --connector-report FILE

Progress goes to stderr; the verdicts, then the fixes (commands, files and YAML ready to paste)
go to stdout. Ctrl-C (or SIGTERM) cancels and still prints the verdicts so far, marked as
cancelled; a second Ctrl-C exits at once. The API token is never printed or written anywhere.

Exit codes:
  0    no finding failed (each passed, warned, was skipped or could not be decided)
  1    at least one finding failed: a cause was found; its fixes are printed
  2    bad usage or input (unknown option, bad value, a file that is missing or unreadable,
       an import that cannot be parsed, a report that cannot be written, an unresolvable target)
  4    internal failure (e.g. the native addon is missing or failed to load)
  130  cancelled by Ctrl-C (143: by SIGTERM); the verdicts so far were printed

Examples:
  icmp-doctor check --target 10.0.0.5 --tcp-port 22
  CLOUDFLARE_API_TOKEN=… icmp-doctor check --target 10.0.0.5 --tcp-port 443 \\
      --cloudflare-account 0123456789abcdef0123456789abcdef --report report.html
  sudo icmp-doctor check --connector --report connector.json     # on the connector host
  icmp-doctor check --target 10.0.0.5 --connector-report connector.json --json
`;

export const TRACE_USAGE = `Usage: icmp-doctor trace TARGET [-4|-6] [--max-hops N] [-q PROBES_PER_HOP] [-W TIMEOUT_MS]
                         [-s SIZE] [--df] [--json]

Shows the path to TARGET (an IP address or a host name) hop by hop, like mtr's report mode:
echo probes with TTL 1, 2, 3… through unprivileged ping sockets, ${TRACE_DEFAULTS.window} TTLs at a time and
every hop's probes at once. Stops at the target's reply, at a hop that answers with an ICMP
error other than "time exceeded" (its name is shown), or after ${TRACE_DEFAULTS.silentRun} hops in a row that
answer nothing.

Options:
  -4, -6                     use IPv4 / IPv6 for a host name (default: the first address it resolves to)
  -m, --max-hops N           highest TTL to try, ${TRACE_LIMITS.maxHops.min}-${TRACE_LIMITS.maxHops.max} (default ${TRACE_DEFAULTS.maxHops})
  -q, --probes N             probes per hop, sent at once, ${TRACE_LIMITS.probesPerHop.min}-${TRACE_LIMITS.probesPerHop.max} (default ${TRACE_DEFAULTS.probesPerHop})
  -W, --timeout MS           milliseconds to wait for each answer, ${TRACE_LIMITS.timeoutMs.min}-${TRACE_LIMITS.timeoutMs.max} (default ${TRACE_DEFAULTS.timeoutMs})
  -s, --size SIZE            ICMP payload bytes, 0-${LIMITS.size.max[4]} for IPv4, 0-${LIMITS.size.max[6]} for IPv6 (default ${TRACE_DEFAULTS.size})
      --df                   set Don't Fragment: a hop whose next link is too small says its MTU
      --json                 JSON Lines: one "hop" object per TTL, then a "summary"
  -h, --help                 show this help

Columns: Loss% of the probes at that TTL, Snt sent, Last/Avg/Best/Wrst RTT in ms; ??? is a
hop that answered nothing. Ctrl-C prints the hops so far.

Exit codes: 0 the target answered, 1 it did not, 2 bad usage or input,
3 ICMP not permitted (net.ipv4.ping_group_range), 4 internal failure.
`;
