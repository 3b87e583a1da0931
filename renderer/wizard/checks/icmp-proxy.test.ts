import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { argvOf } from '../../../test-support/remediation/bash';
import type { Evidence } from '../../../contract/evidence';
import type { Finding } from '../../../contract/findings';
import type { CheckInputs } from '../../../contract/inputs';
import type { Message } from '../../../contract/message';
import { assertFindingHasNoEnglishProse } from '../../../test-support/i18n/english-prose';
import { inJapaneseOwnWordsOnly, messageKeys } from '../../../test-support/i18n/finding-messages';
import { en as PROXY_MESSAGES } from '../../i18n/messages/parts/icmp-proxy';
import { checkIcmpProxy } from './icmp-proxy';
import { LOG, citations, cloudflared, evidence, gathered, inputs, line, notGathered, remediationText } from '../../../test-support/checks/evidence';

const ACCOUNT = '699d98642c564d2e855e9661899b7252';
const API_SOURCE = `GET https://api.cloudflare.com/client/v4/accounts/${ACCOUNT}/zerotrust/connectivity_settings`;
const cloudflare = inputs({ product: 'cloudflare', cloudflareAccountId: ACCOUNT, cloudflareApiToken: 'provided' });

/** Every finding the tests below produced, said again in Japanese at the end. */
const produced: Finding[] = [];
function check(e: Evidence, i: CheckInputs): Finding {
  const f = checkIcmpProxy(e, i);
  produced.push(f);
  return f;
}

