// A second lab shape for path tests: a straight line of three routers between the client and
// a target, so a trace has real hops to find.
//
//   client ── alpha ── bravo ── charlie ── target
//   link k joins node k-1 (.1 / ::1) and node k (.2 / ::2): 10.210.k.0/24, fd00:210:k::/64
//
// Hop k answers from its upstream address, 10.210.k.2 / fd00:210:k::2; the target is hop 4.
// The ruleset helpers below turn a router into a refuser, a black hole or an error swallower.
// Same naming, teardown and privilege drop as lab.ts (namespaces `icd-<pid>-<hex>-<role>`,
// swept with every other lab's).

import { labUnavailableReason } from './availability';
import { deleteNamespaces, deleteNamespacesSync, newPrefix, registerLab, sweepStaleLabs, unregisterLab, type SyncTeardown } from './cleanup';
import { LabUnavailableError } from './errors';
import type { ChildProcess } from 'node:child_process';
import { killGroup, run, runBatch, runChecked, spawnGroup } from './exec';
import type { ExecOptions, ExecResult, LabSpawnOptions, RunAs } from './lab';
import { UNPRIVILEGED, UNPRIVILEGED_ENV } from './lab';
import { COMMON_SYSCTLS, sysctlArgv } from './topology';

export const CHAIN_ROLES = ['client', 'alpha', 'bravo', 'charlie', 'target'] as const;
export type ChainRole = (typeof CHAIN_ROLES)[number];
export const CHAIN_ROUTERS = ['alpha', 'bravo', 'charlie'] as const;
export type ChainRouter = (typeof CHAIN_ROUTERS)[number];

/** The address hop `k` (1..4) answers from: its end of link k. */
export function hopAddress(k: number, family: 4 | 6): string {
  return family === 4 ? `10.210.${k}.2` : `fd00:210:${k}::2`;
}

export const CHAIN = {
  client: { v4: '10.210.1.1', v6: 'fd00:210:1::1' },
  target: { v4: hopAddress(4, 4), v6: hopAddress(4, 6) },
  /** Routed through every router toward the target's side; `refuseAt` / `dropAt` act on them. */
  refused: { v4: '10.210.99.1', v6: 'fd00:210:99::1' },
  silent: { v4: '10.210.98.1', v6: 'fd00:210:98::1' },
} as const;

/** The lab's common settings (no rate limits, no DAD, rp_filter off: topology.ts says why), forwarding on. */
const SYSCTLS: Readonly<Record<string, string>> = { ...COMMON_SYSCTLS, 'net.ipv4.ip_forward': '1', 'net.ipv6.conf.all.forwarding': '1' };

/** Only the three routers forward; the client's ping sockets are open to every group, as in lab.ts. */
const SYSCTLS_BY_ROLE: Readonly<Record<ChainRole, Readonly<Record<string, string>>>> = {
  client: { ...SYSCTLS, 'net.ipv4.ip_forward': '0', 'net.ipv6.conf.all.forwarding': '0', 'net.ipv4.ping_group_range': '0 2147483647' },
  alpha: SYSCTLS,
  bravo: SYSCTLS,
  charlie: SYSCTLS,
  target: { ...SYSCTLS, 'net.ipv4.ip_forward': '0', 'net.ipv6.conf.all.forwarding': '0' },
};

/** Same drop as lab.ts: setpriv to 65534 with no groups and no_new_privs, then `env` so no file capability survives. */
const DROP_PRIVILEGES = ['setpriv', `--reuid=${UNPRIVILEGED.uid}`, `--regid=${UNPRIVILEGED.gid}`, '--clear-groups', '--no-new-privs', '--', 'env', '--'];

/** nft input: `router` answers probes to the "refused" addresses with admin-prohibited. */
export function refuseRuleset(): string {
  return `table inet chain_refuse {
  chain forward {
    type filter hook forward priority 0;
    ip daddr ${CHAIN.refused.v4} reject with icmp type admin-prohibited
    ip6 daddr ${CHAIN.refused.v6} reject with icmpv6 type admin-prohibited
  }
}
`;
}

