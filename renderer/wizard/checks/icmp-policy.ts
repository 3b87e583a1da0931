// icmp-policy: ICMP refused or dropped by policy. Three kinds of proof: an "administratively
// prohibited" error names the node that refuses (v4 3/9, 3/10, 3/13; v6 1/1); echo that
// vanishes while TCP to the same host passes means something drops ICMP only (unless a
// middlebox completed that handshake: then it proves nothing, see tcp-proxied.ts); and
// imported Calico policies can be evaluated for an echo request directly.

import type { CalicoFacts, Evidence } from '../../../contract/evidence';
import type { Finding, FindingEvidence, Remediation } from '../../../contract/findings';
import type { CheckInputs } from '../../../contract/inputs';
import type { Message } from '../../../contract/message';
import { msg } from '../../i18n/messages/message';
import { DEFAULT_CALICO_ALLOW, calicoAllowRemediation, type CalicoAllowRequest } from '../remediation/calico-icmp-policy';
import { allowEchoRemediation, firewallHoldsDrop } from '../remediation/icmp-firewall';
import { productIcmpAccess } from '../remediation/product-icmp-access';
import { shellCommand } from '../remediation/shell';
import { parseAddress } from './address';
import { decide, describeRule, ECHO_REQUEST, type Direction, type RuleDecision } from './calico-evaluation';
import { cite, citedMessage, citeFailure, type Cited } from './cite';
import { finding } from './finding';
import { isFirezoneFilterRefusal, observeFirezoneResources, resourcesWithoutIcmp, silentFilterNote, throughFirezone } from './firezone-filters';
import { allowIcmpInFirezoneResource } from '../remediation/firezone-traffic-restrictions';
import { describeProbeError, describeTally, distinctErrors, isAdminProhibited, tallyProbes } from './probes';
import { describeControls, describeTcp, isProxied, proxiedStatement } from './tcp-proxied';

const ID = 'icmp-policy';

interface PolicyObservation {
  status: 'pass' | 'fail' | 'unknown';
  /** What this observation says; null for one that only carries a fix. */
  note: Message | null;
  evidence: FindingEvidence[];
  remediation: Remediation[];
  /**
   * The evidence shows where the drop is (an imported Calico policy that denies ICMP, an
   * imported ruleset that holds the drop), so this observation's fixes act there; fixes that
   * guess the place (FORWARD, inet filter forward) come after them.
   */
  located?: boolean;
}

