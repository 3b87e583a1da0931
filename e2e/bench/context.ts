// What every benchmark gets: the lab, where the addon and the worker scripts are, and
// helpers to run a measured command in a namespace.
import { existsSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ExecOptions, ExecResult, Lab, NsRole, RunAs } from '../lab/lab';

export const REPO_ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const WORKERS = join(REPO_ROOT, 'e2e', 'bench', 'workers');

export interface BenchContext {
  lab: Lab;
  /** Absolute path of the addon's .node file, handed to the workers. */
  addon: string;
  log(message: string): void;
}

/**
 * The addon file, found the way electron/native/addon.ts finds it in a source checkout
 * (`ICMP_DOCTOR_ADDON` first, then native/icmp-doctor.<platform>-<arch>*.node). The
 * workers get the path rather than importing addon.ts: they are plain .mjs, so the
 * measured process is Node + the addon, without the tsx loader.
 */
export function findAddon(): string | null {
  const explicit = process.env['ICMP_DOCTOR_ADDON'];
  if (explicit) return existsSync(explicit) ? explicit : null;
  const directory = join(REPO_ROOT, 'native');
  const stem = `icmp-doctor.${process.platform}-${process.arch}`;
  const names = existsSync(directory) ? readdirSync(directory).filter((n) => n.startsWith(stem) && n.endsWith('.node')) : [];
  const name = names.find((n) => n === `${stem}-gnu.node`) ?? names.sort()[0];
  return name ? join(directory, name) : null;
}

export interface Timed {
  result: ExecResult;
  /** Wall time of the whole command as seen from here: `ip netns exec`, setpriv, process start-up, exit. */
  processMs: number;
}

export async function timedExec(ctx: BenchContext, role: NsRole, argv: readonly string[], options: ExecOptions = {}): Promise<Timed> {
  const started = performance.now();
  const result = await ctx.lab.exec(role, argv, { timeoutMs: 120_000, cwd: REPO_ROOT, ...options });
  return { result, processMs: performance.now() - started };
}

/** Runs a worker script that prints one JSON line; fails loudly with its stderr otherwise. */
export async function runWorker<T>(
  ctx: BenchContext,
  role: NsRole,
  argv: readonly string[],
  options: ExecOptions = {},
): Promise<{ json: T; processMs: number }> {
  const { result, processMs } = await timedExec(ctx, role, argv, options);
  const line = result.stdout.trim().split('\n').filter((l) => l.startsWith('{')).pop();
  if (result.code !== 0 || line === undefined) {
    throw new Error(`worker failed (exit ${result.code ?? result.signal}): ${argv.join(' ')}\n${result.stderr.trim().slice(-2000)}`);
  }
  return { json: JSON.parse(line) as T, processMs };
}

export type SocketKind = 'SOCK_DGRAM (ping socket)' | 'SOCK_RAW' | 'unknown';

/**
 * Which ICMPv4 socket a tool really opened, read from `strace -e trace=socket` of a
 * one-probe run in the same namespace as the same user. Asked, not assumed: iputils
 * tries a ping socket first and falls back to raw, fping does the opposite, and which
 * wins depends on ping_group_range and the caller's groups.
 */
export async function socketOf(ctx: BenchContext, role: NsRole, argv: readonly string[], user: RunAs, stdin?: string): Promise<SocketKind> {
  const { result } = await timedExec(ctx, role, ['strace', '-f', '-qq', '-e', 'trace=socket', ...argv], {
    user,
    ...(stdin === undefined ? {} : { stdin }),
  });
  const opened = [...result.stderr.matchAll(/socket\(AF_INET, (SOCK_DGRAM|SOCK_RAW)[^,]*, IPPROTO_ICMP\) = (-?\d+)/g)].find(
    (m) => Number(m[2]) >= 0,
  );
  if (!opened) return 'unknown';
  return opened[1] === 'SOCK_RAW' ? 'SOCK_RAW' : 'SOCK_DGRAM (ping socket)';
}

/**
 * argv prefix that keeps root (and CAP_NET_RAW) but takes a group outside the client's
 * ping_group_range (0–2147483647), so iputils' ping socket is refused (EACCES) and it falls
 * back to a raw socket: what `ping` as root does on a host with the default range "1 0".
 */
export const ROOT_WITHOUT_PING_GROUP = ['setpriv', '--regid=4294967294', '--clear-groups', '--'];
