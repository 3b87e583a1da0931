// cloudflared's version (YYYY.M.P, "Version 2023.7.3" / build_info) and the rules that change
// with it. Each rule names the release that changed it (github.com/cloudflare/cloudflared,
// ingress/icmp_linux.go): up to 2024.3.x cloudflared compares its REAL gid (os.Getgid) with
// ping_group_range and parses the range with strconv.ParseInt(…, 10, 32), so a high end above
// 2147483647 fails to parse; from 2024.4.0 it checks its effective gid.

export interface CloudflaredVersion {
  year: number;
  month: number;
  patch: number;
}

const VERSION = /^(\d{4})\.(\d{1,2})\.(\d+)(?:[-+.\w]*)$/;

/** "2023.7.3" → {2023, 7, 3}; null for "DEV", "" and anything else that is not a release. */
export function parseCloudflaredVersion(text: string | null | undefined): CloudflaredVersion | null {
  const match = typeof text === 'string' ? VERSION.exec(text.trim()) : null;
  if (!match) return null;
  return { year: Number(match[1]), month: Number(match[2]), patch: Number(match[3]) };
}

/** Negative when a is older than b, 0 when equal, positive when newer. */
export function compareVersions(a: CloudflaredVersion, b: CloudflaredVersion): number {
  return a.year - b.year || a.month - b.month || a.patch - b.patch;
}

/** The first release that checks the effective gid and parses the range unsigned. */
export const EFFECTIVE_GID_SINCE: CloudflaredVersion = { year: 2024, month: 4, patch: 0 };

/** Which of its gids this version compares with ping_group_range; null when the version is not known. */
export function gidCheckedBy(version: string | null | undefined): 'real' | 'effective' | null {
  const parsed = parseCloudflaredVersion(version);
  if (!parsed) return null;
  return compareVersions(parsed, EFFECTIVE_GID_SINCE) < 0 ? 'real' : 'effective';
}

/** This version reads the range as a signed 32-bit number (a high end above 2147483647 fails); null when not known. */
export function parsesRangeSigned(version: string | null | undefined): boolean | null {
  const parsed = parseCloudflaredVersion(version);
  if (!parsed) return null;
  return compareVersions(parsed, EFFECTIVE_GID_SINCE) < 0;
}
