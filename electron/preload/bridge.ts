// The DoctorBridge the preload exposes, built over an IPC transport (ipcRenderer in the
// app). Only functions reach the page: each forwards its arguments to one channel, and
// probe listeners are wrapped so the page gets (callId, event) and never Electron's event
// object (whose `sender` would hand the page ipcRenderer itself).

import type { BridgeMethod, BridgeRequest, BridgeResponse, DoctorBridge, PickedFile, AppInfo } from '../../contract/bridge';
import { IPC } from '../../contract/bridge';
import type { ImportKind } from '../../contract/evidence';
import type { Report } from '../../contract/report';
import type { ProbeEvent } from '../../native/index';

/** The part of ipcRenderer the bridge uses. */
export interface IpcTransport {
  invoke(channel: string, ...args: unknown[]): Promise<unknown>;
  send(channel: string, ...args: unknown[]): void;
  on(channel: string, listener: (event: unknown, ...args: unknown[]) => void): unknown;
  removeListener(channel: string, listener: (event: unknown, ...args: unknown[]) => void): unknown;
}

type SaveReportAnswer = Awaited<ReturnType<DoctorBridge['saveReport']>>;

export function createBridge(ipc: IpcTransport): DoctorBridge {
  return {
    call<M extends BridgeMethod>(method: M, request: BridgeRequest<M>, callId: string): Promise<BridgeResponse<M>> {
      return ipc.invoke(IPC.call, method, request, callId) as Promise<BridgeResponse<M>>;
    },
    cancel(callId: string): void {
      ipc.send(IPC.cancel, callId);
    },
    onProbe(listener: (callId: string, event: ProbeEvent) => void): () => void {
      const forward = (_event: unknown, callId: unknown, probe: unknown): void => {
        if (typeof callId !== 'string' || typeof probe !== 'object' || probe === null) return;
        try {
          listener(callId, probe as ProbeEvent);
        } catch (error) {
          // One failing listener must not stop the others (they share ipcRenderer's emitter).
          console.error('icmpDoctor.onProbe listener failed:', error);
        }
      };
      ipc.on(IPC.probe, forward);
      let subscribed = true;
      return () => {
        if (!subscribed) return;
        subscribed = false;
        ipc.removeListener(IPC.probe, forward);
      };
    },
    saveReport(report: Report, suggestedName: string, lang?: 'en' | 'ja'): Promise<SaveReportAnswer> {
      return ipc.invoke(IPC.saveReport, report, suggestedName, lang) as Promise<SaveReportAnswer>;
    },
    pickFile(kind: ImportKind): Promise<PickedFile | null> {
      return ipc.invoke(IPC.pickFile, kind) as Promise<PickedFile | null>;
    },
    appInfo(): Promise<AppInfo> {
      return ipc.invoke(IPC.appInfo) as Promise<AppInfo>;
    },
  };
}
