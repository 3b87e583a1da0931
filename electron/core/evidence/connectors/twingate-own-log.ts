// A running Twingate connector's own log, read on its host the way cloudflared's is: the
// systemd journal of unit `twingate-connector` (what the Linux package installs) — only when
// *this* process runs in that unit, as its cgroup says, and only the lines it wrote itself
// (_PID), so one connector never gets another's or an earlier run's — else the regular file its stdout or stderr is written to (`twingate-connector >
// /var/log/twingate.log 2>&1`, a supervisor's log). The connector has no log-file flag of its
// own. The text goes through the same parser as `--import twingate-log`.

import { spawn } from 'node:child_process';
import { open } from 'node:fs/promises';
import type { ConnectorProcess, Gathered, TwingateLogFacts } from '../../../../contract/evidence';
import { msg } from '../../../../renderer/i18n/messages/message';
import { systemdUnitOf } from '../../../../renderer/wizard/deploy/detect';
import { JOURNAL_TIMEOUT_MS } from '../cloudflared/limits';
import { notGathered } from '../gathered';
import { parseTwingateLog } from '../imports/twingate-log';
import { MAX_PRODUCT_LOG_CHARS } from '../imports/product-log-lines';
import { readProcLink } from './proc-files';

/** The unit the Linux package installs (systemctl restart twingate-connector). */
export const TWINGATE_UNIT = 'twingate-connector';
/** The newest lines are the current run's; older ones add nothing the parser keeps. */
const JOURNAL_LINES = 20_000;
/** The tail of an output file read: the current run is at its end. */
const FILE_TAIL_BYTES = 4 * 1024 * 1024;

export interface TwingateOwnLogOptions {
  /** journalctl's options; null: never read the journal. */
  journal?: { command?: string; directory?: string | null; timeoutMs?: number } | null;
  signal?: AbortSignal;
}

/**
 * `journalctl -u UNIT _PID=PID -o cat …` as text, or why not: the lines this very process wrote,
 * so an earlier run's refusal (before the range was fixed and the unit restarted) is not taken
 * for today's. Bounded in time and size (the tail is kept).
 */
function readJournalText(unit: string, pid: number, options: NonNullable<TwingateOwnLogOptions['journal']>, signal: AbortSignal | undefined): Promise<Gathered<string>> {
  const argv = ['-u', unit, `_PID=${pid}`, '-o', 'cat', '--no-pager', '-n', String(JOURNAL_LINES), ...(options.directory ? ['-D', options.directory] : [])];
  const command = options.command ?? 'journalctl';
  const shown = `journalctl ${argv.join(' ')}`;
  return new Promise((resolve) => {
    let text = '';
    let stderr = '';
    let settled = false;
    const child = spawn(command, argv, { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, SYSTEMD_COLORS: '0', SYSTEMD_PAGER: '', LC_ALL: 'C' } });
    const settle = (result: Gathered<string>): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      resolve(result);
    };
    const onAbort = (): void => settle(notGathered('CANCELLED', msg('gather.journal.cancelled', { command: shown }), shown));
    const timeoutMs = options.timeoutMs ?? JOURNAL_TIMEOUT_MS;
    const timer = setTimeout(() => settle(notGathered('TIMEOUT', msg('gather.journal.timeout', { command: shown, ms: timeoutMs }), shown)), timeoutMs);
    signal?.addEventListener('abort', onAbort, { once: true });
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      text += chunk;
      if (text.length > MAX_PRODUCT_LOG_CHARS) text = text.slice(text.length - MAX_PRODUCT_LOG_CHARS);
    });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      if (stderr.length < 2000) stderr += chunk;
    });
    child.on('error', (error: NodeJS.ErrnoException) =>
      settle(
        error.code === 'ENOENT'
          ? notGathered('NOT_FOUND', msg('gather.journal.not-installed', { command }), shown)
          : notGathered('FAILED', msg('gather.journal.could-not-run', { command: shown, detail: error.code ?? error.message }), shown),
      ),
    );
    child.on('close', (code) => {
      const complaint = stderr.trim();
      if (/insufficient permissions|not seeing messages|Permission denied/i.test(complaint) && text.trim() === '') {
        settle(notGathered('PERMISSION_DENIED', msg('gather.journal.denied', { command: shown, complaint }), shown));
      } else if (text.trim() === '' || code !== 0) {
        settle(notGathered('NOT_FOUND', msg('gather.journal.no-lines', { unit, command: shown }), shown));
      } else {
        settle({ ok: true, value: text, source: shown, at: new Date().toISOString() });
      }
    });
  });
}

/** The file behind /proc/PID/fd/N when it is a regular file (not a pipe, socket, terminal or /dev/null). */
async function outputFile(pid: number, fd: 1 | 2): Promise<string | null> {
  const link = await readProcLink(`/proc/${pid}/fd/${fd}`).catch(() => null);
  if (!link?.ok) return null;
  const target = link.value;
  if (!target.startsWith('/') || target.startsWith('/dev/') || target.endsWith(' (deleted)')) return null;
  return target;
}

/** The last FILE_TAIL_BYTES of the file, read through /proc/PID/fd/N (the process's own view of it, whatever its mount namespace). */
async function readTail(path: string): Promise<string> {
  const handle = await open(path, 'r');
  try {
    const { size } = await handle.stat();
    const start = Math.max(0, size - FILE_TAIL_BYTES);
    const buffer = Buffer.alloc(size - start);
    await handle.read(buffer, 0, buffer.length, start);
    const text = buffer.toString('utf8');
    // A tail cut mid-line starts at the next whole line.
    return start > 0 ? text.slice(text.indexOf('\n') + 1) : text;
  } finally {
    await handle.close();
  }
}

/**
 * What a Twingate connector process's own log says, parsed as an imported one would be; null
 * when the process is no Twingate connector or nothing tells where its log is. Never throws.
 */
export async function readTwingateOwnLog(process: ConnectorProcess, options: TwingateOwnLogOptions = {}): Promise<Gathered<TwingateLogFacts> | null> {
  if (process.kind !== 'twingate') return null;
  const { pid } = process;
  if (process.container === null && systemdUnitOf(process.cgroup) === TWINGATE_UNIT) {
    if (options.journal === null) return null;
    const journal = await readJournalText(TWINGATE_UNIT, pid, options.journal ?? {}, options.signal);
    const source = msg('twingate.own-log.journal', { pid, unit: TWINGATE_UNIT, command: journal.source });
    if (!journal.ok) return notGathered(journal.code, msg('twingate.own-log.unread', { pid, why: journal.reason ?? journal.message }), source);
    return parseTwingateLog(journal.value, source);
  }
  for (const fd of [1, 2] as const) {
    const file = await outputFile(pid, fd);
    if (!file) continue;
    const source = msg('twingate.own-log.output', { pid, path: file, stream: fd === 1 ? 'stdout' : 'stderr' });
    try {
      return parseTwingateLog(await readTail(`/proc/${pid}/fd/${fd}`), source);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      return notGathered(code === 'EACCES' || code === 'EPERM' ? 'PERMISSION_DENIED' : 'FAILED', msg('twingate.own-log.unreadable', { pid, path: file, errno: code ?? 'error' }), source);
    }
  }
  return null;
}
