// The checks fed by the real gatherers (electron/core/evidence): cloudflared log text from
// seeds/002 through the log parser, and the Cloudflare API gatherer against the API's
// documented JSON on loopback — then the printed API fix, run with bash and curl, turns the
// finding to pass.

import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { gatherCloudflareApi } from '../../../electron/core/evidence/cloudflare-api';
import { parseCloudflaredLog } from '../../../electron/core/evidence/cloudflared';
import { BASE_ENV, argvOf } from '../../../test-support/remediation/bash';
import { runChecks } from './index';
import { LOG, evidence, inputs } from '../../../test-support/checks/evidence';
import { localizeFinding } from '../../i18n/messages/render';
import { assertFindingHasNoEnglishProse } from '../../../test-support/i18n/english-prose';

const ACCOUNT = '0123456789abcdef0123456789abcdef';
const TOKEN = 'cf-test-token-4f9b2c1d8e7a6b5c';

describe('checks on what the real gatherers produce', () => {
  it('seeds/002\'s log: fallback to HTTP/2 and GID 0 outside "1 0" are both named, with the lines cited', () => {
    const text = [LOG.gidWarning, LOG.proxyDisabled, LOG.registeredQuic, LOG.fallback, LOG.registeredHttp2, ''].join('\n');
    const log = parseCloudflaredLog(text, 'raspberrypi2 journal');
    assert.ok(log.ok, JSON.stringify(log));
    const e = evidence((e) => (e.imported.cloudflaredLogs = [log]));
    const findings = Object.fromEntries(runChecks(e, inputs({ product: 'cloudflare' })).map((f) => [f.id, f]));

    const transport = findings['tunnel-transport'];
    assert.equal(transport?.status, 'fail');
    assert.deepEqual(transport?.evidence[0], {
      source: 'raspberrypi2 journal, line 4',
      sourceMessage: { key: 'source.line', params: { source: 'raspberrypi2 journal', line: 4 } },
      detail: LOG.fallback,
    });
    // The line is said in the reader's language; the log's name and its quoted line stay as they are.
    const ja = localizeFinding(transport!, 'ja');
    assert.equal(ja.evidence[0]?.source, 'raspberrypi2 journal、4 行目');
    assertFindingHasNoEnglishProse(ja);

    const gid = findings['connector-gid-range'];
    assert.equal(gid?.status, 'fail');
    assert.equal(gid?.evidence[0]?.source, 'raspberrypi2 journal, line 1');
    assert.deepEqual(argvOf(gid?.remediation[0]?.text ?? ''), ['sudo', 'sysctl', '-w', 'net.ipv4.ping_group_range=0 0']);

    const proxy = findings['icmp-proxy'];
    assert.equal(proxy?.status, 'unknown');
    assert.equal(proxy?.reason?.key, 'icmp-proxy.unknown-not-asked');
    assert.equal(proxy?.reason?.params?.['gidWarning'], true, 'says the log\'s "ICMP proxy feature is disabled" is about the group');
  });

  describe('the Cloudflare API gatherer against the API on loopback', () => {
    let enabled = false;
    let forbidden = false;
    let server: Server;
    let base: string;
    before(async () => {
      server = createServer((request, response) => {
        let body = '';
        request.on('data', (chunk: Buffer) => (body += chunk.toString()));
        request.on('end', () => {
          const json = (status: number, payload: unknown): void => void response.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(payload));
          if (request.headers.authorization !== `Bearer ${TOKEN}` || forbidden) {
            json(403, { success: false, errors: [{ code: 10000, message: 'Authentication error' }], messages: [], result: null });
            return;
          }
          if (request.method === 'PATCH') enabled = (JSON.parse(body) as { icmp_proxy_enabled: boolean }).icmp_proxy_enabled;
          json(200, { success: true, errors: [], messages: [], result: { icmp_proxy_enabled: enabled, offramp_warp_enabled: false } });
        });
      });
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/client/v4`;
    });
    after(() => new Promise<void>((resolve) => server.close(() => resolve())));

    const check = async () => {
      const api = await gatherCloudflareApi(ACCOUNT, TOKEN, base, { timeoutMs: 5000 });
      const e = evidence((e) => (e.cloudflareApi = api));
      return runChecks(e, inputs({ product: 'cloudflare', cloudflareAccountId: ACCOUNT, cloudflareApiToken: 'provided' })).find((f) => f.id === 'icmp-proxy');
    };

    it('off → fail; the printed curl PATCH, run as printed, turns it on → pass; the token appears nowhere', async () => {
      forbidden = false;
      enabled = false;
      const off = await check();
      assert.equal(off?.status, 'fail', off?.summary);
      assert.ok(!JSON.stringify(off).includes(TOKEN));
      const patch = off?.remediation.find((r) => r.kind === 'command' && r.text.includes('PATCH'));
      assert.ok(patch);
      const command = patch.text.replace('https://api.cloudflare.com/client/v4', base);
      const code = await new Promise<number | null>((resolve) => {
        const child = spawn('bash', ['-c', command], { env: { ...BASE_ENV, CLOUDFLARE_API_TOKEN: TOKEN }, stdio: 'ignore' });
        child.on('close', resolve);
      });
      assert.equal(code, 0);
      const on = await check();
      assert.equal(on?.status, 'pass', on?.summary);
    });

    it('403 → unknown, naming the permission the token lacks', async () => {
      forbidden = true;
      const f = await check();
      assert.equal(f?.status, 'unknown');
      assert.equal(f?.reason?.key, 'icmp-proxy.unknown-api-failed');
      assert.deepEqual(f?.reason?.params?.['advice'], { key: 'icmp-proxy.advice.forbidden' }, 'names the permission the token lacks');
      assert.match(f?.evidence[0]?.source ?? '', /^GET http:\/\/127\.0\.0\.1:\d+\/client\/v4\/accounts\/0123456789abcdef0123456789abcdef\/zerotrust\/connectivity_settings$/);
      assert.ok(!JSON.stringify(f).includes(TOKEN));
    });
  });
});
