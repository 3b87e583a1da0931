// icmp-policy: ICMP refused or dropped by policy. Three kinds of proof: an "administratively
// prohibited" error names the node that refuses (v4 3/9, 3/10, 3/13; v6 1/1); echo that
// vanishes while TCP to the same host passes means something drops ICMP only (unless a
// middlebox completed that handshake: then it proves nothing, see tcp-proxied.ts); and
// imported Calico policies can be evaluated for an echo request directly.

import type { CalicoFacts, Evidence } from '../../../contract/evidence';
import type { Finding, FindingEvidence, Remediation } from '../../../contract/findings';
import type { CheckInputs } from '../../../contract/inputs';
import { DEFAULT_CALICO_ALLOW, calicoAllowRemediation, type CalicoAllowRequest } from '../remediation/calico-icmp-policy';
import { allowEchoRemediation } from '../remediation/icmp-firewall';
import { productIcmpAccess } from '../remediation/product-icmp-access';
import { parseAddress } from './address';
import { decide, describeRule, ECHO_REQUEST, type Direction, type RuleDecision } from './calico-evaluation';
import { cite, citeFailure } from './cite';
import { finding } from './finding';
import { describeProbeError, describeTally, distinctErrors, isAdminProhibited, tallyProbes } from './probes';
import { describeControls, isProxied, proxiedStatement } from './tcp-proxied';

const ID = 'icmp-policy';

interface PolicyObservation {
  status: 'pass' | 'fail' | 'unknown';
  note: string;
  evidence: FindingEvidence[];
  remediation: Remediation[];
}

/** Calico's order is a float; anything lower runs first. */
function orderBefore(order: number | null): number {
  if (order === null) return DEFAULT_CALICO_ALLOW.order;
  return order > 1 ? order - 1 : order / 2;
}

function observeCalico(evidence: Evidence, inputs: CheckInputs): PolicyObservation[] {
  const observations: PolicyObservation[] = [];
  const facts: CalicoFacts[] = [];
  for (const gathered of evidence.imported.calico) {
    if (gathered.ok) facts.push(gathered.value);
    else observations.push({ status: 'unknown', note: `Calico policies could not be read (${gathered.code}).`, evidence: [citeFailure(gathered)], remediation: [] });
  }
  if (facts.length === 0) return observations;
  const source = evidence.imported.calico.filter((g) => g.ok).map((g) => g.source).join(', ');
  const rules = facts.flatMap((f) => f.icmpRules);
  const targetFamily = parseAddress(inputs.target ?? '')?.family ?? null;
  // IPv6 only when the policies or the target speak it: a v4-only cluster's missing ICMPv6 rule is not a finding.
  const families: Array<4 | 6> = rules.some((r) => r.protocol === 'ICMPv6') || targetFamily === 6 ? [4, 6] : [4];
  const denied: Array<{ direction: Direction; decision: RuleDecision }> = [];
  const defaultDenied: Array<{ direction: Direction; family: 4 | 6; policies: string[] }> = [];

  for (const family of families) {
    for (const direction of ['ingress', 'egress'] as const) {
      const decision = decide(facts, { family, direction, ...ECHO_REQUEST[family] });
      const echo = family === 4 ? 'ICMP echo request (type 8)' : 'ICMPv6 echo request (type 128)';
      switch (decision.decision) {
        case 'deny':
          denied.push({ direction, decision });
          observations.push({
            status: 'fail',
            note: `Calico ${decision.rule.kind} "${decision.rule.policy}" denies ${echo} ${direction}: its rule "${describeRule(decision.rule)}"${decision.policyOrder !== null ? ` (order ${decision.policyOrder})` : ''} is the first that matches.`,
            evidence: [cite(source, `${decision.rule.kind} ${decision.rule.policy}: ${describeRule(decision.rule)}`)],
            remediation: [],
          });
          break;
        case 'default-deny':
          defaultDenied.push({ direction, family, policies: decision.policies });
          observations.push({
            status: 'fail',
            note: `No rule in the Calico policies with ${direction} rules (${decision.policies.join(', ')}) allows ${echo}, so Calico denies it by default.`,
            evidence: [cite(source, `${direction}: ${decision.policies.join(', ')} — no rule matches ${echo}`)],
            remediation: [],
          });
          break;
        case 'allow':
          observations.push({
            status: 'pass',
            note: `Calico ${decision.rule.kind} "${decision.rule.policy}" allows ${echo} ${direction} (rule "${describeRule(decision.rule)}").`,
            evidence: [cite(source, `${decision.rule.kind} ${decision.rule.policy}: ${describeRule(decision.rule)}`)],
            remediation: [],
          });
          break;
        case 'pass':
          observations.push({
            status: 'unknown',
            note: `Calico ${decision.rule.kind} "${decision.rule.policy}" passes ${echo} ${direction} to the next tier, whose policies were not imported.`,
            evidence: [cite(source, `${decision.rule.kind} ${decision.rule.policy}: ${describeRule(decision.rule)}`)],
            remediation: [],
          });
          break;
        default:
          break;
      }
    }
  }

  if (denied.length > 0 || defaultDenied.length > 0) {
    const first = denied[0]?.decision;
    const request: CalicoAllowRequest = {
      name: DEFAULT_CALICO_ALLOW.name,
      order: first ? orderBefore(first.policyOrder ?? first.rule.order) : DEFAULT_CALICO_ALLOW.order,
      selector: first?.selector ?? DEFAULT_CALICO_ALLOW.selector,
      directions: [...new Set([...denied.map((d) => d.direction), ...defaultDenied.map((d) => d.direction)])].map((d) => (d === 'ingress' ? 'Ingress' : 'Egress')),
      reason: first?.selector
        ? `selector ${first.selector}: the same endpoints "${first.rule.policy}" selects, so no other endpoint becomes policy-selected.`
        : DEFAULT_CALICO_ALLOW.reason,
    };
    observations.push({
      status: 'fail',
      note: '',
      evidence: [],
      remediation: [calicoAllowRemediation(request, first ? first.rule.policy : null)],
    });
  }
  return observations;
}

