// Firewall rules for the node that drops or refuses ICMP: allow echo requests through it, let
// the ICMP errors that make failures fast and path MTU discovery work pass, and, where a
// black hole cannot be fixed at its source, clamp TCP's MSS so TCP at least avoids it.

import type { Remediation } from '../../../contract/findings';
import { shellAnd, shellCommand } from './shell';

function where(node: string | null): string {
  return node ? `on the firewall or router at ${node}` : 'on the firewall or router that drops it';
}

export function allowEchoRemediation(node: string | null): Remediation[] {
  return [
    {
      id: 'allow-echo.iptables',
      deploy: [],
      title: `Allow ping through ${where(node)} (iptables; use INPUT instead of FORWARD if it is the target itself)`,
      kind: 'command',
      text: shellAnd([
        shellCommand(['sudo', 'iptables', '-I', 'FORWARD', '-p', 'icmp', '--icmp-type', 'echo-request', '-j', 'ACCEPT']),
        shellCommand(['sudo', 'ip6tables', '-I', 'FORWARD', '-p', 'ipv6-icmp', '--icmpv6-type', 'echo-request', '-j', 'ACCEPT']),
      ]),
    },
    {
      id: 'allow-echo.nftables',
      deploy: [],
      title: `The same with nftables ${where(node)} (table inet filter, chain forward)`,
      kind: 'command',
      text: shellAnd([
        shellCommand(['sudo', 'nft', 'insert', 'rule', 'inet', 'filter', 'forward', 'icmp', 'type', 'echo-request', 'accept']),
        shellCommand(['sudo', 'nft', 'insert', 'rule', 'inet', 'filter', 'forward', 'icmpv6', 'type', 'echo-request', 'accept']),
      ]),
    },
  ];
}

export function allowIcmpErrorsRemediation(node: string | null): Remediation[] {
  return [
    {
      id: 'allow-icmp-errors.iptables',
      deploy: [],
      title: `Let ICMP errors through ${where(node)}: unreachable, time exceeded, packet too big (iptables)`,
      kind: 'command',
      text: shellAnd([
        shellCommand(['sudo', 'iptables', '-I', 'FORWARD', '-p', 'icmp', '--icmp-type', 'destination-unreachable', '-j', 'ACCEPT']),
        shellCommand(['sudo', 'iptables', '-I', 'FORWARD', '-p', 'icmp', '--icmp-type', 'time-exceeded', '-j', 'ACCEPT']),
        shellCommand(['sudo', 'ip6tables', '-I', 'FORWARD', '-p', 'ipv6-icmp', '--icmpv6-type', 'destination-unreachable', '-j', 'ACCEPT']),
        shellCommand(['sudo', 'ip6tables', '-I', 'FORWARD', '-p', 'ipv6-icmp', '--icmpv6-type', 'packet-too-big', '-j', 'ACCEPT']),
        shellCommand(['sudo', 'ip6tables', '-I', 'FORWARD', '-p', 'ipv6-icmp', '--icmpv6-type', 'time-exceeded', '-j', 'ACCEPT']),
      ]),
    },
    {
      id: 'allow-icmp-errors.nftables',
      deploy: [],
      title: `The same with nftables ${where(node)} (table inet filter, chain forward)`,
      kind: 'command',
      text: shellAnd([
        shellCommand(['sudo', 'nft', 'insert', 'rule', 'inet', 'filter', 'forward', 'icmp', 'type', '{ destination-unreachable, time-exceeded }', 'accept']),
        shellCommand(['sudo', 'nft', 'insert', 'rule', 'inet', 'filter', 'forward', 'icmpv6', 'type', '{ destination-unreachable, packet-too-big, time-exceeded }', 'accept']),
      ]),
    },
  ];
}

/** When the black hole is outside your control: TCP then sizes its segments to the route's MTU. */
export function clampMssCommand(): string {
  return shellAnd([
    shellCommand(['sudo', 'iptables', '-t', 'mangle', '-I', 'FORWARD', '-p', 'tcp', '--tcp-flags', 'SYN,RST', 'SYN', '-j', 'TCPMSS', '--clamp-mss-to-pmtu']),
    shellCommand(['sudo', 'ip6tables', '-t', 'mangle', '-I', 'FORWARD', '-p', 'tcp', '--tcp-flags', 'SYN,RST', 'SYN', '-j', 'TCPMSS', '--clamp-mss-to-pmtu']),
  ]);
}


export function clampMssRemediation(): Remediation {
  return { id: 'path-mtu.clamp-mss', deploy: [], title: 'If the black hole is outside your control: clamp TCP MSS to the path MTU on the router or connector host', kind: 'command', text: clampMssCommand() };
}
