// The bridge between the renderer and the main process: what the preload exposes on
// `window.icmpDoctor`, and the IPC channels behind it. The renderer adapts it back into a
// WizardApi (renderer/bridge/), so the wizard store cannot tell the CLI from the app.
// Only structured-clone-safe data crosses: no functions, no AbortSignals, no Electron objects.

import type { ProbeEvent } from '../native/index';
import type { WizardApi } from './api';
import type { Report, ReportFormat } from './report';
import type { Result } from './result';
import type { ImportKind } from './evidence';

/** WizardApi methods callable over the bridge (every one of them). */
export type BridgeMethod = keyof WizardApi;

/** The first argument of a WizardApi method (undefined for those that take none). */
export type BridgeRequest<M extends BridgeMethod> = Parameters<WizardApi[M]>[0];

/** What a WizardApi method resolves to. */
export type BridgeResponse<M extends BridgeMethod> = Awaited<ReturnType<WizardApi[M]>>;

export interface SaveReportResult {
  path: string;
  bytes: number;
  format: ReportFormat;
}

export interface PickedFile {
  path: string;
  /** The file name, for labels. */
  name: string;
}

export interface AppInfo {
  version: string;
  platform: string;
  /** The UI language the OS prefers ("en", "ja", …). */
  locale: string;
}

export interface DoctorBridge {
  /**
   * Calls a WizardApi method in the main process. `callId` (unique per call) lets `cancel`
   * abandon it and tags the probe events it streams.
   */
  call<M extends BridgeMethod>(method: M, request: BridgeRequest<M>, callId: string): Promise<BridgeResponse<M>>;
  cancel(callId: string): void;
  /** Live probe events of running calls. Returns the unsubscribe function. */
  onProbe(listener: (callId: string, event: ProbeEvent) => void): () => void;
  /** Shows a save dialog and writes the report in the chosen format (by extension), in `lang` (the UI's language). */
  saveReport(report: Report, suggestedName: string, lang?: 'en' | 'ja'): Promise<Result<SaveReportResult, 'CANCELLED' | 'WRITE_FAILED' | 'BAD_FORMAT'>>;
  /** Shows an open dialog for evidence of `kind`; null when the user cancels. */
  pickFile(kind: ImportKind): Promise<PickedFile | null>;
  appInfo(): Promise<AppInfo>;
}

/** IPC channel names (main ⇄ preload). */
export const IPC = {
  call: 'icmp-doctor:call',
  cancel: 'icmp-doctor:cancel',
  probe: 'icmp-doctor:probe',
  saveReport: 'icmp-doctor:save-report',
  pickFile: 'icmp-doctor:pick-file',
  appInfo: 'icmp-doctor:app-info',
} as const;

/** The global the preload defines in the renderer (contextBridge.exposeInMainWorld). */
export const BRIDGE_GLOBAL = 'icmpDoctor';
