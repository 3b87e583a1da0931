// Errors along the whole path, from the trace: every router before the target must send
// "time exceeded" back when a probe's TTL runs out there. A silent router in the middle is
// fine as long as errors from hops *behind* it come back (they cross it). What is not fine:
// errors stop after some hop K while probes demonstrably travel further (the target replies at
// a later hop). Then the errors of every hop behind K die on the way back, at K or at the
// tunnel right after it: "hop K swallows errors".
//
// Only a reached target proves the probes went past the silent hops; a trace that ends in
// silence cannot tell a swallower from a filter that drops the probes, so it decides nothing.

import type { Gathered } from '../../../contract/evidence';
import type { FindingEvidence } from '../../../contract/findings';
import type { TraceHop, TraceResult } from '../../../contract/trace';
import { msg } from '../../i18n/messages/message';
import { cite } from './cite';
import { describeHop } from './trace-hops';

export type PathVerdict =
  /** No usable trace, or nothing between us and the target to test. */
  | { kind: 'none' }
  /** Errors came back from the last router before the target. */
  | { kind: 'returns'; lastErrorHop: number; target: TraceHop; cited: FindingEvidence[] }
  /** Errors stop after `last` (null: no router returned any) though the target answers further on. */
  | { kind: 'swallowed'; last: TraceHop | null; silentFrom: number; silentTo: number; target: TraceHop; cited: FindingEvidence[] };

/** Hops cited as evidence: the whole path for short ones; long ones keep their first and last hops. */
const CITED_HOPS = 12;

function citeHops(trace: Gathered<TraceResult> & { ok: true }): FindingEvidence {
  const hops = trace.value.hops;
  const shown = hops.length <= CITED_HOPS ? hops : [...hops.slice(0, CITED_HOPS / 2), ...hops.slice(-CITED_HOPS / 2)];
  return cite(trace, msg('trace.transparency.path', { hops: shown.map(describeHop) }));
}

export function pathVerdict(trace: Gathered<TraceResult> | null | undefined): PathVerdict {
  if (!trace?.ok || !trace.value.reached) return { kind: 'none' };
  const target = trace.value.hops.at(-1);
  if (!target || target.ttl <= 1) return { kind: 'none' };
  const routers = trace.value.hops.filter((hop) => hop.ttl < target.ttl);
  const returned = routers.filter((hop) => hop.status === 'time-exceeded');
  const last = returned.at(-1) ?? null;
  const cited = [citeHops(trace)];
  if (last && last.ttl === target.ttl - 1) return { kind: 'returns', lastErrorHop: last.ttl, target, cited };
  return { kind: 'swallowed', last, silentFrom: (last?.ttl ?? 0) + 1, silentTo: target.ttl - 1, target, cited };
}
