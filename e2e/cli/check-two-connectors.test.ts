// Two cloudflared processes on one host (issue 9, "the lab shows one verdict per connector with
// two running"), diagnosed by the built CLI in the lab. Both are real long-running stand-ins in
// one PID namespace of a lab namespace whose ping_group_range is `0 0`, as in the recorded runs
// e2e/evidence/cloudflared/recordings/2023.7.3/two-connectors-{a,b}:
//   A — `cloudflared`, root (gid 0, admitted), `--protocol http2 --config A.yml`;
//   B — `cloudflared-2023.7.3` (found by its executable's name, comm `cloudflared-202`), uid/gid
//       65532 (refused), `--config B.yml` (protocol: quic) `--logfile B.log`: the real run's start
//       up to its GID warning and "ICMP proxy feature is disabled".
// A recorded /metrics and /ready (503, no connection) answer on 127.0.0.1:20241, the port the
// product scans, served by neither stand-in: nothing tells whose it is, so neither verdict may
// take it (a scan hit would fail tunnel-connection for both).
// Each gets its own verdict: tunnel-transport fails for A only, connector-gid-range for B only;
// the host-wide causes hold both; no fix of one names the other's config, log or pid; the human
// output has one section per connector; `--pid A` examines A alone; `check --connector` gathers
// each apart too; and the tunnel token on both command lines appears nowhere.

import assert from 'node:assert/strict';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { ConnectorReport } from '../../contract/evidence';
import type { ConnectorVerdict, Finding } from '../../contract/findings';
import { recording } from '../../test-support/recordings/cloudflared-2023.7.3';
import { createLab, labUnavailableReason, type ExecResult, type Lab } from '../lab/lab';
import { cliArgv, cliMissingReason, STACK_TRACE } from '../support/cli';
import { byId, reportLine, statuses } from './support/check-results';
import { startStandIn } from './support/lab-stand-in';
import { PidNamespace } from './support/pid-namespace';
import { startRecordedMetrics, type RecordedMetrics } from './support/recorded-metrics';

/** The recordings' fake tunnel token (manifest.json: never valid anywhere). */
const TOKEN =
  'eyJhIjoiZjE0OWUxNTU5YmYxZjE3ZmNjYTVkMjI2NmQwZTNiM2MiLCJ0IjoiNjMwYjZlNGMtODQ1ZS00ZTAwLWE3NDEtZmZhNjA3YTJjYjMzIiwicyI6IitoNnVCblRXRUk2RFM3R3RtMHZqV3hobWpmcEFmRWZuS21rOTNqUWU5aE09In0=';
const TUNNEL = '630b6e4c-845e-4e00-a741-ffa607a2cb33';

/** Every text a verdict carries that a person reads or pastes: summary, evidence and fixes. */
function wordsOf(findings: readonly Finding[]): string {
  return JSON.stringify(findings.map((f) => [f.summary, f.reason, f.evidence, f.remediation]));
}

