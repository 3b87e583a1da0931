// The verdicts: one Finding per check, with stable ids (DESIGN.md §2), the evidence that
// decided it and the changes that fix it.

import type { DeployStyle } from './deploy';
import type { ConnectorKind } from './evidence';
import type { Message } from './message';

export const FINDING_IDS = [
  'local-icmp-socket',
  'tcp-vs-icmp',
  'tunnel-connection',
  'tunnel-transport',
  'icmp-proxy',
  'connector-gid-range',
  'icmp-error-transparency',
  'path-mtu',
  'icmp-policy',
  'route-through-tunnel',
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
  /** `source` as a message, when it has our own words rather than only a path, URL or command. */
  sourceMessage?: Message;
  /** What it said, in the report's language (or verbatim, for a quoted log line). */
  detail: string;
  /** `detail` as a message, when it is our own words rather than a quote. */
  message?: Message;
}

export type RemediationKind = 'command' | 'file' | 'yaml' | 'dashboard';

export interface Remediation {
  /** Stable id of this fix, e.g. "ping-range.kubernetes-pod-sysctls": tests and ordering use it, not the title. */
  id: string;
  /** The deployment styles this fix serves; empty: any (a dashboard toggle, a firewall on the path). */
  deploy: DeployStyle[];
  /** What this fix is for: "Persist across reboots", "Kubernetes pod", "Twingate Helm chart". */
  title: string;
  /** `title` as a message (the catalogue's `fix.*` keys). */
  titleMessage?: Message;
  kind: RemediationKind;
  /** The exact text: a shell command (already quoted), a file's content, YAML, or dashboard steps. */
  text: string;
  /** `text` as a message, when it holds words (dashboard steps, YAML comments); commands are shown as they are. */
  textMessage?: Message;
  /** For `file`: where it goes. */
  path?: string;
}

export interface Finding {
  id: FindingId;
  status: FindingStatus;
  title: string;
  summary: string;
  /** Why it has this status, as a message: the machine-readable reason beside `summary`. */
  reason?: Message;
  evidence: FindingEvidence[];
  remediation: Remediation[];
  /**
   * Set on a failing (or undecided) finding that follows from other failing findings: the root
   * causes that explain it, in the order to fix them (renderer/wizard/causes). Absent: nothing
   * else explains it — if it fails, it is a cause itself.
   */
  explainedBy?: FindingId[];
  /**
   * With several connector processes, the one this finding is about (renderer/wizard/
   * connector-verdicts.ts): each connector gets its own verdict, and a host-wide finding taken
   * from one of them says whose it is, so a fix never carries another process's facts. Absent:
   * one connector (or none), or every connector got this same verdict.
   */
  connector?: ConnectorRef;
}

/** A connector process, as a finding or a verdict names it. */
export interface ConnectorRef {
  kind: ConnectorKind;
  pid: number;
}

/** One connector process's own verdict: its evidence alone, its causes, its fixes. */
export interface ConnectorVerdict {
  connector: ConnectorRef & {
    /** argv[0] as /proc/PID/cmdline has it: tells two connectors apart for people. */
    executable: string | null;
    /** real and effective uid/gid. */
    uid: number;
    gid: number;
    egid: number;
    netns: string | null;
    /** The config file its cloudflared evidence names, if any. */
    configPath: string | null;
  };
  /** The root causes of this connector's findings, in the order to fix them. */
  causes: FindingId[];
  findings: Finding[];
}
