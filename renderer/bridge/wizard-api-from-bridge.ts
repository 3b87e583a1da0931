// Turns the preload's DoctorBridge back into a WizardApi, so the wizard store cannot tell the
// desktop app from the CLI. What the bridge cannot carry — AbortSignals and callbacks — is
// rebuilt from call ids: aborting a signal cancels its call in main, and probe events, which
// arrive on one shared subscription, are handed to the call that asked for them.

import type { CallOptions, WizardApi } from '../../contract/api';
import type { BridgeMethod, BridgeRequest, BridgeResponse, DoctorBridge } from '../../contract/bridge';
import type { ProbeEvent } from '../../native/index';

/** A prefix unique to this page load: call ids stay unique across reloads of the window. */
function loadPrefix(): string {
  const bytes = new Uint8Array(4);
  globalThis.crypto.getRandomValues(bytes);
  return Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('');
}

export function wizardApiFromBridge(bridge: DoctorBridge): WizardApi {
  const prefix = loadPrefix();
  let counter = 0;
  const probeListeners = new Map<string, (event: ProbeEvent) => void>();
  let subscribed = false;

  const routeProbes = (): void => {
    if (subscribed) return;
    subscribed = true;
    // One subscription for the page's life: the store makes many calls, the bridge has one stream.
    bridge.onProbe((callId, event) => probeListeners.get(callId)?.(event));
  };

  async function invoke<M extends BridgeMethod>(method: M, request: BridgeRequest<M>, options?: CallOptions): Promise<BridgeResponse<M>> {
    counter += 1;
    const callId = `${prefix}-${counter}`;
    const onProbe = options?.onProbe;
    if (onProbe) {
      routeProbes();
      probeListeners.set(callId, onProbe);
    }
    const signal = options?.signal;
    const cancel = (): void => bridge.cancel(callId);
    try {
      const pending = bridge.call(method, request, callId);
      // Main settles a cancelled call with its CANCELLED failure; we only pass the word on.
      if (signal?.aborted) cancel();
      else signal?.addEventListener('abort', cancel, { once: true });
      return await pending;
    } finally {
      signal?.removeEventListener('abort', cancel);
      probeListeners.delete(callId);
    }
  }

  return {
    setCloudflareApiToken: (token) => invoke('setCloudflareApiToken', token),
    // Methods without a request: their only parameter is the options, which stay on this side.
    gatherLocal: (options) => invoke('gatherLocal', undefined, options),
    gatherConnectors: (options) => invoke('gatherConnectors', undefined, options),
    gatherRoute: (request, options) => invoke('gatherRoute', request, options),
    gatherCloudflared: (request, options) => invoke('gatherCloudflared', request, options),
    gatherCloudflareApi: (request, options) => invoke('gatherCloudflareApi', request, options),
    probeTcp: (request, options) => invoke('probeTcp', request, options),
    probeIcmp: (request, options) => invoke('probeIcmp', request, options),
    probePathMtu: (request, options) => invoke('probePathMtu', request, options),
    probeTransparency: (request, options) => invoke('probeTransparency', request, options),
    probeTrace: (request, options) => invoke('probeTrace', request, options),
    importEvidence: (request, options) => invoke('importEvidence', request, options),
    writeReport: (request) => invoke('writeReport', request),
  };
}
