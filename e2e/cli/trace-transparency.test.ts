// Errors along the whole path, end to end: in the three-router chain (e2e/lab/chain.ts) the
// middle router drops the ICMP errors it forwards. Its own "time exceeded" still comes back
// (hop 1's too), so the old TTL-1 probe passed; `icmp-doctor check` must now fail
// icmp-error-transparency and name hop 2. Without the rule the same check passes.

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { CHAIN, createChainLab, hopAddress, swallowForwardedErrorsRuleset, type ChainLab } from '../lab/chain';
import { labUnavailableReason } from '../lab/lab';
import { cliArgv, cliMissingReason } from '../support/cli';
import { REPO_ROOT } from '../support/worker';
import { byId, reportLine } from './support/check-results';

describe('icmp-error-transparency uses the trace', { skip: cliMissingReason() ?? labUnavailableReason() ?? false }, () => {
  let lab: ChainLab;
  before(async () => {
    lab = await createChainLab();
  });
  after(() => lab?.destroy());

  const check = () =>
    lab.exec('client', cliArgv(['check', '--target', CHAIN.target.v4, '--product', 'generic', '--json']), { user: 'unprivileged', cwd: REPO_ROOT, timeoutMs: 60_000 });

  it('a healthy chain: errors come back from every hop, and the report carries the trace', async () => {
    const report = reportLine(await check());
    const finding = byId(report.findings)['icmp-error-transparency'];
    assert.equal(finding.status, 'pass', finding.summary);
    assert.equal(finding.reason?.key, 'trace.transparency.returns');
    const trace = report.evidence.probes.trace;
    assert.ok(trace?.ok, JSON.stringify(trace));
    assert.deepEqual(
      trace.value.hops.map((h) => [h.ttl, h.address, h.status]),
      [
        [1, hopAddress(1, 4), 'time-exceeded'],
        [2, hopAddress(2, 4), 'time-exceeded'],
        [3, hopAddress(3, 4), 'time-exceeded'],
        [4, CHAIN.target.v4, 'reply'],
      ],
    );
  });

  it('the middle router drops forwarded errors: transparency fails and names hop 2', async () => {
    await lab.nft('bravo', swallowForwardedErrorsRuleset());
    try {
      const report = reportLine(await check());
      const finding = byId(report.findings)['icmp-error-transparency'];
      assert.equal(finding.status, 'fail', finding.summary);
      assert.equal(finding.reason?.key, 'trace.transparency.swallowed');
      assert.deepEqual([finding.reason?.params?.['ttl'], finding.reason?.params?.['from'], finding.reason?.params?.['targetHop']], [2, hopAddress(2, 4), 4]);
      assert.ok(report.causes.includes('icmp-error-transparency'), `causes: ${report.causes.join(', ')}`);
    } finally {
      await lab.nft('bravo', 'delete table inet chain_swallow\n');
    }
  });

  it("the client's interface named like WireGuard's and the first router swallowing: hop 1 is named the tunnel's far end", async () => {
    // The route to the target now leaves through "wg0" via 10.210.1.2 (alpha, hop 1), which
    // drops the errors it forwards: its own "time exceeded" still comes back, the rest do not.
    const rename = (from: string, to: string) =>
      lab.exec('client', ['sh', '-c', `ip link set dev ${from} down && ip link set dev ${from} name ${to} && ip link set dev ${to} up && ip route replace default via ${hopAddress(1, 4)} dev ${to}`]);
    assert.equal((await rename('up1', 'wg0')).code, 0);
    await lab.nft('alpha', swallowForwardedErrorsRuleset());
    try {
      const report = reportLine(await check());
      const finding = byId(report.findings)['icmp-error-transparency'];
      assert.equal(finding.status, 'fail', finding.summary);
      assert.equal(finding.reason?.key, 'trace.transparency.swallowed');
      assert.equal(finding.reason?.params?.['ttl'], 1);
      assert.deepEqual(finding.reason?.params?.['from'], { key: 'trace.far-end.named', params: { address: hopAddress(1, 4), device: 'wg0', client: 'WireGuard' } });
      // The trace's own output says it too.
      const trace = await lab.exec('client', cliArgv(['trace', CHAIN.target.v4]), { user: 'unprivileged', cwd: REPO_ROOT, timeoutMs: 60_000 });
      assert.ok(
        trace.stdout.includes(`Hop 1 (${hopAddress(1, 4)}) is the tunnel's far end: the route to the target enters the tunnel through wg0 (WireGuard).`),
        `${trace.stdout}\n${trace.stderr}`,
      );
    } finally {
      await lab.nft('alpha', 'delete table inet chain_swallow\n');
      await rename('wg0', 'up1');
    }
  });
});
