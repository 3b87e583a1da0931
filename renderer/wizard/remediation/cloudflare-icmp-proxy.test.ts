import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import {
  ICMP_PROXY_DASHBOARD_STEPS,
  enableIcmpProxyCommand,
  icmpProxyRemediation,
  namedTunnelRemediation,
  readIcmpProxyCommand,
} from './cloudflare-icmp-proxy';
import type { Message } from '../../../contract/message';
import type { Locale } from '../../i18n/messages/locale';
import { msg } from '../../i18n/messages/message';
import { renderMessage } from '../../i18n/messages/render';
import { argvOf, BASE_ENV, bashSyntax, HOSTILE_VALUES } from '../../../test-support/remediation/bash';

/** A fix's message in `locale`; the fix must carry it. */
function said(message: Message | undefined, locale: Locale): string {
  assert.ok(message, 'the fix carries its words as a message');
  return renderMessage(message, locale);
}

const ACCOUNT = '699d98642c564d2e855e9661899b7252';
const TOKEN = 'Sn3lZJTBX6kkg7OdcBUAxOO963GEIyGQqnFTOFYY';

interface Seen {
  method: string;
  url: string;
  authorization: string | undefined;
  contentType: string | undefined;
  body: string;
}

/** Cloudflare's documented connectivity_settings responses, served on loopback. */
function fakeCloudflareApi(seen: Seen[]): Server {
  let enabled = false;
  return createServer((request: IncomingMessage, response) => {
    let body = '';
    request.setEncoding('utf8');
    request.on('data', (chunk: string) => (body += chunk));
    request.on('end', () => {
      seen.push({ method: request.method ?? '', url: request.url ?? '', authorization: request.headers.authorization, contentType: request.headers['content-type'], body });
      if (request.headers.authorization !== `Bearer ${TOKEN}`) {
        response.writeHead(401, { 'content-type': 'application/json' }).end(JSON.stringify({ success: false, errors: [{ code: 10000, message: 'Authentication error' }], messages: [], result: null }));
        return;
      }
      if (request.method === 'PATCH') enabled = (JSON.parse(body) as { icmp_proxy_enabled?: boolean }).icmp_proxy_enabled ?? enabled;
      response
        .writeHead(200, { 'content-type': 'application/json' })
        .end(JSON.stringify({ success: true, errors: [], messages: [], result: { icmp_proxy_enabled: enabled, offramp_warp_enabled: false } }));
    });
  });
}