describe('icmp-proxy', () => {
  it('fails when the API says icmp_proxy_enabled is false, with the dashboard path and the API call', () => {
    const e = evidence((e) => (e.cloudflareApi = gathered({ accountId: ACCOUNT, icmpProxyEnabled: false }, API_SOURCE)));
    const f = check(e, cloudflare);
    assert.equal(f.status, 'fail');
    assert.deepEqual(f.reason, { key: 'icmp-proxy.off', params: { account: ACCOUNT, gidWarning: false } });
    assert.deepEqual(f.evidence, [
      {
        source: API_SOURCE,
        detail: `account ${ACCOUNT}: icmp_proxy_enabled = false`,
        message: { key: 'icmp-proxy.api-setting', params: { account: ACCOUNT, enabled: false } },
      },
    ]);
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
    const f = check(e, cloudflare);
    assert.equal(f.status, 'pass');
    assert.deepEqual(f.reason, { key: 'icmp-proxy.on', params: { account: ACCOUNT, gidWarning: false } });
    assert.equal(f.evidence[0]?.message?.params?.['enabled'], true);
    assert.equal(f.remediation.length, 0);
  });

  it('fails for a quick tunnel, which never proxies ICMP, citing the trycloudflare line', () => {
    const e = evidence((e) => {
      e.cloudflared = cloudflared({ quickTunnel: line(LOG.quickTunnel, 9) });
      e.cloudflareApi = gathered({ accountId: ACCOUNT, icmpProxyEnabled: true }, API_SOURCE);
    });
    const f = check(e, inputs({ ...cloudflare, target: '10.0.0.5' }));
    assert.equal(f.status, 'fail');
    assert.deepEqual(f.reason, { key: 'icmp-proxy.quick-tunnel', params: { gidWarning: false } });
    assert.equal(f.evidence[0]?.detail, LOG.quickTunnel);
    assert.match(remediationText(f), /cloudflared tunnel route ip add 10\.0\.0\.5\/32 private-network/);
  });

  it('is unknown when the API refuses, saying which permission the token lacks', () => {
    const cases = [
      { code: 'FORBIDDEN' as const, message: 'HTTP 403: Authentication error (code 10000)', advice: 'icmp-proxy.advice.forbidden' },
      { code: 'AUTH_FAILED' as const, message: 'HTTP 401: Invalid API Token', advice: 'icmp-proxy.advice.auth-failed' },
      { code: 'TIMEOUT' as const, message: 'no answer from api.cloudflare.com in 10 s', advice: 'icmp-proxy.advice.timeout' },
      { code: 'NOT_FOUND' as const, message: 'HTTP 404: account not found', advice: 'icmp-proxy.advice.not-found' },
      { code: 'HTTP_ERROR' as const, message: 'HTTP 502: Bad Gateway', advice: 'icmp-proxy.advice.other' },
    ];
    for (const { code, message, advice } of cases) {
      const f = check(evidence((e) => (e.cloudflareApi = notGathered(code, message, API_SOURCE))), cloudflare);
      assert.equal(f.status, 'unknown', code);
      assert.deepEqual(f.reason, { key: 'icmp-proxy.unknown-api-failed', params: { advice: { key: advice }, gidWarning: false } });
      assert.equal(f.evidence[0]?.message?.key, 'failure.cited', code);
      assert.equal(f.evidence[0]?.message?.params?.['code'], code);
      assert.equal(f.evidence[0]?.message?.params?.['message'], message);
    }
  });

  it('is unknown without the API, saying to set CLOUDFLARE_API_TOKEN and --cloudflare-account', () => {
    const f = check(evidence(), inputs({ product: 'cloudflare' }));
    assert.equal(f.status, 'unknown');
    assert.deepEqual(f.reason, { key: 'icmp-proxy.unknown-not-asked', params: { needToken: true, needAccount: true, gidWarning: false } });
    assert.equal(f.remediation.length, 0);

    const tokenOnly = check(evidence(), inputs({ product: 'cloudflare', cloudflareApiToken: 'provided' }));
    assert.deepEqual(tokenOnly.reason?.params, { needToken: false, needAccount: true, gidWarning: false });
    // Both given, yet the API step did not run: nothing is missing but the step itself.
    const notRun = check(evidence(), cloudflare);
    assert.deepEqual(notRun.reason?.params, { needToken: false, needAccount: false, gidWarning: false });
  });

  it('passes from cloudflared\'s ICMP counters when the API was not asked', () => {
    const e = evidence((e) => (e.cloudflared = cloudflared({ icmpRequests: 12, icmpReplies: 12 }, 'http://127.0.0.1:20241/metrics')));
    const f = check(e, inputs({ product: 'cloudflare' }));
    assert.equal(f.status, 'pass');
    assert.deepEqual(f.reason, { key: 'icmp-proxy.counted', params: { apiFailure: null, gidWarning: false } });
    assert.deepEqual(f.evidence, [
      {
        source: 'http://127.0.0.1:20241/metrics',
        detail: 'cloudflared_icmp_total_requests = 12, cloudflared_icmp_total_replies = 12',
        message: { key: 'icmp-proxy.counters', params: { requests: 12, replies: 12 } },
      },
    ]);

    // The API was asked and failed: the counters still decide it, and the failure is said.
    const failedApi = evidence((e) => {
      e.cloudflared = cloudflared({ icmpRequests: 3, icmpReplies: null }, 'http://127.0.0.1:20241/metrics');
      e.cloudflareApi = notGathered('FORBIDDEN', 'HTTP 403: Authentication error (code 10000)', API_SOURCE);
    });
    const g = check(failedApi, cloudflare);
    assert.equal(g.status, 'pass');
    assert.equal(g.reason?.key, 'icmp-proxy.counted');
    assert.equal((g.reason?.params?.['apiFailure'] as Message | null)?.key, 'failure.cited');
    assert.deepEqual(g.evidence.map((e) => e.message?.key), ['failure.cited', 'icmp-proxy.counters']);
  });

  it('says cloudflared\'s "ICMP proxy feature is disabled" is about the GID, not this toggle', () => {
    const e = evidence((e) => {
      e.cloudflared = cloudflared({ icmpProxyDisabled: line(LOG.proxyDisabled, 2) });
      e.cloudflareApi = gathered({ accountId: ACCOUNT, icmpProxyEnabled: true }, API_SOURCE);
    });
    const f = check(e, cloudflare);
    assert.equal(f.status, 'pass');
    assert.deepEqual(f.reason, { key: 'icmp-proxy.on', params: { account: ACCOUNT, gidWarning: true } });
    assert.match(citations(f), /line 2 :: .*ICMP proxy feature is disabled/);
  });

  it('is skipped for other products', () => {
    const f = check(evidence(), inputs({ product: 'twingate' }));
    assert.equal(f.status, 'skip');
    assert.deepEqual(f.reason, { key: 'scope.not-cloudflare', params: { product: 'Twingate' } });
  });

  it('says every finding above in Japanese with no English prose, covering every message of icmp-proxy', () => {
    assert.ok(produced.length >= 14, `${produced.length} findings`);
    for (const f of produced) assertFindingHasNoEnglishProse(inJapaneseOwnWordsOnly(f));
    const said = messageKeys(produced);
    assert.deepEqual(Object.keys(PROXY_MESSAGES).filter((key) => !said.has(key)), []);
  });
});
