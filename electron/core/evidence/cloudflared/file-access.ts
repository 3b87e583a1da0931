// Why a file could not be read, in words a user can act on: missing, or which permission is
// lacking (with the file's owner and mode, so they can tell whether sudo or a group helps).

import type { Stats } from 'node:fs';
import type { GatherFailureCode } from '../../../../contract/evidence';
import { msg } from '../../../../renderer/i18n/messages/message';
import { errnoOf, refusal } from '../gathered';
import type { Refusal } from '../gathered';

export type FileFailure = Refusal<GatherFailureCode>;

/** The file's role in messages (gather.file.*): its cloudflared log or its config. */
export type FileRole = 'log' | 'config';

export function fileAccessFailure(error: unknown, path: string, role: FileRole, info?: Stats): FileFailure {
  const code = errnoOf(error);
  if (code === 'ENOENT' || code === 'ENOTDIR') return refusal('NOT_FOUND', msg('gather.file.missing', { role, path }));
  if (code === 'EACCES' || code === 'EPERM') {
    const owner = info ? msg('gather.file.owner', { uid: info.uid, gid: info.gid, mode: (info.mode & 0o777).toString(8) }) : '';
    return refusal('PERMISSION_DENIED', msg('gather.file.denied', { role, path, uid: String(process.getuid?.() ?? '?'), owner }));
  }
  if (code === 'EISDIR') return refusal('UNPARSEABLE', msg('gather.file.directory', { role, path }));
  const detail = code ?? (error instanceof Error ? error.message : String(error));
  return refusal('FAILED', msg('gather.file.unreadable', { role, path, detail }));
}
