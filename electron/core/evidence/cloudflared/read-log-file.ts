// Reads a cloudflared log file from disk into the scanner: only its last LOG_TAIL_BYTES
// (the latest run is at the end), only up to the size it had when we looked (it may still
// be growing), only regular files (a FIFO or /dev/zero would never end), one bounded chunk
// at a time, so a 10 GB log or one endless binary "line" costs the same small memory.

import { open, stat } from 'node:fs/promises';
import { LINE_COUNT_LIMIT_BYTES, LOG_TAIL_BYTES, MAX_LINE_CHARS } from './limits';
import { describeLogScan, judgeLogScan } from './log-evidence';
import { CloudflaredLogScanner, type LogScan } from './log-scanner';
import { LineSplitter } from './line-splitter';
import { fileAccessFailure, type FileFailure } from './file-access';
import { msg } from '../../../../renderer/i18n/messages/message';
import { refusal } from '../gathered';
import type { Message } from '../../../../contract/message';

export type LogReadOutcome =
  | { ok: true; scan: LogScan; description: Message }
  | FileFailure;

export interface LogReadOptions {
  tailBytes?: number;
  signal?: AbortSignal;
}

const CHUNK_BYTES = 1024 * 1024;
const NEWLINE = 0x0a;

function countNewlines(bytes: Buffer): number {
  let count = 0;
  for (let index = bytes.indexOf(NEWLINE); index >= 0; index = bytes.indexOf(NEWLINE, index + 1)) count += 1;
  return count;
}

export async function readCloudflaredLogFile(path: string, options: LogReadOptions = {}): Promise<LogReadOutcome> {
  const tailBytes = options.tailBytes ?? LOG_TAIL_BYTES;
  let info;
  try {
    info = await stat(path);
  } catch (error) {
    return fileAccessFailure(error, path, 'log');
  }
  if (!info.isFile()) {
    const kind = info.isDirectory() ? 'directory' : info.isFIFO() ? 'fifo' : 'other';
    return refusal('UNPARSEABLE', msg('gather.log.not-a-file', { path, kind }));
  }

  const size = info.size;
  const windowStart = Math.max(0, size - tailBytes);
  // Counting the skipped lines makes quoted line numbers true file line numbers.
  const counting = windowStart <= LINE_COUNT_LIMIT_BYTES;

  let handle;
  try {
    handle = await open(path, 'r');
  } catch (error) {
    return fileAccessFailure(error, path, 'log', info);
  }

  try {
    // Rotated logs are often gzipped: say so rather than call them binary garbage.
    const magic = Buffer.alloc(2);
    const { bytesRead } = await handle.read(magic, 0, 2, 0);
    if (bytesRead === 2 && magic[0] === 0x1f && magic[1] === 0x8b) {
      await handle.close().catch(() => undefined);
      return refusal('UNPARSEABLE', msg('gather.log.gzip', { path }));
    }
  } catch (error) {
    await handle.close().catch(() => undefined);
    return fileAccessFailure(error, path, 'log', info);
  }

  const scanner = new CloudflaredLogScanner();
  let lineNumber: number | null = counting ? 1 : null;
  const splitter = new LineSplitter(MAX_LINE_CHARS, (line) => {
    scanner.add(line, lineNumber);
    if (lineNumber !== null) lineNumber += 1;
  });

  // Skip to the first line that starts inside the window: past the first newline at or after
  // windowStart - 1 (when windowStart - 1 is itself a newline, the window starts at a line).
  let skipping = windowStart > 0;
  let skipNewlines = 0;
  let firstLine: number | null = counting ? 1 : null;
  let parseStart = 0;
  let position = skipping && !counting ? windowStart - 1 : 0;
  const buffer = Buffer.allocUnsafe(CHUNK_BYTES);
  try {
    while (position < size) {
      if (options.signal?.aborted) return refusal('CANCELLED', msg('gather.log.cancelled', { path }));
      const { bytesRead } = await handle.read(buffer, 0, Math.min(CHUNK_BYTES, size - position), position);
      if (bytesRead === 0) break; // Truncated while we read: what we have is what there is.
      let chunk = buffer.subarray(0, bytesRead);
      if (skipping) {
        const searchFrom = Math.max(0, windowStart - 1 - position);
        const boundary = searchFrom < chunk.length ? chunk.indexOf(NEWLINE, searchFrom) : -1;
        if (boundary < 0) {
          if (counting) skipNewlines += countNewlines(chunk);
          position += bytesRead;
          continue;
        }
        if (counting) skipNewlines += countNewlines(chunk.subarray(0, boundary + 1));
        skipping = false;
        parseStart = position + boundary + 1;
        if (counting) {
          firstLine = skipNewlines + 1;
          lineNumber = firstLine;
        }
        chunk = chunk.subarray(boundary + 1);
      }
      splitter.push(chunk);
      position += bytesRead;
    }
    if (skipping) {
      return refusal('UNPARSEABLE', msg('gather.log.no-line-break', { path, bytes: tailBytes }));
    }
    splitter.end();
  } catch (error) {
    return fileAccessFailure(error, path, 'log', info);
  } finally {
    await handle.close().catch(() => undefined);
  }

  const scan = scanner.result();
  const verdict = judgeLogScan(scan, path);
  if (!verdict.ok) return verdict;
  return { ok: true, scan, description: describeLogScan(scan, path, { skipped: parseStart, total: size, firstLine }) };
}
