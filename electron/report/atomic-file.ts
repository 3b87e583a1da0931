// Writes a file atomically: readers (and a crash, or a full disk) only ever see the old file
// or the complete new one, never a partial write. Shared by the diagnostic report and the
// connector report. Failures are values, never throws.

import { randomBytes } from 'node:crypto';
import { unlinkSync } from 'node:fs';
import { open, rename, stat, unlink, type FileHandle } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { fail, ok, type Result } from '../../contract/result';
import { errnoOf } from '../core/evidence/gathered';

/** New files are world-readable like any document; an existing file keeps its own mode. */
const DEFAULT_MODE = 0o644;

/** What the OS said, and what it means for this write of `what` ("the report"). */
function explain(error: unknown, target: string, what: string): string {
  const code = errnoOf(error);
  const directory = dirname(target);
  const os = error instanceof Error ? error.message : String(error);
  const meaning: Record<string, string> = {
    ENOENT: `the directory ${directory} does not exist; create it or choose another place`,
    ENOTDIR: `a part of ${directory} is not a directory`,
    EACCES: `no permission to create files in ${directory}; choose a directory you can write to`,
    EPERM: `the operation is not permitted in ${directory}`,
    EROFS: `${directory} is on a read-only file system`,
    ENOSPC: `no space left on the device holding ${directory}`,
    EDQUOT: `the disk quota for ${directory} is exhausted`,
    EFBIG: 'the file would exceed the file size limit of this process',
    EISDIR: `${target} is a directory; give a file name`,
    ENAMETOOLONG: 'the file name is too long',
  };
  const why = code !== null && Object.hasOwn(meaning, code) ? meaning[code] : 'see the system error';
  return `Could not write ${what} to ${target}: ${why} (${os}). Nothing was written; any previous file there is unchanged.`;
}

/**
 * Temp files that exist (or are being created) right now. A second Ctrl-C ends the process
 * with process.exit() in the middle of a write; the 'exit' handler removes what is left, so
 * no hidden `.NAME.PID.HEX.tmp` stays behind on any way out short of SIGKILL.
 */
const liveTemps = new Set<string>();
let exitHookInstalled = false;

function removeLiveTemps(): void {
  for (const temp of liveTemps) {
    try {
      unlinkSync(temp);
    } catch {
      // Already renamed into place, or never created.
    }
  }
  liveTemps.clear();
}

/** Removes `temp` if the process exits before untrackTemp(temp); for any short-lived file of ours. */
export function trackTemp(temp: string): void {
  if (!exitHookInstalled) {
    process.on('exit', removeLiveTemps);
    exitHookInstalled = true;
  }
  liveTemps.add(temp);
}

/** `temp` is gone (renamed or removed) or never was ours: the exit hook must leave that name alone. */
export function untrackTemp(temp: string): void {
  liveTemps.delete(temp);
}

/** A name in the target's directory (so the rename cannot cross file systems), hidden and unique. */
function tempPathFor(target: string): string {
  // At most 100 bytes of the name, cut between characters: with the rest, the temp name stays
  // within NAME_MAX (255 bytes) for any name that is itself legal, CJK or emoji included.
  let stem = '';
  for (const char of basename(target)) {
    if (Buffer.byteLength(stem + char, 'utf8') > 100) break;
    stem += char;
  }
  return join(dirname(target), `.${stem}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`);
}

/** Makes the rename itself durable. Some file systems refuse fsync on a directory; the file is in place either way. */
async function syncDirectory(directory: string): Promise<void> {
  let handle: FileHandle | null = null;
  try {
    handle = await open(directory, 'r');
    await handle.sync();
  } catch {
    // Best effort: see above.
  } finally {
    await handle?.close().catch(() => undefined);
  }
}

/** What an existing target keeps across the rewrite: its permission bits and its owner. */
interface Kept {
  mode: number;
  uid: number;
  gid: number;
}

async function existingFile(target: string, what: string): Promise<Result<Kept | null, 'WRITE_FAILED'>> {
  try {
    const info = await stat(target);
    if (info.isDirectory()) {
      return fail('WRITE_FAILED', `Could not write ${what} to ${target}: it is a directory. Give a file name, e.g. ${join(target, 'icmp-doctor-report.html')}.`);
    }
    // Set-id bits are not carried over to a rewritten document.
    return ok({ mode: info.mode & 0o777, uid: info.uid, gid: info.gid });
  } catch (error) {
    if (errnoOf(error) === 'ENOENT' || errnoOf(error) === 'ENOTDIR') return ok(null);
    return fail('WRITE_FAILED', explain(error, target, what));
  }
}

/** Gives the new file the old one's owner where we may (root); anyone else's new file is theirs anyway. */
async function keepOwner(handle: FileHandle, kept: Kept | null): Promise<void> {
  if (!kept || typeof process.getuid !== 'function') return;
  const info = await handle.stat();
  if (info.uid === kept.uid && info.gid === kept.gid) return;
  await handle.chown(kept.uid, kept.gid).catch(() => undefined);
}

async function replaceAtomically(target: string, content: Buffer, kept: Kept | null, what: string): Promise<Result<null, 'WRITE_FAILED'>> {
  const temp = tempPathFor(target);
  const mode = kept?.mode ?? DEFAULT_MODE;
  let handle: FileHandle | null = null;
  trackTemp(temp);
  try {
    // 'wx': never reuse (or follow a symlink planted at) an existing name.
    handle = await open(temp, 'wx', mode);
  } catch (error) {
    // Not ours: whatever holds that name must survive the exit hook.
    liveTemps.delete(temp);
    return fail('WRITE_FAILED', explain(error, target, what));
  }
  try {
    // open()'s mode passes through the umask: 0666 would come out 0644. Say it exactly.
    await handle.chmod(mode);
    await keepOwner(handle, kept);
    await handle.writeFile(content);
    await handle.sync();
    await handle.close();
    handle = null;
    await rename(temp, target);
    liveTemps.delete(temp);
  } catch (error) {
    await handle?.close().catch(() => undefined);
    await unlink(temp).catch(() => undefined);
    liveTemps.delete(temp);
    return fail('WRITE_FAILED', explain(error, target, what));
  }
  await syncDirectory(dirname(target));
  return ok(null);
}

/**
 * Writes `content` to `path` atomically: a hidden temp file in the same directory, opened
 * exclusively (never following a planted symlink), fsync, rename over the target, fsync of
 * the directory. An existing file keeps its mode (exactly, whatever the umask) and, where the
 * process may give it (root), its owner. On failure, and on any exit of the process while the
 * write is under way, the temp file is removed and the target is untouched; the message says
 * what happened and what to do. `what` names the file in messages ("the report").
 */
export async function writeFileAtomically(path: string, content: Buffer, what: string): Promise<Result<{ path: string; bytes: number }, 'WRITE_FAILED'>> {
  const target = resolve(path);
  const kept = await existingFile(target, what);
  if (!kept.ok) return kept;
  const written = await replaceAtomically(target, content, kept.value, what);
  if (!written.ok) return written;
  return ok({ path: target, bytes: content.length });
}
