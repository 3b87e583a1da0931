// Which findings the app shows when several connector processes were found (issue 9): the
// host-wide roll-up by default, or the one connector the user picked — its own verdict, its
// own causes and fixes, never another process's. A pick that no longer exists (a re-run found
// other processes) falls back to the roll-up rather than to an empty screen.

import type { ConnectorRef, ConnectorVerdict, Finding } from '../../contract/findings';
import type { WizardState } from '../wizard/store';

export type VerdictSource = Pick<WizardState, 'findings' | 'connectorVerdicts'>;

/** The picked connector's verdict, or null for the roll-up (nothing picked, or the pick is gone). */
export function pickedVerdict(source: VerdictSource, pid: number | null): ConnectorVerdict | null {
  if (pid === null) return null;
  return source.connectorVerdicts.find((verdict) => verdict.connector.pid === pid) ?? null;
}

/** The findings to show: the picked connector's own, else the store's (the roll-up, or the only verdict). */
export function shownFindings(source: VerdictSource, pid: number | null): Finding[] {
  return pickedVerdict(source, pid)?.findings ?? source.findings;
}

/** "cloudflared pid 4242": a process's name as the CLI and the reports print it (a name, not words: not translated). */
export function connectorName(ref: ConnectorRef): string {
  return `${ref.kind} pid ${ref.pid}`;
}
