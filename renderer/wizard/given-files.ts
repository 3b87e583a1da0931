// Whose file is it? `--cloudflared-log`, `--cloudflared-config` and `--metrics` each name ONE
// cloudflared's file or address. With two or more cloudflared processes gathered apart (one
// verdict each, issue 9), handing such an input to every process would put one tunnel's log
// into the other's verdict, and their fixes. The rule:
//   - a path under /proc/PID/ (root, cwd, fd…) belongs to that PID: the user pointed at it
//     through that process's own view;
//   - otherwise it belongs to the process whose own flags or environment name it: `--config`
//     for a config; `--logfile` / TUNNEL_LOGFILE, or a file in `--log-directory` /
//     TUNNEL_LOGDIRECTORY, for a log; `--metrics` / TUNNEL_METRICS (host and port) for metrics;
//   - exactly one process must claim it. None, or several: it is given to none of them, and
//     the step says so (`--pid PID` then examines one process with it).
// Relative flag values are only matched through /proc/PID/cwd/…: the process's working
// directory is not ours to guess.

import type { CloudflaredRequest } from '../../contract/api';
import type { ConnectorProcess } from '../../contract/evidence';
import type { CheckInputs } from '../../contract/inputs';

export type GivenFileFlag = '--cloudflared-log' | '--cloudflared-config' | '--metrics';

/** What one process is given of the request-level inputs. */
export interface GivenToProcess {
  logPath: string | null;
  configPath: string | null;
  metricsUrl: string | null;
}

/** An input that names no single process's file: not used for any. */
export interface UnattributedInput {
  flag: GivenFileFlag;
  value: string;
  /** The pids whose files it could be (two or more), or none. */
  claimedBy: number[];
}

export interface GivenFilesPlan {
  /** By pid: what that process's gathering gets. */
  byPid: Map<number, GivenToProcess>;
  unattributed: UnattributedInput[];
}

/** Go's flag package: `--name value`, `--name=value`, `-name value`, `-name=value`; the last wins. */
function flagValue(argv: readonly string[], name: string): string | null {
  let found: string | null = null;
  for (let index = 1; index < argv.length; index += 1) {
    const arg = argv[index]!;
    if (arg === '--') break;
    const match = /^--?([^=]+)(?:=(.*))?$/.exec(arg);
    if (!match || match[1] !== name) continue;
    if (match[2] !== undefined) found = match[2];
    else if (argv[index + 1] !== undefined) found = argv[index + 1]!;
  }
  return found;
}

function environmentOf(connector: ConnectorProcess, name: string): string | null {
  return connector.environment.ok ? (connector.environment.value[name] ?? null) : null;
}

/** Collapses `//`, `/./` and a trailing slash; `..` is kept (symlinks make it unsafe to fold). */
function normalPath(path: string): string {
  const collapsed = path.replace(/\/+/g, '/').replace(/\/(\.\/)+/g, '/').replace(/\/\.$/, '');
  return collapsed.length > 1 ? collapsed.replace(/\/$/, '') : collapsed;
}

function parentOf(path: string): string {
  const slash = path.lastIndexOf('/');
  return slash <= 0 ? '/' : path.slice(0, slash);
}

/** The pid in /proc/PID/…, or null. */
function procPid(path: string): number | null {
  const match = /^\/proc\/(\d+)\//.exec(normalPath(path));
  return match ? Number(match[1]) : null;
}

function sameAbsolutePath(given: string, named: string | null): boolean {
  return named !== null && named.startsWith('/') && normalPath(given) === normalPath(named);
}

function claimsConfig(connector: ConnectorProcess, path: string): boolean {
  return sameAbsolutePath(path, flagValue(connector.command, 'config'));
}

function claimsLog(connector: ConnectorProcess, path: string): boolean {
  const logFile = flagValue(connector.command, 'logfile') ?? environmentOf(connector, 'TUNNEL_LOGFILE');
  if (sameAbsolutePath(path, logFile)) return true;
  // cloudflared writes cloudflared.log in the directory and rotates beside it: any file there is its.
  const directory = flagValue(connector.command, 'log-directory') ?? environmentOf(connector, 'TUNNEL_LOGDIRECTORY');
  return sameAbsolutePath(parentOf(normalPath(path)), directory);
}

