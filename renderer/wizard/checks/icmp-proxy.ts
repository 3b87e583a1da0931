// icmp-proxy: Cloudflare forwards ICMP into a private network only when the account's Zero
// Trust ICMP proxy is on (connectivity_settings.icmp_proxy_enabled), and never through a
// quick tunnel. cloudflared's own "ICMP proxy feature is disabled" warning is a different
// matter — its group is outside ping_group_range — and is reported as such.

import type { CloudflareApiEvidence, Evidence, Gathered } from '../../../contract/evidence';
import type { Finding, FindingEvidence } from '../../../contract/findings';
import type { CheckInputs } from '../../../contract/inputs';
import { icmpProxyRemediation, namedTunnelRemediation } from '../remediation/cloudflare-icmp-proxy';
import { cite, citeFailure, describeFailure, type GatherFailure } from './cite';
import { finding } from './finding';
import { cloudflareSkipReason } from './scope';
import { cloudflaredEvidence } from './sources';

const ID = 'icmp-proxy';

/** What to do about an API failure, by its code. */
function apiAdvice(failure: GatherFailure): string {
  switch (failure.code) {
    case 'AUTH_FAILED':
      return 'the token was not accepted (expired, revoked or mistyped): create a new API token and put it in CLOUDFLARE_API_TOKEN';
    case 'FORBIDDEN':
      return 'the token lacks the account permission "Zero Trust: Read" (or is not scoped to this account): add it to the token';
    case 'TIMEOUT':
      return 'the Cloudflare API did not answer in time: check this machine\'s HTTPS egress to api.cloudflare.com (or CLOUDFLARE_API_BASE) and retry';
    case 'NOT_FOUND':
      return 'the account was not found: check --cloudflare-account (the 32-character account id from the dashboard URL)';
    default:
      return 'retry, or read the setting in the dashboard';
  }
}

/** What would decide it when the API was not asked. */
function missingApiInputs(inputs: CheckInputs): string {
  const missing: string[] = [];
  if (inputs.cloudflareApiToken !== 'provided') missing.push('set CLOUDFLARE_API_TOKEN (a token with "Zero Trust: Read")');
  if (!inputs.cloudflareAccountId) missing.push('give --cloudflare-account ACCOUNT_ID');
  return missing.length > 0 ? missing.join(' and ') : 'run the "Zero Trust ICMP proxy setting" step';
}

function citeApi(api: Gathered<CloudflareApiEvidence>): FindingEvidence {
  return api.ok ? cite(api.source, `account ${api.value.accountId}: icmp_proxy_enabled = ${api.value.icmpProxyEnabled}`) : citeFailure(api);
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
    if (line) cited.push(cite(line.line !== null ? `${f.source}, line ${line.line}` : f.source, line.text));
  }
  const gidNote =
    disabledLines.length > 0
      ? ' cloudflared also logged "ICMP proxy feature is disabled": that is about its group being outside ping_group_range on the connector host (see connector-gid-range), not about this Zero Trust setting.'
      : '';

  const quick = found.filter((f) => f.value.quickTunnel !== null);
  if (quick.length > 0) {
    for (const f of quick) {
      const line = f.value.quickTunnel;
      if (line) cited.unshift(cite(line.line !== null ? `${f.source}, line ${line.line}` : f.source, line.text));
    }
    return finding(
      ID,
      'fail',
      `cloudflared runs a quick tunnel (trycloudflare.com): quick tunnels carry HTTP to one origin and never proxy ICMP or private-network traffic. Use a named tunnel with a private network route.${gidNote}`,
      cited,
      [...namedTunnelRemediation(inputs.target), ...icmpProxyRemediation(inputs.cloudflareAccountId)],
    );
  }

  if (api?.ok) {
    if (api.value.icmpProxyEnabled) return finding(ID, 'pass', `The Zero Trust ICMP proxy is on for account ${api.value.accountId}.${gidNote}`, cited);
    return finding(
      ID,
      'fail',
      `The Zero Trust ICMP proxy is off for account ${api.value.accountId} (icmp_proxy_enabled: false): Cloudflare drops ping to private networks before it reaches cloudflared.${gidNote}`,
      cited,
      icmpProxyRemediation(api.value.accountId),
    );
  }

  // Without the API: ICMP requests counted by cloudflared prove the proxy forwards them.
  const counted = found.filter((f) => (f.value.icmpRequests ?? 0) > 0);
  if (counted.length > 0) {
    for (const f of counted) cited.push(cite(f.source, `cloudflared_icmp_total_requests = ${f.value.icmpRequests}, cloudflared_icmp_total_replies = ${f.value.icmpReplies ?? 'n/a'}`));
    const apiNote = api && !api.ok ? ` (the API could not be read: ${describeFailure(api)})` : '';
    return finding(ID, 'pass', `cloudflared has received ICMP requests through the tunnel, so the Zero Trust ICMP proxy is on${apiNote}.${gidNote}`, cited);
  }

  const summary =
    api && !api.ok
      ? `Whether the Zero Trust ICMP proxy is on is not known: the API could not be read — ${apiAdvice(api)}. Or look in the dashboard (Traffic policies → Traffic settings → ICMP).${gidNote}`
      : `Whether the Zero Trust ICMP proxy is on is not known: ${missingApiInputs(inputs)} so it can be read from the API, or look in the dashboard (Traffic policies → Traffic settings → ICMP).${gidNote}`;
  return finding(ID, 'unknown', summary, cited);
}
