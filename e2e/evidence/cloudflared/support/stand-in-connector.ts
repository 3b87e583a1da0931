// A real, long-running process standing in for cloudflared: the node binary, exec'ed through a
// symlink named `cloudflared` (so /proc/PID/comm says cloudflared) with exactly the argv and
// environment under test. A preloaded script blocks the main thread in Atomics.wait before
// node would look at its arguments, so it sleeps at no CPU cost until killed.

import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync, readlinkSync, symlinkSync, writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import type { ConnectorProcess, Gathered } from '../../../../contract/evidence';

export interface StandIn {
  pid: number;
  stop(): Promise<void>;
}

/** Starts `<dir>/<name> ARGS…` in `cwd` with exactly `env` (plus the preload); name: e.g. `cloudflared-2023.7.3`. */
export function startStandIn(dir: string, args: readonly string[], env: Record<string, string>, cwd = dir, name = 'cloudflared'): StandIn {
  const binary = join(dir, name);
  const preload = join(dir, 'block-forever.cjs');
  if (!existsSync(binary)) symlinkSync(process.execPath, binary);
  if (!existsSync(preload)) writeFileSync(preload, 'Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0);\n');
  const child: ChildProcess = spawn(binary, [...args], {
    cwd,
    env: { ...env, NODE_OPTIONS: `--require ${preload}` },
    stdio: 'ignore',
  });
  if (child.pid === undefined) throw new Error('the stand-in cloudflared did not start');
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return {
    pid: child.pid,
    stop: async () => {
      child.kill('SIGKILL');
      await exited;
    },
  };
}

function statusIds(status: string, field: 'Uid' | 'Gid'): [number, number, number, number] {
  const line = status.split('\n').find((entry) => entry.startsWith(`${field}:`)) ?? '';
  const ids = line.split(/\s+/).slice(1, 5).map(Number);
  return [ids[0] ?? -1, ids[1] ?? -1, ids[2] ?? -1, ids[3] ?? -1];
}

const ENVIRONMENT_KEYS = ['TUNNEL_TRANSPORT_PROTOCOL', 'TUNNEL_METRICS', 'TUNNEL_LOGFILE', 'TUNNEL_LOGDIRECTORY', 'HOME'];

/**
 * The ConnectorProcess the product's discovery builds, read the same way from /proc (the
 * discovery module is someone else's; this reads only what these tests need).
 */
export function connectorFromProc(pid: number): ConnectorProcess {
  const at = new Date().toISOString();
  const command = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter((arg, index, all) => index < all.length - 1 || arg !== '');
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const groupsLine = status.split('\n').find((line) => line.startsWith('Groups:')) ?? 'Groups:';
  const environ = readFileSync(`/proc/${pid}/environ`, 'utf8').split('\0');
  const environment: Record<string, string> = {};
  for (const entry of environ) {
    const equals = entry.indexOf('=');
    if (equals > 0 && ENVIRONMENT_KEYS.includes(entry.slice(0, equals))) environment[entry.slice(0, equals)] = entry.slice(equals + 1);
  }
  const [low, high] = readFileSync('/proc/sys/net/ipv4/ping_group_range', 'utf8').trim().split(/\s+/).map(Number);
  const netns = readlinkSync(`/proc/${pid}/ns/net`);
  const range: Gathered<{ low: number; high: number }> = { ok: true, value: { low: low ?? 1, high: high ?? 0 }, source: `/proc/${pid}`, at };
  return {
    kind: 'cloudflared',
    pid,
    command,
    uids: statusIds(status, 'Uid'),
    gids: statusIds(status, 'Gid'),
    groups: groupsLine.split(/\s+/).slice(1).filter(Boolean).map(Number),
    netns,
    sameNetnsAsUs: netns === readlinkSync('/proc/self/ns/net'),
    pingGroupRange: range,
    environment: { ok: true, value: environment, source: `/proc/${pid}/environ`, at },
    container: null,
  };
}
