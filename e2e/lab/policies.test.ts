// Proves the router policies (policies.ts) do what policy-scenarios.ts says, with tools the
// product does not share: iputils ping as the unprivileged user and bash's /dev/tcp connect.
// Also the mechanics: replacing a policy, removing it, and the TCP service. Skips when not root.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { iputilsErrorText } from './iputils';
import { createLab, labUnavailableReason, LAB_TCP_PORT, POLICY_NFT_TABLE, type ExecResult, type Lab } from './lab';
import { POLICY_SCENARIOS } from './policy-scenarios';
import { LAB_NFT_TABLE, type Family } from './topology';

const skip = labUnavailableReason() ?? false;

function ping(lab: Lab, family: Family, target: string, extra: readonly string[] = []): Promise<ExecResult> {
  return lab.exec('client', ['ping', `-${family}`, '-n', '-c', '1', '-W', '1', ...extra, target], { user: 'unprivileged', timeoutMs: 10_000 });
}

/** A TCP connect by bash (exit 0: connected). */
function connect(lab: Lab, host: string, port: number): Promise<ExecResult> {
  return lab.exec('client', ['timeout', '3', 'bash', '-c', `exec 3<>/dev/tcp/${host}/${port}`], { user: 'unprivileged', timeoutMs: 10_000 });
}

function shown(r: ExecResult): string {
  return `\n--- exit ${r.code}\n--- stdout\n${r.stdout}--- stderr\n${r.stderr}`;
}

function assertReply(r: ExecResult, from: string): void {
  assert.match(r.stdout, new RegExp(`bytes from ${from.replace(/[.:]/g, '\\$&')}: icmp_seq=1 `), shown(r));
  assert.equal(r.code, 0, shown(r));
}

function assertSilence(r: ExecResult): void {
  assert.match(r.stdout, /1 packets transmitted, 0 received, 100% packet loss/, shown(r));
  assert.doesNotMatch(r.stdout + r.stderr, /From |errors|local error/, shown(r));
}

function assertErrorFromRouter(r: ExecResult, router: string, text: RegExp): void {
  assert.match(r.stdout, new RegExp(`From ${router.replace(/[.:]/g, '\\$&')} icmp_seq=1 ${text.source}`), shown(r));
}

const ROUTER = { 4: '10.200.1.1', 6: 'fd00:200:1::1' } as const;
const TIME_EXCEEDED = { 4: /Time to live exceeded/, 6: /Time exceeded: Hop limit/ } as const;
const UNREACHABLE = { 4: /Destination Host Unreachable/, 6: /Destination unreachable: No route/ } as const;

