// Finds the bridge the preload put on `window`, and says precisely what is wrong when it is
// missing or incomplete (the page opened in a plain browser, or a preload that failed), so the
// app can show that instead of failing on the first click.

import { BRIDGE_GLOBAL, type DoctorBridge } from '../../contract/bridge';

const MEMBERS = ['call', 'cancel', 'onProbe', 'saveReport', 'pickFile', 'appInfo'] as const;

export type BridgeLookup = { ok: true; bridge: DoctorBridge } | { ok: false; problem: string };

export function findBridge(scope: object): BridgeLookup {
  const candidate: unknown = Reflect.get(scope, BRIDGE_GLOBAL);
  if (typeof candidate !== 'object' || candidate === null) {
    return { ok: false, problem: `window.${BRIDGE_GLOBAL} is not defined: the app's preload script did not run` };
  }
  const missing = MEMBERS.filter((name) => typeof Reflect.get(candidate, name) !== 'function');
  if (missing.length > 0) {
    return { ok: false, problem: `window.${BRIDGE_GLOBAL} lacks ${missing.join(', ')}: the preload and this page come from different versions` };
  }
  return { ok: true, bridge: candidate as DoctorBridge };
}
