// Writes a file atomically: readers (and a crash, or a full disk) only ever see the old file
// or the complete new one, never a partial write. Shared by the diagnostic report and the
// connector report. Failures are values, never throws.

import { randomBytes } from 'node:crypto';
import { unlinkSync } from 'node:fs';
import { open, rename, stat, unlink, type FileHandle } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { fail, ok, type Result } from '../../contract/result';
import type { Locale } from '../../renderer/i18n/messages/locale';
import { errnoOf } from '../core/evidence/gathered';
import { say } from './say';

/** New files are world-readable like any document; an existing file keeps its own mode. */
const DEFAULT_MODE = 0o644;

/** Which file a write is of, for messages about it. */
export type WrittenFile = 'report' | 'connector-report';

/** The file a write is of, and the language its failures are said in. */
export interface WriteTarget {
  what: WrittenFile;
  lang: Locale;
}

/** "the report", 「レポート」. */
export function writtenFileName(file: WriteTarget): string {
  return say(file.lang, `report.write.what.${file.what}`);
}

/** What the OS said, and what it means for this write of `file`. */
function explain(error: unknown, target: string, file: WriteTarget): string {
  const { lang } = file;
  const code = errnoOf(error);
  const directory = dirname(target);
  const os = error instanceof Error ? error.message : String(error);
  const meaning: Record<string, () => string> = {
    ENOENT: () => say(lang, 'report.write.ENOENT', { directory }),
    ENOTDIR: () => say(lang, 'report.write.ENOTDIR', { directory }),
    EACCES: () => say(lang, 'report.write.EACCES', { directory }),
    EPERM: () => say(lang, 'report.write.EPERM', { directory }),
    EROFS: () => say(lang, 'report.write.EROFS', { directory }),
    ENOSPC: () => say(lang, 'report.write.ENOSPC', { directory }),
    EDQUOT: () => say(lang, 'report.write.EDQUOT', { directory }),
    EFBIG: () => say(lang, 'report.write.EFBIG'),
    EISDIR: () => say(lang, 'report.write.EISDIR', { target }),
    ENAMETOOLONG: () => say(lang, 'report.write.ENAMETOOLONG'),
  };
  const why = code !== null && Object.hasOwn(meaning, code) ? meaning[code]!() : say(lang, 'report.write.other');
  return say(lang, 'report.write.failed', { what: writtenFileName(file), target, why, os });
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

async function existingFile(target: string, what: WriteTarget): Promise<Result<Kept | null, 'WRITE_FAILED'>> {
  try {
    const info = await stat(target);
    if (info.isDirectory()) {
      const example = join(target, 'icmp-doctor-report.html');
      return fail('WRITE_FAILED', say(what.lang, 'report.write.is-directory', { what: writtenFileName(what), target, example }));
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

async function replaceAtomically(target: string, content: Buffer, kept: Kept | null, what: WriteTarget): Promise<Result<null, 'WRITE_FAILED'>> {
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
 * what happened and what to do, in `what.lang`, naming the file (`what.what`).
 */
export async function writeFileAtomically(path: string, content: Buffer, what: WriteTarget): Promise<Result<{ path: string; bytes: number }, 'WRITE_FAILED'>> {
  const target = resolve(path);
  const kept = await existingFile(target, what);
  if (!kept.ok) return kept;
  const written = await replaceAtomically(target, content, kept.value, what);
  if (!written.ok) return written;
  return ok({ path: target, bytes: content.length });
}
