// Throwaway network namespaces for tests that need ping sockets to work: the host's
// ping_group_range stays untouched, the namespace gets "0 2147483647" and is always removed.

import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';

/** Why namespace tests cannot run here, or null. */
export function netnsUnavailableReason(): string | null {
  if (process.getuid?.() !== 0) return 'needs root to create network namespaces (ip netns add)';
  try {
    execFileSync('ip', ['-V'], { stdio: 'ignore' });
  } catch {
    return 'the ip command (iproute2) is not installed';
  }
  return null;
}

/** Creates a namespace with lo up and ping sockets allowed for every group; returns its name. */
export function createPingNamespace(prefix: string): string {
  const name = `${prefix}${process.pid}${randomBytes(3).toString('hex')}`;
  execFileSync('ip', ['netns', 'add', name]);
  try {
    execFileSync('ip', ['-n', name, 'link', 'set', 'lo', 'up']);
    execFileSync('ip', ['netns', 'exec', name, 'sysctl', '-qw', 'net.ipv4.ping_group_range=0 2147483647']);
  } catch (error) {
    deleteNamespace(name);
    throw error;
  }
  return name;
}

export function deleteNamespace(name: string): void {
  try {
    execFileSync('ip', ['netns', 'del', name], { stdio: 'ignore' });
  } catch {
    // Already gone; nothing to clean up.
  }
}
