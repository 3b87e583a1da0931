// The gatherer's options for one cloudflared request: the caller's signal, and the host-wide
// places to look in turned off where the request says they are not this process's
// (CloudflaredRequest.hostWideLeads: with several processes gathered apart).

import type { CloudflaredRequest } from '../../contract/api';
import type { GatherCloudflaredOptions } from '../core/evidence/cloudflared/index';

export function cloudflaredOptions(request: CloudflaredRequest, signal: AbortSignal | undefined): GatherCloudflaredOptions {
  const options: GatherCloudflaredOptions = signal ? { signal } : {};
  // Over IPC anything may arrive: only an object of booleans restricts anything.
  const leads: unknown = typeof request === 'object' && request !== null ? request.hostWideLeads : undefined;
  if (typeof leads !== 'object' || leads === null) return options;
  const { journal, serviceLogs, portScan } = leads as Record<string, unknown>;
  if (journal === false) options.journal = null;
  if (serviceLogs === false) options.defaultLogPaths = [];
  if (portScan === false) options.metricsPorts = [];
  return options;
}
