// local-icmp-socket: may this machine open unprivileged ICMP sockets? If not, our own probes
// cannot run, and the fix is the same sysctl a connector needs: ping_group_range must admit
// one of this process's groups — unless this process holds CAP_NET_RAW (root): it then
// probes through raw sockets, which ignore the range, and the finding passes for this
// process while saying that an unprivileged one here (a connector) could not. Root is never
// told to change a host sysctl just to run the diagnostic.

import type { Evidence, Identity, PingGroupRange, SocketCapability } from '../../../contract/evidence';
import type { Finding, FindingEvidence } from '../../../contract/findings';
import type { CheckInputs } from '../../../contract/inputs';
import { thisMachineRangeRemediation } from '../remediation/ping-group-range';
import type { Message } from '../../../contract/message';
import { msg } from '../../i18n/messages/message';
import { cite, citedMessage, citeFailure } from './cite';
import { finding } from './finding';
import { PING_GROUP_RANGE_KEY, admission, formatRange, isEmptyRange, widenRange } from './ping-range';
import { runPrivilegedRemediation } from './raw-socket-fixes';
import { isWindowsHost } from './windows-host';

const ID = 'local-icmp-socket';

/** errnos that mean "this address family is not here", not "you may not". */
const FAMILY_MISSING = new Set(['EAFNOSUPPORT', 'EPROTONOSUPPORT', 'EADDRNOTAVAIL']);
const REFUSED = new Set(['EACCES', 'EPERM']);

/** Windows' errors for "this API is not here" (no IPv6 stack; Wine's Icmp6CreateFile stub), not "you may not". */
const WINDOWS_NOT_AVAILABLE = new Set(['ERROR_NOT_SUPPORTED', 'ERROR_CALL_NOT_IMPLEMENTED', 'WSAEAFNOSUPPORT']);

/**
 * Windows: probes go through its ICMP API, which needs no privilege and has no
 * ping_group_range; the capability is whether IcmpCreateFile / Icmp6CreateFile gave a handle.
 * Neither the range, SELinux/AppArmor nor socket(AF_INET…) means anything there.
 */
function checkWindowsHandles(capability: SocketCapability): Finding {
  const { v4, v6 } = capability;
  const handles = msg('windows.local.handles', { v4Allowed: v4.allowed, v4Errno: v4.errno ?? null, v6Allowed: v6.allowed, v6Errno: v6.errno ?? null });
  const cited = [cite(citedMessage(msg('windows.source.icmp-api')), handles)];
  if (!v4.allowed) return finding(ID, 'fail', msg('windows.local.v4-refused', { errno: v4.errno ?? null }), cited);
  if (v6.allowed) return finding(ID, 'pass', msg('windows.local.both-open'), cited);
  if (v6.errno && WINDOWS_NOT_AVAILABLE.has(v6.errno)) return finding(ID, 'pass', msg('windows.local.no-ipv6', { errno: v6.errno }), cited);
  return finding(ID, 'warn', msg('windows.local.v6-refused', { errno: v6.errno ?? null }), cited);
}

/** Our groups, as a summary names them. */
function describeGroups(identity: Identity): Message {
  return msg('local-icmp-socket.groups', { egid: identity.egid, groups: identity.groups });
}

function quotedRange(range: PingGroupRange): Message {
  return msg('ping-range.quoted', { range: formatRange(range), empty: isEmptyRange(range) });
}

/** Cited: what opening raw sockets gave (absent in evidence gathered before raw sockets existed). */
function rawSockets(capability: SocketCapability): Message | null {
  const raw = capability.raw;
  if (!raw) return null;
  return msg('raw-socket.local.raw-sockets', {
    v4Allowed: raw.v4.allowed,
    v4Errno: raw.v4.errno ?? null,
    v6Allowed: raw.v6.allowed,
    v6Errno: raw.v6.errno ?? null,
    capNetRaw: capability.capNetRaw ?? null,
  });
}

