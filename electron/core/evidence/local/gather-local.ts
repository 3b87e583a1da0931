// Everything about this host that the checks need: host facts, who we are, the
// ping_group_range of our network namespace, and whether ICMP sockets open for us.

import type { LocalEvidence } from '../../../../contract/evidence';
import { msg } from '../../../../renderer/i18n/messages/message';
import { notGathered } from '../gathered';
import { gatherHostFacts } from './host-facts';
import { gatherNativeParts } from './native-capability';
import { PING_GROUP_RANGE_PATH, readOwnPingGroupRange } from './ping-group-range';

export interface GatherLocalOptions {
  signal?: AbortSignal;
}

function cancelled(): LocalEvidence {
  const message = msg('gather.local.cancelled');
  return {
    host: notGathered('CANCELLED', message, msg('source.this-host')),
    identity: notGathered('CANCELLED', message, msg('source.this-process')),
    pingGroupRange: notGathered('CANCELLED', message, PING_GROUP_RANGE_PATH),
    capability: notGathered('CANCELLED', message, msg('source.this-process')),
  };
}

/** Gathers each part independently: one that fails (say, no addon) leaves the others intact. Never throws. */
export async function gatherLocal(options: GatherLocalOptions = {}): Promise<LocalEvidence> {
  if (options.signal?.aborted) return cancelled();
  const [host, pingGroupRange] = await Promise.all([gatherHostFacts(), readOwnPingGroupRange()]);
  // probeCapability is synchronous and quick (two socket() calls and a file read).
  const native = gatherNativeParts();
  return { host, identity: native.identity, pingGroupRange, capability: native.capability };
}
