import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { FINDING_IDS } from '../../contract/findings';
import type { CheckInputs } from '../../contract/inputs';
import { REPORT_SCHEMA } from '../../contract/report';
import { buildReport } from './build-report';
import { REDACTED } from './redact-secrets';
import { mixedProbes } from '../../test-support/report/sample-probes';
import { makeApiToken, makeTunnelToken, sampleReportInput } from '../../test-support/report/sample-report';

function sample() {
  const secrets = { apiToken: makeApiToken(), tunnelToken: makeTunnelToken() };
  const probes = mixedProbes();
  return { secrets, input: sampleReportInput({ secrets, target: '10.200.9.1', echo: probes.slice(0, 3), transparency: probes.slice(3) }) };
}

describe('buildReport', () => {
  it('fills the report@1 schema from its parts', () => {
    const { input } = sample();
    const report = buildReport(input);
    assert.equal(report.schema, REPORT_SCHEMA);
    assert.equal(report.createdAt, '2025-01-15T10:00:05.000Z');
    assert.deepEqual(report.app, { version: '0.1.0' });
    assert.deepEqual(report.findings.map((f) => f.id), [...FINDING_IDS]);
    assert.equal(report.probes.length, 7);
    assert.equal(report.inputs.target, '10.200.9.1');
    assert.equal(report.evidence.probes.icmp?.ok && report.evidence.probes.icmp.value.probes.length, 3);
  });

  it('stamps the current time when createdAt is not given', () => {
    const { input } = sample();
    const before = Date.now();
    const report = buildReport({ ...input, createdAt: undefined });
    const stamped = Date.parse(report.createdAt);
    assert.match(report.createdAt, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    assert.ok(stamped >= before - 1000 && stamped <= Date.now() + 1000);
  });

  it('keeps only os, kernel, arch and hostname of the host facts', () => {
    const { input } = sample();
    const host = { os: 'Debian', platform: 'linux', kernel: '6.1', arch: 'x64', hostname: 'h', netns: 'net:[1]' };
    assert.deepEqual(buildReport({ ...input, host }).host, { os: 'Debian', kernel: '6.1', arch: 'x64', hostname: 'h' });
    assert.deepEqual(buildReport({ ...input, host: { os: 'Debian', kernel: '6.1', arch: 'x64' } }).host, { os: 'Debian', kernel: '6.1', arch: 'x64' });
  });

  it('removes the planted API and tunnel tokens everywhere, keeping the rest of each line', () => {
    const { input, secrets } = sample();
    const text = JSON.stringify(buildReport(input));
    assert.ok(!text.includes(secrets.apiToken), 'API token leaked');
    assert.ok(!text.includes(secrets.tunnelToken), 'tunnel token leaked');
    assert.ok(text.includes(`invalid token ${REDACTED} for account`));
    assert.ok(text.includes('"--token","[redacted]"'));
  });

  it('never lets a token that slipped into inputs through: cloudflareApiToken is only provided or absent', () => {
    const { input, secrets } = sample();
    const leaky = { ...input.inputs, cloudflareApiToken: secrets.apiToken } as unknown as CheckInputs;
    const report = buildReport({ ...input, inputs: leaky, secrets: [] });
    assert.equal(report.inputs.cloudflareApiToken, 'provided');
    assert.equal(buildReport({ ...input, inputs: { ...input.inputs, cloudflareApiToken: 'absent' } }).inputs.cloudflareApiToken, 'absent');
  });

  it('is a copy: changing the wizard state afterwards does not change the report', () => {
    const { input } = sample();
    const report = buildReport(input);
    input.findings[0]!.title = 'changed';
    input.probes[0]!.rttMs = 999;
    input.inputs.target = 'changed';
    assert.notEqual(report.findings[0]!.title, 'changed');
    assert.notEqual(report.probes[0]!.rttMs, 999);
    assert.equal(report.inputs.target, '10.200.9.1');
  });
});