export function checkLocalIcmpSocket(evidence: Evidence, inputs: CheckInputs): Finding {
  const local = evidence.local;
  if (!local) {
    return finding(ID, 'unknown', msg('local-icmp-socket.not-examined'));
  }
  const { capability, identity, pingGroupRange } = local;
  if (!capability.ok) {
    return finding(
      ID,
      'unknown',
      msg('local-icmp-socket.probe-failed', { code: capability.code }),
      [citeFailure(capability)],
    );
  }
  if (isWindowsHost(evidence)) return checkWindowsHandles(capability.value);
  const { v4, v6 } = capability.value;
  const sockets = msg('local-icmp-socket.sockets', { v4Allowed: v4.allowed, v4Errno: v4.errno ?? null, v6Allowed: v6.allowed, v6Errno: v6.errno ?? null });
  const cited: FindingEvidence[] = [cite(capability, sockets)];
  const raw = rawSockets(capability.value);
  if (raw) cited.push(cite(capability, raw));
  const range: PingGroupRange | null = pingGroupRange.ok ? pingGroupRange.value : null;
  const id: Identity | null = identity.ok ? identity.value : null;
  // "net.ipv4.ping_group_range = 1 0" is what `sysctl` itself prints: quoted as it is.
  cited.push(pingGroupRange.ok ? cite(pingGroupRange, `${PING_GROUP_RANGE_KEY} = ${formatRange(pingGroupRange.value)}`) : citeFailure(pingGroupRange));
  cited.push(
    identity.ok
      ? cite(identity, msg('local-icmp-socket.identity', { uid: identity.value.uid, egid: identity.value.egid, groups: identity.value.groups }))
      : citeFailure(identity),
  );

  if (v4.allowed) {
    if (v6.allowed) return finding(ID, 'pass', msg('local-icmp-socket.both-allowed'), cited);
    if (v6.errno && FAMILY_MISSING.has(v6.errno)) {
      return finding(ID, 'pass', msg('local-icmp-socket.no-ipv6', { errno: v6.errno }), cited);
    }
    return finding(ID, 'warn', msg('local-icmp-socket.v6-refused', { errno: v6.errno ?? null }), cited);
  }

  // Ping sockets refused, raw sockets open (CAP_NET_RAW): this process probes anyway, unless
  // the run was told to use ping sockets only.
  if (REFUSED.has(v4.errno ?? 'EACCES') && capability.value.raw?.v4.allowed && inputs.socket !== 'ping') {
    return finding(
      ID,
      'pass',
      msg('raw-socket.local.raw-probes', { range: range ? quotedRange(range) : null, groups: id ? describeGroups(id) : null }),
      cited,
    );
  }

  if (v4.errno && !REFUSED.has(v4.errno)) {
    const noDatagramSockets = v4.errno === 'EAFNOSUPPORT' || v4.errno === 'EPROTONOSUPPORT';
    return finding(ID, 'fail', msg('local-icmp-socket.v4-error', { errno: v4.errno, noDatagramSockets }), cited);
  }

  if (range && id) {
    const verdict = admission(range, id.egid, id.groups, 'kernel');
    if (verdict.admitted) {
      return finding(
        ID,
        'fail',
        msg('local-icmp-socket.refused-though-admitted', {
          errno: v4.errno ?? 'EACCES',
          range: formatRange(range),
          admitted: verdict.admittedGroups,
          groups: describeGroups(id),
        }),
        cited,
      );
    }
  }

  const suggested = widenRange(range, id ? [id.egid] : []);
  const why = id ? msg('local-icmp-socket.fix-reason.own-group', { gid: id.egid }) : msg('local-icmp-socket.fix-reason.every-group');
  return finding(
    ID,
    'fail',
    msg('local-icmp-socket.refused', { errno: v4.errno ?? 'EACCES', range: range ? quotedRange(range) : null, groups: id ? describeGroups(id) : null }),
    cited,
    // Running the diagnostic itself privileged changes nothing on the host: the alternative,
    // unless this process already is root (then it lacks CAP_NET_RAW, and sudo cannot help).
    [...thisMachineRangeRemediation(suggested, why), ...(id && id.euid === 0 ? [] : [runPrivilegedRemediation(inputs)])],
  );
}
