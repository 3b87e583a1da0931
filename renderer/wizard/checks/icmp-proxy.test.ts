import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { argvOf } from '../remediation/testing/bash';
import { checkIcmpProxy } from './icmp-proxy';
import { LOG, citations, cloudflared, evidence, gathered, inputs, line, notGathered, remediationText } from './testing/evidence';

const ACCOUNT = '699d98642c564d2e855e9661899b7252';
const API_SOURCE = `GET https://api.cloudflare.com/client/v4/accounts/${ACCOUNT}/zerotrust/connectivity_settings`;
const cloudflare = inputs({ product: 'cloudflare', cloudflareAccountId: ACCOUNT, cloudflareApiToken: 'provided' });

describe('icmp-proxy', () => {
  it('fails when the API says icmp_proxy_enabled is false, with the dashboard path and the API call', () => {
    const e = evidence((e) => (e.cloudflareApi = gathered({ accountId: ACCOUNT, icmpProxyEnabled: false }, API_SOURCE)));
    const f = checkIcmpProxy(e, cloudflare);
    assert.equal(f.status, 'fail');
    assert.match(f.summary, /off for account 699d9864.*icmp_proxy_enabled: false/);
    assert.deepEqual(f.evidence, [{ source: API_SOURCE, detail: `account ${ACCOUNT}: icmp_proxy_enabled = false` }]);
    assert.deepEqual(f.remediation.map((r) => r.kind), ['dashboard', 'command', 'command']);
    assert.match(f.remediation[0]?.text ?? '', /Traffic policies → Traffic settings/);
    const argv = argvOf(f.remediation[1]?.text ?? '', { CLOUDFLARE_API_TOKEN: 'tok' });
    assert.deepEqual(argv, [
      'curl', '-sS', '-X', 'PATCH', `https://api.cloudflare.com/client/v4/accounts/${ACCOUNT}/zerotrust/connectivity_settings`,
      '-H', 'Authorization: Bearer tok', '-H', 'Content-Type: application/json', '--data', '{"icmp_proxy_enabled":true}',
    ]);
  });

  it('passes when the API says it is on', () => {
    const e = evidence((e) => (e.cloudflareApi = gathered({ accountId: ACCOUNT, icmpProxyEnabled: true }, API_SOURCE)));
    const f = checkIcmpProxy(e, cloudflare);
    assert.equal(f.status, 'pass');
    assert.equal(f.remediation.length, 0);
  });

  it('fails for a quick tunnel, which never proxies ICMP, citing the trycloudflare line', () => {
    const e = evidence((e) => {
      e.cloudflared = cloudflared({ quickTunnel: line(LOG.quickTunnel, 9) });
      e.cloudflareApi = gathered({ accountId: ACCOUNT, icmpProxyEnabled: true }, API_SOURCE);
    });
    const f = checkIcmpProxy(e, inputs({ ...cloudflare, target: '10.0.0.5' }));
    assert.equal(f.status, 'fail');
    assert.match(f.summary, /quick tunnel.*never proxy ICMP/);
    assert.equal(f.evidence[0]?.detail, LOG.quickTunnel);
    assert.match(remediationText(f), /cloudflared tunnel route ip add 10\.0\.0\.5\/32 private-network/);
  });

  it('is unknown when the API refuses, saying which permission the token lacks', () => {
    const cases = [
      { code: 'FORBIDDEN' as const, message: 'HTTP 403: Authentication error (code 10000)', advice: /lacks the account permission "Zero Trust: Read"/ },
      { code: 'AUTH_FAILED' as const, message: 'HTTP 401: Invalid API Token', advice: /token was not accepted/ },
      { code: 'TIMEOUT' as const, message: 'no answer from api.cloudflare.com in 10 s', advice: /did not answer in time/ },
    ];
    for (const { code, message, advice } of cases) {
      const f = checkIcmpProxy(evidence((e) => (e.cloudflareApi = notGathered(code, message, API_SOURCE))), cloudflare);
      assert.equal(f.status, 'unknown', code);
      assert.match(f.summary, advice);
      assert.match(citations(f), new RegExp(`${code} .*${message.slice(0, 8)}`));
    }
  });

  it('is unknown without the API, saying to set CLOUDFLARE_API_TOKEN and --cloudflare-account', () => {
    const f = checkIcmpProxy(evidence(), inputs({ product: 'cloudflare' }));
    assert.equal(f.status, 'unknown');
    assert.match(f.summary, /set CLOUDFLARE_API_TOKEN .* and give --cloudflare-account ACCOUNT_ID/);
    assert.equal(f.remediation.length, 0);
  });

  it('passes from cloudflared\'s ICMP counters when the API was not asked', () => {
    const e = evidence((e) => (e.cloudflared = cloudflared({ icmpRequests: 12, icmpReplies: 12 }, 'http://127.0.0.1:20241/metrics')));
    const f = checkIcmpProxy(e, inputs({ product: 'cloudflare' }));
    assert.equal(f.status, 'pass');
    assert.match(citations(f), /http:\/\/127\.0\.0\.1:20241\/metrics :: cloudflared_icmp_total_requests = 12/);
  });

  it('says cloudflared\'s "ICMP proxy feature is disabled" is about the GID, not this toggle', () => {
    const e = evidence((e) => {
      e.cloudflared = cloudflared({ icmpProxyDisabled: line(LOG.proxyDisabled, 2) });
      e.cloudflareApi = gathered({ accountId: ACCOUNT, icmpProxyEnabled: true }, API_SOURCE);
    });
    const f = checkIcmpProxy(e, cloudflare);
    assert.equal(f.status, 'pass');
    assert.match(f.summary, /about its group being outside ping_group_range .* not about this Zero Trust setting/);
    assert.match(citations(f), /line 2 :: .*ICMP proxy feature is disabled/);
  });

  it('is skipped for other products', () => {
    assert.equal(checkIcmpProxy(evidence(), inputs({ product: 'twingate' })).status, 'skip');
  });
});
