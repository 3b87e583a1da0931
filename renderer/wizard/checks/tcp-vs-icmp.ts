// tcp-vs-icmp: TCP connect vs ICMP echo to the same target tells which layer fails. TCP
// reaching the host (connected, or refused with a RST: either way the host answered) while
// echo goes unanswered means the path works and ICMP alone is lost on the way — unless a
// middlebox completed the handshake (tcp-proxied.ts): then TCP proves nothing and only the
// ICMP half is judged.

import type { Evidence, IcmpEchoResult, TcpProbeResult } from '../../../contract/evidence';
import type { Finding, FindingEvidence } from '../../../contract/findings';
import type { CheckInputs } from '../../../contract/inputs';
import { msg } from '../../i18n/messages/message';
import { productIcmpAccess } from '../remediation/product-icmp-access';
import { pingAgainRemediation } from '../remediation/retest';
import { cite, citeFailure } from './cite';
import { finding } from './finding';
import { describeProbeError, describeTally, distinctErrors, isAdminProhibited, tallyProbes } from './probes';
import { describeControls, describeTcp, isProxied, proxiedStatement } from './tcp-proxied';

const ID = 'tcp-vs-icmp';

function tcpReached(tcp: TcpProbeResult): boolean {
  return tcp.outcome === 'connected' || tcp.outcome === 'refused';
}

export function checkTcpVsIcmp(evidence: Evidence, inputs: CheckInputs): Finding {
  if (!inputs.target) return finding(ID, 'skip', msg('tcp-vs-icmp.no-target'));
  const target = inputs.target;
  const { tcp, icmp } = evidence.probes;
  if (!icmp) return finding(ID, 'unknown', msg('tcp-vs-icmp.icmp-not-probed', { target }));
  if (!icmp.ok) return finding(ID, 'unknown', msg('tcp-vs-icmp.icmp-not-sent', { target, code: icmp.code }), [citeFailure(icmp)]);
  const echo: IcmpEchoResult = icmp.value;
  const address = echo.address;
  const tally = tallyProbes(echo.probes);
  const cited: FindingEvidence[] = [cite(icmp, msg('tcp-vs-icmp.evidence.echo', { address, tally: describeTally(tally) }))];
  const errors = distinctErrors(tally.icmpErrors);
  for (const error of errors) cited.push(cite(icmp, describeProbeError(error)));
  const icmpOk = tally.replies.length > 0;

  if (!tcp) {
    if (icmpOk) return finding(ID, 'pass', msg('tcp-vs-icmp.tcp-not-compared', { address }), cited);
    return finding(ID, 'unknown', msg(inputs.tcpPort === null ? 'tcp-vs-icmp.no-reply.no-tcp-port' : 'tcp-vs-icmp.no-reply.tcp-not-run', { address }), cited);
  }
  if (!tcp.ok) {
    cited.unshift(citeFailure(tcp));
    return finding(ID, icmpOk ? 'pass' : 'unknown', msg('tcp-vs-icmp.tcp-not-run', { code: tcp.code, tally: describeTally(tally) }), cited);
  }
  const controls = describeControls(tcp.value);
  cited.unshift(cite(tcp, describeTcp(tcp.value)), ...(controls ? [cite(tcp, controls)] : []));
  if (isProxied(tcp.value)) {
    const proxied = proxiedStatement(tcp.value);
    if (icmpOk) return finding(ID, 'pass', msg('tcp-vs-icmp.proxied.answered', { address, proxied }), cited);
    return finding(ID, 'unknown', msg('tcp-vs-icmp.proxied.no-reply', { address, proxied, tally: describeTally(tally) }), cited);
  }
  const reached = tcpReached(tcp.value);
  const [firstError] = errors;
  const fixes = () => [...productIcmpAccess(inputs.product, target, inputs.cloudflareAccountId), pingAgainRemediation(target)];

  if (reached && icmpOk) return finding(ID, 'pass', msg('tcp-vs-icmp.both-reach', { address }), cited);
  if (!reached && icmpOk) return finding(ID, 'warn', msg('tcp-vs-icmp.tcp-port-fails', { address, port: tcp.value.port, outcome: tcp.value.outcome }), cited);
  if (reached && firstError) {
    const key = errors.some(isAdminProhibited) ? 'tcp-vs-icmp.icmp-refused-by-policy' : 'tcp-vs-icmp.icmp-rejected-on-path';
    return finding(ID, 'fail', msg(key, { address, error: describeProbeError(firstError) }), cited, fixes());
  }
  if (reached) return finding(ID, 'fail', msg('tcp-vs-icmp.icmp-dropped', { address }), cited, fixes());
  return finding(ID, 'warn', msg('tcp-vs-icmp.neither-reaches', { address, outcome: tcp.value.outcome }), cited);
}
