// The verdicts: one Finding per check, with stable ids (DESIGN.md §2), the evidence that
// decided it and the changes that fix it.

import type { DeployStyle } from './deploy';

export const FINDING_IDS = [
  'local-icmp-socket',
  'tcp-vs-icmp',
  'tunnel-transport',
  'icmp-proxy',
  'connector-gid-range',
  'icmp-error-transparency',
  'path-mtu',
  'icmp-policy',
] as const;

export type FindingId = (typeof FINDING_IDS)[number];

/**
 * pass: checked, fine. fail: checked, this is (a) cause. warn: works, but something is off.
 * skip: does not apply here (other product, no target). unknown: not enough evidence — the
 * summary then says which evidence would decide it.
 */
export type FindingStatus = 'pass' | 'fail' | 'warn' | 'skip' | 'unknown';

export interface FindingEvidence {
  /** Where the fact came from: "/proc/1234/status", "cloudflared log line 12", "probe". */
  source: string;
  detail: string;
}

export type RemediationKind = 'command' | 'file' | 'yaml' | 'dashboard';

export interface Remediation {
  /** Stable id of this fix, e.g. "ping-range.kubernetes-pod-sysctls": tests and ordering use it, not the title. */
  id: string;
  /** The deployment styles this fix serves; empty: any (a dashboard toggle, a firewall on the path). */
  deploy: DeployStyle[];
  /** What this fix is for: "Persist across reboots", "Kubernetes pod", "Twingate Helm chart". */
  title: string;
  kind: RemediationKind;
  /** The exact text: a shell command (already quoted), a file's content, YAML, or dashboard steps. */
  text: string;
  /** For `file`: where it goes. */
  path?: string;
}

export interface Finding {
  id: FindingId;
  status: FindingStatus;
  title: string;
  summary: string;
  evidence: FindingEvidence[];
  remediation: Remediation[];
  /**
   * Set on a failing (or undecided) finding that follows from other failing findings: the root
   * causes that explain it, in the order to fix them (renderer/wizard/causes). Absent: nothing
   * else explains it — if it fails, it is a cause itself.
   */
  explainedBy?: FindingId[];
}
