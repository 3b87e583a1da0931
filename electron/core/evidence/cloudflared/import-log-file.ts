// A cloudflared log file the user picked for import: only that file is read (no config,
// journal or metrics lookup, unlike gatherCloudflared), with the same bounded streaming
// reader as gathering.

import type { CloudflaredEvidence, Gathered } from '../../../../contract/evidence';
import { notGathered } from '../gathered';
import { logScanEvidence, logSources } from './log-evidence';
import { readCloudflaredLogFile } from './read-log-file';

export async function importCloudflaredLogFile(path: string, signal?: AbortSignal): Promise<Gathered<CloudflaredEvidence>> {
  const outcome = await readCloudflaredLogFile(path, signal ? { signal } : {});
  if (!outcome.ok) return notGathered(outcome.code, outcome.reason, path);
  const at = new Date().toISOString();
  const evidence: CloudflaredEvidence = {
    ...logScanEvidence(outcome.scan),
    quicTried: null,
    icmpRequests: null,
    icmpReplies: null,
    configPath: null,
    ...logSources(outcome.description),
  };
  return { ok: true, value: evidence, source: path, at };
}
