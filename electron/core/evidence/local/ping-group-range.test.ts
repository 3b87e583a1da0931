import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parsePingGroupRangeValue, rangeAdmits } from './ping-group-range';

describe('parsePingGroupRangeValue', () => {
  it('the kernel default, tab-separated as /proc prints it', () => {
    assert.deepEqual(parsePingGroupRangeValue('1\t0\n'), { ok: true, value: { low: 1, high: 0 } });
  });
  it('every group, space-separated as people write it (Twingate’s chart uses two spaces)', () => {
    assert.deepEqual(parsePingGroupRangeValue('0 2147483647'), { ok: true, value: { low: 0, high: 2147483647 } });
    assert.deepEqual(parsePingGroupRangeValue('0  2147483647'), { ok: true, value: { low: 0, high: 2147483647 } });
  });
  for (const bad of ['', '1', '1 0 0', '-1 0', 'a b', '1,0', '99999999999 0', '4294967296 0']) {
    it(`"${bad}" is UNPARSEABLE with the expected form in the message`, () => {
      const result = parsePingGroupRangeValue(bad);
      assert.equal(result.ok, false);
      assert.equal(!result.ok && result.code, 'UNPARSEABLE');
      assert.match(!result.ok ? result.message : '', /ping_group_range value/);
      assert.match(!result.ok ? result.reason.key : '', /^gather\.range\.(bad-value|gid-too-large)$/);
    });
  }
});

describe('rangeAdmits', () => {
  it('"1 0" admits nobody, root included; "0 0" admits only root', () => {
    assert.equal(rangeAdmits({ low: 1, high: 0 }, 0), false);
    assert.equal(rangeAdmits({ low: 1, high: 0 }, 1), false);
    assert.equal(rangeAdmits({ low: 0, high: 0 }, 0), true);
    assert.equal(rangeAdmits({ low: 0, high: 0 }, 65532), false);
    assert.equal(rangeAdmits({ low: 0, high: 2147483647 }, 65532), true);
  });
});
