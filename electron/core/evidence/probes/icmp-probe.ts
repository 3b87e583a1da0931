// ICMP echo to the target, every probe kept: replies, timeouts and decoded ICMP errors are
// the evidence the checks cite. A refused ICMP socket is PERMISSION_DENIED, with the
// explanation (range, our groups, the fix) the ping core builds.

import type { CallOptions, IcmpRequest } from '../../../../contract/api';
import type { Gathered, IcmpEchoResult } from '../../../../contract/evidence';
import { msg } from '../../../../renderer/i18n/messages/message';
import { gathered, guarded, notGathered } from '../gathered';
import { describeTarget, resolveProbeTarget } from './probe-target';
import { openProbeSession, runProbeJob } from './probe-session';
import { integerField, requestObject, textField } from './request-fields';

export const ICMP_DEFAULTS = { count: 4, intervalMs: 500, timeoutMs: 1000 } as const;
const MAX_COUNT = 100;
const MAX_MS = 60_000;

/** Sends `count` echo requests to `target` and returns every probe event and the job's totals. */
export function probeIcmp(request: IcmpRequest, options: CallOptions = {}): Promise<Gathered<IcmpEchoResult>> {
  const source = msg('source.icmp-probe');
  return guarded(source, async () => {
    const fields = requestObject(request);
    if (!fields.ok) return notGathered('UNPARSEABLE', fields.reason, source);
    const target = textField('target', fields.value['target']);
    if (!target.ok) return notGathered('UNPARSEABLE', target.reason, source);
    const count = integerField('count', fields.value['count'], 1, MAX_COUNT, ICMP_DEFAULTS.count);
    if (!count.ok) return notGathered('UNPARSEABLE', count.reason, source);
    const intervalMs = integerField('intervalMs', fields.value['intervalMs'], 0, MAX_MS, ICMP_DEFAULTS.intervalMs);
    if (!intervalMs.ok) return notGathered('UNPARSEABLE', intervalMs.reason, source);
    const timeoutMs = integerField('timeoutMs', fields.value['timeoutMs'], 1, MAX_MS, ICMP_DEFAULTS.timeoutMs);
    if (!timeoutMs.ok) return notGathered('UNPARSEABLE', timeoutMs.reason, source);

    const resolved = await resolveProbeTarget(target.value, options.signal);
    if (!resolved.ok) return notGathered(resolved.code, resolved.reason, source);
    const where = msg('source.icmp-probe.to', { target: describeTarget(resolved.value) });
    const session = openProbeSession();
    if (!session.ok) return notGathered(session.code, session.reason, where);
    try {
      const job = await runProbeJob(
        session.value,
        { target: resolved.value.address, count: count.value, intervalMs: intervalMs.value, timeoutMs: timeoutMs.value },
        options,
      );
      if (!job.ok) return notGathered(job.code, job.reason, where);
      const done = job.value.end.type === 'done' ? job.value.end : null;
      return gathered({ target: target.value, address: resolved.value.address, probes: job.value.probes, done }, where);
    } finally {
      session.value.close();
    }
  });
}
