// Namespace naming, and making sure no namespace (nor its /etc/netns/<name> directory)
// outlives its run: teardown on exit and on SIGINT/SIGTERM/SIGHUP, and sweeping what earlier
// runs that died without it left behind.
import { randomBytes } from 'node:crypto';
import { readdirSync, readlinkSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { run, runSyncQuiet } from './exec';
import { hostDeleteBatch } from './topology';

/** Every lab namespace is named `icd-<pid>-<4 hex>-<role>`; the pid says whose it is. */
const LAB_NS = /^icd-(\d+)-([0-9a-f]{4})-[a-z]+$/;

export function newPrefix(): string {
  return `icd-${process.pid}-${randomBytes(2).toString('hex')}-`;
}

/** Lab namespaces currently present (any run). Reads /run/netns, where `ip netns` keeps them. */
export function listLabNamespaces(): string[] {
  try {
    return readdirSync('/run/netns').filter((n) => LAB_NS.test(n));
  } catch {
    return []; // no /run/netns yet: no namespaces at all
  }
}

/**
 * Where `ip netns exec NAME` finds files to bind-mount over the same names in /etc (iproute2's
 * NETNS_ETC_DIR; see `man ip-netns`): a namespace's own hosts, nsswitch.conf, resolv.conf.
 */
export const NETNS_ETC = '/etc/netns';

/** /etc/netns/<name> of a lab namespace. Refuses any other name, so nothing else there is ever touched. */
export function netnsEtcDir(name: string): string {
  if (!LAB_NS.test(name)) throw new Error(`${name} is not a lab namespace name (icd-<pid>-<4 hex>-<role>)`);
  return join(NETNS_ETC, name);
}

/** Lab directories currently in /etc/netns (any run, namespace present or not). */
export function listLabNetnsEtc(): string[] {
  try {
    return readdirSync(NETNS_ETC).filter((n) => LAB_NS.test(n));
  } catch {
    return []; // no /etc/netns: nobody ever gave a namespace files of its own
  }
}

/** Remove /etc/netns/<name> of each lab namespace; absent ones are fine. Synchronous: exit handlers use it too. */
function removeNetnsEtc(names: readonly string[]): void {
  const present = new Set(listLabNetnsEtc());
  for (const name of names) {
    if (!present.has(name)) continue;
    try {
      rmSync(netnsEtcDir(name), { recursive: true, force: true });
    } catch {
      // keep going: the namespaces still need deleting
    }
  }
}

function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM'; // exists, owned by someone else
  }
}

/** Processes still inside a namespace keep it alive after `netns del`: kill them first. */
function killNamespaceProcesses(names: readonly string[]): void {
  for (const pid of pidsInNamespaces(names)) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // gone already
    }
  }
}

/** Delete lab namespaces and their /etc/netns directories, killing what still runs inside first. */
export async function deleteNamespaces(names: readonly string[]): Promise<void> {
  removeNetnsEtc(names);
  const present = new Set(listLabNamespaces());
  const existing = names.filter((n) => present.has(n));
  if (existing.length === 0) return;
  killNamespaceProcesses(existing);
  // One `ip -batch` for all; `-force` goes on past a name that vanished meanwhile.
  await run(['ip', '-force', '-batch', '-'], { stdin: hostDeleteBatch(existing).join('\n') + '\n', timeoutMs: 10_000 });
}

/**
 * Delete the namespaces (and /etc/netns directories, also those whose namespace is already
 * gone) of earlier runs whose process is gone (crashed, SIGKILLed, power cut). Those of live
 * processes, this one included, are left alone. Returns the names deleted. createLab calls
 * it, so stale labs never pile up.
 */
export async function sweepStaleLabs(): Promise<string[]> {
  const names = [...new Set([...listLabNamespaces(), ...listLabNetnsEtc()])];
  const stale = names.filter((n) => {
    const pid = Number(LAB_NS.exec(n)?.[1]);
    return pid !== process.pid && !pidAlive(pid);
  });
  await deleteNamespaces(stale);
  return stale;
}

// --- teardown of this process's labs when it exits ----------------------------------------

/** What the registry needs from a lab: a teardown that works inside `process.on('exit')`. */
export interface SyncTeardown {
  teardownSync(): void;
}

const live = new Set<SyncTeardown>();
let handlersInstalled = false;

export function registerLab(lab: SyncTeardown): void {
  installHandlers();
  live.add(lab);
}

export function unregisterLab(lab: SyncTeardown): void {
  live.delete(lab);
}

function teardownAll(): void {
  for (const lab of [...live]) {
    try {
      lab.teardownSync();
    } catch {
      // keep going: the other labs still need removing
    }
    live.delete(lab);
  }
}

function installHandlers(): void {
  if (handlersInstalled) return;
  handlersInstalled = true;
  process.on('exit', teardownAll);
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    const onSignal = (): void => {
      teardownAll();
      process.removeListener(signal, onSignal);
      // Listening to a signal cancels Node's default "exit". If nobody else handles it,
      // re-raise so the process still dies of the signal, as the sender expects.
      if (process.listenerCount(signal) === 0) process.kill(process.pid, signal);
    };
    process.on(signal, onSignal);
  }
}

/** Synchronous namespace removal for teardownSync (exit handlers cannot await). */
export function deleteNamespacesSync(names: readonly string[]): void {
  removeNetnsEtc(names);
  const present = new Set(listLabNamespaces());
  const existing = names.filter((n) => present.has(n));
  killNamespaceProcesses(existing);
  if (existing.length > 0) runSyncQuiet(['ip', '-force', '-batch', '-'], hostDeleteBatch(existing).join('\n') + '\n');
}

/**
 * Pids of processes inside any of the given namespaces, found by comparing /proc/<pid>/ns/net
 * with the namespace inode behind /run/netns/<name> (what `ip netns pids` does, minus a spawn).
 */
function pidsInNamespaces(names: readonly string[]): number[] {
  const inodes = new Set<string>();
  for (const ns of names) {
    try {
      inodes.add(`net:[${statSync(`/run/netns/${ns}`).ino}]`);
    } catch {
      // already gone
    }
  }
  if (inodes.size === 0) return [];
  const pids: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const pid = Number(entry);
    if (pid === process.pid) continue;
    try {
      if (inodes.has(readlinkSync(`/proc/${pid}/ns/net`))) pids.push(pid);
    } catch {
      // exited meanwhile, or a kernel thread
    }
  }
  return pids;
}
