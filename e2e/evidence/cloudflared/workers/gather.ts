// Worker: runs gatherCloudflared inside a lab namespace (its own loopback, so cloudflared's
// real metrics ports 20241–20245 are ours to use) and as whichever user the test chooses.
// It first starts the metrics servers it is told to, then prints one JSON line
// `{ "result": Gathered<CloudflaredEvidence> }`.
//
//   node --import tsx e2e/evidence/cloudflared/workers/gather.ts '{"servers": [{"port": 20242, "serves": "quic"}],
//     "request": {"logPath": null, "configPath": null, "metricsUrl": null, "connectors": []}, "options": {…}}'

import type { CloudflaredRequest } from '../../../../contract/api';
import type { CloudflaredEvidence, Gathered } from '../../../../contract/evidence';
import { gatherCloudflared, type GatherCloudflaredOptions } from '../../../../electron/core/evidence/cloudflared';
import { startLoopbackServer, type LoopbackServer } from '../../../../test-support/cloudflared/loopback-server';
import { cloudflaredRoutes } from '../../../../test-support/cloudflared/metrics-fixtures';

export interface GatherWorkerInput {
  servers: Array<{ port: number; serves: 'quic' | 'http2' | 'hang' }>;
  request: CloudflaredRequest;
  options: GatherCloudflaredOptions;
}

export interface GatherWorkerOutput {
  result: Gathered<CloudflaredEvidence>;
}

async function main(): Promise<void> {
  const input = JSON.parse(process.argv[2] ?? '{}') as GatherWorkerInput;
  const servers: LoopbackServer[] = [];
  for (const server of input.servers) {
    const routes = server.serves === 'hang' ? { '/metrics': 'hang' as const } : cloudflaredRoutes(server.serves);
    servers.push(await startLoopbackServer(routes, server.port));
  }
  const result = await gatherCloudflared(input.request, input.options);
  await Promise.all(servers.map((server) => server.close()));
  const output: GatherWorkerOutput = { result };
  process.stdout.write(`${JSON.stringify(output)}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
