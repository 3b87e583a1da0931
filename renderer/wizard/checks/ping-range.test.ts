import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { admission, admissionRuleFor, formatRange, isEmptyRange, rangeAdmits, widenRange } from './ping-range';

describe('ping_group_range rules', () => {
  it('"1 0" admits nobody, root included', () => {
    const range = { low: 1, high: 0 };
    assert.ok(isEmptyRange(range));
    assert.ok(!rangeAdmits(range, 0));
    assert.equal(formatRange(range), '1 0');
  });

  it('the kernel admits by egid or any supplementary group; cloudflared only by egid', () => {
    const range = { low: 65532, high: 65532 };
    assert.deepEqual(admission(range, 1000, [1000, 65532], 'kernel'), { admitted: true, admittedGroups: [65532], onlySupplementaryAdmitted: false });
    assert.deepEqual(admission(range, 1000, [1000, 65532], 'cloudflared'), { admitted: false, admittedGroups: [65532], onlySupplementaryAdmitted: true });
    assert.deepEqual(admission(range, 65532, [], 'cloudflared'), { admitted: true, admittedGroups: [65532], onlySupplementaryAdmitted: false });
    assert.equal(admissionRuleFor('cloudflared'), 'cloudflared');
    assert.equal(admissionRuleFor('twingate'), 'kernel');
    assert.equal(admissionRuleFor(null), 'kernel');
  });

  it('widens the current range to admit new groups without dropping anyone', () => {
    assert.deepEqual(widenRange({ low: 1, high: 0 }, [65532]), { low: 65532, high: 65532 });
    assert.deepEqual(widenRange(null, [0, 1000]), { low: 0, high: 1000 });
    assert.deepEqual(widenRange({ low: 100, high: 200 }, [1000]), { low: 100, high: 1000 });
    assert.deepEqual(widenRange({ low: 100, high: 200 }, [50]), { low: 50, high: 200 });
    // GIDs the range cannot hold are left out; with none left, every group.
    assert.deepEqual(widenRange(null, [4294967294]), { low: 0, high: 2147483647 });
    assert.deepEqual(widenRange({ low: 10, high: 20 }, [-1]), { low: 10, high: 20 });
  });
});
