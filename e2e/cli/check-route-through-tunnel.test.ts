// route-through-tunnel in the lab, through the built CLI run as the unprivileged user: the
// client namespace gets a tun device named as each client names its own (CloudflareWARP,
// sdwan0, tun-firezone, tailscale0, wg0, tun0), one target routed into each (WARP's through a
// policy rule and table 65743, as its Linux client does), and two targets left on the default
// route, around every tunnel: one the router silently drops (the echo vanishes) and the server
// (it answers). Each product passes on its own target and fails on the silent one, with that
// product's fix, and only warns on the server; in Japanese the verdict carries no English prose.

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Finding } from '../../contract/findings';
import type { Message } from '../../contract/message';
import { createLab, labUnavailableReason, type ExecResult, type Lab } from '../lab/lab';
import { ADDRESSES } from '../lab/topology';
import { cliArgv, cliMissingReason } from '../support/cli';
import { englishProse } from '../../test-support/i18n/english-prose';
import { byId, reportLine, statuses } from './support/check-results';
import { execIsolated } from './support/pid-namespace';

/** Each client's interface and the target routed into it (10.200.8.0/24 has no route on the router: only the client's choice matters). */
const TUNNELS = [
  { name: 'CloudflareWARP', target: '10.200.8.11', address: '172.16.0.2' },
  { name: 'sdwan0', target: '10.200.8.12', address: '100.96.0.2' },
  { name: 'tun-firezone', target: '10.200.8.13', address: '100.64.0.2' },
  { name: 'tailscale0', target: '10.200.8.14', address: '100.100.0.2' },
  { name: 'wg0', target: '10.200.8.15', address: '10.66.0.2' },
  { name: 'tun0', target: '10.200.8.16', address: '10.8.0.2' },
] as const;
/** Around every tunnel, into the router's blackhole: echo vanishes. */
const AROUND = ADDRESSES.routes.blackhole.v4;
/** Around every tunnel, to the server: it answers all the same. */
const ANSWERS = ADDRESSES.server.main.v4;
const WARP_TABLE = '65743';

type Product = 'cloudflare' | 'twingate' | 'firezone' | 'generic';

