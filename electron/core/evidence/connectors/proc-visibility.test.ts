import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { mountinfoHidesPids } from './proc-visibility';

const HOST = '22 28 0:20 / /proc rw,nosuid,nodev,noexec,relatime shared:12 - proc proc rw\n25 28 0:23 / /sys rw,nosuid shared:7 - sysfs sysfs rw\n';

describe('mountinfoHidesPids', () => {
  it('a plain /proc hides nothing', () => assert.equal(mountinfoHidesPids(HOST), false));
  for (const option of ['hidepid=2', 'hidepid=invisible', 'hidepid=1', 'hidepid=noaccess', 'hidepid=ptraceable']) {
    it(`${option} hides other users' processes`, () => {
      assert.equal(mountinfoHidesPids(`22 28 0:20 / /proc rw,nosuid,relatime shared:12 - proc proc rw,${option},gid=10\n`), true);
    });
  }
  it('hidepid=0 and a hidepid on another mount point do not count', () => {
    assert.equal(mountinfoHidesPids('22 28 0:20 / /proc rw - proc proc rw,hidepid=0\n'), false);
    assert.equal(mountinfoHidesPids('40 28 0:50 / /run/other/proc rw - proc proc rw,hidepid=2\n'), false);
  });
});
