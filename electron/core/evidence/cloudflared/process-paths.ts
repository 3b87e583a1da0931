// A path a running process was given, as we can open it: relative to the process's working
// directory, `~` in its HOME, and — for a process in a container, whose files live in another
// mount namespace — the same path under /proc/PID/root. Tried in the order returned.

import { isAbsolute, join } from 'node:path';

export function pathsAsSeenBy(pid: number, path: string, home: string | null): string[] {
  let expanded = path;
  if (path === '~' || path.startsWith('~/')) {
    if (!home) return [path];
    expanded = join(home, path.slice(1));
  }
  if (!isAbsolute(expanded)) return [join(`/proc/${pid}/cwd`, expanded)];
  return [expanded, join(`/proc/${pid}/root`, expanded)];
}
