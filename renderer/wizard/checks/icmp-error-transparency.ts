// icmp-error-transparency: probes built to draw an ICMP error (an address with no host, or a
// TTL that expires on the way) must get one back, quoting our own probe. A tunnel or NAT that
// swallows errors, or passes them on without translating the quoted packet back, makes every
// failure a slow timeout: clients retransmit instead of giving up, and happy-eyeballs stalls
// on the family that silently fails.

import type { Evidence, TransparencyResult } from '../../../contract/evidence';
import type { Finding, FindingEvidence } from '../../../contract/findings';
import type { CheckInputs } from '../../../contract/inputs';
import { allowIcmpErrorsRemediation } from '../remediation/icmp-firewall';
import { upgradeFirezoneGateway } from '../remediation/firezone-gateway';
import { cite, citeFailure } from './cite';
import { finding } from './finding';
import { firezoneDnsResourceRange } from './firezone';
import { describeProbeError, describeQuote, describeTally, tallyProbes } from './probes';

const ID = 'icmp-error-transparency';

function describeMethod(result: TransparencyResult): string {
  return result.method === 'ttl' ? `TTL-limited probes toward ${result.address}` : `probes to ${result.address}, an address that should be unreachable`;
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


export function checkIcmpErrorTransparency(evidence: Evidence, inputs: CheckInputs): Finding {
  if (!inputs.target && !inputs.unreachableTarget) {
    return finding(ID, 'skip', 'No target given: give --target T (and, ideally, --unreachable-target U: an address routed through the tunnel where no host answers).');
  }
  const firezone = firezoneAddresses(evidence, inputs);
  const firezoneCites = firezone.map(({ address, range }) => cite('Firezone DNS resource ranges', `${address} is inside ${range}: the gateway NATs it`));
  const firezoneNote =
    firezone.length > 0
      ? ` ${firezone.map((f) => f.address).join(', ')} ${firezone.length === 1 ? 'is a Firezone DNS-resource address' : 'are Firezone DNS-resource addresses'} (${[...new Set(firezone.map((f) => f.range))].join(', ')}): the gateway NATs ${firezone.length === 1 ? 'it' : 'them'}, and gateways before firezone/firezone#7398 (December 2024) dropped ICMP errors for such addresses.`
      : '';

  const transparency = evidence.probes.transparency;
  if (!transparency) {
    return finding(ID, 'unknown', `The error-transparency probe has not run: run the "ICMP errors come back" step (with --unreachable-target U for the clearest answer).${firezoneNote}`, firezoneCites);
  }
  if (!transparency.ok) {
    return finding(ID, 'unknown', `The error-transparency probe did not run (${transparency.code}).${firezoneNote}`, [citeFailure(transparency), ...firezoneCites]);
  }
  const result = transparency.value;
  const tally = tallyProbes(result.probes);
  const cited: FindingEvidence[] = [cite(transparency.source, `${describeMethod(result)}: ${describeTally(tally)}`)];
  for (const probe of tally.icmpErrors.slice(0, 3)) {
    if (probe.error) cited.push(cite(transparency.source, `seq ${probe.seq}: ${describeProbeError(probe.error)}, ${describeQuote(probe.error)}`));
  }
  cited.push(...firezoneCites);

  if (result.errorReturned) {
    const first = tally.icmpErrors[0]?.error;
    return finding(
      ID,
      'pass',
      `ICMP errors come back and quote our probe${first ? ` (${describeProbeError(first)})` : ''}: unreachable destinations fail at once and path MTU discovery can work.${firezoneNote}`,
      cited,
    );
  }
  const fixes = [...(firezone.length > 0 || inputs.product === 'firezone' ? upgradeFirezoneGateway() : []), ...allowIcmpErrorsRemediation(null, evidence.imported.firewall)];
  if (tally.icmpErrors.length > 0) {
    const first = tally.icmpErrors[0]?.error;
    return finding(
      ID,
      'fail',
      `ICMP errors come back but do not quote our probe${first ? ` (${describeProbeError(first)}, ${describeQuote(first)}, not our probe to ${result.address})` : ''}: a NAT rewrote the probe and did not translate the quoted copy back, so the sender's kernel cannot match the error to its socket and applications wait for timeouts instead.${firezoneNote}`,
      cited,
      fixes,
    );
  }
  if (result.method === 'ttl' && tally.timeouts.length > 0) {
    return finding(
      ID,
      'fail',
      `TTL-limited probes toward ${result.address} drew no "time exceeded": ${tally.timeouts.length} probe(s) whose TTL ran out on the way got no answer${tally.replies.length > 0 ? ', then a larger TTL reached the target itself' : ''}. A NAT, tunnel or firewall on the way swallows ICMP errors (or cannot translate them back), so failures look like silent loss: clients retransmit until they time out, and happy-eyeballs stalls on the address family that fails silently instead of switching at once.${firezoneNote}`,
      cited,
      fixes,
    );
  }
  if (tally.replies.length > 0) {
    const advice =
      result.method === 'unreachable-address'
        ? `${result.address} answered, so it is not unreachable: give --unreachable-target an address the tunnel routes but no host owns`
        : `the TTL-limited probes reached ${result.address} itself, so no router on the way had to answer: give --unreachable-target an address the tunnel routes but no host owns`;
    return finding(ID, 'unknown', `No error was drawn: ${advice}.${firezoneNote}`, cited);
  }
  if (tally.timeouts.length === 0) {
    return finding(ID, 'unknown', `The probes were refused on this host before reaching the network (${describeTally(tally)}): fix local-icmp-socket first.${firezoneNote}`, cited);
  }
  return finding(
    ID,
    'fail',
    `No ICMP error came back for ${describeMethod(result)}: a NAT, tunnel or firewall on the way swallows ICMP errors (or cannot translate them back). Failures then look like silent loss: clients retransmit until they time out, and happy-eyeballs stalls on the address family that fails silently instead of switching at once.${firezoneNote}`,
    cited,
    fixes,
  );
}