describe('router policies, as iputils ping and a bash TCP connect see them', { skip, concurrency: 1 }, () => {
  let lab: Lab;
  before(async () => {
    lab = await createLab();
    await lab.serveTcp();
  });
  after(() => lab.destroy());

  for (const s of POLICY_SCENARIOS) {
    describe(`${s.id}: ${s.description}`, { concurrency: 1 }, () => {
      before(() => lab.applyPolicy(s.policy));

      it(`TCP to port ${s.tcpPort} connects`, async () => {
        const r = await connect(lab, s.target, s.tcpPort);
        assert.equal(r.code, 0, shown(r));
      });

      it(`echo: ${s.expect.echo.status}`, async () => {
        const r = await ping(lab, s.family, s.target);
        const e = s.expect.echo;
        if (e.status === 'reply') assertReply(r, s.target);
        else if (e.status === 'timeout') assertSilence(r);
        else assertErrorFromRouter(r, e.from, new RegExp(iputilsErrorText(e.name, null)));
      });

      it(`ICMP errors ${s.expect.errorsReturned ? 'come back' : 'never come back'}: TTL 1 toward the target, and echo to the unreachable route`, async () => {
        const [ttl, unreachable] = await Promise.all([ping(lab, s.family, s.target, ['-t', '1']), ping(lab, s.family, s.unreachableTarget)]);
        if (s.expect.errorsReturned) {
          assertErrorFromRouter(ttl, ROUTER[s.family], TIME_EXCEEDED[s.family]);
          assertErrorFromRouter(unreachable, ROUTER[s.family], UNREACHABLE[s.family]);
        } else {
          assertSilence(ttl);
          assertSilence(unreachable);
        }
      });

      const largest = s.expect.pathMtu.largestPassing;
      if (largest !== null) {
        it(`DF echo: ${largest} bytes pass; ${largest + 1} ${s.expect.pathMtu.blackHole ? 'vanish' : s.expect.pathMtu.reportedMtu !== null ? 'draw the MTU from the router' : 'exceed this host\'s own MTU'}`, async () => {
          // iputils' -M do honours a learned path MTU: forget it before each probe.
          await lab.flushRouteCache();
          assertReply(await ping(lab, s.family, s.target, ['-M', 'do', '-s', String(largest)]), s.target);
          await lab.flushRouteCache();
          const over = await ping(lab, s.family, s.target, ['-M', 'do', '-s', String(largest + 1)]);
          const mtu = s.expect.pathMtu.reportedMtu;
          if (s.expect.pathMtu.blackHole) assertSilence(over);
          else if (mtu !== null) assertErrorFromRouter(over, ROUTER[s.family], new RegExp(iputilsErrorText(s.family === 4 ? 'fragmentation-needed' : 'packet-too-big', mtu).replace(/[()]/g, '\\$&')));
          else assert.match(over.stderr, /local error: message too long, mtu[=:] ?1500/, shown(over));
        });
      } else {
        it('DF echo: no size passes (echo itself is blocked)', async () => {
          const r = await ping(lab, s.family, s.target, ['-M', 'do', '-s', '0']);
          assert.doesNotMatch(r.stdout, /bytes from/, shown(r));
        });
      }
    });
  }

  describe('mechanics', { concurrency: 1 }, () => {
    it('applyPolicy replaces the previous policy in one step, and the lab reports which is in force', async () => {
      await lab.applyPolicy('drop-echo');
      await lab.applyPolicy('refuse-echo');
      assert.equal(lab.policy, 'refuse-echo');
      const rules = await lab.exec('router', ['nft', 'list', 'table', 'inet', POLICY_NFT_TABLE], { check: true });
      assert.match(rules.stdout, /reject with icmp admin-prohibited/);
      assert.doesNotMatch(rules.stdout, /echo-request drop/);
      assertErrorFromRouter(await ping(lab, 4, '10.200.2.2'), ROUTER[4], /Packet filtered/);
    });

    it("'none' removes the policy table (twice is fine) and leaves the lab's route-error table alone", async () => {
      await lab.applyPolicy('swallow-errors');
      await lab.applyPolicy('none');
      await lab.applyPolicy('none');
      assert.equal(lab.policy, 'none');
      const tables = await lab.exec('router', ['nft', 'list', 'tables'], { check: true });
      assert.doesNotMatch(tables.stdout, new RegExp(POLICY_NFT_TABLE));
      assert.match(tables.stdout, new RegExp(`table ip ${LAB_NFT_TABLE}`));
      assertErrorFromRouter(await ping(lab, 4, '10.200.9.1'), ROUTER[4], /Packet filtered/);
    });

    it('applyPolicy refuses an unknown policy by name, and the one in force stays', async () => {
      await lab.applyPolicy('drop-echo');
      await assert.rejects(lab.applyPolicy('drop-everything' as never), /unknown policy drop-everything \(one of none, drop-echo, refuse-echo, swallow-errors, pmtu-black-hole, proxy-every-port\)/);
      assert.equal(lab.policy, 'drop-echo');
      await lab.applyPolicy('none');
    });

    it('serveTcp: a second listener on a busy port fails with the reason; port 0 gets a free one; stop() closes it', async () => {
      await assert.rejects(lab.serveTcp(LAB_TCP_PORT), new RegExp(`cannot listen on port ${LAB_TCP_PORT}: .*EADDRINUSE`));
      const service = await lab.serveTcp(0);
      assert.ok(service.port > 0 && service.port !== LAB_TCP_PORT, `got port ${service.port}`);
      assert.equal((await connect(lab, '10.200.2.2', service.port)).code, 0);
      assert.equal((await connect(lab, 'fd00:200:2::2', service.port)).code, 0, 'one listener serves IPv6 too');
      await service.stop();
      await service.stop();
      const refused = await connect(lab, '10.200.2.2', service.port);
      assert.notEqual(refused.code, 0);
      assert.match(refused.stderr, /Connection refused/);
      await assert.rejects(lab.serveTcp(70_000), /port must be an integer 0-65535, got 70000/);
    });
  });
});

