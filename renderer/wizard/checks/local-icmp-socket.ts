// local-icmp-socket: may this machine open unprivileged ICMP sockets? If not, our own probes
// cannot run, and the fix is the same sysctl a connector needs: ping_group_range must admit
// one of this process's groups.

import type { Evidence, Identity, PingGroupRange, SocketCapability } from '../../../contract/evidence';
import type { Finding, FindingEvidence } from '../../../contract/findings';
import type { CheckInputs } from '../../../contract/inputs';
import { thisMachineRangeRemediation } from '../remediation/ping-group-range';
import type { Message } from '../../../contract/message';
import { msg } from '../../i18n/messages/message';
import { cite, citeFailure } from './cite';
import { finding } from './finding';
import { PING_GROUP_RANGE_KEY, admission, formatRange, isEmptyRange, widenRange } from './ping-range';

const ID = 'local-icmp-socket';

/** errnos that mean "this address family is not here", not "you may not". */
const FAMILY_MISSING = new Set(['EAFNOSUPPORT', 'EPROTONOSUPPORT', 'EADDRNOTAVAIL']);
const REFUSED = new Set(['EACCES', 'EPERM']);

/** Our groups, as a summary names them. */
function describeGroups(identity: Identity): Message {
  return msg('local-icmp-socket.groups', { egid: identity.egid, groups: identity.groups });
}

function quotedRange(range: PingGroupRange): Message {
  return msg('ping-range.quoted', { range: formatRange(range), empty: isEmptyRange(range) });
}

export function checkLocalIcmpSocket(evidence: Evidence, _inputs: CheckInputs): Finding {
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
  const { v4, v6 } = capability.value;
  const sockets = msg('local-icmp-socket.sockets', { v4Allowed: v4.allowed, v4Errno: v4.errno ?? null, v6Allowed: v6.allowed, v6Errno: v6.errno ?? null });
  const cited: FindingEvidence[] = [cite(capability, sockets)];
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
    // remediation/ still takes the reason as English words; pass `why` itself once it takes a Message.
    thisMachineRangeRemediation(suggested, why),
  );
}
