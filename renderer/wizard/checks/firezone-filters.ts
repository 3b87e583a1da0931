// Firezone's traffic restrictions, for icmp-policy. A gateway (1.4.13 and later,
// firezone/firezone#9816) answers a packet its resource's filters leave out with ICMP
// "administratively prohibited" (v4 3/13, v6 1/1; rust/libs/connlib/tunnel-proto/src/gateway/
// client_on_gateway.rs, translate_outbound): such an answer through Firezone is the filter
// doing its job, not a firewall. Imported resources say what the filters are; when they
// permit ICMP and the gateway refused anyway, both are shown.

import type { Evidence, FirezoneResourceFacts } from '../../../contract/evidence';
import type { FindingEvidence, Remediation } from '../../../contract/findings';
import type { CheckInputs } from '../../../contract/inputs';
import type { Message } from '../../../contract/message';
import type { ProbeError } from '../../../native/index';
import { msg } from '../../i18n/messages/message';
import { allowIcmpInFirezoneResource } from '../remediation/firezone-traffic-restrictions';
import { cite, citeFailure } from './cite';
import { compareVersions, firezoneDnsResourceRange, FIREZONE_FILTER_REPLY_VERSION } from './firezone';
import { firezoneGatewayVersion } from './firezone-gateway-version';

export interface FilterObservation {
  status: 'pass' | 'fail' | 'unknown';
  note: Message;
  evidence: FindingEvidence[];
  remediation: Remediation[];
}

/** The refusal a Firezone gateway sends for filtered traffic. */
export function isFirezoneFilterRefusal(error: ProbeError): boolean {
  if (error.origin !== 'icmp') return false;
  return error.family === 4 ? error.icmpType === 3 && error.icmpCode === 13 : error.icmpType === 1 && error.icmpCode === 1;
}

/** The probe went through Firezone: the product was named, the target is a DNS-resource address, or Firezone evidence was imported. */
export function throughFirezone(evidence: Evidence, inputs: CheckInputs, address: string): boolean {
  if (inputs.product === 'firezone') return true;
  if (firezoneDnsResourceRange(address) || firezoneDnsResourceRange(inputs.target)) return true;
  return (evidence.imported.firezoneLogs ?? []).length > 0 || (evidence.imported.firezoneResources ?? []).length > 0;
}

function resourceName(resource: FirezoneResourceFacts): string {
  return resource.name ?? resource.address ?? '?';
}

function permitsIcmp(resource: FirezoneResourceFacts): boolean {
  return resource.filters.length === 0 || resource.filters.some((f) => f.protocol === 'icmp');
}

/** "TCP 443, 8000 - 9000", "ICMP": a filter as the portal lists it. */
function describeFilter(filter: FirezoneResourceFacts['filters'][number]): string {
  const protocol = filter.protocol.toUpperCase();
  return filter.ports.length > 0 ? `${protocol} ${filter.ports.join(', ')}` : protocol;
}

/** Names of imported resources whose filters leave ICMP out. */
export function resourcesWithoutIcmp(evidence: Evidence): string[] {
  return (evidence.imported.firezoneResources ?? []).flatMap((g) => (g.ok ? g.value.filter((r) => !permitsIcmp(r)).map(resourceName) : []));
}

/** What the imported resources say; `refusedAt`: the address the gateway refused echo to, if it did. */
export function observeFirezoneResources(evidence: Evidence, refusedAt: string | null): FilterObservation[] {
  const observations: FilterObservation[] = [];
  const permitting: string[] = [];
  const permittingEvidence: FindingEvidence[] = [];
  for (const gathered of evidence.imported.firezoneResources ?? []) {
    if (!gathered.ok) {
      observations.push({ status: 'unknown', note: msg('firezone.filter.unreadable', { code: gathered.code }), evidence: [citeFailure(gathered)], remediation: [] });
      continue;
    }
    for (const resource of gathered.value) {
      const name = resourceName(resource);
      const allowed = resource.filters.map(describeFilter);
      const cited = cite(gathered, msg('firezone.filter.evidence.filters', { resource: name, allowed }));
      if (permitsIcmp(resource)) {
        permitting.push(name);
        permittingEvidence.push(cited);
        if (refusedAt === null) {
          observations.push({ status: 'pass', note: msg('firezone.filter.resource-allows', { resource: name, unrestricted: resource.filters.length === 0 }), evidence: [cited], remediation: [] });
        }
      } else {
        observations.push({ status: 'fail', note: msg('firezone.filter.resource-no-icmp', { resource: name, allowed }), evidence: [cited], remediation: allowIcmpInFirezoneResource([name]) });
      }
    }
  }
  if (refusedAt !== null && permitting.length > 0) {
    observations.push({ status: 'fail', note: msg('firezone.filter.contradiction', { resources: permitting, address: refusedAt }), evidence: permittingEvidence, remediation: [] });
  }
  return observations;
}

/**
 * Echo vanished through Firezone and the gateway's version is known: before 1.4.13 a gateway
 * drops what the traffic restrictions leave out without a word, so they may be the cause; from
 * 1.4.13 it would have answered 3/13, so they are not. null: not through Firezone, or no version.
 */
export function silentFilterNote(evidence: Evidence, inputs: CheckInputs, address: string): { note: Message; evidence: FindingEvidence[]; silent: boolean } | null {
  if (!throughFirezone(evidence, inputs, address)) return null;
  const gateway = firezoneGatewayVersion(evidence);
  if (gateway.versions.length === 0) return null;
  const silent = gateway.versions.some((v) => compareVersions(v, FIREZONE_FILTER_REPLY_VERSION) < 0);
  return {
    note: msg(silent ? 'firezone.filter.silent-gateway' : 'firezone.filter.answering-gateway', { versions: gateway.versions, since: FIREZONE_FILTER_REPLY_VERSION, address }),
    evidence: gateway.evidence,
    silent,
  };
}
