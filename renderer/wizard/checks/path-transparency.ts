// Errors along the whole path, from the trace: every router before the target must send
// "time exceeded" back when a probe's TTL runs out there. A silent router in the middle is
// fine as long as errors from hops *behind* it come back (they cross it). What is not fine:
// errors stop after some hop K while probes demonstrably travel further (the target replies at
// a later hop). Then the errors of every hop behind K die on the way back, at K or at the
// tunnel right after it: "hop K swallows errors".
//
// Only a reached target proves the probes went past the silent hops; a trace that ends in
// silence cannot tell a swallower from a filter that drops the probes, so it decides nothing.
//
// Where this machine's route to the target enters a tunnel interface (evidence.route), the hop
// that is the tunnel's far end is named ("hop 3, the tunnel's far end, swallows errors"): the
// route's gateway when it has one, else the first hop (a point-to-point tun has no gateway,
// and the first router a packet meets after entering it is the peer).

import type { Gathered, RouteFacts } from '../../../contract/evidence';
import type { FindingEvidence } from '../../../contract/findings';
import type { Message } from '../../../contract/message';
import type { TraceHop, TraceResult } from '../../../contract/trace';
import { msg } from '../../i18n/messages/message';
import { cite } from './cite';
import { describeHop } from './trace-hops';
import { tunnelKindOf } from './tunnel-interfaces';

/** The hop at the far end of the tunnel the target is routed into. */
export interface TunnelFarEnd {
  ttl: number;
  address: string;
  /** The tunnel interface the route leaves through, and whose client made it. */
  device: string;
  client: string;
}

/**
 * The trace's hop that is the far end of the tunnel the route enters, or null: no route
 * evidence, a route through an ordinary interface, or no hop that answered from there. The
 * target itself is never the far end (it answers with a reply, not as a hop on the way).
 */
export function tunnelFarEnd(route: Gathered<RouteFacts> | null | undefined, hops: readonly TraceHop[]): TunnelFarEnd | null {
  if (!route?.ok || route.value.route.kind !== 'via') return null;
  const { device, gateway } = route.value.route;
  const kind = tunnelKindOf(device);
  if (kind === null) return null;
  const routers = hops.filter((hop) => hop.address !== null && hop.status !== 'reply');
  const hop = gateway !== null ? routers.find((h) => h.addresses.includes(gateway) || h.address === gateway) : routers.find((h) => h.ttl === 1);
  if (!hop?.address) return null;
  return { ttl: hop.ttl, address: hop.address, device, client: kind.client };
}

/** A hop's address in a sentence: "10.0.0.1, the tunnel's far end (entered through wg0, WireGuard)" when it is. */
function hopName(hop: TraceHop, farEnd: TunnelFarEnd | null): Message | string {
  const address = hop.address ?? '?';
  if (farEnd === null || farEnd.ttl !== hop.ttl) return address;
  return msg('trace.far-end.named', { address, device: farEnd.device, client: farEnd.client });
}

export type PathVerdict =
  /** No usable trace, or nothing between us and the target to test. */
  | { kind: 'none' }
  /** Errors came back from the last router before the target. */
  | { kind: 'returns'; lastErrorHop: number; target: TraceHop; cited: FindingEvidence[] }
  /** Errors stop after `last` (null: no router returned any) though the target answers further on. */
  | {
      kind: 'swallowed';
      last: TraceHop | null;
      /** How `last` is named in the verdict: its address, or that it is the tunnel's far end. */
      lastName: Message | string;
      silentFrom: number;
      silentTo: number;
      target: TraceHop;
      cited: FindingEvidence[];
    };

/** Hops cited as evidence: the whole path for short ones; long ones keep their first and last hops. */
const CITED_HOPS = 12;

function citeHops(trace: Gathered<TraceResult> & { ok: true }, farEnd: TunnelFarEnd | null): FindingEvidence {
  const hops = trace.value.hops;
  const shown = hops.length <= CITED_HOPS ? hops : [...hops.slice(0, CITED_HOPS / 2), ...hops.slice(-CITED_HOPS / 2)];
  const said = (hop: TraceHop): Message =>
    farEnd !== null && hop.ttl === farEnd.ttl ? msg('trace.far-end.hop', { hop: describeHop(hop), device: farEnd.device, client: farEnd.client }) : describeHop(hop);
  return cite(trace, msg('trace.transparency.path', { hops: shown.map(said) }));
}

/** The trace's verdict on errors along the path; `route` (this machine's route to the target) names the tunnel's far end. */
export function pathVerdict(trace: Gathered<TraceResult> | null | undefined, route?: Gathered<RouteFacts> | null): PathVerdict {
  if (!trace?.ok || !trace.value.reached) return { kind: 'none' };
  const target = trace.value.hops.at(-1);
  if (!target || target.ttl <= 1) return { kind: 'none' };
  const routers = trace.value.hops.filter((hop) => hop.ttl < target.ttl);
  const returned = routers.filter((hop) => hop.status === 'time-exceeded');
  const last = returned.at(-1) ?? null;
  const farEnd = tunnelFarEnd(route, trace.value.hops);
  const cited = [citeHops(trace, farEnd)];
  if (last && last.ttl === target.ttl - 1) return { kind: 'returns', lastErrorHop: last.ttl, target, cited };
  return { kind: 'swallowed', last, lastName: last ? hopName(last, farEnd) : '?', silentFrom: (last?.ttl ?? 0) + 1, silentTo: target.ttl - 1, target, cited };
}
