// Do ICMP errors come back through the path, quoting the probe that caused them? Zero-trust
// gateways NAT our echo requests; unless they translate the packet quoted inside an error
// back, errors never reach us (see quote-check.ts for why that looks like plain silence).
// Two ways to provoke an error:
//   - an address that should be unreachable (`unreachableTarget`): echo to it, expecting
//     "unreachable" from the path;
//   - TTL-limited echo toward the target, TTL 1, 2, … until a hop answers with "time
//     exceeded" (or the target itself replies: then no hop in between sent an error, and
//     the probes show it).
// The result's target/address are what was probed: the unreachable address, or the target.

import type { CallOptions, TransparencyRequest } from '../../../../contract/api';
import type { Gathered, TransparencyResult } from '../../../../contract/evidence';
import { ok } from '../../../../contract/result';
import type { Ok } from '../../../../contract/result';
import type { ProbeEvent } from '../../../../native/index';
import type { ResolvedTarget } from '../../ping/resolve-target';
import { msg } from '../../../../renderer/i18n/messages/message';
import { gathered, guarded, notGathered, refusal } from '../gathered';
import type { Refusal } from '../gathered';
import { describeTarget, resolveProbeTarget } from './probe-target';
import { openProbeSession, runProbeJob } from './probe-session';
import type { ProbeSession } from './probe-session';
import { quotesOurProbe } from './quote-check';
import { integerField, requestObject, textField } from './request-fields';

export const TRANSPARENCY_DEFAULT_TIMEOUT_MS = 1000;
const MAX_TIMEOUT_MS = 60_000;
/** Echo requests to the unreachable address: routers rate-limit errors, so one is not enough. */
const UNREACHABLE_PROBES = 3;
/**
 * Probes per TTL. Two, a little apart: a router's ICMP rate limit (one per second per
 * destination by default, after a small burst) or one lost packet should not end the verdict.
 */
const PROBES_PER_HOP = 2;
const HOP_INTERVAL_MS = 100;
/**
 * The highest TTL tried. Tunnel paths are short (client, tunnel edge, connector, resource); a
 * hop that answers nothing costs a timeout, so searching 30 hops like traceroute would not pay.
 */
export const MAX_HOPS = 10;

interface Probing {
  session: ProbeSession;
  timeoutMs: number;
  options: CallOptions;
}

function quotedByAny(probes: readonly ProbeEvent[], p: Probing, target: ResolvedTarget): boolean {
  const echoId = p.session.echoId(target.family);
  return probes.some((probe) => quotesOurProbe(probe, echoId));
}

async function viaUnreachableAddress(target: ResolvedTarget, p: Probing): Promise<Ok<ProbeEvent[]> | Refusal> {
  const job = await runProbeJob(
    p.session,
    { target: target.address, count: UNREACHABLE_PROBES, intervalMs: HOP_INTERVAL_MS, timeoutMs: p.timeoutMs },
    p.options,
  );
  return job.ok ? ok(job.value.probes) : job;
}

async function viaTtl(target: ResolvedTarget, p: Probing): Promise<Ok<ProbeEvent[]> | Refusal> {
  const probes: ProbeEvent[] = [];
  for (let ttl = 1; ttl <= MAX_HOPS; ttl++) {
    const job = await runProbeJob(
      p.session,
      { target: target.address, count: PROBES_PER_HOP, intervalMs: HOP_INTERVAL_MS, timeoutMs: p.timeoutMs, ttl },
      p.options,
    );
    if (!job.ok) return refusal(job.code, msg('gather.transparency.at-ttl', { failure: job.reason, ttl }));
    probes.push(...job.value.probes);
    // A hop answered (error) or the target did (reply): higher TTLs cannot add an error.
    if (job.value.probes.some((probe) => probe.status === 'icmp-error' || probe.status === 'reply')) break;
  }
  return ok(probes);
}

/** Provokes ICMP errors and reports whether one came back quoting our own probe. */
export function probeTransparency(request: TransparencyRequest, options: CallOptions = {}): Promise<Gathered<TransparencyResult>> {
  const source = msg('source.transparency-probe');
  return guarded(source, async () => {
    const fields = requestObject(request);
    if (!fields.ok) return notGathered('UNPARSEABLE', fields.reason, source);
    const target = textField('target', fields.value['target']);
    if (!target.ok) return notGathered('UNPARSEABLE', target.reason, source);
    const unreachable = fields.value['unreachableTarget'] ?? null;
    const method: TransparencyResult['method'] = unreachable === null ? 'ttl' : 'unreachable-address';
    const probed = method === 'ttl' ? target : textField('unreachableTarget', unreachable);
    if (!probed.ok) return notGathered('UNPARSEABLE', probed.reason, source);
    const timeoutMs = integerField('timeoutMs', fields.value['timeoutMs'], 1, MAX_TIMEOUT_MS, TRANSPARENCY_DEFAULT_TIMEOUT_MS);
    if (!timeoutMs.ok) return notGathered('UNPARSEABLE', timeoutMs.reason, source);

    const resolved = await resolveProbeTarget(probed.value, options.signal);
    if (!resolved.ok) return notGathered(resolved.code, resolved.reason, source);
    const where = msg(method === 'ttl' ? 'source.transparency-probe.ttl' : 'source.transparency-probe.unreachable', { target: describeTarget(resolved.value) });
    const session = openProbeSession();
    if (!session.ok) return notGathered(session.code, session.reason, where);
    const p: Probing = { session: session.value, timeoutMs: timeoutMs.value, options };
    try {
      const probes = method === 'ttl' ? await viaTtl(resolved.value, p) : await viaUnreachableAddress(resolved.value, p);
      if (!probes.ok) return notGathered(probes.code, probes.reason, where);
      return gathered(
        {
          target: probed.value,
          address: resolved.value.address,
          method,
          probes: probes.value,
          errorReturned: quotedByAny(probes.value, p, resolved.value),
        },
        where,
      );
    } finally {
      session.value.close();
    }
  });
}
