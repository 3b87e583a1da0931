// The Zero Trust ICMP proxy setting, from the Cloudflare API. See gather-cloudflare-api.ts.

export { gatherCloudflareApi, API_TIMEOUT_MS, type CloudflareApiOptions } from './gather-cloudflare-api';
export { cloudflareApiBase, DEFAULT_API_BASE } from './api-base';
