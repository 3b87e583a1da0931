// The network-namespace lab: createLab() builds the topology of topology.ts under a unique
// name prefix and returns a Lab to run commands in it, impair it and tear it down.
// See README.md for the picture and a usage example.
import type { ChildProcess, StdioOptions } from 'node:child_process';
import { chmod, mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { labUnavailableReason } from './availability';
import {
  deleteNamespaces,
  deleteNamespacesSync,
  netnsEtcDir,
  newPrefix,
  registerLab,
  sweepStaleLabs,
  unregisterLab,
  type SyncTeardown,
} from './cleanup';
import { LabCommandError, LabUnavailableError } from './errors';
import { killGroup, run, runBatch, runChecked, spawnGroup, type RunResult } from './exec';
import { NetemRelay, NO_NETEM, normalizeNetem, type NetemSettings } from './netem';
import { isLabPolicy, LAB_POLICIES, policyNeedsProxyListener, policyRuleset, PROXY_LISTENER_PORT, type LabPolicy } from './policies';
import { LAB_TCP_PORT, TCP_LISTENER_SCRIPT, tcpServiceReady, type TcpService } from './tcp-service';
import {
  ADDRESSES,
  INTERFACES,
  LAB_NFT_TABLE,
  NS_ROLES,
  OPEN_PING_GROUP_RANGE,
  SWEEP,
  clientBatch,
  deniedBatch,
  familyOf,
  hostCreateBatch,
  nsNames,
  routerBatch,
  serverBatch,
  serverBatch6,
  sysctlArgv,
  sysctlsFor,
  v4RouteErrorElement,
  v4RouteErrorsRuleset,
  wanBatch,
  type NsNames,
  type NsRole,
  type RouteKind,
} from './topology';

export { LabCommandError, LabTimeoutError, LabUnavailableError } from './errors';
export { labUnavailableReason } from './availability';
export { sweepStaleLabs, listLabNamespaces, listLabNetnsEtc, NETNS_ETC } from './cleanup';
export type { NetemSettings } from './netem';
export { LAB_POLICIES, POLICY_DESCRIPTIONS, POLICY_NFT_TABLE, PROXY_LISTENER_PORT, type LabPolicy } from './policies';
export { LAB_TCP_PORT, type TcpService } from './tcp-service';
export { ADDRESSES, INTERFACES, SMALL_MTU, SWEEP, type Family, type NsRole, type RouteKind } from './topology';

export interface LabOptions {
  /** net.ipv4.ping_group_range of the client namespace. Default [0, 2147483647] (everyone). */
  clientPingGroupRange?: readonly [number, number];
  /**
   * Who answers for IPv4 prohibit / unreachable / no-route: 'nft' (default) mirrors the routes
   * with nftables rejects of the same type/code, because the kernel's own route errors are
   * rate-limited by host-global sysctls (see v4RouteErrorsRuleset in topology.ts); 'kernel'
   * leaves only the routes, to observe that limiting.
   */
  v4RouteErrors?: 'nft' | 'kernel';
  /** Delete namespaces of earlier, dead runs first. Default true. */
  sweepStale?: boolean;
}

/** Who runs a command: root (full capabilities), or uid/gid 65534 with no groups and no way to gain privileges. */
export type RunAs = 'root' | 'unprivileged';

export interface ExecOptions {
  /** Default 'root'. 'unprivileged' runs as 65534:65534 (see UNPRIVILEGED). */
  user?: RunAs;
  /**
   * Extra environment. Root commands inherit this process's environment; unprivileged ones get
   * only UNPRIVILEGED_ENV (root's HOME and PATH entries are unreadable to them). LC_ALL=C
   * always, so tool output is matchable. A value of undefined removes the variable.
   */
  env?: Readonly<Record<string, string | undefined>>;
  /** Written to stdin, which is then closed. */
  stdin?: string | Uint8Array;
  /** Kill the command's process group and reject with LabTimeoutError after this long. Default 30 s. */
  timeoutMs?: number;
  cwd?: string;
  /** Reject with LabCommandError when the exit code is not 0. Default false (ping exits 1 on loss). */
  check?: boolean;
}

export interface LabSpawnOptions {
  user?: RunAs;
  env?: Readonly<Record<string, string | undefined>>;
  cwd?: string;
  /** Default ['ignore', 'pipe', 'pipe']. */
  stdio?: StdioOptions;
}

export type ExecResult = RunResult;

/**
 * A namespace's own name-resolution files, each the complete text of the file of that name in
 * /etc. Absent ones stay the host's. See Lab.setNameResolution.
 */
export interface NameResolutionFiles {
  /** /etc/hosts, e.g. `10.200.2.2 server.lab\n`. */
  hosts?: string;
  /** /etc/nsswitch.conf, e.g. `hosts: files\n` (only the lines glibc needs; others fall back to defaults). */
  nsswitch?: string;
  /** /etc/resolv.conf, e.g. `nameserver 10.200.9.3\noptions timeout:1 attempts:1\n`. */
  resolvConf?: string;
}

/** File names in /etc of NameResolutionFiles' keys. */
const NAME_RESOLUTION_FILES: Readonly<Record<keyof NameResolutionFiles, string>> = {
  hosts: 'hosts',
  nsswitch: 'nsswitch.conf',
  resolvConf: 'resolv.conf',
};

/** What `addRoute` can do with a prefix: an error route on the router, or served by the server. */
export type PrefixKind = RouteKind | 'serve';

export const UNPRIVILEGED = { uid: 65534, gid: 65534 } as const;
export const UNPRIVILEGED_ENV: Readonly<Record<string, string>> = {
  PATH: '/usr/local/bin:/usr/bin:/bin:/usr/local/sbin:/usr/sbin:/sbin',
  HOME: '/tmp',
  USER: 'nobody',
  LOGNAME: 'nobody',
};

/**
 * argv prefix that drops to UNPRIVILEGED. `env` after setpriv is not decoration: setpriv keeps
 * its own permitted capabilities (PR_SET_KEEPCAPS) until it execs, and no_new_privs only caps
 * a file-capability binary at what the exec-ing process had, so Debian's /usr/bin/ping
 * (cap_net_raw=ep) started directly by setpriv still got CAP_NET_RAW and pinged with a raw
 * socket even where ping_group_range forbids ping sockets. Exec-ing `env` first (no file
 * capabilities) empties the permitted set; the real command then cannot gain anything.
 */
const DROP_PRIVILEGES = [
  'setpriv',
  `--reuid=${UNPRIVILEGED.uid}`,
  `--regid=${UNPRIVILEGED.gid}`,
  '--clear-groups',
  '--no-new-privs',
  '--',
  'env',
  '--',
];

const DEFAULT_EXEC_TIMEOUT_MS = 30_000;
const READY_TIMEOUT_MS = 5_000;

export class Lab implements SyncTeardown {
  /** `icd-<pid>-<4 hex>-`: every namespace of this lab starts with it. */
  readonly prefix: string;
  /** Namespace names by role, e.g. ns.client = 'icd-4242-0a1b-client'. */
  readonly ns: NsNames;
  readonly addresses = ADDRESSES;
  readonly interfaces = INTERFACES;
  readonly v4RouteErrors: 'nft' | 'kernel';
  readonly clientPingGroupRange: readonly [number, number];
  /** Wall-clock time createLab took (ms), for reports. */
  setupMs = 0;
  /** Wall-clock time destroy took (ms), once it ran. */
  teardownMs: number | null = null;

  private readonly spawned = new Set<ChildProcess>();
  private relay: NetemRelay | null = null;
  private netemSettings: Required<NetemSettings> = { ...NO_NETEM };
  private currentPolicy: LabPolicy = 'none';
  /** The router's listener that 'proxy-every-port' redirects to, while that policy is in force. */
  private proxyListener: TcpService | null = null;
  private destroying: Promise<void> | null = null;

  /** Use createLab(). */
  constructor(prefix: string, options: LabOptions) {
    this.prefix = prefix;
    this.ns = nsNames(prefix);
    this.v4RouteErrors = options.v4RouteErrors ?? 'nft';
    this.clientPingGroupRange = options.clientPingGroupRange ?? OPEN_PING_GROUP_RANGE;
  }

  get destroyed(): boolean {
    return this.destroying !== null;
  }

  /** Current netem settings (all zero when clear). */
  get netem(): Readonly<Required<NetemSettings>> {
    return this.netemSettings;
  }

  // --- running commands ---------------------------------------------------------------------

  /** The full argv that runs `argv` in namespace `role` as `user`: for callers that spawn themselves. */
  command(role: NsRole, argv: readonly string[], user: RunAs = 'root'): string[] {
    this.assertUsable();
    if (argv.length === 0) throw new Error('lab.command: empty argv');
    return ['ip', 'netns', 'exec', this.ns[role], ...(user === 'unprivileged' ? DROP_PRIVILEGES : []), ...argv];
  }

  /** The environment a command run as `user` gets (see ExecOptions.env). */
  environment(user: RunAs = 'root', extra: Readonly<Record<string, string | undefined>> = {}): NodeJS.ProcessEnv {
    const base: NodeJS.ProcessEnv = user === 'unprivileged' ? { ...UNPRIVILEGED_ENV } : { ...process.env };
    const env: NodeJS.ProcessEnv = { ...base, LC_ALL: 'C', ...extra };
    for (const [k, v] of Object.entries(env)) if (v === undefined) delete env[k];
    return env;
  }

  /**
   * Run a command to completion in a namespace. Resolves with its exit code and output (any
   * exit code unless `check`); rejects with LabTimeoutError after `timeoutMs` (the process
   * group is killed first).
   */
  async exec(role: NsRole, argv: readonly string[], options: ExecOptions = {}): Promise<ExecResult> {
    const user = options.user ?? 'root';
    const full = this.command(role, argv, user);
    const result = await run(full, {
      env: this.environment(user, options.env),
      timeoutMs: options.timeoutMs ?? DEFAULT_EXEC_TIMEOUT_MS,
      ...(options.stdin === undefined ? {} : { stdin: options.stdin }),
      ...(options.cwd === undefined ? {} : { cwd: options.cwd }),
    });
    if (options.check && result.code !== 0) throw new LabCommandError(full, null, result.code, result.stderr);
    return result;
  }

  /**
   * Start a long-running process in a namespace (its own process group). The lab kills it
   * (SIGTERM, then SIGKILL after 1 s) at destroy, and anything else left in its namespaces.
   */
  spawn(role: NsRole, argv: readonly string[], options: LabSpawnOptions = {}): ChildProcess {
    const user = options.user ?? 'root';
    const child = spawnGroup(this.command(role, argv, user), {
      stdio: options.stdio ?? ['ignore', 'pipe', 'pipe'],
      env: this.environment(user, options.env),
      ...(options.cwd === undefined ? {} : { cwd: options.cwd }),
    });
    this.spawned.add(child);
    child.on('exit', () => this.spawned.delete(child));
    child.on('error', () => this.spawned.delete(child));
    return child;
  }

  // --- impairments and settings -----------------------------------------------------------------

  /** Impair the netem link (router → server 10.200.4.2 / fd00:200:4::2). See NetemSettings for the semantics. */
  async setNetem(settings: NetemSettings): Promise<void> {
    this.assertUsable();
    const full = normalizeNetem(settings);
    if (this.relay === null) throw new Error('netem relay is not running');
    await this.relay.configure(full);
    this.netemSettings = full;
  }

  async clearNetem(): Promise<void> {
    await this.setNetem(NO_NETEM);
  }

  /** The router policy in force (see applyPolicy); 'none' in a fresh lab. */
  get policy(): LabPolicy {
    return this.currentPolicy;
  }

  /**
   * Put one of the router policies of policies.ts in force, replacing the previous one in a
   * single nftables transaction; 'none' removes it (the healthy path). So a test can impose a
   * fault, diagnose it, apply the fix and probe again. The lab's own route-error table is
   * never touched. policy-scenarios.ts says what each probe sees under each policy.
   */
  async applyPolicy(policy: LabPolicy): Promise<void> {
    this.assertUsable();
    if (!isLabPolicy(policy)) throw new RangeError(`applyPolicy: unknown policy ${String(policy)} (one of ${LAB_POLICIES.join(', ')})`);
    // The listener first: no moment where the redirect points at a port nobody serves.
    if (policyNeedsProxyListener(policy) && !this.proxyListener) this.proxyListener = await this.serveTcp(PROXY_LISTENER_PORT, 'router');
    await this.nft('router', policyRuleset(policy));
    this.currentPolicy = policy;
    if (!policyNeedsProxyListener(policy) && this.proxyListener) {
      await this.proxyListener.stop();
      this.proxyListener = null;
    }
  }

  /**
   * Start a TCP service in a namespace (default: the server, on LAB_TCP_PORT) that accepts on
   * every address there, IPv4 and IPv6, and closes each connection at once. Resolves once it
   * is accepting. Ports nobody serves answer with a reset (ECONNREFUSED). The lab stops it at
   * destroy(); `stop()` ends it earlier.
   */
  async serveTcp(port: number = LAB_TCP_PORT, role: NsRole = 'server'): Promise<TcpService> {
    this.assertUsable();
    if (!Number.isInteger(port) || port < 0 || port > 65535) throw new RangeError(`serveTcp: port must be an integer 0-65535, got ${port}`);
    // A bare Node: the test process's loader flags (tsx) would only slow the listener's start.
    const child = this.spawn(role, [process.execPath, TCP_LISTENER_SCRIPT, String(port)], { env: { NODE_OPTIONS: undefined } });
    return tcpServiceReady(child, READY_TIMEOUT_MS);
  }

  /** Set net.ipv4.ping_group_range (which also governs ICMPv6 ping sockets) in one namespace. */
  async setPingGroupRange(role: NsRole, lo: number, hi: number): Promise<void> {
    await this.sysctl(role, { 'net.ipv4.ping_group_range': `${lo} ${hi}` });
  }

  async getPingGroupRange(role: NsRole): Promise<[number, number]> {
    const r = await this.exec(role, ['sysctl', '-n', 'net.ipv4.ping_group_range'], { check: true });
    const [lo, hi] = r.stdout.trim().split(/\s+/).map(Number);
    return [lo ?? NaN, hi ?? NaN];
  }

  /** Write sysctls inside a namespace (never the host's: the write runs under `ip netns exec`). */
  async sysctl(role: NsRole, settings: Readonly<Record<string, string>>): Promise<void> {
    await runChecked(this.command(role, sysctlArgv(settings)), { env: this.environment() });
  }

  /**
   * Load nftables input (`nft -f -` syntax) in a namespace. In the router, leave table
   * `ip icd_lab` alone (no `flush ruleset`): it carries the IPv4 route errors; use your own
   * table, e.g. `table inet scenario { … }`, and `delete table inet scenario` to undo.
   */
  async nft(role: NsRole, ruleset: string): Promise<void> {
    await runChecked(this.command(role, ['nft', '-f', '-']), { stdin: ruleset, env: this.environment() });
  }

  /**
   * Route another prefix: `prohibit` / `unreachable` / `blackhole` on the router, or `serve`
   * (router → server over the 1500 link, and a `local` route so the server answers every
   * address in it, /23 or /119 alike). IPv4 or IPv6 by the prefix's form.
   */
  async addRoute(kind: PrefixKind, prefix: string): Promise<void> {
    this.assertUsable();
    const six = familyOf(prefix) === 6;
    const ipRouter = ['ip', ...(six ? ['-6'] : []), '-n', this.ns.router];
    if (kind === 'serve') {
      const via = six ? ADDRESSES.server.main.v6 : ADDRESSES.server.main.v4;
      await runBatch(ipRouter, [`route add ${prefix} via ${via}`]);
      await runBatch(['ip', ...(six ? ['-6'] : []), '-n', this.ns.server], [`route add local ${prefix} dev lo table local`]);
      return;
    }
    await runBatch(ipRouter, [`route add ${kind} ${prefix}`]);
    if (!six && kind !== 'blackhole' && this.v4RouteErrors === 'nft') {
      await this.nft('router', v4RouteErrorElement(kind, prefix));
    }
  }

  /** Routes for the 1,024-address sweep (SWEEP in topology.ts): half served, half prohibited, v4 and v6. */
  async installSweep(): Promise<void> {
    await Promise.all([
      this.addRoute('serve', SWEEP.v4.serve),
      this.addRoute('prohibit', SWEEP.v4.prohibit),
      this.addRoute('serve', SWEEP.v6.serve),
      this.addRoute('prohibit', SWEEP.v6.prohibit),
    ]);
  }

  /**
   * Give one namespace its own name resolution: writes the given files to
   * /etc/netns/<its full name>/, which `ip netns exec` (so exec, spawn and command) bind-mounts
   * over /etc/hosts, /etc/nsswitch.conf, /etc/resolv.conf for each command it starts there —
   * glibc's getaddrinfo (dns.lookup, getent, ping) then reads them. Each call replaces the
   * previous one: files not given are the host's again, `{}` removes the directory. Takes
   * effect for commands started afterwards. destroy() and the exit/signal teardown remove
   * the directory; the host's own /etc files are never written.
   */
  async setNameResolution(role: NsRole, files: NameResolutionFiles): Promise<void> {
    this.assertUsable();
    const dir = netnsEtcDir(this.ns[role]);
    await rm(dir, { recursive: true, force: true });
    const entries = Object.entries(files).filter(([, text]) => text !== undefined) as Array<[keyof NameResolutionFiles, string]>;
    for (const [key] of entries) {
      if (!Object.hasOwn(NAME_RESOLUTION_FILES, key)) throw new Error(`setNameResolution: unknown file ${key} (hosts, nsswitch, resolvConf)`);
    }
    if (entries.length === 0) return;
    await mkdir(dir, { recursive: true });
    await chmod(dir, 0o755); // the unprivileged user's resolver reads these: no umask may hide them
    await Promise.all(
      entries.map(async ([key, text]) => {
        const file = join(dir, NAME_RESOLUTION_FILES[key]);
        await writeFile(file, text);
        await chmod(file, 0o644);
      }),
    );
  }

  /**
   * Forget learned path MTUs (and other cached routes) in a namespace. After one
   * frag-needed / packet-too-big the client remembers MTU 1280 for ~10 minutes, and the next
   * DF probe fails locally (EMSGSIZE) instead of reaching the router: flush between tests.
   */
  async flushRouteCache(role: NsRole = 'client'): Promise<void> {
    await Promise.all([
      runChecked(['ip', '-n', this.ns[role], 'route', 'flush', 'cache']),
      runChecked(['ip', '-6', '-n', this.ns[role], 'route', 'flush', 'cache']),
    ]);
  }

  // --- lifecycle ---------------------------------------------------------------------------

  /** Remove everything this lab made: processes, then namespaces (and with them every interface). Idempotent. */
  destroy(): Promise<void> {
    if (this.destroying === null) this.destroying = this.teardown();
    return this.destroying;
  }

  private async teardown(): Promise<void> {
    const started = performance.now();
    this.relay?.stop();
    this.relay = null;
    const children = [...this.spawned];
    for (const child of children) killGroup(child, 'SIGTERM');
    await Promise.all(children.map((c) => exitedWithin(c, 1000)));
    for (const child of children) killGroup(child, 'SIGKILL');
    await deleteNamespaces(Object.values(this.ns));
    unregisterLab(this);
    this.teardownMs = performance.now() - started;
  }

  /** For exit/signal handlers only: no awaiting possible there. */
  teardownSync(): void {
    const started = performance.now();
    this.destroying ??= Promise.resolve();
    this.relay?.stop();
    this.relay = null;
    for (const child of this.spawned) killGroup(child, 'SIGKILL');
    deleteNamespacesSync(Object.values(this.ns));
    unregisterLab(this);
    this.teardownMs ??= performance.now() - started;
  }

  private assertUsable(): void {
    if (this.destroying !== null) throw new Error(`lab ${this.prefix} has been destroyed`);
  }

  /** Build the topology. Called once by createLab. */
  async build(): Promise<void> {
    const n = this.ns;
    const hostBatch = hostCreateBatch(n);
    try {
      await runBatch(['ip'], hostBatch);
    } catch (e) {
      if (e instanceof LabCommandError && /permission denied|operation not permitted/i.test(e.stderr)) {
        throw new LabUnavailableError(
          `The network-namespace lab cannot create network namespaces here: \`ip netns add\` was refused (${e.stderr.trim()}). ` +
            'Run the tests as root on a host or VM (or a container with CAP_SYS_ADMIN): `sudo npm test`.',
        );
      }
      throw e;
    }
    // Sysctls before any interface exists, so `default.*` values apply to all of them.
    await Promise.all(NS_ROLES.map((role) => this.sysctl(role, sysctlsFor(role, this.clientPingGroupRange))));
    await runBatch(['ip', '-n', n.router], routerBatch(n));
    await Promise.all([
      runBatch(['ip', '-n', n.client], clientBatch()),
      runBatch(['ip', '-n', n.server], serverBatch()).then(() => runBatch(['ip', '-6', '-n', n.server], serverBatch6())),
      runBatch(['ip', '-n', n.denied], deniedBatch()),
      runBatch(['ip', '-n', n.wan], wanBatch()).then(async () => {
        this.relay = await NetemRelay.start(['ip', 'netns', 'exec', n.wan], READY_TIMEOUT_MS);
      }),
      this.v4RouteErrors === 'nft' ? this.nft('router', v4RouteErrorsRuleset()) : Promise.resolve(),
    ]);
    await this.waitUntilReady();
  }

  /**
   * Links are usable when they are up with carrier, have a qdisc attached (the kernel does that
   * when it processes the carrier change) and no address is tentative. Checked, not assumed.
   */
  private async waitUntilReady(): Promise<void> {
    const roles: NsRole[] = ['client', 'router', 'server', 'wan'];
    const deadline = performance.now() + READY_TIMEOUT_MS;
    let problems: string[] = [];
    for (;;) {
      const reports = await Promise.all(roles.map((role) => runChecked(['ip', '-j', '-n', this.ns[role], 'addr', 'show'])));
      problems = reports.flatMap((r, i) => linkProblems(roles[i] ?? 'client', r.stdout));
      if (problems.length === 0) return;
      if (performance.now() > deadline) throw new Error(`lab links not ready after ${READY_TIMEOUT_MS} ms: ${problems.join('; ')}`);
      await new Promise((r) => setTimeout(r, 10));
    }
  }
}

interface IpAddrJson {
  ifname: string;
  flags: string[];
  operstate: string;
  qdisc?: string;
  addr_info: Array<{ local: string; tentative?: boolean }>;
}

function linkProblems(role: NsRole, json: string): string[] {
  const links = JSON.parse(json) as IpAddrJson[];
  const problems: string[] = [];
  for (const link of links) {
    if (link.ifname === 'lo') continue;
    if (!link.flags.includes('UP') || !link.flags.includes('LOWER_UP')) problems.push(`${role}/${link.ifname} has no carrier`);
    else if (link.operstate !== 'UP' && link.operstate !== 'UNKNOWN') problems.push(`${role}/${link.ifname} is ${link.operstate}`);
    else if (link.qdisc === 'noop') problems.push(`${role}/${link.ifname} has no qdisc yet`);
    for (const a of link.addr_info) if (a.tentative) problems.push(`${role}/${link.ifname} ${a.local} is tentative`);
  }
  return problems;
}

function exitedWithin(child: ChildProcess, ms: number): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
  });
}

/**
 * Build a fresh lab. Rejects with LabUnavailableError (its `reason` says why and what to do)
 * when not root / lacking CAP_NET_ADMIN or CAP_SYS_ADMIN / missing tools, and with
 * LabCommandError naming the failing command and its stderr if a setup step fails. Whatever
 * was created is removed on failure, at destroy(), and on exit / SIGINT / SIGTERM / SIGHUP.
 */
export async function createLab(options: LabOptions = {}): Promise<Lab> {
  const reason = labUnavailableReason();
  if (reason !== null) throw new LabUnavailableError(reason);
  const started = performance.now();
  if (options.sweepStale !== false) await sweepStaleLabs();
  const lab = new Lab(newPrefix(), options);
  registerLab(lab); // before anything exists, so even a crash half-way is cleaned up
  try {
    await lab.build();
  } catch (e) {
    await lab.destroy();
    throw e;
  }
  lab.setupMs = performance.now() - started;
  return lab;
}

/** Table name of the lab's own nftables rules in the router (do not flush it). */
export { LAB_NFT_TABLE };
