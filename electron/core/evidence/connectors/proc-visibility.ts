// Whether /proc hides other users' processes (mount option hidepid, proc(5)): then finding no
// connector proves nothing for an unprivileged user, and we must say so.

import { readFile } from 'node:fs/promises';

/** hidepid=1|2|4 or its names (noaccess, invisible, ptraceable) on the /proc mount. */
export function mountinfoHidesPids(mountinfo: string): boolean {
  for (const line of mountinfo.split('\n')) {
    // "36 25 0:21 / /proc rw,nosuid - proc proc rw,hidepid=2": mount point is field 5; after " - " come type, source, super options.
    const [before, after] = line.split(' - ');
    if (before === undefined || after === undefined) continue;
    if (before.split(' ')[4] !== '/proc') continue;
    const [type, , options] = after.split(' ');
    if (type === 'proc' && /(^|,)hidepid=(1|2|4|noaccess|invisible|ptraceable)(,|$)/.test(options ?? '')) return true;
  }
  return false;
}

export async function procHidesOtherUsers(): Promise<boolean> {
  try {
    return mountinfoHidesPids(await readFile('/proc/self/mountinfo', 'utf8'));
  } catch {
    return false;
  }
}