function runBash(command: string, env: Record<string, string>): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn('bash', ['-c', command], { env: { ...BASE_ENV, ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('the ICMP proxy API commands, run with real bash and curl against the API on loopback', () => {
  const seen: Seen[] = [];
  let server: Server;
  let base: string;
  before(async () => {
    server = fakeCloudflareApi(seen);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/client/v4`;
  });
  after(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('PATCH turns the proxy on with the token from $CLOUDFLARE_API_TOKEN, never written in the command', async () => {
    const command = enableIcmpProxyCommand(ACCOUNT, base);
    assert.ok(!command.includes(TOKEN));
    const run = await runBash(command, { CLOUDFLARE_API_TOKEN: TOKEN });
    assert.equal(run.code, 0, run.stderr);
    assert.deepEqual(JSON.parse(run.stdout).result, { icmp_proxy_enabled: true, offramp_warp_enabled: false });
    const patch = seen.at(-1);
    assert.equal(patch?.method, 'PATCH');
    assert.equal(patch?.url, `/client/v4/accounts/${ACCOUNT}/zerotrust/connectivity_settings`);
    assert.equal(patch?.authorization, `Bearer ${TOKEN}`);
    assert.equal(patch?.contentType, 'application/json');
    assert.deepEqual(JSON.parse(patch?.body ?? ''), { icmp_proxy_enabled: true });

    const read = await runBash(readIcmpProxyCommand(ACCOUNT, base), { CLOUDFLARE_API_TOKEN: TOKEN });
    assert.equal(JSON.parse(read.stdout).result.icmp_proxy_enabled, true);
    assert.equal(seen.at(-1)?.method, 'GET');
  });

  it('takes the account from $CLOUDFLARE_ACCOUNT_ID when none was given', async () => {
    const command = enableIcmpProxyCommand(null, base);
    assert.match(command, /\$\{CLOUDFLARE_ACCOUNT_ID\}/);
    const run = await runBash(command, { CLOUDFLARE_API_TOKEN: TOKEN, CLOUDFLARE_ACCOUNT_ID: ACCOUNT });
    assert.equal(run.code, 0, run.stderr);
    assert.equal(seen.at(-1)?.url, `/client/v4/accounts/${ACCOUNT}/zerotrust/connectivity_settings`);
  });

  it('keeps a hostile account id inside one URL path segment', async () => {
    for (const account of HOSTILE_VALUES.filter((v) => v !== '')) {
      const command = enableIcmpProxyCommand(account, base);
      assert.ok(bashSyntax(command).ok, command);
      const url = argvOf(command)[4] ?? '';
      assert.equal(url, `${base}/accounts/${encodeURIComponent(account)}/zerotrust/connectivity_settings`);
    }
    assert.match(enableIcmpProxyCommand('bad\uD800id', base), /bad%EF%BF%BDid/);
    const run = await runBash(enableIcmpProxyCommand("x'; touch /tmp/icmp-doctor-pwned; '", base), { CLOUDFLARE_API_TOKEN: TOKEN });
    assert.equal(run.code, 0, run.stderr);
    assert.equal(seen.at(-1)?.url, `/client/v4/accounts/${encodeURIComponent("x'; touch /tmp/icmp-doctor-pwned; '")}/zerotrust/connectivity_settings`);
  });
});

describe('icmpProxyRemediation', () => {
  it('gives the dashboard path (current and older naming), the API call and the check', () => {
    const fixes = icmpProxyRemediation(ACCOUNT);
    assert.deepEqual(fixes.map((f) => f.id), ['icmp-proxy.dashboard', 'icmp-proxy.api', 'icmp-proxy.api-read']);
    assert.deepEqual(fixes.map((f) => f.kind), ['dashboard', 'command', 'command']);
    assert.equal(fixes[0]?.text, ICMP_PROXY_DASHBOARD_STEPS);
    assert.deepEqual(fixes[1]?.titleMessage, msg('fix.icmp-proxy.api', { accountKnown: true }));
    assert.deepEqual(icmpProxyRemediation(null)[1]?.titleMessage, msg('fix.icmp-proxy.api', { accountKnown: false }));
    // The dashboard's menu path and the token's permission are its own names, in every language.
    for (const locale of ['en', 'ja'] as const) {
      const steps = said(fixes[0]?.textMessage, locale);
      assert.match(steps, /Traffic policies → Traffic settings/, locale);
      assert.match(steps, /Settings → Network → Firewall → Proxy → ICMP/, locale);
      assert.match(said(fixes[1]?.titleMessage, locale), /Zero Trust: Edit/, locale);
    }
    for (const fix of fixes.filter((f) => f.kind === 'command')) assert.ok(bashSyntax(fix.text).ok);
  });
});

describe('namedTunnelRemediation', () => {
  it('routes the target through a named tunnel; every line is a valid command', () => {
    const [dashboard, commands] = namedTunnelRemediation('10.0.0.5');
    assert.deepEqual(dashboard?.textMessage, msg('fix.named-tunnel.dashboard.text', { route: '10.0.0.5/32' }));
    assert.match(said(dashboard?.textMessage, 'ja'), /10\.0\.0\.5\/32/);
    assert.ok(bashSyntax(commands?.text ?? '').ok);
    assert.match(commands?.text ?? '', /cloudflared tunnel route ip add 10\.0\.0\.5\/32 private-network/);
    assert.match(namedTunnelRemediation('fd00::5')[1]?.text ?? '', /fd00::5\/128/);
    assert.match(namedTunnelRemediation('db.internal')[1]?.text ?? '', /10\.0\.0\.0\/8/);
  });
});
