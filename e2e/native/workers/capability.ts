// Worker: prints probeCapability() and what ping() does with `target` (throws or starts),
// through the socket kind given as the second argument (default: the addon's, auto).

import { loadAddon } from '../../../electron/native/addon';
import type { Capability, SocketChoice } from '../../../native/index';

export interface CapabilityWorkerOutput {
  capability: Capability;
  ping: { started: true } | { started: false; name: string; code: string | null; message: string };
}

const target = process.argv[2] ?? '127.0.0.1';
const socket = process.argv[3] as SocketChoice | undefined;
const addon = loadAddon();
const capability = addon.probeCapability();
const session = new addon.Session(() => {}, socket ? { socket } : {});
let ping: CapabilityWorkerOutput['ping'];
try {
  session.ping({ target, count: 1, timeoutMs: 200 });
  ping = { started: true };
} catch (error) {
  const e = error as Error & { code?: string };
  ping = { started: false, name: e.name, code: e.code ?? null, message: e.message };
}
session.close();
process.stdout.write(`${JSON.stringify({ capability, ping } satisfies CapabilityWorkerOutput)}\n`);
