// Where the numbers came from: machine, kernel, tool versions. Recorded with every result
// file, since a rate measured on a 2-core VM is not comparable with one from a laptop.
import { spawnSync } from 'node:child_process';
import { readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import { join } from 'node:path';
import { REPO_ROOT } from './context';

function firstLine(argv: readonly string[]): string | null {
  const [command, ...args] = argv;
  if (command === undefined) return null;
  const r = spawnSync(command, args, { encoding: 'utf8', timeout: 5000 });
  const text = `${r.stdout ?? ''}${r.stderr ?? ''}`.trim();
  return r.error ? null : (text.split('\n')[0] ?? null);
}

function packageVersion(name: string): string | null {
  try {
    const path = createRequire(join(REPO_ROOT, 'package.json')).resolve(`${name}/package.json`);
    return (JSON.parse(readFileSync(path, 'utf8')) as { version?: string }).version ?? null;
  } catch {
    return null;
  }
}

/** Share of all CPUs busy over `ms`, from /proc/stat: other work on the machine skews every rate. */
export async function cpuBusyPercent(ms: number): Promise<number> {
  const sample = (): { busy: number; total: number } => {
    const fields = (readFileSync('/proc/stat', 'utf8').split('\n')[0] ?? '').trim().split(/\s+/).slice(1).map(Number);
    const total = fields.reduce((a, b) => a + b, 0);
    const idle = (fields[3] ?? 0) + (fields[4] ?? 0); // idle + iowait
    return { busy: total - idle, total };
  };
  const a = sample();
  await new Promise((resolve) => setTimeout(resolve, ms));
  const b = sample();
  return b.total === a.total ? 0 : ((b.busy - a.busy) / (b.total - a.total)) * 100;
}

export interface Environment {
  kernel: string;
  kernelBuild: string;
  arch: string;
  cpuModel: string | null;
  cpus: number;
  memoryMb: number;
  loadAverage: number[];
  /** CPU busy % over one second just before the lab was built (nothing of ours running). */
  busyBeforePercent?: number;
  node: string;
  iputils: string | null;
  fping: string | null;
  netPing: string | null;
  rawSocket: string | null;
  addon: { path: string; version: string | null; builtAt: string | null };
  gitCommit: string | null;
}

export function environment(addonPath: string): Environment {
  const cpuModel = /^model name\s*:\s*(.+)$/m.exec(readFileSync('/proc/cpuinfo', 'utf8'))?.[1] ?? null;
  let addonVersion: string | null = null;
  try {
    addonVersion = (createRequire(import.meta.url)(addonPath) as { addonVersion?: string }).addonVersion ?? null;
  } catch {
    // reported as null; the benchmarks themselves will fail loudly if it cannot load
  }
  let builtAt: string | null = null;
  try {
    builtAt = statSync(addonPath).mtime.toISOString();
  } catch {
    // missing file: findAddon already refused to start
  }
  return {
    kernel: os.release(),
    kernelBuild: os.version(),
    arch: os.arch(),
    cpuModel,
    cpus: os.cpus().length,
    memoryMb: Math.round(os.totalmem() / 2 ** 20),
    loadAverage: os.loadavg(),
    node: process.version,
    iputils: firstLine(['ping', '-V']),
    fping: firstLine(['fping', '-v']),
    netPing: packageVersion('net-ping'),
    rawSocket: packageVersion('raw-socket'),
    addon: { path: addonPath, version: addonVersion, builtAt },
    // Read-only: which commit the numbers belong to (uncommitted changes are not detected).
    gitCommit: firstLine(['git', '-C', REPO_ROOT, 'rev-parse', 'HEAD']),
  };
}
