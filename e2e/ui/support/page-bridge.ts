// Puts a DoctorBridge on the page as the preload would (window.icmpDoctor), backed by the
// Node-side bridge: each method is a call through one exposed binding; probe events are pushed
// into the page. Ordering matters as it does over Electron's IPC: a call's result reaches the
// page only after every probe event that came before it.

import type { Page } from 'playwright-core';
import type { BridgeMethod, DoctorBridge } from '../../../contract/bridge';
import type { ImportKind } from '../../../contract/evidence';
import type { Report } from '../../../contract/report';

const BINDING = '__icmpDoctorHost';
const DELIVER = '__icmpDoctorDeliverProbe';

type HostOp =
  | { op: 'call'; method: BridgeMethod; request: unknown; callId: string }
  | { op: 'cancel'; callId: string }
  | { op: 'saveReport'; report: Report; suggestedName: string; lang?: 'en' | 'ja' }
  | { op: 'pickFile'; kind: ImportKind }
  | { op: 'appInfo' };

/** The page's half, run before the app's script: the same surface the preload exposes. */
const PAGE_SCRIPT = `(() => {
  const host = (message) => window.${BINDING}(message);
  const listeners = new Set();
  Object.defineProperty(window, '${DELIVER}', {
    value: (callId, event) => { for (const listener of listeners) listener(callId, event); },
  });
  window.icmpDoctor = Object.freeze({
    call: (method, request, callId) => host({ op: 'call', method, request, callId }),
    cancel: (callId) => { void host({ op: 'cancel', callId }); },
    onProbe: (listener) => { listeners.add(listener); return () => { listeners.delete(listener); }; },
    saveReport: (report, suggestedName, lang) => host({ op: 'saveReport', report, suggestedName, lang }),
    pickFile: (kind) => host({ op: 'pickFile', kind }),
    appInfo: () => host({ op: 'appInfo' }),
  });
})();`;

export async function installBridge(page: Page, bridge: DoctorBridge): Promise<void> {
  // Probe events go into the page one after another; results wait for the queue to drain.
  let delivered: Promise<unknown> = Promise.resolve();
  const unsubscribe = bridge.onProbe((callId, event) => {
    delivered = delivered
      .then(() => page.evaluate(([name, id, probe]) => (Reflect.get(globalThis, name) as (c: string, e: unknown) => void)(id, probe), [DELIVER, callId, event] as const))
      .catch(() => undefined); // The page is gone or reloading: nobody is listening.
  });
  page.once('close', unsubscribe);

  await page.exposeBinding(BINDING, async (_source, message: HostOp) => {
    switch (message.op) {
      case 'call': {
        const value = await bridge.call(message.method, message.request as never, message.callId);
        await delivered;
        return value;
      }
      case 'cancel':
        bridge.cancel(message.callId);
        return null;
      case 'saveReport':
        return bridge.saveReport(message.report, message.suggestedName, message.lang);
      case 'pickFile':
        return bridge.pickFile(message.kind);
      case 'appInfo':
        return bridge.appInfo();
    }
  });
  await page.addInitScript(PAGE_SCRIPT);
}
