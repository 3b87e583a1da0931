// Twingate and Firezone evidence through the built CLI in the lab. A Twingate connector's log
// that records its ping socket refused, imported with Helm values that claim icmpSupport is on:
// connector-gid-range fails with the line cited and the contradiction shown, the chart's fix
// offered. A Firezone gateway that refuses echo requests with ICMP 3/13 — the lab router
// rejects them with admin-prohibited, as a gateway does for a resource whose traffic
// restrictions leave ICMP out — with the gateway's `--version` output imported (1.4.1):
// icmp-policy blames the traffic restrictions (the portal fix, no firewall fix) and
// icmp-error-transparency says the gateway predates the error translation. Both in Japanese too.
// The samples and where they come from: electron/core/evidence/imports/testdata/README-product-logs.md.

import assert from 'node:assert/strict';
import { chmodSync, copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, describe, it } from 'node:test';
import type { Finding } from '../../contract/findings';
import type { Message } from '../../contract/message';
import { ADDRESSES, createLab, LAB_TCP_PORT, labUnavailableReason, type ExecResult, type Lab } from '../lab/lab';
import { cliArgv, cliMissingReason } from '../support/cli';
import { englishProse } from '../../test-support/i18n/english-prose';
import { byId, reportLine, statuses } from './support/check-results';
import { execIsolated } from './support/pid-namespace';

const TESTDATA = fileURLToPath(new URL('../../electron/core/evidence/imports/testdata/', import.meta.url));
const TARGET = ADDRESSES.server.main.v4;

/** The router refuses echo requests the way a Firezone gateway refuses filtered traffic. */
const REFUSE_ECHO = `table inet filter {
\tchain forward {
\t\ttype filter hook forward priority filter; policy accept;
\t\ticmp type echo-request reject with icmp type admin-prohibited
\t}
}
`;

function notes(f: Finding): Message[] {
  const listed = f.reason?.params?.['notes'];
  return Array.isArray(listed) ? (listed as Message[]) : f.reason ? [f.reason] : [];
}

function saidInJapanese(f: Finding): void {
  assert.deepEqual(englishProse(`${f.title}\n${f.summary}`), [], f.summary);
  for (const fix of f.remediation) assert.deepEqual(englishProse(fix.title), [], fix.id);
}

describe('icmp-doctor check: Twingate connector log and Firezone gateway evidence', { skip: cliMissingReason() ?? labUnavailableReason() ?? false }, () => {
  let lab: Lab;
  let dir: string;
  let twingate: Promise<{ en: ExecResult; ja: ExecResult }>;
  let firezone: Promise<{ en: ExecResult; ja: ExecResult }>;

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'icd-tg-fz-'));
    chmodSync(dir, 0o755);
    const copy = (name: string): string => {
      const path = join(dir, name);
      copyFileSync(join(TESTDATA, name), path);
      chmodSync(path, 0o644);
      return path;
    };
    const twingateLog = copy('twingate-connector-socket-refused.log');
    const values = copy('twingate-values.yaml');
    const gatewayVersion = copy('firezone-gateway-version-1.4.1.txt');
    lab = await createLab();
    await lab.serveTcp();
    await lab.nft('router', REFUSE_ECHO);
    // Alone in a PID namespace: no connector of the host is adopted.
    const run = (args: string[]) => Promise.all([execIsolated(lab, 'client', cliArgv([...args, '--json'])), execIsolated(lab, 'client', cliArgv([...args, '--json', '--lang', 'ja']))]).then(([en, ja]) => ({ en, ja }));
    twingate = run(['check', '--product', 'twingate', '--import', `twingate-log=${twingateLog}`, '--import', `helm-values=${values}`]);
    firezone = twingate.then(() => run(['check', '--product', 'firezone', '--target', TARGET, '--tcp-port', String(LAB_TCP_PORT), '--import', `firezone-log=${gatewayVersion}`]));
  });
  after(async () => {
    await lab?.destroy();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('Twingate: the logged ping-socket refusal fails connector-gid-range beside the Helm values that claim otherwise', async () => {
    const { en } = await twingate;
    const report = reportLine(en);
    const gid = byId(report.findings)['connector-gid-range'];
    assert.equal(gid.status, 'fail', statuses(report.findings));
    const denied = notes(gid).find((n) => n.key === 'twingate.gid.denied');
    assert.deepEqual(denied?.params, { lines: [3], helm: 'enabled' });
    assert.ok(gid.evidence.some((e) => e.detail === '[WARN] [libsdwan] icmp: failed to open ping socket: Permission denied'), JSON.stringify(gid.evidence));
    assert.ok(gid.evidence.some((e) => e.message?.key === 'twingate.gid.evidence.helm'));
    assert.ok(gid.remediation.some((r) => r.id === 'ping-range.helm-icmp-support'), gid.remediation.map((r) => r.id).join(' '));
  });

  it('Twingate, in Japanese', async () => {
    const { ja } = await twingate;
    const gid = byId(reportLine(ja).findings)['connector-gid-range'];
    assert.equal(gid.status, 'fail');
    assert.match(gid.summary, /ICMP ソケットを開けなかった/);
    saidInJapanese(gid);
  });

  it('Firezone: 3/13 is the resource’s traffic restrictions, and gateway 1.4.1 predates the error translation', async () => {
    const { en } = await firezone;
    const report = reportLine(en);
    const findings = byId(report.findings);
    const policy = findings['icmp-policy'];
    assert.equal(policy.status, 'fail', statuses(report.findings));
    assert.equal(policy.reason?.key, 'firezone.filter.refused');
    assert.deepEqual(
      policy.remediation.map((r) => r.id),
      ['firezone.allow-icmp'],
    );
    const transparency = findings['icmp-error-transparency'];
    assert.deepEqual(transparency.reason?.params?.['firezone'], { key: 'firezone.gateway.predates', params: { version: '1.4.1', fixed: '1.4.2' } });
    assert.ok(transparency.evidence.some((e) => e.detail === 'firezone-gateway 1.4.1'), JSON.stringify(transparency.evidence));
  });

  it('Firezone, in Japanese', async () => {
    const { ja } = await firezone;
    const findings = byId(reportLine(ja).findings);
    const policy = findings['icmp-policy'];
    assert.match(policy.summary, /トラフィック制限/);
    saidInJapanese(policy);
    assert.deepEqual(englishProse(policy.remediation[0]?.text ?? ''), []);
    saidInJapanese(findings['icmp-error-transparency']);
  });
});
