// The Qiita seed's situation (issue 8): cloudflared registered over HTTP/2, the account's ICMP
// proxy off, the connector's GID 0 outside "1 0" — and echo to the target vanishing while TCP
// to it connects. Evidence shaped as the gatherers produce it, for the checks to decide on.

import type { Evidence } from '../../contract/evidence';
import type { FindingId } from '../../contract/findings';
import type { CheckInputs } from '../../contract/inputs';
import { ECHO_TIMEOUT } from '../checks/lab-captures';
import { cloudflared, echo, evidence, gathered, inputs, LOG, line, repeated, tcp } from '../checks/evidence';

export const QIITA_TARGET = '192.168.1.20';
export const QIITA_ACCOUNT = '0123456789abcdef0123456789abcdef';
/** The three traps, in the order to fix them. */
export const QIITA_CAUSES: readonly FindingId[] = ['connector-gid-range', 'tunnel-transport', 'icmp-proxy'];

export const qiitaInputs: CheckInputs = inputs({
  target: QIITA_TARGET,
  tcpPort: 22,
  product: 'cloudflare',
  cloudflareAccountId: QIITA_ACCOUNT,
  cloudflareApiToken: 'provided',
});

/** Echo to the target that vanishes (4 timeouts) while TCP port 22 connects. */
export function echoVanishes(e: Evidence, target: string = QIITA_TARGET): void {
  e.probes.icmp = echo(target, repeated({ ...ECHO_TIMEOUT, target }, 4));
  e.probes.tcp = tcp('connected', target, 22);
}

export function qiitaEvidence(): Evidence {
  return evidence((e) => {
    e.cloudflared = cloudflared({
      registered: [{ transport: 'http2', evidence: line(LOG.registeredHttp2, 5) }],
      gidOutsideRange: { gid: 0, low: 1, high: 0, evidence: line(LOG.gidWarning, 1) },
      icmpProxyDisabled: line(LOG.proxyDisabled, 2),
    });
    e.cloudflareApi = gathered({ accountId: QIITA_ACCOUNT, icmpProxyEnabled: false }, 'Cloudflare API');
    echoVanishes(e);
  });
}
