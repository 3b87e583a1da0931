// The main process's core for UI tests: the real WizardApi (electron/handlers/wizard-api.ts)
// run inside a lab namespace, usually as the unprivileged user, spoken to in JSON lines
// (protocol.ts). It stands where Electron's ipcMain would: the page's bridge calls arrive
// here, probe events stream back tagged with their call id, and cancels abort the call.
//
//   ip netns exec <client> setpriv … node --import tsx e2e/ui/support/core-worker.ts

import { createInterface } from 'node:readline';
import type { CallOptions, WizardApi } from '../../../contract/api';
import { createWizardApi } from '../../../electron/handlers/wizard-api';
import type { WorkerCommand, WorkerMessage } from './protocol';

const api = createWizardApi({ environment: process.env });
const running = new Map<string, AbortController>();

function send(message: WorkerMessage): void {
  process.stdout.write(`${JSON.stringify(message)}\n`);
}

/** Calls `method` as the preload's handler would: the request as sent, options rebuilt here. */
function dispatch(api: WizardApi, method: WorkerCommand & { type: 'call' }, options: CallOptions): Promise<unknown> {
  // The request crossed JSON: it is whatever the page sent, typed by the method it names.
  const request = method.request as never;
  switch (method.method) {
    case 'setCloudflareApiToken':
      return api.setCloudflareApiToken(request);
    case 'gatherLocal':
      return api.gatherLocal(options);
    case 'gatherConnectors':
      return api.gatherConnectors(options);
    case 'gatherRoute':
      return api.gatherRoute(request, options);
    case 'gatherCloudflared':
      return api.gatherCloudflared(request, options);
    case 'gatherCloudflareApi':
      return api.gatherCloudflareApi(request, options);
    case 'probeTcp':
      return api.probeTcp(request, options);
    case 'probeIcmp':
      return api.probeIcmp(request, options);
    case 'probePathMtu':
      return api.probePathMtu(request, options);
    case 'probeTransparency':
      return api.probeTransparency(request, options);
    case 'probeTrace':
      return api.probeTrace(request, options);
    case 'importEvidence':
      return api.importEvidence(request, options);
    case 'writeReport':
      return api.writeReport(request);
  }
}

async function call(command: WorkerCommand & { type: 'call' }): Promise<void> {
  const controller = new AbortController();
  running.set(command.callId, controller);
  const options: CallOptions = { signal: controller.signal, onProbe: (event) => send({ type: 'probe', callId: command.callId, event }) };
  try {
    const value = await dispatch(api, command, options);
    send({ type: 'result', callId: command.callId, value });
  } catch (error) {
    send({ type: 'thrown', callId: command.callId, message: error instanceof Error ? (error.stack ?? error.message) : String(error) });
  } finally {
    running.delete(command.callId);
  }
}

const lines = createInterface({ input: process.stdin });
lines.on('line', (line) => {
  if (line.trim() === '') return;
  const command = JSON.parse(line) as WorkerCommand;
  if (command.type === 'call') void call(command);
  else running.get(command.callId)?.abort();
});
// The test closed our stdin: it is done with us.
lines.on('close', () => process.exit(0));

send({ type: 'ready', pid: process.pid, uid: process.getuid?.() ?? -1, gid: process.getgid?.() ?? -1 });
