// Starts cloudflare-api-server.mjs (the documented connectivity-settings JSON) inside a lab
// namespace, so CLOUDFLARE_API_BASE can point a CLI run there at http://127.0.0.1:PORT. The
// remote SaaS API is the one thing the project allows a stand-in for.

import { fileURLToPath } from 'node:url';
import type { Lab } from '../../lab/lab';
import type { NsRole } from '../../lab/topology';
import { startLabServer } from './lab-server';

const SCRIPT = fileURLToPath(new URL('./cloudflare-api-server.mjs', import.meta.url));

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

export async function startFakeCloudflareApi(lab: Lab, role: NsRole, settings: FakeApiSettings): Promise<FakeCloudflareApi> {
  const requests: FakeCloudflareApi['requests'] = [];
  const env = { CF_FAKE_TOKEN: settings.token, CF_FAKE_ACCOUNT: settings.accountId, CF_FAKE_ICMP: String(settings.icmpProxyEnabled) };
  const server = await startLabServer(lab, role, SCRIPT, env, 'the fake Cloudflare API', (line) => {
    try {
      requests.push(JSON.parse(line) as { path: string; authorized: boolean });
    } catch {
      // not a request line
    }
  });
  return { base: `http://127.0.0.1:${server.port}/client/v4`, requests, stop: server.stop };
}
