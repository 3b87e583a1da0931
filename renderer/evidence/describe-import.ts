// One line per import for the Evidence screen: the facts the parser took from it (values are
// quoted as they are; the words around them are messages), or the parser's own failure with its code.

import type { ImportedItem } from '../../contract/api';
import type { CloudflaredEvidence, ConnectorReport, FirewallFacts, Gathered, GatherFailureCode } from '../../contract/evidence';
import type { Message } from '../../contract/message';
import { msg } from '../i18n/messages/message';

/** A failure's `reason`, when the parser gave one, is said in the UI's language; `message` is its English. */
export type ImportOutcome = { ok: true; facts: Message } | { ok: false; code: GatherFailureCode; message: string; reason?: Message };

function failed(failure: Extract<Gathered<unknown>, { ok: false }>): ImportOutcome {
  return { ok: false, code: failure.code, message: failure.message, ...(failure.reason ? { reason: failure.reason } : {}) };
}

function cloudflaredFacts(value: CloudflaredEvidence): Message {
  const facts: Message[] = [];
  const transports = [...new Set(value.registered.map((entry) => entry.transport))];
  if (transports.length > 0) facts.push(msg('import.facts.registered', { transports }));
  if (value.fallbackToHttp2) facts.push(msg('import.facts.fell-back'));
  if (value.gidOutsideRange) facts.push(msg('import.facts.gid-outside', { gid: value.gidOutsideRange.gid, low: value.gidOutsideRange.low, high: value.gidOutsideRange.high }));
  if (value.icmpProxyDisabled) facts.push(msg('import.facts.proxy-disabled'));
  if (value.quickTunnel) facts.push(msg('import.facts.quick-tunnel'));
  return facts.length > 0 ? msg('import.facts.list', { facts }) : msg('import.facts.cloudflared-nothing');
}

function connectorReportFacts(value: ConnectorReport): Message {
  const host = value.local.host.ok ? value.local.host.value.hostname : null;
  const found = value.connectors.ok ? value.connectors.value.map((c) => `${c.kind} pid ${c.pid} (gid ${c.gids[1]})`) : [];
  return msg('import.facts.connector-report', { host, createdAt: value.createdAt, found });
}

function firewallFacts(value: FirewallFacts): Message {
  const found = value.icmpRules.map((r) =>
    msg('import.facts.firewall-rule', { action: r.action, family: r.family, table: r.table, chain: r.chain, hook: r.hook, position: r.position, policy: r.policy === true }),
  );
  return msg('import.facts.firewall', { chains: value.chains, found });
}

/** Facts that are values only (a sysctl line, `id` output): the same in every language. */
function verbatim(text: string): Message {
  return msg('failure.verbatim', { text });
}

function outcome<T>(gathered: Gathered<T>, facts: (value: T) => Message): ImportOutcome {
  return gathered.ok ? { ok: true, facts: facts(gathered.value) } : failed(gathered);
}

export function describeImport(item: ImportedItem): ImportOutcome {
  switch (item.kind) {
    case 'cloudflared-log':
      return outcome(item.value, cloudflaredFacts);
    case 'sysctl':
      return outcome(item.value, (range) => verbatim(`net.ipv4.ping_group_range = ${range.low} ${range.high}`));
    case 'id':
      return outcome(item.value, (id) => msg('import.facts.id', { uid: id.uid, gid: id.gid, egid: id.egid, groups: id.groups }));
    case 'pod-spec': {
      const refused = item.value.find((pod) => !pod.ok);
      if (refused && !refused.ok) return failed(refused);
      if (item.value.length === 0) return { ok: false, code: 'UNPARSEABLE', message: 'no Pod, Deployment, DaemonSet or StatefulSet was found in it', reason: msg('import.facts.no-pod') };
      return { ok: true, facts: msg('import.facts.pods', { pods: item.value.flatMap((pod) => (pod.ok ? [msg('import.facts.pod', { kind: pod.value.kind ?? 'Pod', name: pod.value.name })] : [])) }) };
    }
    case 'helm-values':
      return outcome(item.value, (values) => msg('import.facts.helm', { enabled: values.icmpSupportEnabled }));
    case 'calico-policy':
      return outcome(item.value, (calico) => msg('import.facts.calico', { policies: calico.policies.length, rules: calico.icmpRules.length }));
    case 'connector-report':
      return outcome(item.value, connectorReportFacts);
    case 'nft-ruleset':
    case 'iptables-save':
      return outcome(item.value, firewallFacts);
    case 'twingate-log':
      return outcome(item.value, (log) => msg('twingate.import.facts', { version: log.version?.value ?? null, denied: log.icmpDenied.length, state: log.state?.value ?? null }));
    case 'firezone-log':
      return outcome(item.value, (log) => msg('firezone.import.facts.log', { version: log.version?.value ?? null }));
    case 'firezone-resource':
      return outcome(item.value, (resources) => msg('firezone.import.facts.resources', { resources: resources.map((r) => r.name ?? r.address ?? '?'), icmp: resources.map((r) => r.filters.length === 0 || r.filters.some((f) => f.protocol === 'icmp')) }));
  }
}
