// What iputils `ping` (20221126, Debian 12) prints for each scenario: the familiar reference the
// lab is checked against, and a cross-check for the product's own probes.
import type { IcmpErrorName, Scenario } from './scenarios';

/** iputils' wording per error (ping/ping4_common.c, ping/ping6_common.c), as observed in the lab. */
export function iputilsErrorText(name: IcmpErrorName, mtu: number | null): string {
  switch (name) {
    case 'communication-administratively-prohibited':
      return 'Packet filtered';
    case 'host-unreachable':
      return 'Destination Host Unreachable';
    case 'net-unreachable':
      return 'Destination Net Unreachable';
    case 'fragmentation-needed':
      return `Frag needed and DF set (mtu = ${mtu})`;
    case 'ttl-exceeded':
      return 'Time to live exceeded';
    case 'administratively-prohibited':
      return 'Destination unreachable: Administratively prohibited';
    case 'no-route':
      return 'Destination unreachable: No route';
    case 'address-unreachable':
      return 'Destination unreachable: Address unreachable';
    case 'packet-too-big':
      return `Packet too big: mtu=${mtu}`;
    case 'hop-limit-exceeded':
      return 'Time exceeded: Hop limit';
  }
}

/** argv of one iputils ping probe for a scenario (numeric output, one probe, waits scenario.waitMs). */
export function pingArgv(s: Scenario, count = 1): string[] {
  const argv = ['ping', s.family === 4 ? '-4' : '-6', '-n', '-c', String(count), '-W', String(Math.ceil(s.waitMs / 1000))];
  if (s.probe.ttl !== undefined) argv.push('-t', String(s.probe.ttl));
  if (s.probe.size !== undefined) argv.push('-s', String(s.probe.size));
  if (s.probe.df) argv.push('-M', 'do');
  argv.push(s.target);
  return argv;
}

export interface IputilsExpectation {
  exitCode: number;
  /** Must match stdout (or stderr for socket-denied). */
  output: RegExp;
  stream: 'stdout' | 'stderr';
  /** Must not match stdout. */
  notOutput?: RegExp;
}

const escape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** What one probe (pingArgv with count 1) must print and exit with. */
export function iputilsExpectation(s: Scenario): IputilsExpectation {
  const e = s.expect;
  switch (e.status) {
    case 'reply':
      return { exitCode: 0, stream: 'stdout', output: new RegExp(`bytes from ${escape(e.from)}: icmp_seq=1 ttl=\\d+ time=[\\d.]+ ms`) };
    case 'timeout':
      return {
        exitCode: 1,
        stream: 'stdout',
        output: /1 packets transmitted, 0 received, 100% packet loss/,
        notOutput: /errors|From /,
      };
    case 'icmp-error':
      return {
        exitCode: 1,
        stream: 'stdout',
        output: new RegExp(`From ${escape(e.error.from)} icmp_seq=1 ${escape(iputilsErrorText(e.error.name, e.error.mtu))}`),
      };
    case 'socket-denied':
      // iputils tries the ping socket, gets EACCES, falls back to a raw socket and, without
      // CAP_NET_RAW, gets EPERM: "ping: socket: Operation not permitted" and a hint.
      return { exitCode: 2, stream: 'stderr', output: /socket: Operation not permitted[\s\S]*missing cap_net_raw/ };
  }
}

/** RTT of the reply line "… time=12.3 ms", or null. */
export function parseRttMs(stdout: string): number | null {
  const m = /time=([\d.]+) ms/.exec(stdout);
  return m?.[1] === undefined ? null : Number(m[1]);
}
