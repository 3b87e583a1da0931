import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Report } from '../../contract/report';
import { buildReport } from './build-report';
import { renderJson } from './render-json';
import { mixedProbes } from '../../test-support/report/sample-probes';
import { makeApiToken, makeTunnelToken, sampleReportInput } from '../../test-support/report/sample-report';

/** The same object with every key order reversed, deep. */
function reversedKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(reversedKeys);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(Object.entries(value).reverse().map(([k, v]) => [k, reversedKeys(v)]));
}

describe('renderJson', () => {
  const secrets = { apiToken: makeApiToken(), tunnelToken: makeTunnelToken() };
  const probes = mixedProbes();
  const report = buildReport(sampleReportInput({ secrets, target: '10.200.9.1', echo: probes.slice(0, 3), transparency: probes.slice(3) }));

  it('is pretty JSON that parses back to the same report', () => {
    const text = renderJson(report);
    assert.ok(text.endsWith('}\n'));
    assert.match(text, /^\{\n {2}"schema": "icmp-doctor\/report@1",\n {2}"createdAt"/);
    assert.deepEqual(JSON.parse(text), JSON.parse(JSON.stringify(report)));
  });

  it('has one key order whatever order the objects were built in', () => {
    const shuffled = reversedKeys(report) as Report;
    assert.equal(renderJson(shuffled), renderJson(report));
  });

  it('puts the report and finding keys in schema order, the rest sorted', () => {
    const parsed = JSON.parse(renderJson(reversedKeys(report) as Report)) as Record<string, unknown> & Report;
    assert.deepEqual(Object.keys(parsed), ['schema', 'createdAt', 'app', 'host', 'lang', 'deploy', 'inputs', 'causes', 'findings', 'probes', 'evidence']);
    assert.deepEqual(Object.keys(parsed.findings[0]!), ['id', 'status', 'title', 'summary', 'evidence', 'remediation']);
    const fix = parsed.findings.find((f) => f.id === 'connector-gid-range')!.remediation[1]!;
    assert.deepEqual(Object.keys(fix), ['id', 'deploy', 'title', 'kind', 'path', 'text']);
    const inputKeys = Object.keys(parsed.inputs);
    assert.deepEqual(inputKeys, [...inputKeys].sort());
  });

  it('redacts secrets passed to it even when the report still holds them', () => {
    const raw = buildReport({ ...sampleReportInput({ secrets, target: '10.200.9.1', echo: [], transparency: [] }), secrets: [] });
    assert.ok(JSON.stringify(raw).includes(secrets.apiToken), 'precondition: the sample plants the token where only the list can find it');
    assert.ok(!renderJson(raw, { secrets: [secrets.apiToken] }).includes(secrets.apiToken));
  });
});
