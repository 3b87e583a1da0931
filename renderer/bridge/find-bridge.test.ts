import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { findBridge } from './find-bridge';

const noop = (): void => undefined;

describe('findBridge', () => {
  it('finds a complete bridge on the global', () => {
    const bridge = { call: noop, cancel: noop, onProbe: noop, saveReport: noop, pickFile: noop, appInfo: noop };
    const found = findBridge({ icmpDoctor: bridge });
    assert.ok(found.ok);
    assert.equal(found.bridge, bridge);
  });

  it('says the preload did not run when there is none', () => {
    for (const scope of [{}, { icmpDoctor: null }, { icmpDoctor: 'x' }]) {
      const found = findBridge(scope);
      assert.ok(!found.ok);
      assert.match(found.problem, /window\.icmpDoctor is not defined: the app's preload script did not run/);
    }
  });

  it('names what an incomplete bridge lacks', () => {
    const found = findBridge({ icmpDoctor: { call: noop, cancel: noop, onProbe: 'nope' } });
    assert.ok(!found.ok);
    assert.match(found.problem, /lacks onProbe, saveReport, pickFile, appInfo/);
  });
});
