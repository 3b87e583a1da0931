// Reads cloudflared's lines from the systemd journal, where `cloudflared service install`
// sends them: `journalctl -u cloudflared -o cat --no-pager -n N` (-o cat: the message only,
// which is cloudflared's own console or JSON line). No journalctl, or no such unit, is
// "not found", not an error. Bounded in time and lines; the output streams through the
// scanner (constant memory), so it needs no byte cap — and a cap would cut the newest lines.

import { msg } from '../../../../renderer/i18n/messages/message';
import { refusal } from '../gathered';
import { spawn } from 'node:child_process';
import { JOURNAL_LINES, JOURNAL_TIMEOUT_MS, MAX_LINE_CHARS } from './limits';
import { describeLogScan, judgeLogScan } from './log-evidence';
import { CloudflaredLogScanner } from './log-scanner';
import { LineSplitter } from './line-splitter';
import type { LogReadOutcome } from './read-log-file';

export interface JournalOptions {
  /** The journalctl binary (default: journalctl from PATH). */
  command?: string;
  /** Read the journal files in this directory (journalctl -D), e.g. one copied from another host. */
  directory?: string | null;
  /** systemd unit; default "cloudflared" (the unit `cloudflared service install` creates). */
  unit?: string;
  lines?: number;
  timeoutMs?: number;
  signal?: AbortSignal;
}

const STDERR_MAX_CHARS = 2000;

function journalArgv(options: JournalOptions, unit: string, lines: number): string[] {
  const argv = ['-u', unit, '-o', 'cat', '--no-pager', '-n', String(lines)];
  if (options.directory) argv.push('-D', options.directory);
  return argv;
}

export function readCloudflaredJournal(options: JournalOptions = {}): Promise<LogReadOutcome> {
  const command = options.command ?? 'journalctl';
  const unit = options.unit ?? 'cloudflared';
  const lines = options.lines ?? JOURNAL_LINES;
  const timeoutMs = options.timeoutMs ?? JOURNAL_TIMEOUT_MS;
  const argv = journalArgv(options, unit, lines);
  const shown = `journalctl ${argv.join(' ')}`;

  return new Promise<LogReadOutcome>((resolve) => {
    if (options.signal?.aborted) {
      resolve(refusal('CANCELLED', msg('gather.journal.cancelled', { command: shown })));
      return;
    }
    const scanner = new CloudflaredLogScanner();
    const splitter = new LineSplitter(MAX_LINE_CHARS, (line) => scanner.add(line, null));
    let bytes = 0;
    let stderr = '';
    let settled = false;

    const child = spawn(command, argv, {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, SYSTEMD_COLORS: '0', SYSTEMD_PAGER: '', LC_ALL: 'C' },
    });
    const settle = (outcome: LogReadOutcome): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      options.signal?.removeEventListener('abort', onAbort);
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      resolve(outcome);
    };
    const onAbort = (): void => settle(refusal('CANCELLED', msg('gather.journal.cancelled', { command: shown })));
    const timer = setTimeout(
      () => settle(refusal('TIMEOUT', msg('gather.journal.timeout', { command: shown, ms: timeoutMs }))),
      timeoutMs,
    );
    options.signal?.addEventListener('abort', onAbort, { once: true });

    child.stdout.on('data', (chunk: Buffer) => {
      bytes += chunk.length;
      splitter.push(chunk);
    });
    child.stderr.on('data', (chunk: Buffer) => {
      if (stderr.length < STDERR_MAX_CHARS) stderr += chunk.toString('utf8');
    });
    child.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') {
        settle(refusal('NOT_FOUND', msg('gather.journal.not-installed', { command })));
      } else {
        settle(refusal('FAILED', msg('gather.journal.could-not-run', { command: shown, detail: error.code ?? error.message })));
      }
    });
    child.on('close', (code) => {
      splitter.end();
      const scan = scanner.result();
      const complaint = stderr.trim().slice(0, STDERR_MAX_CHARS);
      const permission = /insufficient permissions|not seeing messages|Permission denied/i.test(complaint);
      if (scan.nonBlankLines === 0 || code !== 0) {
        if (permission) {
          settle(refusal('PERMISSION_DENIED', msg('gather.journal.denied', { command: shown, complaint })));
        } else if (code !== 0 && complaint !== '' && !/No such file|No journal files/i.test(complaint)) {
          settle(refusal('FAILED', msg('gather.journal.failed', { command: shown, exit: code, complaint })));
        } else {
          settle(refusal('NOT_FOUND', msg('gather.journal.no-lines', { unit, command: shown })));
        }
        return;
      }
      const verdict = judgeLogScan(scan, msg('gather.log.journal-name', { unit }));
      if (!verdict.ok) {
        settle(verdict);
        return;
      }
      const name = msg('source.cloudflared.journal', { command: shown });
      settle({ ok: true, scan, description: describeLogScan(scan, name, { skipped: 0, total: bytes, firstLine: null }) });
    });
  });
}
