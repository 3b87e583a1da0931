import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { DeployStyle } from '../../../contract/deploy';
import type { Remediation } from '../../../contract/findings';
import { orderFixes, splitFixes } from './order';

const fix = (id: string, deploy: DeployStyle[]): Remediation => ({ id, deploy, title: id, kind: 'command', text: id });
const FIXES = [fix('host-now', ['host', 'systemd']), fix('restart', ['systemd']), fix('docker', ['docker']), fix('dashboard', []), fix('pod', ['kubernetes']), fix('rollout', ['kubernetes'])];
const ids = (list: readonly Remediation[]): string[] => list.map((f) => f.id);

describe('orderFixes', () => {
  it('puts the style\'s own fixes first, in their order, then those for any style, then the rest', () => {
    assert.deepEqual(ids(orderFixes(FIXES, 'kubernetes')), ['pod', 'rollout', 'dashboard', 'host-now', 'restart', 'docker']);
    assert.deepEqual(ids(orderFixes(FIXES, 'systemd')), ['host-now', 'restart', 'dashboard', 'docker', 'pod', 'rollout']);
  });

  it('keeps the builders\' order when the style is unknown', () => {
    assert.deepEqual(ids(orderFixes(FIXES, 'unknown')), ids(FIXES));
  });

  it('splits off the other styles\' fixes as "other ways"', () => {
    const { fitting, other } = splitFixes(FIXES, 'docker');
    assert.deepEqual(ids(fitting), ['docker', 'dashboard']);
    assert.deepEqual(ids(other), ['host-now', 'restart', 'pod', 'rollout']);
  });
});
