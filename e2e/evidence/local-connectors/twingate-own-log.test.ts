// A running Twingate connector's own log, read on its host (issue 9): real processes standing in
// for the connector (copies of bash named twingate-connector, so argv[0], comm and the
// executable say so), one writing its output to a file that holds a connector log, one writing
// nowhere; and a real systemd journal (written by systemd-journal-remote, read by journalctl -D)
// that holds the twingate-connector unit's lines beside another unit's. Each process gets its
// own log and never the other's; the journal is read only for a process in that unit.

import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, copyFileSync, mkdirSync, mkdtempSync, openSync, closeSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import type { ConnectorProcess, Evidence } from '../../../contract/evidence';
import { gatherConnectors } from '../../../electron/core/evidence/connectors/index';
import { readTwingateOwnLog } from '../../../electron/core/evidence/connectors/twingate-own-log';
import { localizeFinding, renderMessage } from '../../../renderer/i18n/messages/render';
import { STEP_DETAILS } from '../../../renderer/wizard/steps';
import { checkConnectorGidRange } from '../../../renderer/wizard/checks/connector-gid-range';
import { evidence, inputs } from '../../../test-support/checks/evidence';
import { journalTestTool, writeJournal } from '../../../test-support/cloudflared/journal';
import { assertFindingHasNoEnglishProse, englishProse } from '../../../test-support/i18n/english-prose';

const SAMPLE = fileURLToPath(new URL('../../../electron/core/evidence/imports/testdata/twingate-connector-socket-refused.log', import.meta.url));
/** The sample's refused-socket line, as the connector wrote it. */
const REFUSED = '[WARN] [libsdwan] icmp: failed to open ping socket: Permission denied';