/** nft input: the router drops everything to the "silent" addresses without a word. */
export function blackHoleRuleset(): string {
  return `table inet chain_silent {
  chain forward {
    type filter hook forward priority 0;
    ip daddr ${CHAIN.silent.v4} drop
    ip6 daddr ${CHAIN.silent.v6} drop
  }
}
`;
}

/**
 * nft input: the router drops the ICMP errors it forwards (time exceeded, destination
 * unreachable), as a tunnel or middlebox that swallows errors does. Its own errors leave
 * through the output hook and still come back.
 */
export function swallowForwardedErrorsRuleset(): string {
  return `table inet chain_swallow {
  chain forward {
    type filter hook forward priority 0;
    icmp type { destination-unreachable, time-exceeded } drop
    icmpv6 type { destination-unreachable, time-exceeded } drop
  }
}
`;
}

export class ChainLab implements SyncTeardown {
  readonly prefix: string;
  readonly ns: Readonly<Record<ChainRole, string>>;
  #destroying: Promise<void> | null = null;
  readonly #spawned = new Set<ChildProcess>();

  constructor(prefix: string) {
    this.prefix = prefix;
    this.ns = Object.fromEntries(CHAIN_ROLES.map((role) => [role, `${prefix}${role}`])) as Record<ChainRole, string>;
  }

  /** The argv that runs `argv` in namespace `role` as `user`, for callers that spawn it themselves. */
  command(role: ChainRole, argv: readonly string[], user: RunAs = 'root'): string[] {
    return ['ip', 'netns', 'exec', this.ns[role], ...(user === 'unprivileged' ? DROP_PRIVILEGES : []), ...argv];
  }

  /** The environment a command run as `user` gets (as in lab.ts: LC_ALL=C; the unprivileged user a minimal one). */
  environment(user: RunAs = 'root', extra: ExecOptions['env'] = {}): NodeJS.ProcessEnv {
    const base = user === 'unprivileged' ? { ...UNPRIVILEGED_ENV } : { ...process.env };
    return { ...base, LC_ALL: 'C', ...extra };
  }

  /** Runs a command in a namespace, as root or the unprivileged user (65534, no groups). */
  exec(role: ChainRole, argv: readonly string[], options: ExecOptions = {}): Promise<ExecResult> {
    const user = options.user ?? 'root';
    const full = this.command(role, argv, user);
    const env = this.environment(user, options.env);
    return run(full, { env, timeoutMs: options.timeoutMs ?? 30_000, ...(options.cwd === undefined ? {} : { cwd: options.cwd }) });
  }

