// icmp-error-transparency: probes built to draw an ICMP error (an address with no host, or a
// TTL that expires on the way) must get one back, quoting our own probe. A tunnel or NAT that
// swallows errors, or passes them on without translating the quoted packet back, makes every
// failure a slow timeout: clients retransmit instead of giving up, and happy-eyeballs stalls
// on the family that silently fails.
//
// Which socket the probes went through matters: a raw socket (CAP_NET_RAW) sees an error that
// quotes our echo id and sequence but another destination (or the other family: NAT64/46) —
// a gateway that did not translate it back — and this check names it. A ping socket's kernel
// drops such an error, so through one "untranslated" and "swallowed" look the same, and the
// verdict says so and how to rerun with raw sockets.

import type { Evidence, TransparencyResult } from '../../../contract/evidence';
import type { Finding, FindingEvidence } from '../../../contract/findings';
import type { CheckInputs } from '../../../contract/inputs';
import type { Message } from '../../../contract/message';
import { msg } from '../../i18n/messages/message';
import { allowIcmpErrorsRemediation } from '../remediation/icmp-firewall';
import { upgradeFirezoneGateway } from '../remediation/firezone-gateway';
import { cite, citedMessage, citeFailure } from './cite';
import { finding } from './finding';
import { firezoneDnsResourceRange } from './firezone';
import { firezoneGatewayVersion } from './firezone-gateway-version';
import { pathVerdict } from './path-transparency';
import type { PathVerdict } from './path-transparency';
import { describeProbeError, describeQuote, describeTally, tallyProbes } from './probes';
import { rawCheckCommand, rerunRawRemediation } from './raw-socket-fixes';
import type { ProbeEvent } from '../../../native/index';

const ID = 'icmp-error-transparency';

function describeMethod(result: TransparencyResult): Message {
  return msg(`icmp-error-transparency.method.${result.method}`, { address: result.address });
}

/** Addresses involved that are Firezone DNS-resource addresses, with their range. */
function firezoneAddresses(evidence: Evidence, inputs: CheckInputs): Array<{ address: string; range: string }> {
  const candidates = [
    inputs.target,
    inputs.unreachableTarget,
    evidence.probes.transparency?.ok ? evidence.probes.transparency.value.address : null,
    evidence.probes.icmp?.ok ? evidence.probes.icmp.value.address : null,
  ];
  const seen = new Map<string, string>();
  for (const address of candidates) {
    const range = firezoneDnsResourceRange(address);
    if (address && range) seen.set(address, range);
  }
  return [...seen].map(([address, range]) => ({ address, range }));
}

/** The trace's verdict as a finding, when it decides: errors stop at a hop (fail) or come back from all of them (pass). */
function fromPath(path: PathVerdict, note: Message | null, cited: FindingEvidence[], fixes: () => Finding['remediation']): Finding | null {
  if (path.kind === 'swallowed') {
    const target = { targetHop: path.target.ttl, address: path.target.address ?? '?', firezone: note };
    const reason = path.last
      ? msg('trace.transparency.swallowed', { ttl: path.last.ttl, from: path.lastName, silentFrom: path.silentFrom, silentTo: path.silentTo, ...target })
      : msg('trace.transparency.none-return', { silentTo: path.silentTo, ...target });
    return finding(ID, 'fail', reason, [...path.cited, ...cited], fixes());
  }
  if (path.kind === 'returns') {
    return finding(ID, 'pass', msg('trace.transparency.returns', { lastErrorHop: path.lastErrorHop, targetHop: path.target.ttl, address: path.target.address ?? '?', firezone: note }), [...path.cited, ...cited]);
  }
  return null;
}

/** Probes that drew an error quoting our probe but another destination (raw sockets only). */
function untranslatedErrors(probes: readonly ProbeEvent[]): ProbeEvent[] {
  return probes.filter((probe) => probe.status === 'icmp-error' && probe.error?.untranslated);
}

/** True when the probes went through a ping socket, which cannot see untranslated errors. */
function viaPingSocket(probes: readonly ProbeEvent[]): boolean {
  return probes.length > 0 && probes.every((probe) => probe.socket === 'ping');
}

