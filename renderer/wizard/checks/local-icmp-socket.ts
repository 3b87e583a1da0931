// local-icmp-socket: may this machine open unprivileged ICMP sockets? If not, our own probes
// cannot run, and the fix is the same sysctl a connector needs: ping_group_range must admit
// one of this process's groups.

import type { Evidence, Identity, PingGroupRange, SocketCapability } from '../../../contract/evidence';
import type { Finding, FindingEvidence } from '../../../contract/findings';
import type { CheckInputs } from '../../../contract/inputs';
import { thisMachineRangeRemediation } from '../remediation/ping-group-range';
import { cite, citeFailure } from './cite';
import { finding } from './finding';
import { PING_GROUP_RANGE_KEY, admission, formatRange, isEmptyRange, widenRange } from './ping-range';

const ID = 'local-icmp-socket';

/** errnos that mean "this address family is not here", not "you may not". */
const FAMILY_MISSING = new Set(['EAFNOSUPPORT', 'EPROTONOSUPPORT', 'EADDRNOTAVAIL']);
const REFUSED = new Set(['EACCES', 'EPERM']);

function describeSocket(name: string, socket: SocketCapability['v4']): string {
  return `${name} ${socket.allowed ? 'allowed' : `refused (${socket.errno ?? 'no errno'})`}`;
}

function describeGroups(identity: Identity): string {
  return `egid ${identity.egid}; supplementary groups: ${identity.groups.length > 0 ? identity.groups.join(', ') : 'none'}`;
}

export function checkLocalIcmpSocket(evidence: Evidence, _inputs: CheckInputs): Finding {
  const local = evidence.local;
  if (!local) {
    return finding(ID, 'unknown', 'This machine has not been examined: run the "This machine" step (icmp-doctor check does it first), which opens a test ICMP socket.');
  }
  const { capability, identity, pingGroupRange } = local;
  if (!capability.ok) {
    return finding(
      ID,
      'unknown',
      `Whether this machine may open ICMP sockets is not known: the socket probe did not run (${capability.code}). \`icmp-doctor ping 127.0.0.1\` shows the kernel's answer.`,
      [citeFailure(capability)],
    );
  }
  const { v4, v6 } = capability.value;
  const cited: FindingEvidence[] = [cite(capability.source, `${describeSocket('ICMPv4', v4)}, ${describeSocket('ICMPv6', v6)}`)];
  const range: PingGroupRange | null = pingGroupRange.ok ? pingGroupRange.value : null;
  const id: Identity | null = identity.ok ? identity.value : null;
  cited.push(pingGroupRange.ok ? cite(pingGroupRange.source, `${PING_GROUP_RANGE_KEY} = ${formatRange(pingGroupRange.value)}`) : citeFailure(pingGroupRange));
  cited.push(identity.ok ? cite(identity.source, `uid ${identity.value.uid}, ${describeGroups(identity.value)}`) : citeFailure(identity));

  if (v4.allowed) {
    if (v6.allowed) return finding(ID, 'pass', 'This machine may open unprivileged ICMPv4 and ICMPv6 sockets: our probes can run.', cited);
    if (v6.errno && FAMILY_MISSING.has(v6.errno)) {
      return finding(ID, 'pass', `This machine may open unprivileged ICMP sockets; IPv6 is not available here (${v6.errno}), so only IPv4 targets can be probed.`, cited);
    }
    return finding(
      ID,
      'warn',
      `ICMPv4 sockets open but ICMPv6 is refused (${v6.errno ?? 'no errno'}) although the same range governs both: a security module (SELinux, AppArmor) or seccomp filter is refusing IPv6 ICMP.`,
      cited,
    );
  }

  if (v4.errno && !REFUSED.has(v4.errno)) {
    return finding(ID, 'fail', `This machine cannot open ICMPv4 sockets (${v4.errno}): ${v4.errno === 'EAFNOSUPPORT' || v4.errno === 'EPROTONOSUPPORT' ? 'the kernel has no ICMP datagram sockets (Linux before 3.0, or a sandbox)' : 'the kernel gave an unexpected error'}.`, cited);
  }

  if (range && id) {
    const verdict = admission(range, id.egid, id.groups, 'kernel');
    if (verdict.admitted) {
      return finding(
        ID,
        'fail',
        `The kernel refused an unprivileged ICMP socket (${v4.errno ?? 'EACCES'}) although ${PING_GROUP_RANGE_KEY} "${formatRange(range)}" admits group ${verdict.admittedGroups.join(', ')} (${describeGroups(id)}): something else refuses it — a security module (SELinux, AppArmor), a seccomp filter or the container runtime.`,
        cited,
      );
    }
  }

  const suggested = widenRange(range, id ? [id.egid] : []);
  const rangeText = range ? `"${formatRange(range)}"${isEmptyRange(range) ? ' (admits nobody, root included)' : ''}` : 'unreadable';
  const reason = id ? `the current range widened just enough to admit this process's group ${id.egid}` : 'every group, since our groups are unknown';
  return finding(
    ID,
    'fail',
    `The kernel refused an unprivileged ICMP socket (${v4.errno ?? 'EACCES'}): ${PING_GROUP_RANGE_KEY} is ${rangeText} in this network namespace and admits none of this process's groups (${id ? describeGroups(id) : 'groups unknown'}). Our ICMP probes cannot run until it does.`,
    cited,
    thisMachineRangeRemediation(suggested, reason),
  );
}
