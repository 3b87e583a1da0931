// What process PID is, for `check --pid PID`: gone, a connector (and which kind), or some other
// program (its argv[0], else its comm), so a wrong PID is refused with what it really is.

import type { ConnectorKind } from '../../../../contract/evidence';
import { connectorKindOf } from './connector-kinds';
import { ProcessVanished, readProcFile, readProcLink } from './proc-files';

export type ProcessIdentity =
  | { kind: 'missing' }
  | { kind: 'connector'; connector: ConnectorKind }
  /** program: argv[0] as the process shows it, or its comm when argv is empty (a kernel thread, a zombie). */
  | { kind: 'other'; program: string };

/** The largest PID Linux can hand out (PID_MAX_LIMIT on 64-bit). */
export const PID_MAX = 4_194_304;

/** Reads /proc/PID/cmdline, comm and exe (each as far as we may) and classifies the process. Never throws. */
export async function identifyProcess(pid: number): Promise<ProcessIdentity> {
  try {
    const cmdline = await readProcFile(`/proc/${pid}/cmdline`, 64 * 1024);
    const argv = cmdline.ok ? cmdline.value.split('\0').filter((arg, index, all) => index < all.length - 1 || arg !== '') : [];
    const comm = await readProcFile(`/proc/${pid}/comm`, 64);
    const commText = comm.ok ? comm.value.trim() : '';
    const exe = await readProcLink(`/proc/${pid}/exe`).catch(() => null);
    const connector = argv.length === 0 ? null : connectorKindOf(argv, commText, exe?.ok ? exe.value : '');
    if (connector !== null) return { kind: 'connector', connector };
    return { kind: 'other', program: argv[0] ?? (commText || '?') };
  } catch (error) {
    // Gone (or, under hidepid, hidden): either way there is nothing here to examine.
    if (error instanceof ProcessVanished) return { kind: 'missing' };
    return { kind: 'other', program: '?' };
  }
}
