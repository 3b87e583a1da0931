// "Apply the fix and the check turns to pass", for real: the CLI diagnoses a broken namespace,
// the command it printed is pasted into bash in that namespace (`sudo` included — a shim
// stands in for it, we are root already), and the same check run again passes. Beyond the
// verdict, the kernel is asked too: a process with the group in question opens ICMP sockets
// only after the fix.
//   - this machine under ping_group_range "1 0": local-icmp-socket;
//   - a cloudflared stand-in running as 65532:65532 where the range is "1 0": connector mode
//     (as root) writes a connector report, the check imports it in another namespace and
//     names GID 65532 and the range, the printed fix admits it, and connector mode agrees.
// Each case has a lab of its own; connector scans run in private PID namespaces, so they see
// only the stand-in of this test, not those of other tests running at the same time.

import assert from 'node:assert/strict';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { ConnectorReport } from '../../contract/evidence';
import type { Message } from '../../contract/message';
import { createLab, labUnavailableReason, type Lab } from '../lab/lab';
import type { NsRole } from '../lab/topology';
import { cliArgv, cliMissingReason, STACK_TRACE } from '../support/cli';
import { REPO_ROOT } from '../support/worker';
import { byId, evidenceText, reportLine, statuses } from './support/check-results';
import { startStandIn, standInProgram } from './support/lab-stand-in';
import { execIsolated, PidNamespace } from './support/pid-namespace';

const CONNECTOR_ID = 65532;
/** A tunnel token on the stand-in's command line: no report or output may carry it. */
const TUNNEL_TOKEN = 'eyJhIjoiZml4LXRlc3QtdHVubmVsLXRva2VuIiwidCI6IjEyMyJ9';

/** The first line of the human output's fixes that starts with `prefix` (a command as printed). */
function printedCommand(stdout: string, prefix: string): string {
  const fixes = stdout.slice(stdout.indexOf('\nHow to fix\n'));
  const line = fixes.split('\n').find((entry) => entry.startsWith(prefix));
  return line ?? assert.fail(`no fix starting with "${prefix}" in:\n${fixes}`);
}