/** "host:port" of a metrics address or URL, localhost and 127.0.0.1 alike; null when it has no port. */
function hostPort(address: string): string | null {
  const authority = address.trim().replace(/^[a-z][a-z0-9+.-]*:\/\//i, '').split('/')[0] ?? '';
  const match = /^(\[[^\]]+\]|[^:]+):(\d+)$/.exec(authority);
  if (!match) return null;
  const host = match[1]!.toLowerCase();
  return `${host === 'localhost' ? '127.0.0.1' : host}:${Number(match[2])}`;
}

function claimsMetrics(connector: ConnectorProcess, url: string): boolean {
  const own = flagValue(connector.command, 'metrics') ?? environmentOf(connector, 'TUNNEL_METRICS');
  const given = hostPort(url);
  return own !== null && given !== null && hostPort(own) === given;
}

/** The processes that claim `value` (see the file comment). */
function claimants(connectors: readonly ConnectorProcess[], value: string, claims: (connector: ConnectorProcess, value: string) => boolean, isPath: boolean): number[] {
  const viaProc = isPath ? procPid(value) : null;
  if (viaProc !== null) return connectors.some((c) => c.pid === viaProc) ? [viaProc] : [];
  return connectors.filter((connector) => claims(connector, value)).map((connector) => connector.pid);
}

/** The systemd unit `cloudflared service install` writes, whose journal the gatherer reads. */
const SERVICE_UNIT = /(^|\/)cloudflared\.service$/;

/**
 * The host-wide places each process may be given, with several gathered apart: the journal of
 * unit cloudflared only to the one process running in that unit's cgroup (none when no single
 * one does); the SysV/OpenRC service log files and the 127.0.0.1:20241–20245 scan to none, as
 * nothing tells whose they are. Each process's own leads (its flags, config, listening sockets)
 * are unaffected.
 */
export function hostWideLeadsFor(connectors: readonly ConnectorProcess[]): Map<number, NonNullable<CloudflaredRequest['hostWideLeads']>> {
  const inUnit = connectors.filter((connector) => typeof connector.cgroup === 'string' && SERVICE_UNIT.test(connector.cgroup));
  const journalOf = inUnit.length === 1 ? inUnit[0]!.pid : null;
  return new Map(connectors.map((connector) => [connector.pid, { journal: connector.pid === journalOf, serviceLogs: false, portScan: false }]));
}

/** Which process each of the request-level inputs belongs to, for gathering each process apart. */
export function attributeGivenFiles(inputs: Pick<CheckInputs, 'cloudflaredLog' | 'cloudflaredConfig' | 'metricsUrl'>, connectors: readonly ConnectorProcess[]): GivenFilesPlan {
  const byPid = new Map<number, GivenToProcess>(connectors.map((c) => [c.pid, { logPath: null, configPath: null, metricsUrl: null }]));
  const unattributed: UnattributedInput[] = [];
  const attribute = (flag: GivenFileFlag, value: string | null, field: keyof GivenToProcess, claims: (c: ConnectorProcess, v: string) => boolean, isPath: boolean): void => {
    if (!value) return;
    const pids = claimants(connectors, value, claims, isPath);
    const owner = pids.length === 1 ? byPid.get(pids[0]!) : undefined;
    if (owner) owner[field] = value;
    else unattributed.push({ flag, value, claimedBy: pids });
  };
  attribute('--cloudflared-log', inputs.cloudflaredLog, 'logPath', claimsLog, true);
  attribute('--cloudflared-config', inputs.cloudflaredConfig, 'configPath', claimsConfig, true);
  attribute('--metrics', inputs.metricsUrl, 'metricsUrl', claimsMetrics, false);
  return { byPid, unattributed };
}
