// Why a file could not be read, in words a user can act on: missing, or which permission is
// lacking (with the file's owner and mode, so they can tell whether sudo or a group helps).

import type { Stats } from 'node:fs';
import type { GatherFailureCode } from '../../../../contract/evidence';
import { errnoOf } from '../gathered';

export interface FileFailure {
  ok: false;
  code: GatherFailureCode;
  message: string;
}

/** `what` names the file's role ("cloudflared log", "cloudflared config"). */
export function fileAccessFailure(error: unknown, path: string, what: string, info?: Stats): FileFailure {
  const code = errnoOf(error);
  if (code === 'ENOENT' || code === 'ENOTDIR') {
    return { ok: false, code: 'NOT_FOUND', message: `${what} ${path} does not exist.` };
  }
  if (code === 'EACCES' || code === 'EPERM') {
    const owner = info ? ` (owner uid ${info.uid}, group gid ${info.gid}, mode ${(info.mode & 0o777).toString(8)})` : '';
    return {
      ok: false,
      code: 'PERMISSION_DENIED',
      message: `${what} ${path} is not readable by this user (uid ${process.getuid?.() ?? '?'})${owner}: run as root (sudo) or as a user who may read it.`,
    };
  }
  if (code === 'EISDIR') return { ok: false, code: 'UNPARSEABLE', message: `${what} ${path} is a directory, not a file.` };
  const detail = code ?? (error instanceof Error ? error.message : String(error));
  return { ok: false, code: 'FAILED', message: `${what} ${path} could not be read: ${detail}.` };
}
