// What a running cloudflared was told on its command line and in its environment. cloudflared
// parses flags with urfave/cli (Go's flag package): `--flag value`, `--flag=value`, `-flag`
// and `-p` (the alias of --protocol) all work, before or after `tunnel` and `run`. A flag
// beats its environment variable, which beats config.yml (urfave/cli altsrc).

import type { ConnectorProcess } from '../../../../contract/evidence';
import { parseTransportSetting, type TransportSetting } from './transport-setting';

/** Flags whose value is the next argument (when not given as --flag=value). */
const VALUE_FLAGS = new Set([
  'protocol', 'p', 'config', 'metrics', 'url', 'logfile', 'log-directory', 'output', 'name', 'n',
  'token', 'token-file', 'credentials-file', 'cred-file', 'credentials-contents', 'origincert',
  'loglevel', 'transport-loglevel', 'proto-loglevel', 'edge-ip-version', 'edge-bind-address',
  'region', 'ha-connections', 'retries', 'grace-period', 'hostname', 'tag', 'pidfile',
  'metrics-update-freq', 'autoupdate-freq', 'label', 'management-hostname', 'trace-output',
  'max-edge-addr-retries', 'rpc-timeout', 'write-stream-timeout', 'quick-service', 'api-url',
  'lb-pool', 'service-op-ip', 'edge', 'icmpv4-src', 'icmpv6-src', 'max-active-flows',
  'dns-resolver-addrs', 'origin-server-name', 'http-host-header', 'unix-socket', 'origin-ca-pool',
]);

/** Flags whose value is a credential: never quoted (`tunnel run --token eyJ…`). */
function isSecretFlag(name: string): boolean {
  return name === 'token' || name === 'credentials-contents' || name.includes('secret') || name.endsWith('-token');
}

export const REDACTED = '[redacted]';

export interface CloudflaredInvocation {
  pid: number;
  /** The command line, with credentials replaced by [redacted]. */
  commandLine: string;
  /** --protocol / -p as given (the last one wins, as in Go's flag package). */
  protocolFlag: { raw: string; value: TransportSetting | null; spelled: string } | null;
  /** TUNNEL_TRANSPORT_PROTOCOL from the process's environment. */
  protocolEnv: { raw: string; value: TransportSetting | null } | null;
  configFlag: string | null;
  /** --metrics, else TUNNEL_METRICS. */
  metrics: string | null;
  /** --logfile, else TUNNEL_LOGFILE. */
  logFile: string | null;
  /** --log-directory, else TUNNEL_LOGDIRECTORY (cloudflared writes cloudflared.log there). */
  logDirectory: string | null;
  /** `tunnel run`, --token or --name: a named tunnel. */
  named: boolean;
  /** --url or --hello-world without a named tunnel: a quick tunnel on trycloudflare.com. */
  quickTunnelFlags: boolean;
  /** HOME from its environment, for `~` in cloudflared's default config locations. */
  home: string | null;
  /** Why the environment could not be read, if it could not. */
  environmentProblem: string | null;
}

interface ParsedArgs {
  flags: Map<string, { value: string | null; spelled: string }>;
  positionals: string[];
  redacted: string[];
}

const ALIASES: Record<string, string> = { p: 'protocol', n: 'name', 'cred-file': 'credentials-file' };

/** A tunnel token (base64 JSON, "eyJ…") given as a bare argument, as `service install TOKEN` takes it. */
const TOKEN_LIKE = /^eyJ[A-Za-z0-9_-]{20,}/;

function parseArgs(argv: readonly string[]): ParsedArgs {
  const flags = new Map<string, { value: string | null; spelled: string }>();
  const positionals: string[] = [];
  const redacted: string[] = argv.length > 0 ? [argv[0]!] : [];
  const keepPositional = (arg: string): void => {
    positionals.push(arg);
    redacted.push(TOKEN_LIKE.test(arg) ? REDACTED : arg);
  };
  for (let index = 1; index < argv.length; index += 1) {
    const arg = argv[index]!;
    if (arg === '--') {
      redacted.push(arg);
      for (const rest of argv.slice(index + 1)) keepPositional(rest);
      break;
    }
    if (!arg.startsWith('-') || arg === '-') {
      keepPositional(arg);
      continue;
    }
    const body = arg.replace(/^--?/, '');
    const equals = body.indexOf('=');
    const spelledName = (equals >= 0 ? body.slice(0, equals) : body).toLowerCase();
    const name = ALIASES[spelledName] ?? spelledName;
    const secret = isSecretFlag(name);
    let value: string | null = equals >= 0 ? body.slice(equals + 1) : null;
    const next = argv[index + 1];
    // A secret flag of a kind we do not know still hides its value rather than risk quoting it.
    if (value === null && next !== undefined && (VALUE_FLAGS.has(name) || (secret && !next.startsWith('-')))) {
      value = next;
      index += 1;
      redacted.push(arg, secret ? REDACTED : value);
    } else if (secret && value !== null) {
      redacted.push(`${arg.slice(0, arg.indexOf('=') + 1)}${REDACTED}`);
    } else {
      redacted.push(arg);
    }
    // Go's flag package: the last occurrence wins.
    flags.set(name, { value, spelled: arg.split('=')[0]! });
  }
  return { flags, positionals, redacted };
}

/** Quotes an argument for display when it holds spaces or quotes. */
function shellWord(arg: string): string {
  return /^[\w@%+=:,./[\]-]+$/.test(arg) ? arg : `'${arg.replace(/'/g, `'\\''`)}'`;
}

export function readInvocation(connector: ConnectorProcess): CloudflaredInvocation {
  const { flags, positionals, redacted } = parseArgs(connector.command);
  const environment = connector.environment.ok ? connector.environment.value : {};
  const flagValue = (...names: string[]): string | null => {
    for (const name of names) {
      const flag = flags.get(name);
      if (flag?.value !== undefined && flag.value !== null) return flag.value;
    }
    return null;
  };
  const protocolFlag = flags.get('protocol') ?? null;
  const envProtocol = environment['TUNNEL_TRANSPORT_PROTOCOL'];
  const tunnelAt = positionals.indexOf('tunnel');
  const named = (tunnelAt >= 0 && positionals.slice(tunnelAt + 1).includes('run')) || flags.has('token') || flagValue('name') !== null;
  return {
    pid: connector.pid,
    commandLine: redacted.map(shellWord).join(' '),
    protocolFlag: protocolFlag?.value != null ? { raw: protocolFlag.value, value: parseTransportSetting(protocolFlag.value), spelled: protocolFlag.spelled } : null,
    protocolEnv: envProtocol !== undefined ? { raw: envProtocol, value: parseTransportSetting(envProtocol) } : null,
    configFlag: flagValue('config'),
    metrics: flagValue('metrics') ?? environment['TUNNEL_METRICS'] ?? null,
    logFile: flagValue('logfile') ?? environment['TUNNEL_LOGFILE'] ?? null,
    logDirectory: flagValue('log-directory') ?? environment['TUNNEL_LOGDIRECTORY'] ?? null,
    named,
    quickTunnelFlags: !named && (flags.has('url') || flags.has('hello-world')),
    home: environment['HOME'] ?? null,
    environmentProblem: connector.environment.ok ? null : connector.environment.message,
  };
}
