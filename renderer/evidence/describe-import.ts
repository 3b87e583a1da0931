// One line per import for the Evidence screen: the facts the parser took from it (quoted as
// evidence, so not translated), or the parser's own failure with its code.

import type { ImportedItem } from '../../contract/api';
import type { CloudflaredEvidence, ConnectorReport, FirewallFacts, Gathered, GatherFailureCode } from '../../contract/evidence';
import type { Message } from '../../contract/message';

/** A failure's `reason`, when the parser gave one, is said in the UI's language; `message` is its English. */
export type ImportOutcome = { ok: true; facts: string } | { ok: false; code: GatherFailureCode; message: string; reason?: Message };

function failed(failure: Extract<Gathered<unknown>, { ok: false }>): ImportOutcome {
  return { ok: false, code: failure.code, message: failure.message, ...(failure.reason ? { reason: failure.reason } : {}) };
}

function cloudflaredFacts(value: CloudflaredEvidence): string {
  const facts: string[] = [];
  const transports = [...new Set(value.registered.map((entry) => entry.transport))];
  if (transports.length > 0) facts.push(`registered over ${transports.join(' and ')}`);
  if (value.fallbackToHttp2) facts.push('fell back to http2');
  if (value.gidOutsideRange) facts.push(`group ${value.gidOutsideRange.gid} outside ping_group_range ${value.gidOutsideRange.low} ${value.gidOutsideRange.high}`);
  if (value.icmpProxyDisabled) facts.push('ICMP proxy disabled');
  if (value.quickTunnel) facts.push('quick tunnel');
  return facts.length > 0 ? facts.join('; ') : 'no transport, ICMP or group lines found';
}

function connectorReportFacts(value: ConnectorReport): string {
  const host = value.local.host.ok ? value.local.host.value.hostname : 'unknown host';
  const found = value.connectors.ok ? value.connectors.value.map((c) => `${c.kind} pid ${c.pid} (gid ${c.gids[1]})`) : [];
  return `from ${host}, made ${value.createdAt}: ${found.length > 0 ? found.join(', ') : 'no connector found'}`;
}

function firewallFacts(value: FirewallFacts): string {
  const found = value.icmpRules.map((r) => `${r.action} in ${r.family} ${r.table} ${r.chain}${r.hook ? ` (hook ${r.hook})` : ''}, rule ${r.position}`);
  return `${value.chains} chain${value.chains === 1 ? '' : 's'}; ${found.length > 0 ? `ICMP ${found.join('; ')}` : 'no rule that drops or rejects ICMP'}`;
}

function outcome<T>(gathered: Gathered<T>, facts: (value: T) => string): ImportOutcome {
  return gathered.ok ? { ok: true, facts: facts(gathered.value) } : failed(gathered);
}

export function describeImport(item: ImportedItem): ImportOutcome {
  switch (item.kind) {
    case 'cloudflared-log':
      return outcome(item.value, cloudflaredFacts);
    case 'sysctl':
      return outcome(item.value, (range) => `net.ipv4.ping_group_range = ${range.low} ${range.high}`);
    case 'id':
      return outcome(item.value, (id) => `uid=${id.uid} gid=${id.gid} egid=${id.egid} groups=${id.groups.join(',') || 'none'}`);
    case 'pod-spec': {
      const refused = item.value.find((pod) => !pod.ok);
      if (refused && !refused.ok) return failed(refused);
      if (item.value.length === 0) return { ok: false, code: 'UNPARSEABLE', message: 'no Pod, Deployment, DaemonSet or StatefulSet was found in it' };
      return { ok: true, facts: item.value.map((pod) => (pod.ok ? `${pod.value.kind ?? 'Pod'} ${pod.value.name ?? '(unnamed)'}` : '')).join(', ') };
    }
    case 'helm-values':
      return outcome(item.value, (values) => `icmpSupport.enabled: ${values.icmpSupportEnabled === null ? 'not set (chart default: false)' : String(values.icmpSupportEnabled)}`);
    case 'calico-policy':
      return outcome(item.value, (calico) => `${calico.policies.length} policies, ${calico.icmpRules.length} rules that match ICMP`);
    case 'connector-report':
      return outcome(item.value, connectorReportFacts);
    case 'nft-ruleset':
    case 'iptables-save':
      return outcome(item.value, firewallFacts);
  }
}
