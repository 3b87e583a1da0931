// net.ipv4.ping_group_range as the kernel and cloudflared read it. Two rules decide whether a
// process may open an unprivileged ICMP socket, and they differ: the kernel admits the
// socket when the effective GID *or any supplementary group* is inside the range;
// cloudflared checks one GID before it even tries (its real GID up to 2024.3.x, its effective
// GID from 2024.4.0: cloudflared-version.ts), so a supplementary group inside the range does
// not save it.

import type { ConnectorKind, PingGroupRange } from '../../../contract/evidence';

export const PING_GROUP_RANGE_KEY = 'net.ipv4.ping_group_range';

/** The largest GID the range can hold (the kernel's GID_T_MAX, 2^31 - 1). */
export const MAX_PING_GID = 2147483647;

/** "0 2147483647": every group. */
export const EVERY_GROUP: PingGroupRange = { low: 0, high: MAX_PING_GID };

/** The GID of the `nonroot` user the cloudflared and Twingate connector images run as. */
export const CONNECTOR_IMAGE_GID = 65532;

/** As sysctl prints and takes it: "1 0". */
export function formatRange(range: PingGroupRange): string {
  return `${range.low} ${range.high}`;
}

/** "1 0" (the kernel default) admits nobody, root included. */
export function isEmptyRange(range: PingGroupRange): boolean {
  return range.low > range.high;
}

export function rangeAdmits(range: PingGroupRange, gid: number): boolean {
  return gid >= range.low && gid <= range.high;
}

export type AdmissionRule = 'kernel' | 'cloudflared';

/** cloudflared refuses on its own egid check; Twingate, Firezone and everything else meet the kernel's rule. */
export function admissionRuleFor(kind: ConnectorKind | null): AdmissionRule {
  return kind === 'cloudflared' ? 'cloudflared' : 'kernel';
}

export interface Admission {
  admitted: boolean;
  /** The groups the range admits (egid first), whether or not the rule lets them count. */
  admittedGroups: number[];
  /** cloudflared only: a supplementary group is inside, which the kernel would accept, but its egid is not. */
  onlySupplementaryAdmitted: boolean;
}

export function admission(range: PingGroupRange, egid: number, groups: readonly number[], rule: AdmissionRule): Admission {
  const admittedGroups = [...new Set([egid, ...groups])].filter((gid) => rangeAdmits(range, gid));
  const egidAdmitted = rangeAdmits(range, egid);
  const admitted = rule === 'cloudflared' ? egidAdmitted : admittedGroups.length > 0;
  return { admitted, admittedGroups, onlySupplementaryAdmitted: rule === 'cloudflared' && !egidAdmitted && admittedGroups.length > 0 };
}

/**
 * The smallest change that admits every GID in `gids`: the current range widened to include
 * them (so nobody it admits today loses access), or exactly their span when the range admits
 * nobody now. GIDs above MAX_PING_GID cannot be admitted at all and are left out.
 */
export function widenRange(current: PingGroupRange | null, gids: readonly number[]): PingGroupRange {
  const admissible = gids.filter((gid) => Number.isInteger(gid) && gid >= 0 && gid <= MAX_PING_GID);
  if (admissible.length === 0) return current && !isEmptyRange(current) ? current : EVERY_GROUP;
  const low = Math.min(...admissible);
  const high = Math.max(...admissible);
  if (!current || isEmptyRange(current)) return { low, high };
  return { low: Math.min(current.low, low), high: Math.max(current.high, high) };
}
