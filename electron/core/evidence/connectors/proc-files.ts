// Reads files under /proc/PID for the connector scan. A process can exit at any moment, so
// "it is gone" (ENOENT, ESRCH) is told apart from "we may not look" (EACCES, EPERM): the
// first drops the process from the scan, the second becomes a PERMISSION_DENIED fact.

import { open, readlink } from 'node:fs/promises';
import { errnoOf } from '../gathered';

/** The process exited while we were reading it. */
export class ProcessVanished extends Error {}

export type ProcRead<T> = { ok: true; value: T } | { ok: false; denied: boolean; errno: string | null };

const VANISHED = new Set(['ENOENT', 'ESRCH']);
const DENIED = new Set(['EACCES', 'EPERM']);

function failure<T>(error: unknown): ProcRead<T> {
  const errno = errnoOf(error);
  if (errno !== null && VANISHED.has(errno)) throw new ProcessVanished(errno);
  return { ok: false, denied: errno !== null && DENIED.has(errno), errno };
}

/** Reads at most `limit` bytes: /proc files report size 0, and a hostile cmdline can be megabytes. */
export async function readProcFile(path: string, limit: number): Promise<ProcRead<string>> {
  try {
    const handle = await open(path, 'r');
    try {
      const buffer = Buffer.alloc(limit);
      let length = 0;
      while (length < limit) {
        const { bytesRead } = await handle.read(buffer, length, limit - length, null);
        if (bytesRead === 0) break;
        length += bytesRead;
      }
      return { ok: true, value: buffer.subarray(0, length).toString('utf8') };
    } finally {
      await handle.close();
    }
  } catch (error) {
    return failure(error);
  }
}

export async function readProcLink(path: string): Promise<ProcRead<string>> {
  try {
    return { ok: true, value: await readlink(path) };
  } catch (error) {
    return failure(error);
  }
}
