// `icmp-doctor check --import nft-ruleset=FILE` where the router's reject lives where OpenWrt's
// fw4 keeps it (table inet fw4, a regular chain forward_wan jumped to from the forward hook),
// not in `inet filter forward`: the listing comes from the real `nft -a list ruleset` in the
// lab router, the --json fix must insert its accept in fw4/forward_wan before the reject's
// handle, and running that printed command in the router (the lab's namespace, never the
// host's ruleset) makes echo pass and icmp-policy with it.

import assert from 'node:assert/strict';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { ADDRESSES, createLab, LAB_TCP_PORT, labUnavailableReason, type Lab } from '../lab/lab';
import { cliArgv, cliMissingReason } from '../support/cli';
import { byId, reportLine, statuses } from './support/check-results';
import { execIsolated } from './support/pid-namespace';

const FW4 = `table inet fw4 {
\tchain forward {
\t\ttype filter hook forward priority filter; policy accept;
\t\tjump forward_wan
\t}
\tchain forward_wan {
\t\ttcp dport 22 accept
\t\tmeta l4proto icmp counter reject with icmp type admin-prohibited comment "!fw4: Block-Ping"
\t}
}
`;

const TARGET = ADDRESSES.server.main.v4;

describe('icmp-doctor check --import nft-ruleset: the fix goes where the reject lives', { skip: cliMissingReason() ?? labUnavailableReason() ?? false }, () => {
  let lab: Lab;
  let dir: string;

  before(async () => {
    lab = await createLab();
    await lab.serveTcp();
    await lab.nft('router', FW4);
    dir = mkdtempSync(join(tmpdir(), 'icd-nft-import-'));
    chmodSync(dir, 0o755);
  });
  after(async () => {
    await lab?.destroy();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  function check(rulesetFile: string) {
    return execIsolated(lab, 'client', cliArgv(['check', '--target', TARGET, '--tcp-port', String(LAB_TCP_PORT), '--import', `nft-ruleset=${rulesetFile}`, '--json']));
  }

  it('inserts the accept in inet fw4 forward_wan before the reject, and running it makes icmp-policy pass', async () => {
    const listing = await lab.exec('router', ['nft', '-a', 'list', 'ruleset'], { check: true });
    const handle = /reject with icmp (?:type )?admin-prohibited comment "!fw4: Block-Ping" # handle (\d+)/.exec(listing.stdout)?.[1] ?? assert.fail(listing.stdout);
    const file = join(dir, 'router-ruleset.txt');
    writeFileSync(file, listing.stdout, { mode: 0o644 });

    const before = reportLine(await check(file));
    const policy = byId(before.findings)['icmp-policy'];
    assert.equal(policy.status, 'fail', statuses(before.findings));
    const fix = policy.remediation.find((r) => r.id === 'allow-echo.nftables') ?? assert.fail(JSON.stringify(policy.remediation));
    assert.equal(fix.text, `sudo nft insert rule inet fw4 forward_wan position ${handle} icmp type '{ echo-request, echo-reply }' accept`);
    assert.match(fix.title, new RegExp(`table inet fw4, chain forward_wan, before its reject rule handle ${handle} from ${file.replace(/[.]/g, '\\.')} line \\d+`));
    assert.equal(policy.remediation.filter((r) => r.id === 'allow-echo.nftables').length, 1, 'no guessed inet filter fix beside it');

    // The printed command, run as printed in the router (sudo as a shell function: we are root there).
    await lab.exec('router', ['sh', '-c', `sudo() { "$@"; }; ${fix.text}`], { check: true });
    const chain = await lab.exec('router', ['nft', 'list', 'chain', 'inet', 'fw4', 'forward_wan'], { check: true });
    const accept = chain.stdout.search(/icmp type \{ echo-(?:reply|request), echo-(?:reply|request) \} accept/);
    assert.ok(accept >= 0 && accept < chain.stdout.indexOf('reject with'), chain.stdout);

    const after = reportLine(await check(file));
    assert.equal(byId(after.findings)['icmp-policy'].status, 'pass', statuses(after.findings));
  });
});
