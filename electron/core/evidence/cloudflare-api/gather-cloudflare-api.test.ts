// gatherCloudflareApi against a real HTTP server on 127.0.0.1 that answers as the Cloudflare
// API documents (the envelope, its error codes), plus a hang, bad JSON and a server that
// echoes the token back. Whatever happens, the token appears in nothing returned.

import assert from 'node:assert/strict';
import type { Message } from '../../../../contract/message';
import { renderMessage } from '../../../../renderer/i18n/messages/render';
import { after, before, describe, it } from 'node:test';
import type { CloudflareApiEvidence, Gathered } from '../../../../contract/evidence';
import { closedPort, startLoopbackServer, type LoopbackServer, type Route } from '../../../../test-support/cloudflared/loopback-server';
import { gatherCloudflareApi } from './gather-cloudflare-api';
import { cloudflareApiBase, DEFAULT_API_BASE } from './api-base';
import { ECHOES, secretTrace } from '../../../../test-support/report/token-echoes';

const ACCOUNT = '699d98642c564d2e855e9661899b7252';
const TOKEN = 'cF7qL0s9XvPz2mK8rT4wY1bN6hJ3dG5aE0uQ9iOk';
const PATH = `/client/v4/accounts/${ACCOUNT}/zerotrust/connectivity_settings`;

function envelope(result: unknown, success = true, errors: unknown[] = []): string {
  return JSON.stringify({ errors, messages: [], result, success });
}

function failure(status: number, errors: unknown[]): Route {
  return { status, body: JSON.stringify({ success: false, errors, messages: [], result: null }) };
}

