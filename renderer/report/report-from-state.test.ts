import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { emptyEvidence } from '../../contract/evidence';
import { FINDING_IDS } from '../../contract/findings';
import { defaultInputs } from '../../contract/inputs';
import { REPORT_SCHEMA } from '../../contract/report';
import { cloudflared, connector, connectors, evidence as evidenceWith, gathered, inputs as checkInputs } from '../../test-support/checks/evidence';
import { runChecks } from '../wizard/checks/index';
import { verdictsOf } from '../wizard/connector-verdicts';
import { reportFromState, suggestedReportName, type ReportSource } from './report-from-state';

function source(): ReportSource {
  const inputs = { ...defaultInputs(), target: '10.0.0.5', tcpPort: 22, cloudflareApiToken: 'provided' as const };
  const evidence = emptyEvidence();
  evidence.local = {
    host: { ok: true, value: { os: 'Debian GNU/Linux 12', platform: 'linux', kernel: '6.1.0', arch: 'x64', hostname: 'laptop', netns: null }, source: '/etc/os-release', at: '2025-01-01T00:00:00Z' },
    identity: { ok: false, code: 'NOT_FOUND', message: 'x', source: 'x', at: '2025-01-01T00:00:00Z' },
    pingGroupRange: { ok: false, code: 'NOT_FOUND', message: 'x', source: 'x', at: '2025-01-01T00:00:00Z' },
    capability: { ok: false, code: 'NOT_FOUND', message: 'x', source: 'x', at: '2025-01-01T00:00:00Z' },
  };
  return { inputs, evidence, findings: runChecks(evidence, inputs), probes: [] };
}

describe('the report the Export screen saves', () => {
  it('is an icmp-doctor/report@1 with the host that "This machine" found', () => {
    const report = reportFromState(source(), { version: '1.2.3', platform: 'linux' }, '2025-01-02T03:04:05.000Z');
    assert.equal(report.schema, REPORT_SCHEMA);
    assert.equal(report.createdAt, '2025-01-02T03:04:05.000Z');
    assert.deepEqual(report.app, { version: '1.2.3' });
    assert.deepEqual(report.host, { os: 'Debian GNU/Linux 12', kernel: '6.1.0', arch: 'x64', hostname: 'laptop' });
    assert.equal(report.findings.length, FINDING_IDS.length);
    assert.equal(report.inputs.cloudflareApiToken, 'provided');
  });

  it('says what it does not know when the host was not gathered', () => {
    const state = { ...source(), evidence: emptyEvidence() };
    assert.deepEqual(reportFromState(state, { version: '1', platform: 'darwin' }, 'now').host, { os: 'darwin', kernel: 'unknown', arch: 'unknown' });
  });

  it('never carries anything but provided/absent for the token, even if state were corrupted', () => {
    const state = source();
    const corrupted = { ...state, inputs: { ...state.inputs, cloudflareApiToken: 'cf-secret-token' as unknown as 'provided' } };
    const report = reportFromState(corrupted, { version: '1', platform: 'linux' }, 'now');
    assert.equal(report.inputs.cloudflareApiToken, 'absent');
    assert.ok(!JSON.stringify(report).includes('cf-secret-token'));
  });

  it('is a snapshot: later changes to the state do not reach it', () => {
    const state = source();
    const report = reportFromState(state, { version: '1', platform: 'linux' }, 'now');
    state.findings[0]!.summary = 'changed later';
    state.inputs.target = 'elsewhere';
    assert.notEqual(report.findings[0]?.summary, 'changed later');
    assert.equal(report.inputs.target, '10.0.0.5');
  });

  it("carries every connector's own verdict beside the roll-up when several were found, and none with one", () => {
    const a = connector({ pid: 100, command: ['/usr/bin/cloudflared', 'tunnel', '--protocol', 'http2', 'run'], pingGroupRange: gathered({ low: 0, high: 2147483647 }, 'range of 100') });
    const b = connector({ pid: 200, command: ['/opt/cf/cloudflared-b', 'tunnel', 'run'], gids: [65532, 65532, 65532, 65532], pingGroupRange: gathered({ low: 1, high: 0 }, 'range of 200') });
    const inputs = checkInputs({ product: 'cloudflare' });
    const two = evidenceWith((e) => {
      e.connectors = connectors(a, b);
      e.cloudflared = cloudflared({ configPath: '/etc/a.yml' });
    });
    const { findings, connectors: verdicts } = verdictsOf(two, inputs, runChecks);
    const report = reportFromState({ inputs, evidence: two, findings, probes: [], connectorVerdicts: verdicts }, { version: '1', platform: 'linux' }, 'now');
    assert.deepEqual(report.connectors?.map((verdict) => verdict.connector.pid), [100, 200]);
    assert.deepEqual(report.connectors?.[1]?.causes, verdicts[1]?.causes);
    assert.deepEqual(report.findings, findings, 'the roll-up stays the top-level findings');

    const one = evidenceWith((e) => {
      e.connectors = connectors(a);
    });
    const single = verdictsOf(one, inputs, runChecks);
    const alone = reportFromState({ inputs, evidence: one, findings: single.findings, probes: [], connectorVerdicts: single.connectors }, { version: '1', platform: 'linux' }, 'now');
    assert.equal('connectors' in alone, false);
  });

  it('suggests a file name with the target and the time, safe on every OS', () => {
    assert.equal(suggestedReportName('10.0.0.5', '2025-01-02T03:04:05.000Z', 'html'), 'icmp-doctor-10.0.0.5-20250102-0304.html');
    assert.equal(suggestedReportName('fd00::1', '2025-01-02T03:04:05.000Z', 'json'), 'icmp-doctor-fd00_1-20250102-0304.json');
    assert.equal(suggestedReportName('../../etc/x', '2025-01-02T03:04:05.000Z', 'md'), 'icmp-doctor-etc_x-20250102-0304.md');
    assert.equal(suggestedReportName(null, '2025-01-02T03:04:05.000Z', 'md'), 'icmp-doctor-20250102-0304.md');
  });
});