/** Located observations first, the rest in the order they were made. */
function locatedFirst(observations: readonly PolicyObservation[]): PolicyObservation[] {
  return [...observations.filter((o) => o.located === true), ...observations.filter((o) => o.located !== true)];
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
    else observations.push({ status: 'unknown', note: msg('calico.unreadable', { code: gathered.code }), evidence: [citeFailure(gathered)], remediation: [] });
  }
  if (facts.length === 0) return observations;
  const read = evidence.imported.calico.filter((g) => g.ok);
  // One file: its source as gathered (a message when it has words); several: all of them, listed.
  const source: Cited = read.length === 1 && read[0] ? read[0] : citedMessage(msg('source.several', { sources: read.map((g) => g.sourceMessage ?? g.source) }));
  const rules = facts.flatMap((f) => f.icmpRules);
  const targetFamily = parseAddress(inputs.target ?? '')?.family ?? null;
  // IPv6 only when the policies or the target speak it: a v4-only cluster's missing ICMPv6 rule is not a finding.
  const families: Array<4 | 6> = rules.some((r) => r.protocol === 'ICMPv6') || targetFamily === 6 ? [4, 6] : [4];
  const denied: Array<{ direction: Direction; decision: RuleDecision }> = [];
  const defaultDenied: Array<{ direction: Direction; family: 4 | 6; policies: string[] }> = [];

  for (const family of families) {
    for (const direction of ['ingress', 'egress'] as const) {
      const decision = decide(facts, { family, direction, ...ECHO_REQUEST[family] });
      switch (decision.decision) {
        case 'deny':
        case 'allow':
        case 'pass': {
          const { rule } = decision;
          const said = { kind: rule.kind, policy: rule.policy, family, direction, rule: describeRule(rule) };
          if (decision.decision === 'deny') denied.push({ direction, decision });
          observations.push({
            status: decision.decision === 'deny' ? 'fail' : decision.decision === 'allow' ? 'pass' : 'unknown',
            note:
              decision.decision === 'deny'
                ? msg('calico.deny', { ...said, order: decision.policyOrder })
                : msg(decision.decision === 'allow' ? 'calico.allow' : 'calico.pass', said),
            evidence: [cite(source, msg('calico.evidence.rule', { kind: rule.kind, policy: rule.policy, rule: describeRule(rule) }))],
            remediation: [],
          });
          break;
        }
        case 'default-deny':
          defaultDenied.push({ direction, family, policies: decision.policies });
          observations.push({
            status: 'fail',
            note: msg('calico.default-deny', { direction, policies: decision.policies, family }),
            evidence: [cite(source, msg('calico.evidence.default-deny', { direction, policies: decision.policies, family }))],
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
      // The fix's comment is still a string in remediation/ (its helper makes it a message):
      // our words live in the catalogue and are said in English here until then.
      reason: first?.selector ? msg('fix.calico.reason.same-selector', { selector: first.selector, policy: first.rule.policy }) : DEFAULT_CALICO_ALLOW.reason,
    };
    observations.push({
      status: 'fail',
      note: null,
      evidence: [],
      remediation: [calicoAllowRemediation(request, first ? first.rule.policy : null)],
      located: true,
    });
  }
  return observations;
}

function observeProbes(evidence: Evidence, inputs: CheckInputs): PolicyObservation[] {
  const icmp = evidence.probes.icmp;
  if (!inputs.target || !icmp) return [];
  if (!icmp.ok) return [{ status: 'unknown', note: msg('icmp-policy.echo-not-sent', { code: icmp.code }), evidence: [citeFailure(icmp)], remediation: [] }];
  const address = icmp.value.address;
  const tally = tallyProbes(icmp.value.probes);
  const echoCite = cite(icmp, msg('tcp-vs-icmp.evidence.echo', { address, tally: describeTally(tally) }));
  const access = productIcmpAccess(inputs.product, inputs.target, inputs.cloudflareAccountId);

  const refusals = distinctErrors(tally.icmpErrors).filter(isAdminProhibited);
  // Through Firezone, "prohibited" is the resource's traffic restrictions refusing ICMP, by design.
  if (refusals.length > 0 && throughFirezone(evidence, inputs, address) && refusals.every(isFirezoneFilterRefusal)) {
    return [
      {
        status: 'fail',
        note: msg('firezone.filter.refused', { address, errors: refusals.map(describeProbeError) }),
        evidence: [echoCite, ...refusals.map((e) => cite(icmp, describeProbeError(e)))],
        remediation: allowIcmpInFirezoneResource(resourcesWithoutIcmp(evidence)),
        located: true,
      },
      ...observeFirezoneResources(evidence, address),
    ];
  }
  if (refusals.length > 0) {
    const named = [...new Set(refusals.map((e) => e.from))];
    const senders = named.map((from) => from ?? msg('icmp-policy.unknown-node'));
    return [
      {
        status: 'fail',
        note: msg('icmp-policy.refused', { address, errors: refusals.map(describeProbeError), senders }),
        evidence: [echoCite, ...refusals.map((e) => cite(icmp, describeProbeError(e)))],
        remediation: [...allowEchoRemediation(named[0] ?? null, evidence.imported.firewall), ...access],
        located: firewallHoldsDrop(evidence.imported.firewall ?? [], 'echo'),
      },
    ];
  }
  if (tally.replies.length > 0) {
    return [{ status: 'pass', note: msg('icmp-policy.answered', { address }), evidence: [echoCite], remediation: [] }];
  }
  const otherErrors = distinctErrors(tally.icmpErrors);
  if (otherErrors.length > 0) {
    return [{ status: 'unknown', note: msg('icmp-policy.routing-error', { address, errors: otherErrors.map(describeProbeError) }), evidence: [echoCite], remediation: [] }];
  }
  if (tally.timeouts.length === 0) return [];
  const vanished = observeVanished(evidence, inputs, address, echoCite, access);
  // Said beside the verdict on the vanished echo, with its status, so a fail shows it too.
  const beside: PolicyObservation['status'] = vanished.some((o) => o.status === 'fail') ? 'fail' : 'unknown';
  return [...vanished, ...firezoneSilence(evidence, inputs, address).map((o) => ({ ...o, status: beside }))];
}

/** Echo vanished through Firezone: what the gateway's version says about its traffic restrictions. */
function firezoneSilence(evidence: Evidence, inputs: CheckInputs, address: string): PolicyObservation[] {
  const said = silentFilterNote(evidence, inputs, address);
  if (!said) return [];
  // An old gateway's filter is a suspect, not a proof; a new one's is cleared. Either way it is said beside the rest.
  return [{ status: 'unknown', note: said.note, evidence: said.evidence, remediation: said.silent ? allowIcmpInFirezoneResource(resourcesWithoutIcmp(evidence)) : [] }];
}

/** Echo requests that got nothing back: TCP to the same host says whether only ICMP is dropped. */
function observeVanished(evidence: Evidence, inputs: CheckInputs, address: string, echoCite: FindingEvidence, access: Remediation[]): PolicyObservation[] {
  const tcp = evidence.probes.tcp;
  if (tcp?.ok && isProxied(tcp.value)) {
    return [
      {
        status: 'unknown',
        note: msg('icmp-policy.vanishes.proxied', { address, proxied: proxiedStatement(tcp.value) }),
        evidence: [echoCite, cite(tcp, describeTcp(tcp.value)), cite(tcp, describeControls(tcp.value) ?? msg('tcp-proxied.no-controls'))],
        remediation: [],
      },
    ];
  }
  if (tcp?.ok && (tcp.value.outcome === 'connected' || tcp.value.outcome === 'refused')) {
    return [
      {
        status: 'fail',
        note: msg('icmp-policy.vanishes.tcp-reached', { address, port: tcp.value.port, outcome: tcp.value.outcome }),
        evidence: [echoCite, cite(tcp, describeTcp(tcp.value))],
        remediation: [...allowEchoRemediation(null, evidence.imported.firewall), ...access],
        located: firewallHoldsDrop(evidence.imported.firewall ?? [], 'echo'),
      },
    ];
  }
  return [{ status: 'unknown', note: msg('icmp-policy.vanishes.no-tcp', { address }), evidence: [echoCite], remediation: [] }];
}

/** The notes of some observations as one reason: the note itself when there is one. */
function notesOf(list: readonly PolicyObservation[]): Message[] {
  return list.flatMap((o) => (o.note ? [o.note] : []));
}

function said(notes: readonly Message[]): Message {
  const [only] = notes;
  return notes.length === 1 && only ? only : msg('icmp-policy.observations', { notes });
}

export function checkIcmpPolicy(evidence: Evidence, inputs: CheckInputs): Finding {
  const probed = observeProbes(evidence, inputs);
  // Firezone resources are observed with the probe when the gateway refused it (to set the two side by side), else on their own.
  const firezoneRefused = probed.some((o) => o.note?.key === 'firezone.filter.refused');
  const resources = firezoneRefused ? [] : observeFirezoneResources(evidence, null).map((o) => ({ ...o, located: o.status === 'fail' }));
  const observations = [...probed, ...resources, ...observeCalico(evidence, inputs)];
  const cited = observations.flatMap((o) => o.evidence);
  const failing = observations.filter((o) => o.status === 'fail');
  if (failing.length > 0) {
    const remediation = locatedFirst(failing).flatMap((o) => o.remediation);
    const unique = remediation.filter((r, index) => remediation.findIndex((other) => other.text === r.text) === index);
    return finding(ID, 'fail', said(notesOf(failing)), cited, unique);
  }
  const passing = notesOf(observations.filter((o) => o.status === 'pass'));
  const unknown = notesOf(observations.filter((o) => o.status === 'unknown'));
  if (passing.length > 0) return finding(ID, 'pass', unknown.length > 0 ? msg('icmp-policy.pass-undecided', { passing, undecided: unknown }) : said(passing), cited);
  if (unknown.length > 0) return finding(ID, 'unknown', said(unknown), cited);
  if (!inputs.target && evidence.imported.calico.length === 0 && (evidence.imported.firezoneResources ?? []).length === 0) {
    const command = shellCommand(['calicoctl', 'get', 'globalnetworkpolicy,networkpolicy', '-A', '-o', 'yaml']);
    return finding(ID, 'skip', msg('icmp-policy.nothing-to-go-on', { command }));
  }
  return finding(ID, 'unknown', msg('icmp-policy.not-probed', { target: inputs.target }), cited);
}
