// `icmp-doctor trace` in a three-router chain (e2e/lab/chain.ts), as the unprivileged user
// (uid 65534, no groups; the client namespace's ping_group_range admits it): a reachable
// target (hops 1..3 then the target, v4 and v6), a refused one (admin-prohibited from the
// filtering router), a silent one (stops after the silent run) and bad input.

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { CHAIN, createChainLab, blackHoleRuleset, hopAddress, refuseRuleset, type ChainLab } from '../lab/chain';
import { ADDRESSES, createLab, labUnavailableReason, type Lab } from '../lab/lab';
import { cliArgv, cliMissingReason, finished, jsonLines, STACK_TRACE } from '../support/cli';
import { killGroup, spawnGroup } from '../lab/exec';
import { REPO_ROOT } from '../support/worker';

type Line = Record<string, unknown>;

describe('icmp-doctor trace in a three-router chain', { skip: cliMissingReason() ?? labUnavailableReason() ?? false, concurrency: 4 }, () => {
  let lab: ChainLab;
  before(async () => {
    lab = await createChainLab();
    await lab.nft('bravo', refuseRuleset());
    await lab.nft('charlie', blackHoleRuleset());
  });
  after(() => lab?.destroy());

  const trace = (args: readonly string[]) => lab.exec('client', cliArgv(['trace', ...args]), { user: 'unprivileged', cwd: REPO_ROOT, timeoutMs: 30_000 });

  for (const family of [4, 6] as const) {
    const target = family === 4 ? CHAIN.target.v4 : CHAIN.target.v6;
    it(`--json to ${target}: three routers answer "time exceeded", then the target replies`, async () => {
      const run = await trace(['--json', '-W', '1000', target]);
      assert.equal(run.code, 0, run.stderr);
      assert.doesNotMatch(run.stderr, STACK_TRACE);
      const lines = jsonLines(run.stdout) as Line[];
      const hops = lines.filter((l) => l.type === 'hop');
      assert.deepEqual(
        hops.map((h) => [h.ttl, h.address, h.status, h.sent, h.received, h.error]),
        [
          [1, hopAddress(1, family), 'time-exceeded', 3, 3, null],
          [2, hopAddress(2, family), 'time-exceeded', 3, 3, null],
          [3, hopAddress(3, family), 'time-exceeded', 3, 3, null],
          [4, target, 'reply', 3, 3, null],
        ],
      );
      for (const hop of hops) {
        assert.deepEqual(Object.keys(hop).slice(0, 8), ['type', 'ttl', 'address', 'status', 'rttMs', 'sent', 'received', 'error']);
        const rtt = hop.rttMs as { min: number; avg: number; max: number };
        assert.ok(rtt.min > 0 && rtt.min <= rtt.avg && rtt.avg <= rtt.max, JSON.stringify(rtt));
      }
      assert.deepEqual(lines.at(-1), { type: 'summary', target, address: target, reached: true, hops: 4, stoppedBy: 'target' });
    });
  }

  it('to an address the second router refuses: that router says admin-prohibited, and the trace stops there (exit 1)', async () => {
    const run = await trace(['--json', '-q', '2', CHAIN.refused.v4]);
    assert.equal(run.code, 1, run.stderr);
    const lines = jsonLines(run.stdout) as Line[];
    const hops = lines.filter((l) => l.type === 'hop');
    // TTL 2 expires at bravo before its forward filter; TTL 3 reaches the filter, and bravo refuses it.
    assert.deepEqual(
      hops.map((h) => [h.ttl, h.address, h.status, h.sent, h.received]),
      [
        [1, hopAddress(1, 4), 'time-exceeded', 2, 2],
        [2, hopAddress(2, 4), 'time-exceeded', 2, 2],
        [3, hopAddress(2, 4), 'icmp-error', 2, 2],
      ],
    );
    const error = hops[2]?.error as Record<string, unknown>;
    assert.deepEqual([error.icmpType, error.icmpCode, error.name, error.from], [3, 13, 'communication-administratively-prohibited', hopAddress(2, 4)]);
    assert.deepEqual(lines.at(-1), { type: 'summary', target: CHAIN.refused.v4, address: CHAIN.refused.v4, reached: false, hops: 3, stoppedBy: 'error' });
  });

  it('the same refusal in the human report: mtr-like rows with the error name', async () => {
    const run = await trace(['-q', '2', CHAIN.refused.v6]);
    assert.equal(run.code, 1, run.stderr);
    assert.match(run.stdout, /^HOST: .*Loss%\s+Snt\s+Last\s+Avg\s+Best\s+Wrst$/m);
    assert.match(run.stdout, new RegExp(`^  3\\.\\|-- ${hopAddress(2, 6)}\\s+0\\.0%\\s+2\\s.*administratively-prohibited$`, 'm'));
    assert.match(run.stdout, /not reached: hop 3 \(fd00:210:2::2\) refused with administratively-prohibited/);
  });

  it('to an address the third router drops: hops 1-3 answer, then four silent hops end the trace', async () => {
    const run = await trace(['--json', '-W', '800', '-q', '2', CHAIN.silent.v4]);
    assert.equal(run.code, 1, run.stderr);
    const lines = jsonLines(run.stdout) as Line[];
    const hops = lines.filter((l) => l.type === 'hop');
    assert.deepEqual(
      hops.map((h) => [h.ttl, h.address, h.status, h.received, h.rttMs]),
      [
        [1, hopAddress(1, 4), 'time-exceeded', 2, hops[0]?.rttMs],
        [2, hopAddress(2, 4), 'time-exceeded', 2, hops[1]?.rttMs],
        [3, hopAddress(3, 4), 'time-exceeded', 2, hops[2]?.rttMs],
        [4, null, 'timeout', 0, null],
        [5, null, 'timeout', 0, null],
        [6, null, 'timeout', 0, null],
        [7, null, 'timeout', 0, null],
      ],
    );
    assert.deepEqual(lines.at(-1), { type: 'summary', target: CHAIN.silent.v4, address: CHAIN.silent.v4, reached: false, hops: 7, stoppedBy: 'silent-run' });
  });

  it('Ctrl-C while a silent hop is awaited: the hops so far, then the summary (stoppedBy "cancelled"), exit 1', async () => {
    const child = spawnGroup(lab.command('client', cliArgv(['trace', '--json', '-W', '20000', '-q', '1', CHAIN.silent.v4]), 'unprivileged'), {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: lab.environment('unprivileged'),
      cwd: REPO_ROOT,
    });
    const done = finished(child);
    // The slow-hop notice on stderr says hop 4 is being waited for; then interrupt.
    await new Promise<void>((resolve) => {
      let seen = '';
      child.stderr?.on('data', (chunk: Buffer) => {
        seen += chunk.toString();
        if (/hop 4: no answer yet/.test(seen)) resolve();
      });
    });
    killGroup(child, 'SIGINT');
    const run = await done;
    assert.equal(run.code, 1, run.stderr);
    const lines = jsonLines(run.stdout) as Line[];
    assert.deepEqual(lines.filter((l) => l.type === 'hop').map((h) => [h.ttl, h.status]), [
      [1, 'time-exceeded'],
      [2, 'time-exceeded'],
      [3, 'time-exceeded'],
    ]);
    assert.deepEqual(lines.at(-1), { type: 'summary', target: CHAIN.silent.v4, address: CHAIN.silent.v4, reached: false, hops: 3, stoppedBy: 'cancelled' });
  });

  it('--max-hops 2 stops short of the target (exit 1)', async () => {
    const run = await trace(['--json', '--max-hops', '2', CHAIN.target.v4]);
    assert.equal(run.code, 1, run.stderr);
    const lines = jsonLines(run.stdout) as Line[];
    assert.deepEqual(lines.filter((l) => l.type === 'hop').map((h) => h.ttl), [1, 2]);
    assert.equal(lines.at(-1)?.stoppedBy, 'max-hops');
  });

  for (const [args, pattern] of [
    [['-q', '0', CHAIN.target.v4], /-q 0: PROBES_PER_HOP must be an integer from 1 to 100/],
    [['--max-hops', '300', CHAIN.target.v4], /--max-hops 300: N must be an integer from 1 to 255/],
    [['-4', CHAIN.target.v6], /-4 fd00:210:4::2: this is an IPv6 address/],
    [['-s', '65520', CHAIN.target.v4], /-s 65520: SIZE must be an integer from 0 to 65507/],
    [['--bogus', CHAIN.target.v4], /--bogus: unknown option/],
    [[], /missing TARGET/],
    [['a\u001b[31mb'], /a␛\[31mb: not an IP address or a valid host name/],
  ] as const) {
    it(`bad input ${JSON.stringify(args)}: one line naming it, exit 2`, async () => {
      const run = await trace(args);
      assert.equal(run.code, 2, run.stdout + run.stderr);
      assert.match(run.stderr, pattern);
      assert.doesNotMatch(run.stderr, /\u001b/, 'control characters are escaped');
      assert.doesNotMatch(run.stderr, STACK_TRACE);
      assert.equal(run.stdout, '');
    });
  }
});

describe('icmp-doctor trace in the main lab: too-small links and ICMP not permitted', { skip: cliMissingReason() ?? labUnavailableReason() ?? false }, () => {
  let lab: Lab;
  before(async () => {
    lab = await createLab();
  });
  after(() => lab?.destroy());

  for (const [target, name] of [
    [ADDRESSES.server.mtu.v4, 'fragmentation-needed'],
    [ADDRESSES.server.mtu.v6, 'packet-too-big'],
  ] as const) {
    it(`--df -s 1400 toward the 1280-byte link (${target}): hop 2 refuses with ${name} and says its MTU`, async () => {
      await lab.flushRouteCache();
      const run = await lab.exec('client', cliArgv(['trace', '--json', '--df', '-s', '1400', target]), { user: 'unprivileged', cwd: REPO_ROOT });
      assert.equal(run.code, 1, run.stderr);
      const hops = (jsonLines(run.stdout) as Line[]).filter((l) => l.type === 'hop');
      const router = target.includes(':') ? ADDRESSES.router.client.v6 : ADDRESSES.router.client.v4;
      assert.deepEqual(
        hops.map((h) => [h.ttl, h.address, h.status, h.mtu, (h.error as Record<string, unknown> | null)?.name ?? null]),
        [
          [1, router, 'time-exceeded', null, null],
          [2, router, 'icmp-error', 1280, name],
        ],
      );
    });
  }

  it('ping_group_range "1 0": one fatal line naming the range and the fix, no hops, exit 3', async () => {
    const run = await lab.exec('denied', cliArgv(['trace', '--json', '127.0.0.1']), { user: 'unprivileged', cwd: REPO_ROOT });
    assert.equal(run.code, 3, run.stderr);
    const lines = jsonLines(run.stdout) as Line[];
    assert.equal(lines.length, 1, run.stdout);
    assert.equal(lines[0]?.type, 'fatal');
    assert.equal(lines[0]?.code, 'ICMP_SOCKET_DENIED');
    assert.deepEqual(lines[0]?.pingGroupRange, [1, 0]);
    assert.match(String(lines[0]?.message), /net\.ipv4\.ping_group_range/);
  });
});
