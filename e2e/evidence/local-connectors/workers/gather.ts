// Worker: runs gatherLocal() and/or gatherConnectors() in whatever namespace and as whatever
// user it was started (a lab namespace, unprivileged or root) and prints one JSON line
// `{ local?, connectors? }`. If either throws — they must not — it prints `{ threw }`.
//
//   node --import tsx e2e/evidence/local-connectors/workers/gather.ts local connectors

import type { ConnectorProcess, Gathered, LocalEvidence } from '../../../../contract/evidence';
import { gatherConnectors } from '../../../../electron/core/evidence/connectors/index';
import { gatherLocal } from '../../../../electron/core/evidence/local/index';

export interface GatherOutput {
  local?: LocalEvidence;
  connectors?: Gathered<ConnectorProcess[]>;
  threw?: string;
}

const wanted = new Set(process.argv.slice(2));
const output: GatherOutput = {};
try {
  if (wanted.has('local')) output.local = await gatherLocal();
  if (wanted.has('connectors')) output.connectors = await gatherConnectors();
} catch (error) {
  output.threw = error instanceof Error ? (error.stack ?? error.message) : String(error);
}
process.stdout.write(`${JSON.stringify(output)}\n`);
