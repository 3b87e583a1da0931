// Private PID namespaces (with their own /proc) inside a lab namespace, so `icmp-doctor check`
// sees only the processes a test put there. The lab's namespaces are network namespaces
// only: without this, the connector scan (/proc) would also find the stand-in connectors of
// every other test running on the machine at the same time, and judge them too.
//
//   one-shot:  ip netns exec NS unshare --pid --fork --mount-proc -- [drop privileges] CMD
//   shared:    a holder (`unshare … sleep`) keeps a namespace alive; commands join it with
//              nsenter --pid=/proc/HOLDER/ns/pid_for_children --mount=/proc/HOLDER/ns/mnt.
// Killing the holder (PID 1 there) makes the kernel kill everything else inside.

import type { ChildProcess } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { killGroup, run, spawnGroup } from '../../lab/exec';
import type { ExecResult, Lab, RunAs } from '../../lab/lab';
import type { NsRole } from '../../lab/topology';
import { REPO_ROOT } from '../../support/worker';

export interface IsolatedRunOptions {
  user?: RunAs;
  /** Extra environment (see Lab.environment: unprivileged commands get only a minimal one). */
  env?: Readonly<Record<string, string | undefined>>;
  timeoutMs?: number;
  cwd?: string;
}

const UNSHARE = ['unshare', '--pid', '--fork', '--mount-proc', '--'];

/** `lab.command(role, argv, user)` split into its `ip netns exec NS` head and the rest. */
function splitLabCommand(lab: Lab, role: NsRole, argv: readonly string[], user: RunAs): { head: string[]; rest: string[] } {
  const full = lab.command(role, argv, user);
  if (full[0] !== 'ip' || full[1] !== 'netns' || full[2] !== 'exec') throw new Error(`unexpected lab command shape: ${full.join(' ')}`);
  return { head: full.slice(0, 4), rest: full.slice(4) };
}

/** Runs `argv` as `user` in `role`, alone in a fresh PID namespace (cwd: the repo root). */
export function execIsolated(lab: Lab, role: NsRole, argv: readonly string[], options: IsolatedRunOptions = {}): Promise<ExecResult> {
  const user = options.user ?? 'unprivileged';
  const { head, rest } = splitLabCommand(lab, role, argv, user);
  return run([...head, ...UNSHARE, ...rest], {
    env: lab.environment(user, options.env),
    timeoutMs: options.timeoutMs ?? 60_000,
    cwd: options.cwd ?? REPO_ROOT,
  });
}

async function waitFor<T>(what: string, probe: () => T | null, attempts = 250): Promise<T> {
  for (let attempt = 0; attempt < attempts; attempt += 1) {
    try {
      const value = probe();
      if (value !== null) return value;
    } catch {
      // not there yet
    }
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error(`gave up waiting for ${what}`);
}

/** Whether `parent` has a child process whose name (comm) is `name`. */
function childNamed(parent: number, name: string): boolean {
  return readdirSync('/proc')
    .filter((entry) => /^\d+$/.test(entry))
    .some((pid) => {
      try {
        const status = readFileSync(`/proc/${pid}/status`, 'utf8');
        return new RegExp(`^PPid:\\s+${parent}$`, 'm').test(status) && new RegExp(`^Name:\\s+${name}$`, 'm').test(status);
      } catch {
        return false;
      }
    });
}

/** A PID namespace that outlives single commands: stand-in connectors live in it, and the CLI joins them. */
export class PidNamespace {
  private readonly children = new Set<ChildProcess>();

  private constructor(
    private readonly lab: Lab,
    readonly role: NsRole,
    private readonly holder: ChildProcess,
    private readonly holderPid: number,
  ) {}

  /** Starts one in `role`; resolves once commands can join it. */
  static async start(lab: Lab, role: NsRole): Promise<PidNamespace> {
    const holder = lab.spawn(role, [...UNSHARE, 'sleep', '3600']);
    const pid = holder.pid ?? (() => { throw new Error('the PID namespace holder did not start'); })();
    // unshare's child mounts the new /proc, then execs sleep: once sleep runs, commands may join.
    await waitFor('the PID namespace holder', () => (childNamed(pid, 'sleep') ? true : null));
    return new PidNamespace(lab, role, holder, pid);
  }

  /** argv that runs `argv` as `user` inside this PID namespace (and the lab namespace `role`). */
  command(argv: readonly string[], user: RunAs = 'root'): string[] {
    const { head, rest } = splitLabCommand(this.lab, this.role, argv, user);
    const join = ['nsenter', `--pid=/proc/${this.holderPid}/ns/pid_for_children`, `--mount=/proc/${this.holderPid}/ns/mnt`, '--'];
    return [...head, ...join, ...rest];
  }

  exec(argv: readonly string[], options: IsolatedRunOptions = {}): Promise<ExecResult> {
    const user = options.user ?? 'root';
    return run(this.command(argv, user), {
      env: this.lab.environment(user, options.env),
      timeoutMs: options.timeoutMs ?? 60_000,
      cwd: options.cwd ?? REPO_ROOT,
    });
  }

  /** Starts a long-running process inside (as root: drop privileges in `argv` itself); stopped with the namespace. */
  spawn(argv: readonly string[], env: Readonly<Record<string, string | undefined>> = {}): ChildProcess {
    const child = spawnGroup(this.command(argv, 'root'), { stdio: ['ignore', 'pipe', 'pipe'], env: this.lab.environment('root', env) });
    this.children.add(child);
    child.on('exit', () => this.children.delete(child));
    return child;
  }

  /** The PIDs (as seen inside) of processes named `name`, via pgrep run inside. */
  async pids(name: string): Promise<number[]> {
    const found = await this.exec(['pgrep', '-x', name]);
    return found.stdout.split('\n').filter(Boolean).map(Number);
  }

  /** Waits until exactly one process named `name` runs inside; its PID there. */
  async waitForProcess(name: string): Promise<number> {
    for (let attempt = 0; attempt < 100; attempt += 1) {
      const pids = await this.pids(name);
      if (pids.length === 1 && pids[0] !== undefined) return pids[0];
      if (pids.length > 1) throw new Error(`more than one ${name} in the PID namespace: ${pids.join(', ')}`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    throw new Error(`no ${name} started in the PID namespace`);
  }

  /** Ends everything inside (the holder is PID 1 there). */
  stop(): void {
    killGroup(this.holder, 'SIGKILL');
    for (const child of this.children) killGroup(child, 'SIGKILL');
  }
}
