import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { compareVersions, gidCheckedBy, parseCloudflaredVersion, parsesRangeSigned } from './cloudflared-version';

describe('cloudflared versions and their rules', () => {
  it('parses releases and refuses what is not one', () => {
    assert.deepEqual(parseCloudflaredVersion('2023.7.3'), { year: 2023, month: 7, patch: 3 });
    assert.deepEqual(parseCloudflaredVersion(' 2024.12.0 '), { year: 2024, month: 12, patch: 0 });
    for (const text of ['DEV', '', '2023.7', 'v2023.7.3', '1.2.3.4.5', null, undefined]) assert.equal(parseCloudflaredVersion(text), null, String(text));
  });

  it('orders by year, then month, then patch (numerically, not as text)', () => {
    const v = (text: string) => parseCloudflaredVersion(text)!;
    assert.ok(compareVersions(v('2024.10.0'), v('2024.9.1')) > 0);
    assert.ok(compareVersions(v('2023.7.3'), v('2024.3.0')) < 0);
    assert.equal(compareVersions(v('2024.4.0'), v('2024.4.0')), 0);
  });

  it('up to 2024.3.x checks the real gid and parses the range signed; from 2024.4.0 the effective gid', () => {
    for (const version of ['2023.7.3', '2024.3.0', '2024.3.9']) {
      assert.equal(gidCheckedBy(version), 'real', version);
      assert.equal(parsesRangeSigned(version), true, version);
    }
    for (const version of ['2024.4.0', '2024.4.1', '2024.12.2', '2025.1.0']) {
      assert.equal(gidCheckedBy(version), 'effective', version);
      assert.equal(parsesRangeSigned(version), false, version);
    }
    assert.equal(gidCheckedBy('DEV'), null);
    assert.equal(parsesRangeSigned(null), null);
  });
});
