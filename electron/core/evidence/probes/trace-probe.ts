// The path to the target as evidence (the wizard's Path step): the same TTL-stepped trace as
// `icmp-doctor trace` (electron/core/trace), with the wizard's defaults. Streams every probe
// through `onProbe` for the live hop view; cancelling yields CANCELLED.

import type { CallOptions, TraceRequest } from '../../../../contract/api';
import type { Gathered } from '../../../../contract/evidence';
import type { TraceResult } from '../../../../contract/trace';
import { msg } from '../../../../renderer/i18n/messages/message';
import { runTrace, TRACE_DEFAULTS } from '../../trace/run-trace';
import { gathered, guarded, notGathered, refusal } from '../gathered';
import { describeTarget, resolveProbeTarget } from './probe-target';
import { openProbeSession, startFailure } from './probe-session';
import { integerField, requestObject, textField } from './request-fields';

/**
 * The wizard's trace: tunnel paths are short, so 16 hops; 1 s per answer keeps a silent tail
 * (4 hops, one window) to about a second.
 */
export const WIZARD_TRACE = { maxHops: 16, probesPerHop: 3, timeoutMs: 1000 } as const;

export function probeTrace(request: TraceRequest, options: CallOptions = {}): Promise<Gathered<TraceResult>> {
  const source = msg('trace.source');
  return guarded(source, async () => {
    const fields = requestObject(request);
    if (!fields.ok) return notGathered('UNPARSEABLE', fields.reason, source);
    const target = textField('target', fields.value['target']);
    if (!target.ok) return notGathered('UNPARSEABLE', target.reason, source);
    const maxHops = integerField('maxHops', fields.value['maxHops'], 1, 255, WIZARD_TRACE.maxHops);
    if (!maxHops.ok) return notGathered('UNPARSEABLE', maxHops.reason, source);
    const probesPerHop = integerField('probesPerHop', fields.value['probesPerHop'], 1, 100, WIZARD_TRACE.probesPerHop);
    if (!probesPerHop.ok) return notGathered('UNPARSEABLE', probesPerHop.reason, source);
    const timeoutMs = integerField('timeoutMs', fields.value['timeoutMs'], 1, 60_000, WIZARD_TRACE.timeoutMs);
    if (!timeoutMs.ok) return notGathered('UNPARSEABLE', timeoutMs.reason, source);

    const resolved = await resolveProbeTarget(target.value, options.signal);
    if (!resolved.ok) return notGathered(resolved.code, resolved.reason, source);
    const where = msg('trace.source.to', { target: describeTarget(resolved.value) });
    const session = openProbeSession();
    if (!session.ok) return notGathered(session.code, session.reason, where);
    try {
      const settings = { ...TRACE_DEFAULTS, maxHops: maxHops.value, probesPerHop: probesPerHop.value, timeoutMs: timeoutMs.value };
      const traced = await runTrace(session.value.ping, resolved.value, settings, {
        signal: options.signal,
        onProbe: (probe) => {
          try {
            options.onProbe?.(probe);
          } catch {
            // A progress listener's bug must not cost the evidence.
          }
        },
      });
      if (!traced.ok) {
        const failed = traced.code === 'ENGINE_STOPPED' ? refusal('FAILED', msg('trace.gather.engine-stopped', { detail: traced.message })) : startFailure(traced);
        return notGathered(failed.code, failed.reason, where);
      }
      if (traced.value.stoppedBy === 'cancelled') return notGathered('CANCELLED', msg('trace.gather.cancelled', { hops: traced.value.hops.length }), where);
      return gathered(traced.value, where);
    } finally {
      session.value.close();
    }
  });
}
