// A tunnel that never connected, diagnosed by the built CLI in the lab: the recorded /metrics
// and /ready of a real cloudflared 2023.7.3 run with `--protocol quic` and UDP 7844 dropped
// (e2e/evidence/cloudflared/recordings/2023.7.3/quic-udp-blocked.*) served again on
// 127.0.0.1 in the CLI's namespace, and that run's own log. /ready answers 503 with
// readyConnections 0: tunnel-connection fails and is the one cause; the GID and transport
// verdicts wait on it. In Japanese the verdict carries no English prose.

import assert from 'node:assert/strict';
import { chmodSync, copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Message } from '../../contract/message';
import { createLab, labUnavailableReason, type ExecResult, type Lab } from '../lab/lab';
import { cliArgv, cliMissingReason } from '../support/cli';
import { englishProse } from '../../test-support/i18n/english-prose';
import { RECORDINGS_DIR } from '../../test-support/recordings/cloudflared-2023.7.3';
import { byId, reportLine, statuses } from './support/check-results';
import { execIsolated } from './support/pid-namespace';
import { startRecordedMetrics, type RecordedMetrics } from './support/recorded-metrics';

const RECORDING = 'quic-udp-blocked';

describe('icmp-doctor check: a tunnel that never connected (recorded cloudflared 2023.7.3, UDP 7844 dropped)', { skip: cliMissingReason() ?? labUnavailableReason() ?? false }, () => {
  let lab: Lab;
  let metrics: RecordedMetrics;
  let dir: string;
  let runs: Promise<{ en: ExecResult; ja: ExecResult }>;

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'icd-check-conn-'));
    chmodSync(dir, 0o755);
    const log = join(dir, `${RECORDING}.log`);
    copyFileSync(join(RECORDINGS_DIR, `${RECORDING}.log`), log);
    chmodSync(log, 0o644);
    lab = await createLab();
    metrics = await startRecordedMetrics(lab, 'client', RECORDING);
    // Alone in a PID namespace: no cloudflared of the host (or of another test) is adopted.
    const check = (extra: string[]): Promise<ExecResult> =>
      execIsolated(lab, 'client', cliArgv(['check', '--product', 'cloudflare', '--metrics', metrics.address, '--cloudflared-log', log, '--json', ...extra]));
    runs = Promise.all([check([]), check(['--lang', 'ja'])]).then(([en, ja]) => ({ en, ja }));
  });
  after(async () => {
    metrics?.stop();
    await lab?.destroy();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('fails tunnel-connection on /ready 503 with readyConnections 0, the one cause; the rest waits on it', async () => {
    const { en } = await runs;
    assert.equal(en.code, 1, en.stderr);
    const report = reportLine(en);
    const findings = byId(report.findings);
    const connection = findings['tunnel-connection'];
    assert.equal(connection.status, 'fail', statuses(report.findings));
    assert.equal(connection.reason?.key, 'tunnel-connection.fail');
    const [ready, dials] = (connection.reason?.params?.['signs'] ?? []) as readonly Message[];
    assert.deepEqual(ready, { key: 'tunnel-connection.sign.ready', params: { url: `http://${metrics.address}/ready`, status: 503, connections: 0 } });
    // The run's log: QUIC dials timing out every 5 s, so outbound UDP 7844 is what to open.
    assert.deepEqual(dials, { key: 'tunnel-connection.sign.quic-dials', params: { count: 4 } });
    assert.equal(connection.reason?.params?.['blocked'], 'udp');
    assert.deepEqual(report.evidence.cloudflared?.ok && report.evidence.cloudflared.value.readiness, { url: `http://${metrics.address}/ready`, status: 503, readyConnections: 0 });
    assert.ok(connection.remediation.some((r) => r.id === 'tunnel-connection.egress-nftables' && r.text === 'sudo nft insert rule inet filter output udp dport 7844 accept'), connection.remediation.map((r) => r.id).join(', '));
    // The recorded run's GID warning fails connector-gid-range; with the tunnel down it waits.
    assert.deepEqual(report.causes, ['tunnel-connection'], statuses(report.findings));
    for (const id of ['connector-gid-range', 'tunnel-transport'] as const) {
      assert.ok(['fail', 'unknown'].includes(findings[id].status), `${id}: ${findings[id].status}`);
      assert.deepEqual(findings[id].explainedBy, ['tunnel-connection'], id);
    }
    assert.ok(metrics.requests.includes('/ready'), metrics.requests.join(' '));
  });

  it('says it in Japanese, with no English prose in the verdict', async () => {
    const { ja } = await runs;
    assert.equal(ja.code, 1, ja.stderr);
    const connection = byId(reportLine(ja).findings)['tunnel-connection'];
    assert.equal(connection.status, 'fail');
    assert.match(connection.summary, /cloudflared は Cloudflare のエッジに接続できていません/);
    assert.deepEqual(englishProse(`${connection.title}\n${connection.summary}`), []);
    for (const fix of connection.remediation) assert.deepEqual(englishProse(fix.title), [], fix.id);
  });
});
