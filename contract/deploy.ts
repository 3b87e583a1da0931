// How the connector is deployed: decides which fix comes first (DESIGN.md §2, `--deploy`).
// Chosen by the user (`check --deploy`, the Setup screen) or detected from the evidence.

import type { Message } from './message';

export const DEPLOY_STYLES = ['host', 'systemd', 'docker', 'podman', 'kubernetes', 'helm', 'openwrt'] as const;

export type DeployStyle = (typeof DEPLOY_STYLES)[number];

export function isDeployStyle(value: unknown): value is DeployStyle {
  return typeof value === 'string' && (DEPLOY_STYLES as readonly string[]).includes(value);
}

/** The style the fixes are ordered for, and how it was decided. */
export interface DeployDecision {
  /** `unknown`: neither chosen nor detected; fixes keep their builders' order. */
  style: DeployStyle | 'unknown';
  /** `chosen`: the user said so; `detected`: a signal in the evidence; `none`: nothing decided it. */
  from: 'chosen' | 'detected' | 'none';
  /** What decided it, e.g. "cgroup kubepods of cloudflared (pid 812)"; null when chosen or none. */
  signal: string | null;
  /** `signal` as a message, for output in the user's language. */
  signalMessage?: Message | null;
}
