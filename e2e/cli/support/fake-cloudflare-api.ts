// Starts cloudflare-api-server.mjs (the documented connectivity-settings JSON) inside a lab
// namespace, so CLOUDFLARE_API_BASE can point a CLI run there at http://127.0.0.1:PORT. The
// remote SaaS API is the one thing the project allows a stand-in for.

import type { ChildProcess } from 'node:child_process';
import readline from 'node:readline';
import { fileURLToPath } from 'node:url';
import { killGroup } from '../../lab/exec';
import type { Lab } from '../../lab/lab';
import type { NsRole } from '../../lab/topology';

const SCRIPT = fileURLToPath(new URL('./cloudflare-api-server.mjs', import.meta.url));
const READY_TIMEOUT_MS = 5_000;

export interface FakeCloudflareApi {
  /** For CLOUDFLARE_API_BASE: http://127.0.0.1:PORT/client/v4 */
  base: string;
  /** Requests seen so far: the path and whether they carried the accepted token. */
  requests: Array<{ path: string; authorized: boolean }>;
  stop(): void;
}

export interface FakeApiSettings {
  token: string;
  accountId: string;
  icmpProxyEnabled: boolean;
}

export function startFakeCloudflareApi(lab: Lab, role: NsRole, settings: FakeApiSettings): Promise<FakeCloudflareApi> {
  const child: ChildProcess = lab.spawn(role, [process.execPath, SCRIPT], {
    env: {
      NODE_OPTIONS: undefined,
      CF_FAKE_TOKEN: settings.token,
      CF_FAKE_ACCOUNT: settings.accountId,
      CF_FAKE_ICMP: String(settings.icmpProxyEnabled),
    },
  });
  const requests: FakeCloudflareApi['requests'] = [];
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      killGroup(child);
      reject(new Error('the fake Cloudflare API did not start'));
    }, READY_TIMEOUT_MS);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the fake Cloudflare API exited (${code}) while starting`));
    });
    readline.createInterface({ input: child.stdout! }).on('line', (line) => {
      const listening = /^listening (\d+)$/.exec(line);
      if (listening) {
        clearTimeout(timer);
        child.removeAllListeners('exit');
        resolve({ base: `http://127.0.0.1:${listening[1]}/client/v4`, requests, stop: () => killGroup(child) });
        return;
      }
      try {
        requests.push(JSON.parse(line) as { path: string; authorized: boolean });
      } catch {
        // not a request line
      }
    });
  });
}