  /**
   * Starts a long-running process in a namespace (its own process group), as lab.ts's spawn
   * does; destroy() kills it. Same shape as Lab.spawn, so helpers written for the main lab
   * (e2e/ui/support/core-bridge.ts) can start theirs here.
   */
  spawn(role: ChainRole, argv: readonly string[], options: LabSpawnOptions = {}): ChildProcess {
    const user = options.user ?? 'root';
    const child = spawnGroup(this.command(role, argv, user), {
      stdio: options.stdio ?? ['ignore', 'pipe', 'pipe'],
      env: this.environment(user, options.env),
      ...(options.cwd === undefined ? {} : { cwd: options.cwd }),
    });
    this.#spawned.add(child);
    child.on('exit', () => this.#spawned.delete(child));
    return child;
  }

  /** Loads nft input in a namespace (each helper above uses a table of its own). */
  async nft(role: ChainRole, ruleset: string): Promise<void> {
    await runChecked(['ip', 'netns', 'exec', this.ns[role], 'nft', '-f', '-'], { stdin: ruleset });
  }

  async build(): Promise<void> {
    await runBatch(['ip'], CHAIN_ROLES.map((role) => `netns add ${this.ns[role]}`));
    await Promise.all(
      CHAIN_ROLES.map((role) =>
        runChecked(['ip', 'netns', 'exec', this.ns[role], ...sysctlArgv(SYSCTLS_BY_ROLE[role])]),
      ),
    );
    // Links 1..4, each veth created in its upstream node and moved into its downstream one.
    for (let k = 1; k < CHAIN_ROLES.length; k++) {
      const up = CHAIN_ROLES[k - 1] ?? 'client';
      const down = CHAIN_ROLES[k] ?? 'target';
      await runBatch(['ip', '-n', this.ns[up]], [`link add up${k} index ${100 + k} type veth peer name down${k} index ${200 + k} netns ${this.ns[down]}`]);
    }
    await Promise.all(CHAIN_ROLES.map((role, index) => runBatch(['ip', '-n', this.ns[role]], this.#nodeBatch(index))));
    await this.#waitUntilReady();
  }

  /** Addresses and routes of node `index` (0 = client … 4 = target): downstream by default, client side upstream. */
  #nodeBatch(index: number): string[] {
    const lines = ['link set lo up'];
    const upLink = index; // link from the upstream node: `down<index>`
    const downLink = index + 1; // link to the downstream node: `up<index+1>`
    if (index > 0) {
      lines.push(`link set down${upLink} up`, `addr add 10.210.${upLink}.2/24 dev down${upLink}`, `addr add fd00:210:${upLink}::2/64 dev down${upLink} nodad`);
    }
    if (index < CHAIN_ROLES.length - 1) {
      lines.push(`link set up${downLink} up`, `addr add 10.210.${downLink}.1/24 dev up${downLink}`, `addr add fd00:210:${downLink}::1/64 dev up${downLink} nodad`);
      lines.push(`route add default via 10.210.${downLink}.2`, `route add default via fd00:210:${downLink}::2`);
    } else {
      lines.push(`route add default via 10.210.${upLink}.1`, `route add default via fd00:210:${upLink}::1`);
    }
    // Routers reach the links behind them (toward the client) through their upstream neighbour;
    // everything else (the target's side, and the refused / silent addresses) goes downstream.
    if (index > 1 && index < CHAIN_ROLES.length - 1) {
      for (let k = 1; k < upLink; k++) lines.push(`route add 10.210.${k}.0/24 via 10.210.${upLink}.1`, `route add fd00:210:${k}::/64 via fd00:210:${upLink}::1`);
    }
    return lines;
  }

  /** Every router and the target answer: ping the target from the client until it replies (up to 5 s). */
  async #waitUntilReady(): Promise<void> {
    const deadline = performance.now() + 5000;
    for (;;) {
      const [v4, v6] = await Promise.all([
        this.exec('client', ['ping', '-c', '1', '-W', '1', CHAIN.target.v4]),
        this.exec('client', ['ping', '-6', '-c', '1', '-W', '1', CHAIN.target.v6]),
      ]);
      if (v4.code === 0 && v6.code === 0) return;
      if (performance.now() > deadline) throw new Error(`chain lab: the target does not answer (v4 exit ${v4.code}, v6 exit ${v6.code}): ${v4.stdout}${v6.stdout}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  destroy(): Promise<void> {
    this.#destroying ??= (async () => {
      for (const child of this.#spawned) killGroup(child, 'SIGKILL');
      await deleteNamespaces(Object.values(this.ns));
      unregisterLab(this);
    })();
    return this.#destroying;
  }

  teardownSync(): void {
    this.#destroying ??= Promise.resolve();
    for (const child of this.#spawned) killGroup(child, 'SIGKILL');
    deleteNamespacesSync(Object.values(this.ns));
    unregisterLab(this);
  }
}

/** Builds the chain. Rejects with LabUnavailableError when not root (tests skip with its reason). */
export async function createChainLab(): Promise<ChainLab> {
  const reason = labUnavailableReason();
  if (reason !== null) throw new LabUnavailableError(reason);
  await sweepStaleLabs();
  const lab = new ChainLab(newPrefix());
  registerLab(lab);
  try {
    await lab.build();
  } catch (error) {
    await lab.destroy();
    throw error;
  }
  return lab;
}
