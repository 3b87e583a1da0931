// The order in which causes are fixed: the report's `causes` and every causes block follow it.
// It also keeps the rules acyclic: a cause always comes before the symptoms it explains
// (rules.test.ts checks that), so explanations resolve in one pass along this list.

import type { FindingId } from '../../../contract/findings';

/** Every id the cause model reasons about: every finding. */
export type CauseModelId = FindingId;

/**
 * Why this order:
 * 1. local-icmp-socket — this machine must open ICMP sockets, or no probe runs and every
 *    path verdict below is a guess: fix it first, then diagnose.
 * 2. route-through-tunnel — on this machine too: a target that is not routed into the tunnel
 *    never reaches the connector, so nothing changed there would be exercised.
 * 3. tunnel-connection — a tunnel with no registered connection carries nothing; the
 *    connector's ICMP settings matter only once it is up.
 * 4. connector-gid-range — on the connector host, before its restart: cloudflared reads
 *    ping_group_range only when it starts, so widening it first lets the restart that the
 *    transport change needs pick up both.
 * 5. tunnel-transport — the connector's protocol (QUIC carries ICMP, HTTP/2 does not):
 *    a config change and a restart.
 * 6. icmp-proxy — a dashboard toggle, no restart: after the connector can proxy ICMP at all.
 * 7. icmp-policy — firewalls and policies on the path, once the tunnel carries ICMP.
 * 8. icmp-error-transparency — errors coming back matter once echo itself passes.
 * 9. path-mtu — the size limit of a path that otherwise works.
 * 10. tcp-vs-icmp — an observation ("TCP works, echo vanishes"): a cause only when nothing
 *    above explains it, so it is fixed (re-tested) last.
 */
export const FIX_ORDER: readonly CauseModelId[] = [
  'local-icmp-socket',
  'route-through-tunnel',
  'tunnel-connection',
  'connector-gid-range',
  'tunnel-transport',
  'icmp-proxy',
  'icmp-policy',
  'icmp-error-transparency',
  'path-mtu',
  'tcp-vs-icmp',
];

/** Position in FIX_ORDER; an id it does not know (a newer report's) goes last. */
export function fixRank(id: string): number {
  const index = (FIX_ORDER as readonly string[]).indexOf(id);
  return index === -1 ? FIX_ORDER.length : index;
}

/** A copy of `ids` in fix order (stable for ids of equal rank). */
export function inFixOrder<T extends string>(ids: readonly T[]): T[] {
  return [...ids].sort((a, b) => fixRank(a) - fixRank(b));
}
