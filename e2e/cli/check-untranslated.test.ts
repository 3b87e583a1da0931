// Firezone's headline case (seeds/003): a gateway rewrites the probe's destination and does
// not translate the ICMP error back. The lab's router rewrites echo requests to a phantom
// address into requests to its "unreachable" route, statelessly (notrack, so conntrack cannot
// translate the error's quote back), and rejects them: the error reaches the client quoting
// the rewritten destination. Through a raw socket (root) `check` names it; through a ping
// socket it says untranslated and swallowed errors cannot be told apart.

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { ProbeError } from '../../native/index';
import { ADDRESSES, createLab, labUnavailableReason, type Lab } from '../lab/lab';
import { captureIcmp } from '../lab/capture';
import { cliMissingReason, jsonLines, runCli } from '../support/cli';
import { byId, reportLine, statuses } from './support/check-results';

/** Nobody has these: the router rewrites echo requests to them. */
const PHANTOM = { v4: '10.200.2.50', v6: 'fd00:200:2::50' } as const;
/** What the router rewrites them to: its reject route, which answers "unreachable". */
const REWRITTEN = ADDRESSES.routes.unreachable;
const NFT_TABLE = 'icd_untranslated';

/** Stateless DNAT in the router's prerouting, ahead of conntrack: nothing translates the error back. */
function untranslatingGateway(): string {
  return (
    `table inet ${NFT_TABLE}\ndelete table inet ${NFT_TABLE}\n` +
    `table inet ${NFT_TABLE} {\n  chain prerouting {\n    type filter hook prerouting priority raw; policy accept;\n` +
    `    ip daddr ${PHANTOM.v4} icmp type echo-request notrack ip daddr set ${REWRITTEN.v4}\n` +
    `    ip6 daddr ${PHANTOM.v6} icmpv6 type echo-request notrack ip6 daddr set ${REWRITTEN.v6}\n  }\n}\n`
  );
}

describe('an error the gateway did not translate back', { skip: cliMissingReason() ?? labUnavailableReason() ?? false }, () => {
  let lab: Lab;
  before(async () => {
    lab = await createLab();
    await lab.nft('router', untranslatingGateway());
  });
  after(() => lab?.destroy());

  for (const family of [4, 6] as const) {
    const phantom = family === 4 ? PHANTOM.v4 : PHANTOM.v6;
    const rewritten = family === 4 ? REWRITTEN.v4 : REWRITTEN.v6;
    it(`ping --socket raw to ${phantom}: an icmp-error flagged untranslated, quoting ${rewritten}`, async () => {
      // tshark on the client's link confirms the lab: the error arrives quoting the rewritten destination.
      const capture = await captureIcmp(lab);
      const run = await runCli(lab, 'client', ['ping', '--json', '--socket', 'raw', '-c', '1', '-W', '1500', phantom], { user: 'root' });
      const seen = await capture.stop();
      assert.ok(
        seen.some((packet) => packet.quotedDst === rewritten && packet.family === family),
        `an error quoting ${rewritten} on the wire: ${JSON.stringify(seen)}`,
      );
      assert.equal(run.code, 1, run.stderr);
      const [probe] = jsonLines(run.stdout);
      assert.equal(probe?.status, 'icmp-error');
      const error = probe?.error as ProbeError;
      assert.equal(error.original?.dst, rewritten);
      assert.deepEqual(error.untranslated, { quotedDestination: rewritten, from: family === 4 ? ADDRESSES.router.client.v4 : ADDRESSES.router.client.v6 });
      // Through a ping socket the same probe meets silence.
      const viaPing = await runCli(lab, 'client', ['ping', '--json', '--socket', 'ping', '-c', '1', '-W', '1500', phantom]);
      assert.equal(jsonLines(viaPing.stdout)[0]?.status, 'timeout');
    });
  }

  it('check as root in a "1 0" namespace (raw sockets by itself) names the untranslated error', async () => {
    const args = ['check', '--target', PHANTOM.v4, '--unreachable', PHANTOM.v4, '--json', '--lang', 'en'];
    await lab.setPingGroupRange('client', 1, 0);
    let run;
    try {
      run = await runCli(lab, 'client', args, { user: 'root', timeoutMs: 90_000 });
    } finally {
      await lab.setPingGroupRange('client', 0, 2147483647);
    }
    const report = reportLine(run);
    // This process probes (raw sockets); an unprivileged one here could not.
    assert.equal(byId(report.findings)['local-icmp-socket'].reason?.key, 'raw-socket.local.raw-probes');
    assert.equal(byId(report.findings)['local-icmp-socket'].status, 'pass');
    assert.equal(report.inputs.socket, 'auto');
    const transparency = byId(report.findings)['icmp-error-transparency'];
    assert.equal(transparency.status, 'fail', statuses(report.findings));
    assert.equal(transparency.reason?.key, 'raw-socket.transparency.untranslated');
    assert.deepEqual(
      { quoted: transparency.reason?.params?.['quoted'], target: transparency.reason?.params?.['target'], from: transparency.reason?.params?.['from'] },
      { quoted: REWRITTEN.v4, target: PHANTOM.v4, from: ADDRESSES.router.client.v4 },
    );
    assert.ok(report.probes.some((probe) => probe.type === 'probe' && probe.socket === 'raw'));
  });

  it('check through ping sockets says untranslated and swallowed errors cannot be told apart', async () => {
    const args = ['check', '--target', PHANTOM.v4, '--unreachable', PHANTOM.v4, '--json', '--lang', 'en', '--socket', 'ping'];
    const run = await runCli(lab, 'client', args, { timeoutMs: 90_000 });
    const report = reportLine(run);
    assert.equal(report.inputs.socket, 'ping');
    const transparency = byId(report.findings)['icmp-error-transparency'];
    assert.equal(transparency.status, 'fail', statuses(report.findings));
    assert.equal(transparency.reason?.key, 'raw-socket.transparency.ping-socket');
    assert.ok(transparency.remediation.some((fix) => fix.id === 'raw-socket.rerun-raw'));
  });
});
