// Finds the largest DF echo that crosses the path to the target, and whether bigger ones
// are refused with a reported MTU (healthy path-MTU discovery) or vanish without a word (a
// black hole). The search itself is path-mtu-search.ts; this sends its probes, one at a time.

import type { CallOptions, PathMtuRequest } from '../../../../contract/api';
import type { Gathered, PathMtuResult } from '../../../../contract/evidence';
import { ok } from '../../../../contract/result';
import type { Ok } from '../../../../contract/result';
import type { ProbeEvent } from '../../../../native/index';
import { msg } from '../../../../renderer/i18n/messages/message';
import { gathered, guarded, notGathered, refusal } from '../gathered';
import type { Refusal } from '../gathered';
import { headerBytes, PathMtuSearch } from './path-mtu-search';
import type { SizeOutcome } from './path-mtu-search';
import { describeTarget, resolveProbeTarget } from './probe-target';
import { openProbeSession, runProbeJob } from './probe-session';
import type { ProbeSession } from './probe-session';
import { integerField, requestObject, textField } from './request-fields';

export const PATH_MTU_DEFAULT_TIMEOUT_MS = 1000;
const MAX_TIMEOUT_MS = 60_000;
/** Attempts per size: a timeout is retried once before the size counts as lost. */
const ATTEMPTS = 2;
/**
 * The search needs about 17 sizes at most (log2 of 65k, plus hints); this bound only
 * guarantees an end if a path answers inconsistently.
 */
const MAX_SIZES = 40;

type Step = PathMtuResult['steps'][number];

function stepOf(size: number, packetBytes: number, probe: ProbeEvent): Step {
  return { size, packetBytes, status: probe.status, mtu: probe.error?.mtu ?? null, errorName: probe.error?.name ?? null };
}

function outcomeOf(size: number, probe: ProbeEvent): SizeOutcome {
  return { size, status: probe.status, mtu: probe.error?.mtu ?? null, origin: probe.error?.origin ?? null };
}

interface SizeProbe {
  session: ProbeSession;
  address: string;
  header: number;
  timeoutMs: number;
  options: CallOptions;
  /** Every probe sent so far, in order. */
  steps: Step[];
}

/** Probes one size, retrying a timeout once; the last answer decides. Each attempt becomes a step. */
async function probeSize(size: number, p: SizeProbe): Promise<Ok<ProbeEvent> | Refusal> {
  let last: ProbeEvent | null = null;
  for (let attempt = 0; attempt < ATTEMPTS && (last === null || last.status === 'timeout'); attempt++) {
    const request = { target: p.address, count: 1, timeoutMs: p.timeoutMs, size, df: true };
    const job = await runProbeJob(p.session, request, p.options);
    if (!job.ok) return refusal(job.code, msg('gather.path-mtu.step-failed', { failure: job.reason, size, probes: p.steps.length }));
    const probe = job.value.probes[0];
    if (probe === undefined) return refusal('FAILED', msg('gather.path-mtu.no-result', { size }));
    last = probe;
    p.steps.push(stepOf(size, size + p.header, probe));
  }
  return last === null ? refusal('FAILED', msg('gather.path-mtu.nothing-sent', { size })) : ok(last);
}

/** Searches the largest DF payload that gets a reply; every probe sent is a step of the result. */
export function probePathMtu(request: PathMtuRequest, options: CallOptions = {}): Promise<Gathered<PathMtuResult>> {
  const source = msg('source.path-mtu-probe');
  return guarded(source, async () => {
    const fields = requestObject(request);
    if (!fields.ok) return notGathered('UNPARSEABLE', fields.reason, source);
    const target = textField('target', fields.value['target']);
    if (!target.ok) return notGathered('UNPARSEABLE', target.reason, source);
    const timeoutMs = integerField('timeoutMs', fields.value['timeoutMs'], 1, MAX_TIMEOUT_MS, PATH_MTU_DEFAULT_TIMEOUT_MS);
    if (!timeoutMs.ok) return notGathered('UNPARSEABLE', timeoutMs.reason, source);

    const resolved = await resolveProbeTarget(target.value, options.signal);
    if (!resolved.ok) return notGathered(resolved.code, resolved.reason, source);
    const { address, family } = resolved.value;
    const where = msg('source.path-mtu-probe.to', { target: describeTarget(resolved.value) });
    const session = openProbeSession();
    if (!session.ok) return notGathered(session.code, session.reason, where);

    const search = new PathMtuSearch(family);
    const p: SizeProbe = { session: session.value, address, header: headerBytes(family), timeoutMs: timeoutMs.value, options, steps: [] };
    try {
      let size = search.next();
      for (let sizes = 0; size !== null && sizes < MAX_SIZES; sizes++) {
        const answer = await probeSize(size, p);
        if (!answer.ok) return notGathered(answer.code, answer.reason, where);
        search.record(outcomeOf(size, answer.value));
        size = search.next();
      }
    } finally {
      session.value.close();
    }
    return gathered({ target: target.value, address, family, steps: p.steps, ...search.verdict() }, where);
  });
}