function observeProbes(evidence: Evidence, inputs: CheckInputs): PolicyObservation[] {
  const icmp = evidence.probes.icmp;
  if (!inputs.target || !icmp) return [];
  if (!icmp.ok) return [{ status: 'unknown', note: `ICMP echo could not be sent (${icmp.code}).`, evidence: [citeFailure(icmp)], remediation: [] }];
  const tally = tallyProbes(icmp.value.probes);
  const echoCite = cite(icmp.source, `ICMP echo to ${icmp.value.address}: ${describeTally(tally)}`);
  const access = productIcmpAccess(inputs.product, inputs.target, inputs.cloudflareAccountId);

  const refusals = distinctErrors(tally.icmpErrors).filter(isAdminProhibited);
  if (refusals.length > 0) {
    const senders = [...new Set(refusals.map((e) => e.from ?? 'an unknown node'))];
    return [
      {
        status: 'fail',
        note: `ICMP echo to ${icmp.value.address} is refused by policy: ${refusals.map(describeProbeError).join('; ')}. ${senders.join(', ')} ${senders.length === 1 ? 'has' : 'have'} a firewall rule or prohibit route that rejects it.`,
        evidence: [echoCite, ...refusals.map((e) => cite(icmp.source, describeProbeError(e)))],
        remediation: [...allowEchoRemediation(senders[0] ?? null, evidence.imported.firewall), ...access],
      },
    ];
  }
  if (tally.replies.length > 0) {
    return [{ status: 'pass', note: `ICMP echo to ${icmp.value.address} is answered: no policy on the path refuses it.`, evidence: [echoCite], remediation: [] }];
  }
  const otherErrors = distinctErrors(tally.icmpErrors);
  if (otherErrors.length > 0) {
    return [
      {
        status: 'unknown',
        note: `ICMP echo to ${icmp.value.address} draws ${otherErrors.map(describeProbeError).join('; ')}: a routing failure, not a policy refusal (see tcp-vs-icmp).`,
        evidence: [echoCite],
        remediation: [],
      },
    ];
  }
  if (tally.timeouts.length === 0) return [];
  const tcp = evidence.probes.tcp;
  if (tcp?.ok && isProxied(tcp.value)) {
    return [
      {
        status: 'unknown',
        note: `ICMP echo to ${icmp.value.address} vanishes without an error, and TCP cannot tell a silent policy drop from a host that is down: ${proxiedStatement(tcp.value)}`,
        evidence: [echoCite, cite(tcp.source, `TCP ${tcp.value.address}:${tcp.value.port} ${tcp.value.outcome}`), cite(tcp.source, describeControls(tcp.value) ?? 'no control connects')],
        remediation: [],
      },
    ];
  }
  if (tcp?.ok && (tcp.value.outcome === 'connected' || tcp.value.outcome === 'refused')) {
    return [
      {
        status: 'fail',
        note: `ICMP echo to ${icmp.value.address} vanishes without an error while TCP to port ${tcp.value.port} ${tcp.value.outcome === 'connected' ? 'connects' : 'is answered'}: a firewall or policy on the way drops ICMP echo silently (or the tunnel does not carry it — see the tunnel checks).`,
        evidence: [echoCite, cite(tcp.source, `TCP ${tcp.value.address}:${tcp.value.port} ${tcp.value.outcome}`)],
        remediation: [...allowEchoRemediation(null, evidence.imported.firewall), ...access],
      },
    ];
  }
  return [
    {
      status: 'unknown',
      note: `ICMP echo to ${icmp.value.address} vanishes without an error; give --tcp-port P so a silent policy drop can be told from a host that is down.`,
      evidence: [echoCite],
      remediation: [],
    },
  ];
}

export function checkIcmpPolicy(evidence: Evidence, inputs: CheckInputs): Finding {
  const observations = [...observeProbes(evidence, inputs), ...observeCalico(evidence, inputs)];
  const cited = observations.flatMap((o) => o.evidence);
  const text = (list: PolicyObservation[]): string => list.map((o) => o.note).filter((n) => n !== '').join(' ');
  const failing = observations.filter((o) => o.status === 'fail');
  if (failing.length > 0) {
    const remediation = failing.flatMap((o) => o.remediation);
    const unique = remediation.filter((r, index) => remediation.findIndex((other) => other.text === r.text) === index);
    return finding(ID, 'fail', text(failing), cited, unique);
  }
  const passing = observations.filter((o) => o.status === 'pass');
  const unknown = observations.filter((o) => o.status === 'unknown');
  if (passing.length > 0) return finding(ID, 'pass', `${text(passing)}${unknown.length > 0 ? ` Not decided: ${text(unknown)}` : ''}`, cited);
  if (unknown.length > 0) return finding(ID, 'unknown', text(unknown), cited);
  if (!inputs.target && evidence.imported.calico.length === 0) {
    return finding(ID, 'skip', 'No target given and no policy imported: give --target T --tcp-port P, or import your Calico policies (calicoctl get globalnetworkpolicy,networkpolicy -A -o yaml).');
  }
  return finding(ID, 'unknown', `ICMP echo to ${inputs.target ?? 'the target'} has not been probed yet: run the "ICMP echo to the target" step (with --tcp-port P), or import your Calico policies.`, cited);
}
