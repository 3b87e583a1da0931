// net.ipv4.ping_group_range: the GIDs the kernel lets open unprivileged ICMP ("ping")
// sockets, per network namespace. Read here from /proc for our own namespace; the value
// syntax ("1\t0") is parsed here for every other reader too (connectors, pasted sysctl).

import { readFile } from 'node:fs/promises';
import type { Gathered, PingGroupRange } from '../../../../contract/evidence';
import { ok } from '../../../../contract/result';
import type { Ok } from '../../../../contract/result';
import type { Message } from '../../../../contract/message';
import { msg } from '../../../../renderer/i18n/messages/message';
import { errnoOf, describeError, gathered, notGathered, refusal } from '../gathered';
import type { Refusal } from '../gathered';

export const PING_GROUP_RANGE_SYSCTL = 'net.ipv4.ping_group_range';
export const PING_GROUP_RANGE_PATH = '/proc/sys/net/ipv4/ping_group_range';

/** gid_t is 32 bits; the kernel stores the range as two of them. */
const MAX_GID = 4294967295;

/**
 * Parses the sysctl's value: two decimal GIDs separated by blanks ("1\t0", "0 2147483647").
 * `low > high` is valid and means "no group" (the default "1 0").
 */
export function parsePingGroupRangeValue(text: string): Ok<PingGroupRange> | Refusal<'UNPARSEABLE'> {
  const trimmed = text.trim();
  const match = /^(\d{1,10})[ \t]+(\d{1,10})$/.exec(trimmed);
  if (!match) {
    const shown = trimmed.length > 40 ? `${trimmed.slice(0, 40)}…` : trimmed;
    return refusal('UNPARSEABLE', msg('gather.range.bad-value', { value: shown }));
  }
  const low = Number(match[1]);
  const high = Number(match[2]);
  if (low > MAX_GID || high > MAX_GID) {
    return refusal('UNPARSEABLE', msg('gather.range.gid-too-large', { value: trimmed, max: MAX_GID }));
  }
  return ok({ low, high });
}

/** Whether the range admits `gid` (an empty range such as "1 0" admits nobody, root included). */
export function rangeAdmits(range: PingGroupRange, gid: number): boolean {
  return range.low <= gid && gid <= range.high;
}

/** Reads and parses a ping_group_range file; `source` describes it for evidence. */
export async function readPingGroupRangeFile(path: string, source: string | Message): Promise<Gathered<PingGroupRange>> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    const errno = errnoOf(error);
    if (errno === 'ENOENT') {
      return notGathered('NOT_FOUND', msg('gather.range.missing', { path }), source);
    }
    if (errno === 'EACCES' || errno === 'EPERM') {
      return notGathered('PERMISSION_DENIED', msg('gather.range.denied', { path, errno }), source);
    }
    return notGathered('FAILED', msg('gather.range.unreadable', { path, detail: describeError(error) }), source);
  }
  const parsed = parsePingGroupRangeValue(text);
  return parsed.ok ? gathered(parsed.value, source) : notGathered('UNPARSEABLE', msg('gather.range.unparseable', { path, problem: parsed.reason }), source);
}

/** ping_group_range of this process's network namespace. */
export async function readOwnPingGroupRange(): Promise<Gathered<PingGroupRange>> {
  if (process.platform !== 'linux') {
    return notGathered('NOT_APPLICABLE', msg('gather.range.not-linux', { sysctl: PING_GROUP_RANGE_SYSCTL, platform: process.platform }), PING_GROUP_RANGE_PATH);
  }
  return readPingGroupRangeFile(PING_GROUP_RANGE_PATH, PING_GROUP_RANGE_PATH);
}
