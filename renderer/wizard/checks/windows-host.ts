// Whether the evidence was gathered on Windows, where probes go through its ICMP API instead
// of sockets of ours: no ping_group_range, no CAP_NET_RAW, and DF that may not be honoured.

import type { Evidence } from '../../../contract/evidence';

/** The host facts say win32 (Windows, or the Windows build under Wine). */
export function isWindowsHost(evidence: Evidence): boolean {
  const host = evidence.local?.host;
  return host?.ok === true && host.value.platform === 'win32';
}