describe('icmp-doctor check: apply the printed fix and the check passes', { skip: cliMissingReason() ?? labUnavailableReason() ?? false, concurrency: true }, () => {
  const labs: Lab[] = [];
  let dir: string;
  let shim: string;

  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'icd-check-fix-'));
    chmodSync(dir, 0o755);
    // `sudo` is not installed here and we are root already: the shim lets printed commands run as printed.
    shim = join(dir, 'bin');
    mkdirSync(shim, { mode: 0o755 });
    writeFileSync(join(shim, 'sudo'), '#!/bin/sh\nexec "$@"\n', { mode: 0o755 });
  });
  after(async () => {
    await Promise.all(labs.map((lab) => lab.destroy()));
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  async function newLab(): Promise<Lab> {
    const lab = await createLab();
    labs.push(lab);
    return lab;
  }

  /** Pastes `command` into bash as root in `role`, as the user would. */
  async function applyFix(lab: Lab, role: NsRole, command: string): Promise<void> {
    const run = await lab.exec(role, ['bash', '-c', command], { env: { PATH: `${shim}:${process.env['PATH'] ?? '/usr/bin:/bin'}` } });
    assert.equal(run.code, 0, `${command}\n${run.stderr}`);
  }

  /** `icmp-doctor ping 127.0.0.1` as uid/gid `id` in `role`: the kernel's own answer (0 reply, 3 refused). */
  async function pingAs(lab: Lab, role: NsRole, id: number): Promise<number | null> {
    const drop = ['setpriv', `--reuid=${id}`, `--regid=${id}`, '--clear-groups', '--no-new-privs', '--', 'env', '--'];
    const run = await lab.exec(role, [...drop, ...cliArgv(['ping', '127.0.0.1', '-c', '1', '-W', '500'])], { cwd: REPO_ROOT, env: { HOME: '/tmp' } });
    return run.code;
  }

  it('this machine under "1 0": local-icmp-socket fails; its printed `sysctl -w`, run in that namespace, makes it pass', async () => {
    const lab = await newLab();
    await lab.setPingGroupRange('denied', 1, 0);
    const broken = await execIsolated(lab, 'denied', cliArgv(['check']));
    assert.doesNotMatch(broken.stderr, STACK_TRACE);
    assert.equal(broken.code, 1, broken.stderr);
    assert.match(broken.stdout, /^FAIL\s+local-icmp-socket — ICMP sockets on this machine$/m);
    assert.match(broken.stdout, /net\.ipv4\.ping_group_range is "1 0" \(admits nobody, root included\) in this network namespace and admits none of this process's groups \(egid 65534/);
    const command = printedCommand(broken.stdout, 'sudo sysctl -w ');
    assert.equal(command, "sudo sysctl -w 'net.ipv4.ping_group_range=65534 65534'");

    await applyFix(lab, 'denied', command);
    assert.deepEqual(await lab.getPingGroupRange('denied'), [65534, 65534]);
    const fixed = reportLine(await execIsolated(lab, 'denied', cliArgv(['check', '--json'])));
    const local = byId(fixed.findings)['local-icmp-socket'];
    assert.equal(local.status, 'pass', local.summary);
    assert.match(evidenceText(local), /ICMPv4 allowed/);
    assert.ok(!fixed.findings.some((f) => f.status === 'fail'), statuses(fixed.findings));
  });

  it('a cloudflared as 65532 under "1 0": connector report → connector-gid-range fails elsewhere, naming GID 65532 and the range → the printed fix admits it', async () => {
    const lab = await newLab();
    await lab.setPingGroupRange('denied', 1, 0);
    const space = await PidNamespace.start(lab, 'denied');
    try {
      const standInDir = mkdtempSync(join(dir, 'stand-in-'));
      const pid = await startStandIn(space, {
        dir: standInDir,
        uid: CONNECTOR_ID,
        gid: CONNECTOR_ID,
        args: ['tunnel', '--no-autoupdate', 'run', '--token', TUNNEL_TOKEN],
        env: { PATH: '/usr/bin:/bin', TUNNEL_TOKEN },
      });
      assert.equal(await pingAs(lab, 'denied', CONNECTOR_ID), 3, 'the kernel refuses GID 65532 an ICMP socket under "1 0"');

      // On the connector host, as root.
      const reportPath = join(dir, 'connector.json');
      const made = await space.exec(cliArgv(['check', '--connector', '--report', reportPath]));
      assert.doesNotMatch(made.stderr, STACK_TRACE);
      assert.equal(made.code, 1, `${made.stdout}\n${made.stderr}`);
      assert.match(made.stderr, /^\[2\/3\] Connectors on this host … done: cloudflared \(pid \d+\)$/m);
      assert.ok(made.stdout.includes(`cloudflared (pid ${pid}): ${standInProgram(standInDir)} tunnel --no-autoupdate run --token [redacted]`), made.stdout);
      assert.ok(made.stdout.includes(`runs as uid ${CONNECTOR_ID}, gid ${CONNECTOR_ID} (effective), groups none`), made.stdout);
      assert.match(made.stdout, /net\.ipv4\.ping_group_range there: "1 0" \(admits nobody, root included\) → GID 65532 is outside: it cannot open ICMP sockets/);
      assert.match(made.stdout, /^FAIL\s+connector-gid-range — /m);
      assert.ok(made.stdout.includes(`Connector report written to ${reportPath} (`), made.stdout);
      assert.ok(made.stdout.includes(`  icmp-doctor check --connector-report ${reportPath} [--target …]`), made.stdout);

      const file = readFileSync(reportPath, 'utf8');
      assert.ok(!file.includes(TUNNEL_TOKEN), 'the tunnel token is not in the connector report');
      const report = JSON.parse(file) as ConnectorReport;
      assert.equal(report.schema, 'icmp-doctor/connector-report@1');
      assert.ok(report.connectors.ok);
      const connector = report.connectors.value.find((c) => c.pid === pid) ?? assert.fail('the stand-in is in the report');
      assert.deepEqual([connector.kind, connector.gids, connector.groups, connector.sameNetnsAsUs], ['cloudflared', [CONNECTOR_ID, CONNECTOR_ID, CONNECTOR_ID, CONNECTOR_ID], [], true]);
      assert.deepEqual(connector.pingGroupRange.ok ? connector.pingGroupRange.value : null, { low: 1, high: 0 });
      assert.equal(connector.environment.ok && connector.environment.value['TUNNEL_TOKEN'], undefined, 'secrets are not among the environment kept');

      // Elsewhere: the client namespace, the unprivileged user, this report imported.
      const imported = await execIsolated(lab, 'client', cliArgv(['check', '--connector-report', reportPath]));
      assert.doesNotMatch(imported.stderr, STACK_TRACE);
      assert.equal(imported.code, 1, imported.stderr);
      assert.match(imported.stderr, /^\[5\/\d+\] Connector reports … done: imported /m);
      assert.match(imported.stdout, /^FAIL\s+connector-gid-range — Connector's group vs ping_group_range$/m);
      assert.ok(imported.stdout.includes(`cloudflared (pid ${pid}) runs with egid ${CONNECTOR_ID} (groups: none), none of them inside net.ipv4.ping_group_range "1 0" (admits nobody, root included)`), imported.stdout);
      assert.ok(imported.stdout.includes(`  - connector report ${reportPath}: `), 'the evidence cites the imported report');
      assert.ok(!imported.stdout.includes(TUNNEL_TOKEN) && !imported.stderr.includes(TUNNEL_TOKEN));
      const fix = printedCommand(imported.stdout, 'sudo sysctl -w ');
      assert.equal(fix, `sudo sysctl -w 'net.ipv4.ping_group_range=${CONNECTOR_ID} ${CONNECTOR_ID}'`);

      // The fix, pasted on the connector host.
      await applyFix(lab, 'denied', fix);
      assert.equal(await pingAs(lab, 'denied', CONNECTOR_ID), 0, 'the kernel now gives GID 65532 an ICMP socket');

      const afterPath = join(dir, 'connector-after.json');
      const again = await space.exec(cliArgv(['check', '--connector', '--report', afterPath]));
      assert.equal(again.code, 0, `${again.stdout}\n${again.stderr}`);
      assert.match(again.stdout, new RegExp(`net\\.ipv4\\.ping_group_range there: "${CONNECTOR_ID} ${CONNECTOR_ID}" → GID ${CONNECTOR_ID} is inside: it may open ICMP sockets`));
      assert.match(again.stdout, /^PASS\s+connector-gid-range — /m);
      const confirmed = reportLine(await execIsolated(lab, 'client', cliArgv(['check', '--connector-report', afterPath, '--json'])));
      const gid = byId(confirmed.findings)['connector-gid-range'];
      assert.equal(gid.status, 'pass', gid.summary);
      const inside = ((gid.reason?.params?.['notes'] ?? []) as Message[]).find((note) => note.key === 'connector-gid.process.inside');
      assert.deepEqual(inside?.params, {
        connector: 'cloudflared',
        pid,
        egid: CONNECTOR_ID,
        groups: [],
        quoted: { key: 'ping-range.quoted', params: { range: `${CONNECTOR_ID} ${CONNECTOR_ID}`, empty: false } },
      }, gid.summary);
      assert.ok(existsSync(afterPath));
    } finally {
      space.stop();
    }
  });
});