describe('a Twingate connector\'s own log on its host', { skip: process.platform !== 'linux' || process.getuid?.() !== 0 ? 'reads other processes\' /proc as root' : false }, () => {
  let dir: string;
  let logFile: string;
  const children: ChildProcess[] = [];
  let pids: { logged: number; silent: number };
  let found: ConnectorProcess[];

  function startConnector(output: number | 'ignore'): number {
    const child = spawn(join(dir, 'bin', 'twingate-connector'), ['-c', 'sleep 600 & wait'], { stdio: ['ignore', output, output], env: { PATH: '/usr/bin:/bin' } });
    children.push(child);
    if (child.pid === undefined) throw new Error('the stand-in did not start');
    return child.pid;
  }

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'icd-tg-own-log-'));
    chmodSync(dir, 0o755);
    mkdirSync(join(dir, 'bin'));
    copyFileSync('/bin/bash', join(dir, 'bin', 'twingate-connector'));
    chmodSync(join(dir, 'bin', 'twingate-connector'), 0o755);
    logFile = join(dir, 'twingate.log');
    copyFileSync(SAMPLE, logFile);
    const fd = openSync(logFile, 'a');
    pids = { logged: startConnector(fd), silent: startConnector('ignore') };
    closeSync(fd);
    // Give exec a moment to happen: the scan reads argv after the child has become the connector.
    await new Promise((resolve) => setTimeout(resolve, 300));
    mkdirSync(join(dir, 'empty-journal'));
    const scanned = await gatherConnectors({ journal: { directory: join(dir, 'empty-journal') } });
    assert.ok(scanned.ok, scanned.ok ? '' : scanned.message);
    found = scanned.value.filter((p) => p.pid === pids.logged || p.pid === pids.silent);
  });
  after(() => {
    for (const child of children) child.kill('SIGKILL');
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('reads the file the process writes its output to, with the parser of --import twingate-log, and nothing for the other', () => {
    const logged = found.find((p) => p.pid === pids.logged);
    const silent = found.find((p) => p.pid === pids.silent);
    assert.equal(logged?.kind, 'twingate');
    assert.equal(silent?.kind, 'twingate');
    const log = logged?.ownLog;
    assert.ok(log?.ok, JSON.stringify(log));
    assert.deepEqual(log.value.icmpDenied.map((d) => d.text.endsWith(REFUSED)), [true]);
    assert.equal(log.value.state?.value, 'Online');
    assert.deepEqual(log.sourceMessage?.params, { pid: pids.logged, path: logFile, stream: 'stdout' });
    assert.equal(silent?.ownLog ?? null, null, 'a process with no log file has no log, and never the other\'s');
    // The connectors step says whose log was read, in either language.
    const detail = STEP_DETAILS.connectors({ ok: true, value: found, source: '/proc', at: new Date().toISOString() });
    const said = JSON.stringify(detail);
    assert.ok(said.includes('"key":"twingate.own-log.step"') && said.includes('"denied":1'), said);
    assert.deepEqual(englishProse(renderMessage(detail, 'ja')), []);
  });

  it('fails connector-gid-range for the logging process from its own line, with its own restart', () => {
    const e: Evidence = evidence((ev) => (ev.connectors = { ok: true, value: found, source: '/proc', at: new Date().toISOString() }));
    const f = checkConnectorGidRange(e, inputs({ product: 'twingate' }));
    assert.equal(f.status, 'fail');
    const notes = (f.reason?.params?.['notes'] ?? []) as Array<{ key: string }>;
    assert.ok(notes.some((n) => n.key === 'twingate.gid.denied'), notes.map((n) => n.key).join());
    const quoted = f.evidence.filter((e) => e.detail.endsWith(REFUSED));
    assert.equal(quoted.length, 1);
    // Cited from the logging process's own file, named with its pid.
    const source = JSON.stringify(quoted[0]?.sourceMessage);
    assert.ok(source.includes(`"pid":${pids.logged}`) && source.includes(logFile), source);
    assert.ok(!source.includes(`"pid":${pids.silent}`), source);
    // Neither process runs in a unit: each is restarted by its pid, never by a guessed systemctl.
    assert.ok(f.remediation.some((r) => r.id.startsWith('ping-range.process-restart') && r.titleMessage?.params?.['pid'] === pids.logged), f.remediation.map((r) => r.id).join(' | '));
    assert.ok(!f.remediation.some((r) => r.text.includes('systemctl restart')));
    assertFindingHasNoEnglishProse(localizeFinding(f, 'ja'));
  });

  it('reads the twingate-connector unit\'s journal only for a process in that unit, and only that unit\'s lines', { skip: journalTestTool() ?? false }, async () => {
    const journal = join(dir, 'journal');
    mkdirSync(journal, { mode: 0o755 });
    const sample = readFileSync(SAMPLE, 'utf8').trim().split('\n').map((line) => line.replace(/^.*?twingate-connector\[\d+\]: /, ''));
    const silent = found.find((p) => p.pid === pids.silent)!;
    writeJournal(journal, [
      { unit: 'cloudflared.service', pid: silent.pid, message: '[WARN] [libsdwan] icmp: failed to open ping socket: Operation not permitted (not this unit)' },
      // An earlier run of the unit, refused before the range was fixed: not this process's.
      { unit: 'twingate-connector.service', pid: silent.pid + 100_000, message: '[WARN] [libsdwan] icmp: failed to open ping socket: Operation not permitted (earlier run)' },
      ...sample.map((message) => ({ unit: 'twingate-connector.service', pid: silent.pid, message })),
    ]);
    // This process's cgroup as the unit would make it (the test does not move a real process into a host cgroup).
    const inUnit = await readTwingateOwnLog({ ...silent, cgroup: '/system.slice/twingate-connector.service' }, { journal: { directory: journal } });
    assert.ok(inUnit?.ok, JSON.stringify(inUnit));
    assert.deepEqual(inUnit.value.icmpDenied.map((d) => d.text), [REFUSED]);
    assert.equal(inUnit.sourceMessage?.key, 'twingate.own-log.journal');
    // Another unit, or none: the journal is not this process's, so it is not read.
    for (const cgroup of ['/system.slice/twingate-connector-b.service', '/']) {
      assert.equal(await readTwingateOwnLog({ ...silent, cgroup }, { journal: { directory: journal } }), null, cgroup);
    }
  });
});