describe('gatherCloudflareApi', () => {
  const results: Array<Gathered<CloudflareApiEvidence>> = [];
  const servers: LoopbackServer[] = [];

  async function ask(route: Route, options: { timeoutMs?: number; token?: string; account?: string } = {}): Promise<{ result: Gathered<CloudflareApiEvidence>; server: LoopbackServer }> {
    const server = await startLoopbackServer({ [PATH]: route });
    servers.push(server);
    const result = await gatherCloudflareApi(options.account ?? ACCOUNT, options.token ?? TOKEN, `${server.url}/client/v4`, { timeoutMs: options.timeoutMs ?? 5_000 });
    results.push(result);
    return { result, server };
  }

  function failed(result: Gathered<CloudflareApiEvidence>): { code: string; message: string; reason: Message | undefined } {
    if (result.ok) assert.fail('expected a failure');
    return { code: result.code, message: result.message, reason: result.reason };
  }

  after(async () => {
    await Promise.all(servers.map((server) => server.close()));
  });

  it('reads icmp_proxy_enabled: true, sending the token only as a Bearer header', async () => {
    const { result, server } = await ask({ status: 200, body: envelope({ icmp_proxy_enabled: true, offramp_warp_enabled: false }) });
    assert.ok(result.ok);
    assert.deepEqual(result.value, { accountId: ACCOUNT, icmpProxyEnabled: true });
    assert.equal(result.source, `GET ${server.url}${PATH}`);
    assert.equal(server.received.length, 1);
    assert.equal(server.received[0]?.method, 'GET');
    assert.equal(server.received[0]?.headers.authorization, `Bearer ${TOKEN}`);
  });

  it('reads icmp_proxy_enabled: false', async () => {
    const { result } = await ask({ status: 200, body: envelope({ icmp_proxy_enabled: false, offramp_warp_enabled: true }) });
    assert.deepEqual(result.ok && result.value, { accountId: ACCOUNT, icmpProxyEnabled: false });
  });

  it('explains 401: the token is invalid, expired or revoked', async () => {
    const { result } = await ask(failure(401, [{ code: 1000, message: 'Invalid API Token' }]));
    const { code, message } = failed(result);
    assert.equal(code, 'AUTH_FAILED');
    assert.match(message, /refused the token \(HTTP 401\): it is invalid, expired or revoked/);
    assert.match(message, /Cloudflare says: 1000 Invalid API Token\.$/);
  });

  it('explains 403 by naming the permission the token lacks', async () => {
    const { result } = await ask(failure(403, [{ code: 10000, message: 'Authentication error' }]));
    const { code, message } = failed(result);
    assert.equal(code, 'FORBIDDEN');
    assert.match(message, /needs the account permission "Zero Trust Read"/);
    assert.match(message, new RegExp(`account ${ACCOUNT}`));
    assert.match(message, /Cloudflare says: 10000 Authentication error\./);
  });

  it('explains a malformed token (400, 6003 / 6111)', async () => {
    const { result } = await ask(failure(400, [{ code: 6003, message: 'Invalid request headers', error_chain: [{ code: 6111, message: 'Invalid format for Authorization header' }] }]));
    const { code, message } = failed(result);
    assert.equal(code, 'AUTH_FAILED');
    assert.match(message, /malformed/);
    assert.match(message, /6003 Invalid request headers; 6111 Invalid format for Authorization header/);
  });

  it('reports 404, 429 and 5xx as HTTP errors with their status', async () => {
    const notFound = failed((await ask(failure(404, [{ code: 7003, message: 'Could not route to /accounts/…, perhaps your object identifier is invalid?' }]))).result);
    assert.equal(notFound.code, 'HTTP_ERROR');
    assert.match(notFound.message, /HTTP 404.*check the account id/);
    const limited = failed((await ask(failure(429, [{ code: 10000, message: 'Rate limited' }]))).result);
    assert.match(limited.message, /HTTP 429/);
    const broken = failed((await ask({ status: 500, body: '<html>Internal Server Error</html>', contentType: 'text/html' })).result);
    assert.deepEqual([broken.code, broken.message], ['HTTP_ERROR', "The Cloudflare API failed (HTTP 500); this is on Cloudflare's side, try again later."]);
    assert.deepEqual([notFound.reason?.key, limited.reason?.key, broken.reason?.key], ['gather.cf.not-found', 'gather.cf.rate-limited', 'gather.cf.server-error']);
  });

  it('gives up on a server that never answers: TIMEOUT, within the configured time', async () => {
    const started = Date.now();
    const { result } = await ask('hang', { timeoutMs: 300 });
    const { code, message } = failed(result);
    assert.equal(code, 'TIMEOUT');
    assert.match(message, /did not answer within 300 ms/);
    assert.ok(Date.now() - started < 5_000, 'the timeout bounds the call');
  });

  it('says UNPARSEABLE for bad JSON and for an answer without the setting', async () => {
    const badJson = failed((await ask({ status: 200, body: '{"success": tru' })).result);
    assert.equal(badJson.code, 'UNPARSEABLE');
    const noField = failed((await ask({ status: 200, body: envelope({ offramp_warp_enabled: true }) })).result);
    assert.deepEqual([noField.code, /icmp_proxy_enabled/.test(noField.message)], ['UNPARSEABLE', true]);
  });

  it('passes on Cloudflare\'s errors when it says success: false', async () => {
    const { result } = await ask({ status: 200, body: envelope(null, false, [{ code: 1001, message: 'Zero Trust is not enabled for this account' }]) });
    const { code, message } = failed(result);
    assert.equal(code, 'HTTP_ERROR');
    assert.match(message, /reported failure \(success: false\)\. Cloudflare says: 1001 Zero Trust is not enabled for this account\./);
  });

  it('redacts the token when a server echoes it back', async () => {
    const echo = failed((await ask(failure(403, [{ code: 10000, message: `token ${TOKEN} may not read; Authorization: Bearer ${TOKEN}` }]))).result);
    assert.match(echo.message, /token \[redacted token\] may not read/);
    const encoded = failed((await ask(failure(401, [{ code: 1000, message: `bad ${Buffer.from(TOKEN).toString('base64')}` }]))).result);
    assert.match(encoded.message, /bad \[redacted token\]/);
  });

  it('leaves no trace of the token when a server echoes it, in any encoding, at the end of a long message', async () => {
    for (const echo of ECHOES) {
      const long = `${'The request could not be authorised. '.repeat(9)}Authorization was ${echo.text(TOKEN)}`;
      const chained = [{ code: 10000, message: long, error_chain: [{ code: 6111, message: `header ${echo.text(`Bearer ${TOKEN}`)}` }] }];
      const { message, reason } = failed((await ask(failure(403, chained))).result);
      assert.equal(secretTrace(message, TOKEN), null, `${echo.name}: ${message}`);
      // The reason's parameters are redacted too: the Japanese words carry no token either.
      const japanese = renderMessage(reason ?? { key: 'missing' }, 'ja');
      assert.equal(reason?.key, 'gather.cf.forbidden');
      assert.equal(secretTrace(japanese, TOKEN), null, `${echo.name}: ${japanese}`);
      assert.match(message, /Cloudflare says: 10000 The request could not be authorised/, echo.name);
    }
  });

  it('checks the account id and the token before sending anything', async () => {
    const badAccount = await ask({ status: 200, body: envelope({ icmp_proxy_enabled: true }) }, { account: 'not-an-account-id' });
    assert.equal(failed(badAccount.result).code, 'UNPARSEABLE');
    assert.match(failed(badAccount.result).message, /32 hexadecimal characters \(0-9, a-f\); the one given has 17 characters, some of them not 0-9 or a-f\./);
    assert.equal(badAccount.server.received.length, 0);

    const tokenInAccountField = await ask({ status: 200, body: envelope({ icmp_proxy_enabled: true }) }, { account: TOKEN });
    assert.equal(failed(tokenInAccountField.result).code, 'UNPARSEABLE');

    const brokenToken = await ask({ status: 200, body: envelope({ icmp_proxy_enabled: true }) }, { token: `${TOKEN}\nX-Injected: 1` });
    assert.equal(failed(brokenToken.result).code, 'AUTH_FAILED');
    assert.equal(brokenToken.server.received.length, 0);

    const noToken = await ask({ status: 200, body: envelope({ icmp_proxy_enabled: true }) }, { token: '  ' });
    assert.equal(failed(noToken.result).code, 'NOT_APPLICABLE');
    const noAccount = await ask({ status: 200, body: envelope({ icmp_proxy_enabled: true }) }, { account: '' });
    assert.equal(failed(noAccount.result).code, 'NOT_APPLICABLE');
  });

  it('sends the token only over https, or http to loopback', async () => {
    const plain = await gatherCloudflareApi(ACCOUNT, TOKEN, 'http://api.example.com/client/v4', { timeoutMs: 1000 });
    results.push(plain);
    assert.equal(failed(plain).code, 'FAILED');
    assert.match(failed(plain).message, /must be https/);
    const withUser = await gatherCloudflareApi(ACCOUNT, TOKEN, 'https://user:pw@api.example.com/client/v4');
    results.push(withUser);
    assert.match(failed(withUser).message, /must not contain a user name or password/);
  });

  it('says FAILED when nothing listens at the API address', async () => {
    const port = await closedPort();
    const result = await gatherCloudflareApi(ACCOUNT, TOKEN, `http://127.0.0.1:${port}/client/v4`);
    results.push(result);
    assert.deepEqual([failed(result).code, failed(result).message], ['FAILED', `Could not reach the Cloudflare API at 127.0.0.1:${port}: connection refused.`]);
  });

  it('takes CLOUDFLARE_API_BASE when no base is given', async () => {
    assert.equal(cloudflareApiBase({}), DEFAULT_API_BASE);
    const server = await startLoopbackServer({ [PATH]: { status: 200, body: envelope({ icmp_proxy_enabled: true }) } });
    servers.push(server);
    const saved = process.env['CLOUDFLARE_API_BASE'];
    process.env['CLOUDFLARE_API_BASE'] = `${server.url}/client/v4/`;
    try {
      const result = await gatherCloudflareApi(ACCOUNT, TOKEN);
      results.push(result);
      assert.equal(result.ok && result.value.icmpProxyEnabled, true);
    } finally {
      if (saved === undefined) delete process.env['CLOUDFLARE_API_BASE'];
      else process.env['CLOUDFLARE_API_BASE'] = saved;
    }
  });

  it('stops when cancelled', async () => {
    const controller = new AbortController();
    const server = await startLoopbackServer({ [PATH]: 'hang' });
    servers.push(server);
    const pending = gatherCloudflareApi(ACCOUNT, TOKEN, `${server.url}/client/v4`, { signal: controller.signal });
    setTimeout(() => controller.abort(), 50);
    const result = await pending;
    results.push(result);
    assert.equal(failed(result).code, 'CANCELLED');
  });

  // Runs last (node:test keeps order): every result above, success or failure, as a report would carry it.
  it('leaves the token out of every result it returned', () => {
    const everything = JSON.stringify(results);
    assert.ok(results.length >= 20, `only ${results.length} results collected`);
    assert.ok(results.some((result) => result.ok) && results.some((result) => !result.ok && result.code === 'TIMEOUT'));
    assert.equal(everything.includes(TOKEN), false, 'the token leaked into a result');
    assert.equal(everything.includes(TOKEN.slice(0, 12)), false, 'part of the token leaked into a result');
  });
});
