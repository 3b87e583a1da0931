// A real systemd journal for tests: systemd-journal-remote writes journal files from the
// journal export format, and journalctl -D reads them like the system journal. Where the
// tool is missing (package systemd-journal-remote), journalTestTool() says why, to skip.

import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

const JOURNAL_REMOTE = ['/lib/systemd/systemd-journal-remote', '/usr/lib/systemd/systemd-journal-remote'];

function journalRemote(): string | null {
  return JOURNAL_REMOTE.find((path) => existsSync(path)) ?? null;
}

/** Why journal tests cannot run here, or null when they can. */
export function journalTestTool(): string | null {
  if (!journalRemote()) return 'systemd-journal-remote is not installed (apt-get install systemd-journal-remote)';
  if (spawnSync('journalctl', ['--version']).status !== 0) return 'journalctl is not installed';
  return null;
}

export interface JournalEntry {
  unit: string;
  message: string;
  /** The process that logged it (_PID); absent: no _PID field. */
  pid?: number;
}

/** Writes `entries` as one journal file in `dir` (for journalctl -D dir). */
export function writeJournal(dir: string, entries: readonly JournalEntry[]): void {
  const tool = journalRemote();
  if (!tool) throw new Error('systemd-journal-remote is not installed');
  const bootId = '0123456789abcdef0123456789abcdef';
  const start = 1_728_812_364_000_000; // 2024-10-13T09:39:24Z, in µs
  const records = entries.map((entry, index) =>
    [
      `__REALTIME_TIMESTAMP=${start + index * 1000}`,
      `__MONOTONIC_TIMESTAMP=${index * 1000}`,
      `_BOOT_ID=${bootId}`,
      `_MACHINE_ID=${bootId}`,
      `_SYSTEMD_UNIT=${entry.unit}`,
      ...(entry.pid !== undefined ? [`_PID=${entry.pid}`] : []),
      `SYSLOG_IDENTIFIER=${entry.unit.replace(/\.service$/, '')}`,
      'PRIORITY=6',
      `MESSAGE=${entry.message}`,
      '',
    ].join('\n'),
  );
  const result = spawnSync(tool, [`--output=${join(dir, 'remote.journal')}`, '-'], { input: `${records.join('\n')}\n` });
  if (result.status !== 0) throw new Error(`systemd-journal-remote failed: ${result.stderr.toString()}`);
}