describe('icmp-doctor check: two cloudflared processes, one verdict each', { skip: cliMissingReason() ?? labUnavailableReason() ?? false }, () => {
  let lab: Lab;
  let space: PidNamespace;
  let unowned: RecordedMetrics;
  /** What the unowned metrics server was asked while the several-process runs ran. */
  let scanned: string[] = [];
  let dir: string;
  let files: { aConfig: string; bConfig: string; bLog: string };
  let pids: { a: number; b: number };
  let runs: Promise<{ json: ExecResult; human: ExecResult; pidA: ExecResult; connector: ExecResult }>;

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'icd-two-cf-'));
    chmodSync(dir, 0o755);
    const etc = join(dir, 'etc');
    mkdirSync(etc, { mode: 0o755 });
    files = { aConfig: join(etc, 'two-a.yml'), bConfig: join(etc, 'two-b.yml'), bLog: join(dir, 'two-b.log') };
    writeFileSync(files.aConfig, `tunnel: ${TUNNEL}\n`, { mode: 0o644 });
    writeFileSync(files.bConfig, `tunnel: ${TUNNEL}\nprotocol: quic\n`, { mode: 0o644 });
    // B's own start as the real cloudflared 2023.7.3 wrote it, through its GID warning (before any dial).
    const start = recording('two-connectors-b.log').split('\n').slice(0, 12);
    assert.match(start.at(-1) ?? '', /ICMP proxy feature is disabled/);
    writeFileSync(files.bLog, `${start.join('\n')}\n`, { mode: 0o644 });

    lab = await createLab({ clientPingGroupRange: [0, 0] });
    space = await PidNamespace.start(lab, 'client');
    unowned = await startRecordedMetrics(lab, 'client', 'two-connectors-a', 20241);
    const a = await startStandIn(space, {
      dir: mkdtempSync(join(dir, 'a-')),
      uid: 0,
      gid: 0,
      args: ['tunnel', '--no-autoupdate', '--protocol', 'http2', '--config', files.aConfig, 'run', '--token', TOKEN],
      env: { PATH: '/usr/bin:/bin', HOME: '/root' },
    });
    const b = await startStandIn(space, {
      dir: mkdtempSync(join(dir, 'b-')),
      program: 'cloudflared-2023.7.3',
      uid: 65532,
      gid: 65532,
      args: ['tunnel', '--no-autoupdate', '--config', files.bConfig, '--logfile', files.bLog, 'run', '--token', TOKEN],
      env: { PATH: '/usr/bin:/bin', HOME: dir },
    });
    pids = { a, b };
    // As root, as on a connector host: other users' /proc entries are readable.
    const check = (extra: string[]): Promise<ExecResult> => space.exec(cliArgv(['check', '--product', 'cloudflare', ...extra]), { user: 'root', timeoutMs: 90_000 });
    runs = (async () => {
      const [json, human, connector] = await Promise.all([check(['--json']), check([]), check(['--connector', '--json'])]);
      scanned = [...unowned.requests];
      // One process alone may adopt what the scan finds: `--pid A` runs without the unowned server.
      unowned.stop();
      const pidA = await check(['--json', '--pid', String(a)]);
      return { json, human, pidA, connector };
    })();
  });
  after(async () => {
    space?.stop();
    unowned?.stop();
    await lab?.destroy();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('gives each process its own verdict: transport fails for A only, the group range for B only', async () => {
    const { json } = await runs;
    assert.equal(json.code, 1, json.stderr);
    const report = reportLine(json);
    const verdicts = report.connectors ?? [];
    assert.deepEqual(
      verdicts.map((v) => [v.connector.pid, v.connector.executable?.split('/').pop(), v.connector.gid, v.connector.configPath]),
      [
        [pids.a, 'cloudflared', 0, files.aConfig],
        [pids.b, 'cloudflared-2023.7.3', 65532, files.bConfig],
      ],
    );
    const [ofA, ofB] = verdicts as [ConnectorVerdict, ConnectorVerdict];
    const status = (v: ConnectorVerdict, id: Finding['id']): string | undefined => v.findings.find((f) => f.id === id)?.status;
    assert.equal(status(ofA, 'tunnel-transport'), 'fail', statuses(ofA.findings));
    assert.equal(status(ofB, 'tunnel-transport'), 'pass', statuses(ofB.findings));
    assert.equal(status(ofA, 'connector-gid-range'), 'pass', statuses(ofA.findings));
    assert.equal(status(ofB, 'connector-gid-range'), 'fail', statuses(ofB.findings));
    assert.deepEqual(ofA.causes, ['tunnel-transport']);
    assert.deepEqual(ofB.causes, ['connector-gid-range']);
    // B's log said it: the GID warning is B's evidence alone.
    const gidOfB = ofB.findings.find((f) => f.id === 'connector-gid-range')!;
    assert.ok(gidOfB.evidence.some((e) => e.detail.includes('Group ID 65532 is not between ping group 0 to 0')), JSON.stringify(gidOfB.evidence));
    // B runs in no systemd unit: its restart names B's pid and program, never a guessed `systemctl restart cloudflared`.
    const restartsOfB = gidOfB.remediation.filter((r) => r.id.endsWith('restart'));
    assert.deepEqual(
      restartsOfB.map((r) => [r.id, r.titleMessage?.params?.['pid'], String(r.titleMessage?.params?.['program']).split('/').pop()]),
      [['ping-range.process-restart', pids.b, 'cloudflared-2023.7.3']],
    );
    assert.ok(!gidOfB.remediation.some((r) => r.text.includes('systemctl restart')), gidOfB.remediation.map((r) => r.text).join('\n'));
    // A is no unit either: its transport fixes restart A by its pid, with no drop-in and no systemctl.
    const transportOfA = ofA.findings.find((f) => f.id === 'tunnel-transport')!;
    const restartsOnHost = transportOfA.remediation.filter((r) => r.id.endsWith('restart') && !r.deploy.includes('kubernetes'));
    assert.deepEqual(restartsOnHost.map((r) => [r.id, r.titleMessage?.params?.['pid']]), [['transport.process-restart', pids.a]]);
    assert.ok(!transportOfA.remediation.some((r) => r.text.includes('systemctl') || r.id === 'transport.systemd-drop-in'), transportOfA.remediation.map((r) => r.id).join(' | '));
    // The host-wide causes hold both, each saying whose it is.
    assert.deepEqual(new Set(report.causes), new Set(['tunnel-transport', 'connector-gid-range']));
    const top = byId(report.findings);
    assert.deepEqual(top['tunnel-transport'].connector, { kind: 'cloudflared', pid: pids.a });
    assert.deepEqual(top['connector-gid-range'].connector, { kind: 'cloudflared', pid: pids.b });
    // Gathered apart: one cloudflared evidence per process.
    assert.deepEqual(report.evidence.cloudflaredPerConnector?.map((entry) => entry.pid), [pids.a, pids.b]);
    // The metrics server nobody owns is in neither: no scan with several processes.
    for (const entry of report.evidence.cloudflaredPerConnector ?? []) {
      assert.equal(entry.cloudflared.ok && entry.cloudflared.value.readiness, null, `pid ${entry.pid}`);
    }
    assert.notEqual(status(ofA, 'tunnel-connection'), 'fail');
    assert.notEqual(status(ofB, 'tunnel-connection'), 'fail');
    assert.deepEqual(scanned, []);
  });

  it("never puts one process's config, log or pid into the other's verdict", async () => {
    const report = reportLine((await runs).json);
    const [ofA, ofB] = report.connectors as [ConnectorVerdict, ConnectorVerdict];
    const aWords = wordsOf(ofA.findings);
    const bWords = wordsOf(ofB.findings);
    assert.match(aWords, /--protocol http2/);
    for (const other of [files.bConfig, files.bLog, 'cloudflared-2023.7.3', `pid ${pids.b}`]) assert.equal(aWords.includes(other), false, `A's verdict names ${other}`);
    for (const other of [files.aConfig, `pid ${pids.a}`]) assert.equal(bWords.includes(other), false, `B's verdict names ${other}`);
  });

  it('prints one short section per connector after the causes, each with its --pid re-test', async () => {
    const { human } = await runs;
    assert.equal(human.code, 1, human.stderr);
    assert.doesNotMatch(human.stderr, STACK_TRACE);
    const out = human.stdout;
    assert.match(out, /^2 problems found/m);
    assert.match(out, /^Each of the 2 connector processes on its own:$/m);
    const sectionA = new RegExp(`^  cloudflared pid ${pids.a} \\(\\S*/cloudflared, gid 0, ${files.aConfig}\\): 1 problem\\n +tunnel-transport — `, 'm');
    const sectionB = new RegExp(`^  cloudflared pid ${pids.b} \\(\\S*/cloudflared-2023\\.7\\.3, gid 65532, ${files.bConfig}\\): 1 problem\\n +connector-gid-range — `, 'm');
    assert.match(out, sectionA);
    assert.match(out, sectionB);
    assert.match(out, new RegExp(`Re-test this one with: icmp-doctor check .*--pid ${pids.a}$`, 'm'));
    assert.match(out, new RegExp(`Re-test this one with: icmp-doctor check .*--pid ${pids.b}$`, 'm'));
    // The sections come after the host-wide causes, before the verdicts.
    assert.ok(out.indexOf('Each of the 2') > out.indexOf('problems found') && out.indexOf('Each of the 2') < out.indexOf('Verdict:'));
  });

  it('--pid A examines A alone: no per-connector verdicts, only its facts', async () => {
    const { pidA } = await runs;
    assert.equal(pidA.code, 1, pidA.stderr);
    const report = reportLine(pidA);
    assert.equal(report.connectors, undefined);
    const findings = byId(report.findings);
    assert.equal(findings['tunnel-transport'].status, 'fail', statuses(report.findings));
    assert.equal(findings['connector-gid-range'].status, 'pass', statuses(report.findings));
    assert.deepEqual(report.causes, ['tunnel-transport']);
    assert.ok(report.findings.every((f) => f.connector === undefined));
    assert.equal(report.evidence.connectors?.ok && report.evidence.connectors.value.map((c) => c.pid).join(), String(pids.a));
    const text = JSON.stringify(report);
    for (const other of [files.bConfig, files.bLog, 'cloudflared-2023.7.3']) assert.equal(text.includes(other), false, `--pid ${pids.a} carries ${other}`);
  });

  it('check --connector gathers each process apart for the report it writes', async () => {
    const { connector } = await runs;
    assert.doesNotMatch(connector.stderr, STACK_TRACE);
    const line = JSON.parse(connector.stdout.trim()) as ConnectorReport & { type: string };
    assert.equal(line.type, 'connector-report');
    const apart = line.cloudflaredPerConnector ?? [];
    assert.deepEqual(apart.map((entry) => entry.pid), [pids.a, pids.b]);
    const [ofA, ofB] = apart.map((entry) => (entry.cloudflared.ok ? entry.cloudflared.value : null));
    assert.deepEqual([ofA?.requestedTransport?.value, ofA?.configPath, ofA?.gidOutsideRange ?? null], ['http2', files.aConfig, null]);
    assert.deepEqual([ofB?.requestedTransport?.value, ofB?.configPath, ofB?.gidOutsideRange?.gid], ['quic', files.bConfig, 65532]);
  });

  it('lets the tunnel token through nowhere', async () => {
    const all = Object.values(await runs);
    for (const run of all) {
      for (const text of [run.stdout, run.stderr]) {
        assert.equal(text.includes(TOKEN), false);
        assert.equal(text.includes(TOKEN.slice(0, 40)), false);
      }
    }
  });
});