describe('icmp-doctor check: route-through-tunnel with interfaces named like each client', { skip: cliMissingReason() ?? labUnavailableReason() ?? false }, () => {
  let lab: Lab;
  const runs = new Map<string, Promise<ExecResult>>();

  async function root(argv: string[]): Promise<void> {
    await lab.exec('client', argv, { check: true });
  }

  function check(product: Product, target: string, extra: string[] = []): Promise<ExecResult> {
    const key = `${product} ${target} ${extra.join(' ')}`;
    let run = runs.get(key);
    if (!run) {
      run = execIsolated(lab, 'client', cliArgv(['check', '--target', target, '--product', product, '--json', ...extra]), { timeoutMs: 120_000 });
      runs.set(key, run);
    }
    return run;
  }

  async function route(product: Product, target: string, extra: string[] = []): Promise<Finding> {
    const run = await check(product, target, extra);
    const report = reportLine(run);
    const finding = byId(report.findings)['route-through-tunnel'];
    assert.ok(finding, statuses(report.findings));
    return finding;
  }

  before(async () => {
    lab = await createLab();
    for (const tunnel of TUNNELS) {
      await root(['ip', 'tuntap', 'add', 'dev', tunnel.name, 'mode', 'tun']);
      await root(['ip', 'addr', 'add', `${tunnel.address}/32`, 'dev', tunnel.name]);
      await root(['ip', 'link', 'set', tunnel.name, 'up']);
      if (tunnel.name === 'CloudflareWARP') {
        // As WARP's Linux client does: its routes in their own table, reached by a policy rule.
        await root(['ip', 'route', 'add', `${tunnel.target}/32`, 'dev', tunnel.name, 'table', WARP_TABLE]);
        await root(['ip', 'rule', 'add', 'to', `${tunnel.target}/32`, 'lookup', WARP_TABLE, 'priority', '100']);
      } else {
        await root(['ip', 'route', 'add', `${tunnel.target}/32`, 'dev', tunnel.name]);
      }
    }
    // Start every run at once: they only read the namespace set up above.
    for (const product of ['cloudflare', 'twingate', 'firezone', 'generic'] as const) check(product, AROUND);
    check('cloudflare', TUNNELS[0].target);
    check('twingate', TUNNELS[1].target);
    check('firezone', TUNNELS[2].target);
    for (const tunnel of TUNNELS.slice(3)) check('generic', tunnel.target);
    check('cloudflare', AROUND, ['--lang', 'ja']);
    check('cloudflare', ANSWERS);
  });
  after(async () => {
    await Promise.allSettled(runs.values());
    await lab?.destroy();
  });

  it("passes for WARP when the kernel's policy rule sends the target into CloudflareWARP, naming the interface and its source", async () => {
    const f = await route('cloudflare', TUNNELS[0].target);
    assert.equal(f.status, 'pass', f.summary);
    assert.equal(f.reason?.key, 'route-through-tunnel.pass');
    assert.deepEqual(f.reason?.params, { address: TUNNELS[0].target, device: 'CloudflareWARP', client: 'Cloudflare WARP', source: '172.16.0.2' });
    assert.match(f.evidence[0]?.detail ?? '', /table 65743/);
  });

  it('fails for WARP when the target goes around CloudflareWARP, naming both interfaces and the source, with the Split Tunnels fix first', async () => {
    const f = await route('cloudflare', AROUND);
    assert.equal(f.status, 'fail', f.summary);
    assert.equal(f.reason?.params?.['tunnel'], 'CloudflareWARP');
    const via = f.reason?.params?.['route'] as Message;
    assert.deepEqual(via.params, { device: 'c-router', source: ADDRESSES.client.v4, gateway: ADDRESSES.router.client.v4, table: null });
    assert.deepEqual(
      f.remediation.map((r) => r.id),
      ['route-through-tunnel.warp-split-tunnels', 'route-through-tunnel.cloudflared-route', 'route-through-tunnel.cloudflared-route-get', 'route-through-tunnel.check'],
    );
    assert.equal(f.remediation[1]?.text, `cloudflared tunnel route ip add ${AROUND}/32 "\${TUNNEL}"`);
    // The cause, first in the order to fix: the echo lost along the other route follows from it.
    const report = reportLine(await check('cloudflare', AROUND));
    assert.equal(report.causes[0], 'route-through-tunnel', report.causes.join(' '));
  });

  it('only warns when the target answers ping along the other route', async () => {
    const f = await route('cloudflare', ANSWERS);
    assert.equal(f.status, 'warn', f.summary);
    assert.equal(f.reason?.key, 'route-through-tunnel.warn-answered');
    assert.equal(f.reason?.params?.['tunnel'], 'CloudflareWARP');
    assert.ok(!reportLine(await check('cloudflare', ANSWERS)).causes.includes('route-through-tunnel'));
  });

  it("passes for Twingate through sdwan0 and for Firezone through tun-firezone, and fails around them with the admin console's Resource", async () => {
    assert.equal((await route('twingate', TUNNELS[1].target)).status, 'pass');
    assert.equal((await route('firezone', TUNNELS[2].target)).status, 'pass');
    const twingate = await route('twingate', AROUND);
    assert.equal(twingate.status, 'fail', twingate.summary);
    assert.equal(twingate.reason?.params?.['tunnel'], 'sdwan0');
    assert.equal(twingate.remediation[0]?.id, 'route-through-tunnel.twingate-resource');
    const firezone = await route('firezone', AROUND);
    assert.equal(firezone.status, 'fail', firezone.summary);
    assert.equal(firezone.reason?.params?.['tunnel'], 'tun-firezone');
    assert.equal(firezone.remediation[0]?.id, 'route-through-tunnel.firezone-resource');
  });

  it('for generic, passes through tailscale0, wg0 and tun0, and fails around every tunnel', async () => {
    for (const tunnel of TUNNELS.slice(3)) {
      const f = await route('generic', tunnel.target);
      assert.equal(f.status, 'pass', `${tunnel.name}: ${f.summary}`);
      assert.equal(f.reason?.params?.['device'], tunnel.name);
    }
    const around = await route('generic', AROUND);
    assert.equal(around.status, 'fail', around.summary);
    assert.ok(TUNNELS.some((t) => t.name === around.reason?.params?.['tunnel']), String(around.reason?.params?.['tunnel']));
    assert.ok(around.remediation.length >= 2, around.remediation.map((r) => r.id).join(', '));
  });

  it('says the failure in Japanese, with no English prose in the verdict or the fix titles', async () => {
    const f = await route('cloudflare', AROUND, ['--lang', 'ja']);
    assert.equal(f.status, 'fail');
    assert.match(f.summary, /はトンネルへルーティングされていません/);
    assert.deepEqual(englishProse(`${f.title}\n${f.summary}\n${f.evidence.map((e) => e.detail).join('\n')}`), []);
    for (const fix of f.remediation) assert.deepEqual(englishProse(`${fix.title}\n${fix.kind === 'dashboard' ? fix.text : ''}`), [], fix.id);
  });
});
