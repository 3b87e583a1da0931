// tcp-vs-icmp: TCP connect vs ICMP echo to the same target tells which layer fails. TCP
// reaching the host (connected, or refused with a RST: either way the host answered) while
// echo goes unanswered means the path works and ICMP alone is lost on the way — unless a
// middlebox completed the handshake (tcp-proxied.ts): then TCP proves nothing and only the
// ICMP half is judged.

import type { Evidence, IcmpEchoResult, TcpProbeResult } from '../../../contract/evidence';
import type { Finding, FindingEvidence } from '../../../contract/findings';
import type { CheckInputs } from '../../../contract/inputs';
import { productIcmpAccess } from '../remediation/product-icmp-access';
import { pingAgainRemediation } from '../remediation/retest';
import { cite, citeFailure } from './cite';
import { finding } from './finding';
import { describeProbeError, describeTally, distinctErrors, isAdminProhibited, tallyProbes } from './probes';
import { describeControls, isProxied, proxiedStatement } from './tcp-proxied';

const ID = 'tcp-vs-icmp';

function tcpReached(tcp: TcpProbeResult): boolean {
  return tcp.outcome === 'connected' || tcp.outcome === 'refused';
}

function describeTcp(tcp: TcpProbeResult): string {
  const where = `${tcp.address}:${tcp.port}`;
  const time = tcp.ms !== null ? ` in ${tcp.ms.toFixed(1)} ms` : '';
  switch (tcp.outcome) {
    case 'connected':
      return `TCP connect to ${where} succeeded${time}`;
    case 'refused':
      return `TCP connect to ${where} refused (RST)${time}: the host answered, the port is closed`;
    default:
      return `TCP connect to ${where}: ${tcp.outcome}${tcp.errno ? ` (${tcp.errno})` : ''}${time}`;
  }
}


export function checkTcpVsIcmp(evidence: Evidence, inputs: CheckInputs): Finding {
  if (!inputs.target) return finding(ID, 'skip', 'No target given: give --target T --tcp-port P to compare TCP and ICMP to it.');
  const { tcp, icmp } = evidence.probes;
  if (!icmp) return finding(ID, 'unknown', `ICMP echo to ${inputs.target} has not been probed yet: run the "ICMP echo to the target" step.`);
  if (!icmp.ok) {
    return finding(ID, 'unknown', `ICMP echo to ${inputs.target} could not be sent (${icmp.code}); if the socket was refused, fix local-icmp-socket first.`, [citeFailure(icmp)]);
  }
  const echo: IcmpEchoResult = icmp.value;
  const tally = tallyProbes(echo.probes);
  const cited: FindingEvidence[] = [cite(icmp.source, `ICMP echo to ${echo.address}: ${describeTally(tally)}`)];
  const errors = distinctErrors(tally.icmpErrors);
  for (const error of errors) cited.push(cite(icmp.source, describeProbeError(error)));

  if (!tcp) {
    const ask = inputs.tcpPort === null ? 'give --tcp-port P (a TCP port the target serves)' : 'run the "TCP to the target" step';
    const status = tally.replies.length > 0 ? 'pass' : 'unknown';
    const summary =
      status === 'pass'
        ? `ICMP echo to ${echo.address} is answered; TCP was not compared.`
        : `ICMP echo to ${echo.address} got no reply, and TCP was not tried, so "ICMP is blocked" cannot be told from "the host is down": ${ask}.`;
    return finding(ID, status, summary, cited);
  }
  if (!tcp.ok) {
    cited.unshift(citeFailure(tcp));
    return finding(ID, tally.replies.length > 0 ? 'pass' : 'unknown', `The TCP probe did not run (${tcp.code}); ICMP: ${describeTally(tally)}.`, cited);
  }
  const controls = describeControls(tcp.value);
  cited.unshift(cite(tcp.source, describeTcp(tcp.value)), ...(controls ? [cite(tcp.source, controls)] : []));
  const icmpOk = tally.replies.length > 0;
  if (isProxied(tcp.value)) {
    if (icmpOk) return finding(ID, 'pass', `ICMP echo to ${echo.address} is answered. ${proxiedStatement(tcp.value)} So TCP was not compared.`, cited);
    return finding(
      ID,
      'unknown',
      `${proxiedStatement(tcp.value)} With ICMP echo unanswered (${describeTally(tally)}), "ICMP is blocked" cannot be told from "the target is down": check that ${echo.address} is up from the connector's side (or a host next to it).`,
      cited,
    );
  }
  const reached = tcpReached(tcp.value);

  if (reached && icmpOk) return finding(ID, 'pass', `Both TCP and ICMP reach ${echo.address}: ICMP is not being dropped on this path.`, cited);
  if (!reached && icmpOk) {
    return finding(ID, 'warn', `ICMP reaches ${echo.address} but TCP port ${tcp.value.port} did not (${tcp.value.outcome}): ICMP works; check the port (or a TCP filter) if TCP is what fails for you.`, cited);
  }
  if (reached && errors.length > 0) {
    const policy = errors.some(isAdminProhibited);
    const first = errors[0];
    return finding(
      ID,
      'fail',
      `TCP reaches ${echo.address} but ICMP echo is answered with ${first ? describeProbeError(first) : 'an ICMP error'}: ${policy ? 'ICMP is refused by policy — see icmp-policy' : 'a node on the path rejects ICMP though it forwards TCP — see icmp-policy'}.`,
      cited,
      [...productIcmpAccess(inputs.product, inputs.target, inputs.cloudflareAccountId), pingAgainRemediation(inputs.target)],
    );
  }
  if (reached) {
    return finding(
      ID,
      'fail',
      `TCP reaches ${echo.address} but ICMP echo vanishes (no reply, no error): ICMP is dropped on the way — by the tunnel (see tunnel-transport, icmp-proxy, connector-gid-range) or a firewall (see icmp-policy).`,
      cited,
      [...productIcmpAccess(inputs.product, inputs.target, inputs.cloudflareAccountId), pingAgainRemediation(inputs.target)],
    );
  }
  return finding(
    ID,
    'warn',
    `Neither TCP (${tcp.value.outcome}) nor ICMP reaches ${echo.address}: the host or the route to it is down (or not published through the tunnel) — not an ICMP problem. Check that the target is up and that the tunnel routes its address; give a --tcp-port it really serves.`,
    cited,
  );
}
