// cloudflared evidence: what the running connector was told (flags, environment, config.yml),
// what it logged, and what its metrics server reports. See gather-cloudflared.ts.

export { gatherCloudflared, type GatherCloudflaredOptions } from './gather-cloudflared';
export { parseCloudflaredLog } from './parse-log';
export { importCloudflaredLogFile } from './import-log-file';
export type { JournalOptions } from './read-journal';
