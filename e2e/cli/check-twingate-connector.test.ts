// A Twingate connector host, diagnosed by the built CLI in the lab (issue 9): two stand-ins,
// twingate-connector and connectord (uid/gid 65532, as Twingate's image runs it), in one PID namespace of a lab
// namespace whose ping_group_range is `0 0`. A writes its output to a file holding a connector
// log with its refused ICMP socket; B writes nowhere. The product reads A's own log (the file its
// stdout goes to), cites A's line for A alone, restarts A by its pid (it is in no systemd unit),
// and `check --connector` carries A's log in the report it writes; B gets no log of A's.

import assert from 'node:assert/strict';
import { chmodSync, copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import type { ConnectorReport } from '../../contract/evidence';
import { parseConnectorReport } from '../../electron/core/evidence/imports/connector-report';
import { checkConnectorGidRange } from '../../renderer/wizard/checks/connector-gid-range';
import { evidence, inputs } from '../../test-support/checks/evidence';
import { createLab, labUnavailableReason, type ExecResult, type Lab } from '../lab/lab';
import { cliArgv, cliMissingReason, STACK_TRACE } from '../support/cli';
import { byId, reportLine, statuses } from './support/check-results';
import { startStandIn } from './support/lab-stand-in';
import { PidNamespace } from './support/pid-namespace';

const SAMPLE = fileURLToPath(new URL('../../electron/core/evidence/imports/testdata/twingate-connector-socket-refused.log', import.meta.url));
const REFUSED = '[WARN] [libsdwan] icmp: failed to open ping socket: Permission denied';

describe('icmp-doctor check: a Twingate connector\'s own log on its host', { skip: cliMissingReason() ?? labUnavailableReason() ?? false }, () => {
  let lab: Lab;
  let space: PidNamespace;
  let dir: string;
  let logFile: string;
  let pids: { a: number; b: number };
  let runs: Promise<{ json: ExecResult; connector: ExecResult }>;

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'icd-tg-host-'));
    chmodSync(dir, 0o755);
    logFile = join(dir, 'twingate-a.log');
    copyFileSync(SAMPLE, logFile);
    chmodSync(logFile, 0o644);
    lab = await createLab({ clientPingGroupRange: [0, 0] });
    space = await PidNamespace.start(lab, 'client');
    const common = { program: 'twingate-connector', uid: 65532, gid: 65532, args: [], env: { PATH: '/usr/bin:/bin' } };
    const a = await startStandIn(space, { ...common, dir: mkdtempSync(join(dir, 'a-')), output: logFile });
    // B under the image's program name (one name per process: the stand-in waits for its comm).
    const b = await startStandIn(space, { ...common, program: 'connectord', dir: mkdtempSync(join(dir, 'b-')) });
    pids = { a, b };
    const check = (extra: string[]): Promise<ExecResult> => space.exec(cliArgv(['check', '--product', 'twingate', ...extra]), { user: 'root', timeoutMs: 90_000 });
    runs = (async () => {
      const [json, connector] = await Promise.all([check(['--json']), check(['--connector', '--json'])]);
      return { json, connector };
    })();
  });
  after(async () => {
    space?.stop();
    await lab?.destroy();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it("cites A's refused socket from A's own output file, for A alone, and restarts A by its pid", async () => {
    const { json } = await runs;
    assert.doesNotMatch(json.stderr, STACK_TRACE);
    const report = reportLine(json);
    const listed = report.evidence.connectors?.ok ? report.evidence.connectors.value : [];
    const [ofA, ofB] = [listed.find((p) => p.pid === pids.a), listed.find((p) => p.pid === pids.b)];
    assert.ok(ofA?.ownLog?.ok, JSON.stringify(ofA?.ownLog));
    assert.deepEqual(ofA.ownLog.value.icmpDenied.map((d) => d.text.endsWith(REFUSED)), [true]);
    assert.equal(ofB?.ownLog ?? null, null);

    const gid = byId(report.findings)['connector-gid-range'];
    assert.equal(gid.status, 'fail', statuses(report.findings));
    const notes = (gid.reason?.params?.['notes'] ?? []) as Array<{ key: string }>;
    assert.ok(notes.some((n) => n.key === 'twingate.gid.denied'), notes.map((n) => n.key).join());
    const quoted = gid.evidence.filter((e) => e.detail.endsWith(REFUSED));
    assert.equal(quoted.length, 1, JSON.stringify(gid.evidence));
    const source = JSON.stringify(quoted[0]?.sourceMessage);
    assert.ok(source.includes(`"pid":${pids.a}`) && source.includes(logFile), source);
    // In no systemd unit: restarted by pid, never by a guessed `systemctl restart twingate-connector`.
    const restarts = gid.remediation.filter((r) => r.id.startsWith('ping-range.') && r.id.includes('restart') && !r.deploy.includes('kubernetes') && !r.deploy.includes('openwrt'));
    assert.ok(restarts.some((r) => r.titleMessage?.params?.['pid'] === pids.a), restarts.map((r) => r.id).join(' | '));
    assert.ok(!gid.remediation.some((r) => r.text.includes('systemctl restart')), gid.remediation.map((r) => r.text).join('\n'));
  });

  it('check --connector carries each process with its own log for the report it writes', async () => {
    const { connector } = await runs;
    assert.doesNotMatch(connector.stderr, STACK_TRACE);
    const line = JSON.parse(connector.stdout.trim()) as ConnectorReport & { type: string };
    assert.equal(line.type, 'connector-report');
    const processes = line.connectors.ok ? line.connectors.value : [];
    const ofA = processes.find((p) => p.pid === pids.a);
    assert.ok(ofA?.ownLog?.ok, JSON.stringify(ofA));
    assert.equal(ofA.ownLog.value.icmpDenied.length, 1);
    assert.equal(processes.find((p) => p.pid === pids.b)?.ownLog ?? null, null);
    // Imported where the check runs (--connector-report), A's own line still fails the range, cited for A.
    const imported = parseConnectorReport(connector.stdout, 'connector.json');
    assert.ok(imported.ok, imported.ok ? '' : imported.message);
    const gid = checkConnectorGidRange(evidence((e) => (e.imported.connectorReports = [imported])), inputs({ product: 'twingate' }));
    assert.equal(gid.status, 'fail');
    assert.equal(gid.evidence.filter((e) => e.detail.endsWith(REFUSED)).length, 1, JSON.stringify(gid.evidence));
  });
});
