// icmp-proxy: Cloudflare forwards ICMP into a private network only when the account's Zero
// Trust ICMP proxy is on (connectivity_settings.icmp_proxy_enabled), and never through a
// quick tunnel. cloudflared's own "ICMP proxy feature is disabled" warning is a different
// matter — its group is outside ping_group_range — and is reported as such.

import type { CloudflareApiEvidence, Evidence, Gathered } from '../../../contract/evidence';
import type { Finding, FindingEvidence } from '../../../contract/findings';
import type { CheckInputs } from '../../../contract/inputs';
import type { Message } from '../../../contract/message';
import { msg } from '../../i18n/messages/message';
import { icmpProxyRemediation, namedTunnelRemediation } from '../remediation/cloudflare-icmp-proxy';
import { atLine, cite, citeFailure, failureMessage, type GatherFailure } from './cite';
import { finding } from './finding';
import { cloudflareSkipReason } from './scope';
import { cloudflaredEvidence } from './sources';

const ID = 'icmp-proxy';

/** What to do about an API failure, by its code. */
function apiAdvice(failure: GatherFailure): Message {
  switch (failure.code) {
    case 'AUTH_FAILED':
      return msg('icmp-proxy.advice.auth-failed');
    case 'FORBIDDEN':
      return msg('icmp-proxy.advice.forbidden');
    case 'TIMEOUT':
      return msg('icmp-proxy.advice.timeout');
    case 'NOT_FOUND':
      return msg('icmp-proxy.advice.not-found');
    default:
      return msg('icmp-proxy.advice.other');
  }
}

function citeApi(api: Gathered<CloudflareApiEvidence>): FindingEvidence {
  return api.ok ? cite(api, msg('icmp-proxy.api-setting', { account: api.value.accountId, enabled: api.value.icmpProxyEnabled })) : citeFailure(api);
}

export function checkIcmpProxy(evidence: Evidence, inputs: CheckInputs): Finding {
  const skip = cloudflareSkipReason(evidence, inputs);
  if (skip) return finding(ID, 'skip', skip);

  const { found } = cloudflaredEvidence(evidence);
  const cited: FindingEvidence[] = [];
  const api = evidence.cloudflareApi;
  if (api) cited.push(citeApi(api));

  // cloudflared's "ICMP proxy feature is disabled" is about its GID, not the account toggle.
  const disabledLines = found.filter((f) => f.value.icmpProxyDisabled !== null);
  for (const f of disabledLines) {
    const line = f.value.icmpProxyDisabled;
    if (line) cited.push(cite(atLine(f, line.line), line.text));
  }
  // Every summary carries the note, so nobody reads that warning as this toggle.
  const gidWarning = disabledLines.length > 0;

  const quick = found.filter((f) => f.value.quickTunnel !== null);
  if (quick.length > 0) {
    for (const f of quick) {
      const line = f.value.quickTunnel;
      if (line) cited.unshift(cite(atLine(f, line.line), line.text));
    }
    return finding(
      ID,
      'fail',
      msg('icmp-proxy.quick-tunnel', { gidWarning }),
      cited,
      [...namedTunnelRemediation(inputs.target), ...icmpProxyRemediation(inputs.cloudflareAccountId)],
    );
  }

  if (api?.ok) {
    if (api.value.icmpProxyEnabled) return finding(ID, 'pass', msg('icmp-proxy.on', { account: api.value.accountId, gidWarning }), cited);
    return finding(
      ID,
      'fail',
      msg('icmp-proxy.off', { account: api.value.accountId, gidWarning }),
      cited,
      icmpProxyRemediation(api.value.accountId),
    );
  }

  // Without the API: ICMP requests counted by cloudflared prove the proxy forwards them.
  const counted = found.filter((f) => (f.value.icmpRequests ?? 0) > 0);
  if (counted.length > 0) {
    for (const f of counted) cited.push(cite(f, msg('icmp-proxy.counters', { requests: f.value.icmpRequests ?? 0, replies: f.value.icmpReplies ?? null })));
    const apiFailure = api && !api.ok ? failureMessage(api) : null;
    return finding(ID, 'pass', msg('icmp-proxy.counted', { apiFailure, gidWarning }), cited);
  }

  // What would decide it: the API's answer (why it failed and what to do), or what it needs to be asked.
  const reason =
    api && !api.ok
      ? msg('icmp-proxy.unknown-api-failed', { advice: apiAdvice(api), gidWarning })
      : msg('icmp-proxy.unknown-not-asked', { needToken: inputs.cloudflareApiToken !== 'provided', needAccount: !inputs.cloudflareAccountId, gidWarning });
  return finding(ID, 'unknown', reason, cited);
}
