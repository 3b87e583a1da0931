// Whether a report can ever be written where `--report` asks, decided before a run that takes
// tens of seconds: first from the name alone (check-arguments), then on the file system by
// really creating, and removing, a file beside it (check-preflight). Only trying tells the
// truth: root passes every access() check, yet cannot create files in /sys or /proc or on a
// read-only mount.

import { randomBytes } from 'node:crypto';
import { constants } from 'node:fs';
import { open, stat, unlink } from 'node:fs/promises';
import { basename, dirname, resolve } from 'node:path';
import { errnoOf } from '../core/evidence/gathered';
import { trackTemp, untrackTemp } from '../report/atomic-file';

/** Linux's limits: NAME_MAX bytes for one name, PATH_MAX bytes for a whole path (its NUL included). */
export const NAME_MAX_BYTES = 255;
export const PATH_MAX_BYTES = 4095;

/** Why `raw` can be no report's file name, or null: a phrase after "--report FILE: ". */
export function reportNameProblem(raw: string): string | null {
  if (/[/\\]$/.test(raw) || /(^|\/)\.{1,2}$/.test(raw)) {
    return 'FILE names a directory (it ends in "/", "." or ".."); give a file name such as report.html';
  }
  const name = basename(raw);
  const nameBytes = Buffer.byteLength(name, 'utf8');
  if (nameBytes > NAME_MAX_BYTES) return `the file name is ${nameBytes} bytes long; a name has at most ${NAME_MAX_BYTES}`;
  const pathBytes = Buffer.byteLength(resolve(raw), 'utf8');
  if (pathBytes > PATH_MAX_BYTES) return `the path is ${pathBytes} bytes long; a path has at most ${PATH_MAX_BYTES}`;
  return null;
}

/** A probe's name: hidden, unique, and short enough beside any name that passed reportNameProblem. */
function probeName(directory: string): string {
  return resolve(directory, `.icmp-doctor-probe.${process.pid}.${randomBytes(6).toString('hex')}.tmp`);
}

function whyNot(error: unknown, typed: string, directory: string): string {
  switch (errnoOf(error)) {
    case 'ENOENT':
      return `${typed}: the directory ${directory} does not exist; create it or choose another place`;
    case 'ENOTDIR':
      return `${typed}: a part of ${directory} is not a directory`;
    case 'EACCES':
    case 'EPERM':
      return `${typed}: no permission to create files in ${directory}; choose a directory you can write to`;
    case 'EROFS':
      return `${typed}: ${directory} is on a read-only file system; choose another place`;
    case 'ENOSPC':
    case 'EDQUOT':
      return `${typed}: no space left in ${directory}; free some or choose another place`;
    case 'ENAMETOOLONG':
      return `${typed}: the path is too long`;
    case 'ELOOP':
      return `${typed}: too many levels of symbolic links in ${directory}`;
    default:
      return `${typed}: cannot write there (${error instanceof Error ? error.message : String(error)}); choose another place`;
  }
}

/**
 * Why no report can be written at `path`, or null when one can: the target is not a
 * directory or other non-file, and a new file can really be created (and is removed again)
 * in its directory. `typed` is how the option appeared, for the message.
 */
export async function reportPlaceProblem(typed: string, path: string): Promise<string | null> {
  const target = resolve(path);
  const directory = dirname(target);
  try {
    const existing = await stat(target).catch((error: unknown) => (errnoOf(error) === 'ENOENT' ? null : Promise.reject(error)));
    if (existing?.isDirectory()) return `${typed}: this is a directory; give a file name, e.g. ${resolve(target, 'report.html')}`;
    if (existing && !existing.isFile()) return `${typed}: this is not a regular file (a device, socket or pipe); give a file name`;
    const info = await stat(directory);
    if (!info.isDirectory()) return `${typed}: ${directory} is not a directory`;
  } catch (error) {
    return whyNot(error, typed, directory);
  }
  const probe = probeName(directory);
  // A second Ctrl-C right now exits at once: the exit hook removes the probe then.
  trackTemp(probe);
  try {
    // O_EXCL: never touches an existing file, never follows a planted symlink.
    const handle = await open(probe, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL, 0o600);
    await handle.close();
  } catch (error) {
    untrackTemp(probe);
    return whyNot(error, typed, directory);
  }
  await unlink(probe).catch(() => undefined);
  untrackTemp(probe);
  return null;
}