export function checkIcmpErrorTransparency(evidence: Evidence, inputs: CheckInputs): Finding {
  if (!inputs.target && !inputs.unreachableTarget) {
    return finding(ID, 'skip', msg('icmp-error-transparency.no-target'));
  }
  const firezone = firezoneAddresses(evidence, inputs);
  const firezoneCites = firezone.map(({ address, range }) => cite(citedMessage(msg('source.firezone-ranges')), msg('icmp-error-transparency.firezone-range', { address, range })));
  // Appended to every summary below, so a Firezone user learns about the gateway bug whatever the probe says.
  // The gateway's version, when a log names it, says whether that bug applies: it replaces the general note.
  const gateway = firezoneGatewayVersion(evidence);
  const firezoneContext = firezone.length > 0 || inputs.product === 'firezone';
  const rangeNote =
    firezone.length > 0
      ? msg('icmp-error-transparency.firezone-note', { addresses: firezone.map((f) => f.address), ranges: [...new Set(firezone.map((f) => f.range))] })
      : null;
  const note = firezoneContext && gateway.note ? gateway.note : rangeNote;
  if (firezoneContext) firezoneCites.push(...gateway.evidence);

  const fixesFor = () => [...(firezoneContext && !gateway.hasFix ? upgradeFirezoneGateway() : []), ...allowIcmpErrorsRemediation(null, evidence.imported.firewall)];
  // The trace tests every hop; the transparency probe only the first that answers (or one
  // address). The probe's own failures keep their words; wherever it would pass or not decide,
  // the trace's verdict goes first.
  const path = pathVerdict(evidence.probes.trace, evidence.route);
  const transparency = evidence.probes.transparency;
  if (!transparency || !transparency.ok) {
    const decided = fromPath(path, note, transparency ? [citeFailure(transparency), ...firezoneCites] : firezoneCites, fixesFor);
    if (decided) return decided;
  }
  if (!transparency) {
    return finding(ID, 'unknown', msg('icmp-error-transparency.not-run', { firezone: note }), firezoneCites);
  }
  if (!transparency.ok) {
    return finding(ID, 'unknown', msg('icmp-error-transparency.probe-failed', { code: transparency.code, firezone: note }), [citeFailure(transparency), ...firezoneCites]);
  }
  const result = transparency.value;
  const tally = tallyProbes(result.probes);
  const cited: FindingEvidence[] = [cite(transparency, msg('icmp-error-transparency.tally', { method: describeMethod(result), tally: describeTally(tally) }))];
  for (const probe of tally.icmpErrors.slice(0, 3)) {
    if (probe.error) cited.push(cite(transparency, msg('icmp-error-transparency.error', { seq: probe.seq, error: describeProbeError(probe.error), quote: describeQuote(probe.error) })));
  }
  cited.push(...firezoneCites);

  const untranslated = untranslatedErrors(result.probes);
  const firstUntranslated = untranslated[0];
  if (firstUntranslated?.error?.untranslated) {
    const { error } = firstUntranslated;
    const facts = { from: error.untranslated?.from ?? error.from ?? '?', quoted: error.untranslated?.quotedDestination ?? '?', target: firstUntranslated.target };
    const untranslatedCites = untranslated
      .slice(0, 3)
      .map((probe) =>
        cite(
          transparency,
          msg('raw-socket.transparency.untranslated-error', {
            seq: probe.seq,
            error: probe.error ? describeProbeError(probe.error) : '?',
            from: probe.error?.untranslated?.from ?? probe.error?.from ?? '?',
            quoted: probe.error?.untranslated?.quotedDestination ?? '?',
            target: probe.target,
          }),
        ),
      );
    const fixes = fixesFor();
    return finding(ID, 'fail', msg('raw-socket.transparency.untranslated', { ...facts, firezone: note }), [...untranslatedCites, ...cited], fixes);
  }
  // Through a ping socket an untranslated error never reaches us: say so with any "no error" verdict.
  const blind = viaPingSocket(result.probes);
  const caveat = (verdict: Message): Message => (blind ? msg('raw-socket.transparency.ping-socket', { verdict, command: rawCheckCommand(inputs) }) : verdict);

  const first = tally.icmpErrors[0]?.error ?? null;
  const byPath = fromPath(path, note, cited, fixesFor);
  if (result.errorReturned) {
    if (byPath) return byPath;
    // TTL-limited probes stop at the first hop that answers: that hop is all they vouch for.
    const firstHop = result.method === 'ttl' ? tally.icmpErrors[0] : undefined;
    if (firstHop) return finding(ID, 'pass', msg('trace.transparency.first-hop-only', { address: firstHop.error?.from ?? firstHop.address ?? '?', firezone: note }), cited);
    return finding(ID, 'pass', msg('icmp-error-transparency.errors-return', { error: first ? describeProbeError(first) : null, firezone: note }), cited);
  }
  // A gateway known to translate errors is not upgraded; one known to predate it, or of unknown version, is.
  const fixes = [...fixesFor(), ...(blind ? [rerunRawRemediation(inputs)] : [])];
  if (tally.icmpErrors.length > 0) {
    return finding(
      ID,
      'fail',
      msg('icmp-error-transparency.quote-untranslated', {
        error: first ? describeProbeError(first) : null,
        quote: first ? describeQuote(first) : null,
        address: result.address,
        firezone: note,
      }),
      cited,
      fixes,
    );
  }
  if (result.method === 'ttl' && tally.timeouts.length > 0) {
    return finding(
      ID,
      'fail',
      caveat(msg('icmp-error-transparency.ttl-swallowed', { address: result.address, timeouts: tally.timeouts.length, reachedTarget: tally.replies.length > 0, firezone: note })),
      cited,
      fixes,
    );
  }
  if (byPath && (tally.replies.length > 0 || tally.timeouts.length === 0)) return byPath;
  if (tally.replies.length > 0) {
    const key = result.method === 'unreachable-address' ? 'icmp-error-transparency.unreachable-answered' : 'icmp-error-transparency.ttl-reached-target';
    return finding(ID, 'unknown', msg(key, { address: result.address, firezone: note }), cited);
  }
  if (tally.timeouts.length === 0) {
    return finding(ID, 'unknown', msg('icmp-error-transparency.refused-locally', { tally: describeTally(tally), firezone: note }), cited);
  }
  return finding(ID, 'fail', caveat(msg('icmp-error-transparency.errors-swallowed', { method: describeMethod(result), firezone: note })), cited, fixes);
}
