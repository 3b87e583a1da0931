// The bridge accepts only WizardApi method names, looked up in its own table, and requests
// of the shape each method assumes; writeReport is refused (saveReport asks the user where).

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { BRIDGE_METHODS, validateCall } from '../../electron/ipc/bridge-methods';
import { createWizardApi } from '../../electron/handlers/wizard-api';

const GOOD: ReadonlyArray<readonly [string, unknown]> = [
  ['setCloudflareApiToken', 'token-value'],
  ['setCloudflareApiToken', null],
  ['gatherLocal', undefined],
  ['gatherConnectors', undefined],
  ['gatherRoute', { target: '10.0.0.5' }],
  ['gatherCloudflared', { logPath: null, configPath: '/etc/cloudflared/config.yml', metricsUrl: null, connectors: [] }],
  ['gatherCloudflareApi', { accountId: '0123456789abcdef' }],
  ['probeTcp', { target: '10.0.0.5', port: 22 }],
  ['probeIcmp', { target: 'db.internal', count: 4, intervalMs: 500, timeoutMs: 1000 }],
  ['probeIcmp', { target: '10.0.0.5' }],
  ['probePathMtu', { target: '10.0.0.5', timeoutMs: 800 }],
  ['probeTransparency', { target: '10.0.0.5', unreachableTarget: null }],
  ['probeTrace', { target: '10.0.0.5' }],
  ['probeTrace', { target: '10.0.0.5', maxHops: 8, probesPerHop: 2, timeoutMs: 500 }],
  ['importEvidence', { kind: 'sysctl', text: 'net.ipv4.ping_group_range = 0 0', path: null, label: 'pasted' }],
  ['importEvidence', { kind: 'connector-report', text: null, path: '/tmp/report.json', label: 'report.json' }],
];

const BAD: ReadonlyArray<readonly [string, unknown, RegExp]> = [
  ['setCloudflareApiToken', 42, /token must be a string or null; got a number/],
  ['setCloudflareApiToken', 'x'.repeat(9000), /token must be a string or null/],
  ['gatherLocal', { signal: {} }, /takes no request; got an object/],
  ['gatherRoute', { target: 10 }, /field "target" is invalid/],
  ['gatherRoute', '10.0.0.5', /must be an object/],
  ['gatherCloudflared', null, /must be an object/],
  ['gatherCloudflared', { logPath: 3, configPath: null, metricsUrl: null, connectors: [] }, /field "logPath" is invalid/],
  ['gatherCloudflared', { logPath: null, configPath: null, metricsUrl: null, connectors: 'all' }, /field "connectors"/],
  ['gatherCloudflared', { logPath: null, configPath: null, metricsUrl: null, connectors: [1] }, /field "connectors"/],
  ['gatherCloudflareApi', { accountId: '' }, /field "accountId"/],
  ['probeTcp', { target: '10.0.0.5' }, /field "port" is invalid \(nothing\)/],
  ['probeTcp', ['10.0.0.5', 22], /must be an object .*got an array/],
  ['probeIcmp', { target: 5 }, /field "target"/],
  ['probeIcmp', { target: '10.0.0.5', count: '4' }, /field "count"/],
  ['probeTransparency', { target: '10.0.0.5' }, /field "unreachableTarget"/],
  ['probeTrace', { target: '10.0.0.5', maxHops: '8' }, /field "maxHops"/],
  ['importEvidence', { kind: 'shell-script', text: 'x', path: null, label: 'x' }, /field "kind"/],
  ['importEvidence', { kind: 'sysctl', text: null, path: null }, /field "label"/],
];

describe('bridge method validation', () => {
  it('knows every method of the real handler table, and no other', () => {
    assert.deepEqual([...BRIDGE_METHODS].sort(), Object.keys(createWizardApi()).sort());
  });

  for (const [method, request] of GOOD) {
    it(`accepts ${method}(${JSON.stringify(request)?.slice(0, 60) ?? 'undefined'})`, () => {
      const result = validateCall(method, request);
      assert.deepEqual(result, { ok: true, value: { method, request } });
    });
  }

  for (const [method, request, message] of BAD) {
    it(`refuses ${method} with a malformed request: ${message.source}`, () => {
      const result = validateCall(method, request);
      assert.equal(result.ok, false);
      if (result.ok) return;
      assert.equal(result.code, 'BAD_REQUEST');
      assert.match(result.message, new RegExp(`^${method}: `));
      assert.match(result.message, message);
    });
  }

  it('refuses names that are not WizardApi methods, prototype names included', () => {
    for (const method of ['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf', 'eval', 'GATHERLOCAL', '', 'gatherLocal ']) {
      const result = validateCall(method, undefined);
      assert.equal(result.ok ? 'accepted' : result.code, 'UNKNOWN_METHOD', method);
      if (!result.ok) assert.match(result.message, /the bridge accepts gatherLocal|the bridge accepts setCloudflareApiToken/);
    }
    for (const method of [undefined, null, 3, ['gatherLocal'], { toString: () => 'gatherLocal' }]) {
      const result = validateCall(method, undefined);
      assert.equal(result.ok ? 'accepted' : result.code, 'UNKNOWN_METHOD');
    }
  });

  it('refuses writeReport over the bridge and says to use saveReport', () => {
    const result = validateCall('writeReport', { report: {}, path: '/home/user/.bashrc' });
    assert.equal(result.ok, false);
    if (result.ok) return;
    assert.equal(result.code, 'NOT_CALLABLE');
    assert.match(result.message, /use saveReport/);
  });
});
