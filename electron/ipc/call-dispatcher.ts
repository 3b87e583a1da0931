// Runs the renderer's `call`s against the handler table: validates the method and request,
// registers the call for cancellation, streams its probe events back tagged with its call
// id, and forgets it when it settles. Pure — Electron's IPC (register-ipc.ts) and any other
// transport (a browser test harness) hand it the sender's id and a probe sink.

import type { CallOptions, CloudflaredRequest, ImportRequest, IcmpRequest, PathMtuRequest, RouteRequest, TcpRequest, TraceRequest, TransparencyRequest, WizardApi } from '../../contract/api';
import type { BridgeMethod } from '../../contract/bridge';
import type { ProbeEvent } from '../../native/index';
import { validateCall, type CallRefusalCode } from './bridge-methods';
import { CallRegistry, type StartRefusalCode } from './call-registry';

/** Delivers one probe event of call `callId` to the window that made it. */
export type ProbeSink = (callId: string, event: ProbeEvent) => void;

/** A call refused before it ran: the promise the renderer awaits rejects with this. */
export class CallRefusedError extends Error {
  override readonly name = 'CallRefusedError';
  constructor(
    readonly code: CallRefusalCode | StartRefusalCode,
    message: string,
  ) {
    super(message);
  }
}

export interface CallDispatcher {
  /** Validates and runs one call for `owner` (a webContents id); rejects with CallRefusedError when refused. */
  call(owner: number, method: unknown, request: unknown, callId: unknown, sendProbe: ProbeSink): Promise<unknown>;
  /** Cancels one of `owner`'s calls; unknown ids are ignored (the call may just have finished). */
  cancel(owner: number, callId: unknown): void;
  /** Cancels every call of `owner`. */
  cancelAll(owner: number): void;
  readonly registry: CallRegistry;
}

/** Calls the method; `request` has passed validateCall, which is what the casts rely on. */
function invoke(api: WizardApi, method: BridgeMethod, request: unknown, options: CallOptions): Promise<unknown> {
  switch (method) {
    case 'setCloudflareApiToken':
      return api.setCloudflareApiToken(request as string | null);
    case 'gatherLocal':
      return api.gatherLocal(options);
    case 'gatherConnectors':
      return api.gatherConnectors(options);
    case 'gatherRoute':
      return api.gatherRoute(request as RouteRequest, options);
    case 'gatherCloudflared':
      return api.gatherCloudflared(request as CloudflaredRequest, options);
    case 'gatherCloudflareApi':
      return api.gatherCloudflareApi(request as { accountId: string }, options);
    case 'probeTcp':
      return api.probeTcp(request as TcpRequest, options);
    case 'probeIcmp':
      return api.probeIcmp(request as IcmpRequest, options);
    case 'probePathMtu':
      return api.probePathMtu(request as PathMtuRequest, options);
    case 'probeTransparency':
      return api.probeTransparency(request as TransparencyRequest, options);
    case 'probeTrace':
      return api.probeTrace(request as TraceRequest, options);
    case 'importEvidence':
      return api.importEvidence(request as ImportRequest, options);
    case 'writeReport':
      // validateCall refuses it over the bridge; reaching here is a bug in this module.
      return Promise.reject(new CallRefusedError('NOT_CALLABLE', 'writeReport is not callable from the window'));
  }
}

export function createCallDispatcher(api: WizardApi, registry: CallRegistry = new CallRegistry()): CallDispatcher {
  return {
    registry,
    async call(owner, method, request, callId, sendProbe) {
      const valid = validateCall(method, request);
      if (!valid.ok) throw new CallRefusedError(valid.code, valid.message);
      const started = registry.start(owner, callId);
      if (!started.ok) throw new CallRefusedError(started.code, started.message);
      const id = started.value.callId;
      const options: CallOptions = {
        signal: started.value.signal,
        onProbe: (event) => sendProbe(id, event),
      };
      try {
        return await invoke(api, valid.value.method, valid.value.request, options);
      } catch (error) {
        if (error instanceof CallRefusedError) throw error;
        // The handler table promises never to throw; if one does, say which call failed.
        throw new Error(`${valid.value.method} failed unexpectedly: ${error instanceof Error ? error.message : String(error)}`);
      } finally {
        registry.finish(owner, id);
      }
    },
    cancel(owner, callId) {
      registry.cancel(owner, callId);
    },
    cancelAll(owner) {
      registry.cancelAll(owner);
    },
  };
}
