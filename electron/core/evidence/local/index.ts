// Evidence about this host: OS and kernel, who we are, ping_group_range of our network
// namespace, and whether the kernel lets us open ICMP sockets.

export { gatherLocal } from './gather-local';
export type { GatherLocalOptions } from './gather-local';
export { PING_GROUP_RANGE_PATH, PING_GROUP_RANGE_SYSCTL, parsePingGroupRangeValue, rangeAdmits } from './ping-group-range';
export { gathered, notGathered } from '../gathered';
