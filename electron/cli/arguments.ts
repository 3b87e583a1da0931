// Parses `icmp-doctor ping` arguments the way getopt would (options before or after the
// target, bundled short flags, attached values, `--` ends options) into checked values.
// Every problem becomes one message naming the flag, the value and what is accepted.

import type { Family, SocketChoice } from '../../native/index';
import { addressFamily, classifyAddress } from '../core/ping/address-kind';
import { isSocketChoice, SOCKET_CHOICES } from '../core/ping/socket-choice';
import { fail, ok } from '../../contract/result';
import {
  flagTakesNoValue,
  integerIn,
  optionValue,
  shown,
  unknownOption,
  type FlagOption as FlagOptionOf,
  type OptionSpec as OptionSpecOf,
  type ValueOption as ValueOptionOf,
} from './option-parsing';

export { shown };
import type { Result } from '../../contract/result';

/** What -I binds: a device (SO_BINDTODEVICE) or a source address, as with iputils' ping. */
export type PingBinding = { kind: 'device'; device: string } | { kind: 'source'; source: string; family: Family };

export interface PingArguments {
  /** The first target (the only one of a single-target ping). */
  target: string;
  /** Every positional target as typed: addresses, host names, CIDR prefixes. */
  targets: string[];
  /** `--targets-file FILE` ("-" = stdin), or null. */
  targetsFile: string | null;
  /** `-q`: no per-probe lines, only the statistics (fping -q). */
  quiet: boolean;
  /** `-C COUNT`: like -c, and each target's statistics are its RTTs, one per probe (fping -C). */
  rttList: boolean;
  /** `--pace MS`: with many targets, the least time between two probes of the sweep. */
  paceMs: number;
  /** 0 = until interrupted. */
  count: number;
  /** 0 = flood: send the next probe as soon as the previous one resolves. */
  intervalMs: number;
  timeoutMs: number;
  /** null = the system's default TTL / hop limit. */
  ttl: number | null;
  size: number;
  df: boolean;
  family: Family | null;
  bind: PingBinding | null;
  json: boolean;
  verbose: boolean;
  /** `--socket`: ping sockets, raw sockets (CAP_NET_RAW), or ping falling back to raw (auto). */
  socket: SocketChoice;
}

export type ParsedPing = { kind: 'help' } | { kind: 'run'; arguments: PingArguments };

export const PING_DEFAULTS = { count: 4, intervalMs: 1000, timeoutMs: 2000, size: 56, paceMs: 0.1 } as const;
export const LIMITS = {
  count: { min: 0, max: 1_000_000 },
  intervalMs: { min: 0, max: 3_600_000 },
  timeoutMs: { min: 1, max: 3_600_000 },
  paceMs: { min: 0, max: 60_000 },
  ttl: { min: 1, max: 255 },
  size: { min: 0, max: { 4: 65507, 6: 65527 } },
} as const;

/** Linux IFNAMSIZ is 16 bytes including the terminating NUL. */
const MAX_INTERFACE_NAME = 15;

type Mutable = Omit<PingArguments, 'target'> & { v4: boolean; v6: boolean };

type ValueOption = ValueOptionOf<Mutable>;
type FlagOption = FlagOptionOf<Mutable>;
type OptionSpec = OptionSpecOf<Mutable>;

function decimalIn(raw: string, min: number, max: number): number | null {
  if (!/^(\d+(\.\d*)?|\.\d+)$/.test(raw)) return null;
  const value = Number(raw);
  return value >= min && value <= max ? value : null;
}

function numberOption(
  name: string,
  accepts: string,
  parse: (raw: string) => number | null,
  set: (args: Mutable, value: number) => void,
): ValueOption {
  return {
    takesValue: true,
    name,
    accepts,
    apply(args, raw) {
      const value = parse(raw);
      if (value === null) return `${name} must be ${accepts}`;
      set(args, value);
      return null;
    },
  };
}

function integerOption(name: string, min: number, max: number, set: (args: Mutable, value: number) => void): ValueOption {
  return numberOption(name, `an integer from ${min} to ${max}`, (raw) => integerIn(raw, min, max), set);
}

function millisecondsOption(name: string, min: number, max: number, set: (args: Mutable, value: number) => void): ValueOption {
  const accepts = `a number of milliseconds from ${min} to ${max} (fractions allowed)`;
  return numberOption(name, accepts, (raw) => decimalIn(raw, min, max), set);
}

/** -I takes an address literal (bind the source) or an interface name (bind the device). */
const bindOption: ValueOption = {
  takesValue: true,
  name: 'IFACE_OR_ADDRESS',
  accepts: `an interface name (1 to ${MAX_INTERFACE_NAME} characters, no "/", ":" or spaces) or an IP address of this host`,
  apply(args, raw) {
    const family = addressFamily(raw);
    if (family) {
      if (classifyAddress(raw) !== 'unicast') return 'a source address must be a unicast address of this host';
      args.bind = { kind: 'source', source: raw, family };
      return null;
    }
    const length = Buffer.byteLength(raw);
    if (length > MAX_INTERFACE_NAME) {
      return `not an IP address, and too long for an interface name (at most ${MAX_INTERFACE_NAME} characters)`;
    }
    if (length === 0 || raw === '.' || raw === '..' || /[/:\s%]/.test(raw)) {
      return `IFACE_OR_ADDRESS must be ${bindOption.accepts}`;
    }
    args.bind = { kind: 'device', device: raw };
    return null;
  },
};

const flag = (apply: (args: Mutable) => void): FlagOption => ({ takesValue: false, apply });

/** `--socket auto|ping|raw`, shared with `check`. */
export const SOCKET_ACCEPTS = `one of ${SOCKET_CHOICES.join(', ')} (raw needs CAP_NET_RAW, e.g. root; auto uses ping sockets when net.ipv4.ping_group_range admits us, else raw)`;

/** Parses a `--socket` value; the problem text when it is not one of the choices. */
export function parseSocketChoice(raw: string): SocketChoice | string {
  return isSocketChoice(raw) ? raw : `KIND must be ${SOCKET_ACCEPTS}`;
}

const socketOption: ValueOption = {
  takesValue: true,
  name: 'KIND',
  accepts: SOCKET_ACCEPTS,
  apply(args, raw) {
    const choice = parseSocketChoice(raw);
    if (!isSocketChoice(choice)) return choice;
    args.socket = choice;
    return null;
  },
};

const targetsFileOption: ValueOption = {
  takesValue: true,
  name: 'FILE',
  accepts: 'a file with one target per line, or - for stdin',
  apply(args, raw) {
    if (raw === '') return 'FILE must be a file name, or - for stdin';
    if (args.targetsFile !== null) return `give one targets file (already have ${shown(args.targetsFile)})`;
    args.targetsFile = raw;
    return null;
  },
};

const OPTIONS: Record<string, OptionSpec> = {
  '-c': integerOption('COUNT', LIMITS.count.min, LIMITS.count.max, (args, value) => (args.count = value)),
  '-i': millisecondsOption('INTERVAL_MS', LIMITS.intervalMs.min, LIMITS.intervalMs.max, (args, value) => (args.intervalMs = value)),
  '-W': millisecondsOption('TIMEOUT_MS', LIMITS.timeoutMs.min, LIMITS.timeoutMs.max, (args, value) => (args.timeoutMs = value)),
  '-t': integerOption('TTL', LIMITS.ttl.min, LIMITS.ttl.max, (args, value) => (args.ttl = value)),
  // The family decides the real ceiling (65507 or 65527); ping-command checks it once known.
  '-s': numberOption(
    'SIZE',
    `an integer from 0 to ${LIMITS.size.max[4]} (IPv4) or ${LIMITS.size.max[6]} (IPv6)`,
    (raw) => integerIn(raw, LIMITS.size.min, LIMITS.size.max[6]),
    (args, value) => (args.size = value),
  ),
  '-I': bindOption,
  '-4': flag((args) => (args.v4 = true)),
  '-6': flag((args) => (args.v6 = true)),
  '-v': flag((args) => (args.verbose = true)),
  '--df': flag((args) => (args.df = true)),
  '--json': flag((args) => (args.json = true)),
  '--socket': socketOption,
  '-q': flag((args) => (args.quiet = true)),
  '-C': integerOption('COUNT', 1, LIMITS.count.max, (args, value) => {
    args.count = value;
    args.rttList = true;
  }),
  '--targets-file': targetsFileOption,
  '--pace': millisecondsOption('PACE_MS', LIMITS.paceMs.min, LIMITS.paceMs.max, (args, value) => (args.paceMs = value)),
};

const LONG_ALIASES: Record<string, string> = {
  '--count': '-c',
  '--interval': '-i',
  '--timeout': '-W',
  '--ttl': '-t',
  '--size': '-s',
  '--interface': '-I',
  '--ipv4': '-4',
  '--ipv6': '-6',
  '--verbose': '-v',
  '--quiet': '-q',
};

const ACCEPTED = '-c -C -i -W -t -s -I --df -4 -6 -v -q --json --socket --targets-file --pace -h';

function usage(message: string): Result<never, 'USAGE'> {
  return fail('USAGE', message);
}

/** One option as typed: its name, and a value attached with "=" (long) or directly (short). */
interface OptionPart {
  typed: string;
  attached: string | null;
  /** How to show name and value together in a message, as the user wrote them. */
  joiner: ' ' | '=' | '';
}

/** Splits one argument into options, or null for a positional. */
function splitOption(arg: string): OptionPart[] | null {
  if (!arg.startsWith('-') || arg === '-') return null;
  if (arg.startsWith('--')) {
    const equals = arg.indexOf('=');
    if (equals < 0) return [{ typed: arg, attached: null, joiner: ' ' }];
    return [{ typed: arg.slice(0, equals), attached: arg.slice(equals + 1), joiner: '=' }];
  }
  // Bundled short options: "-4v" is -4 -v; "-c5" is -c 5; a value option takes the rest.
  const parts: OptionPart[] = [];
  for (let index = 1; index < arg.length; index += 1) {
    const typed = `-${arg[index] ?? ''}`;
    const spec = OPTIONS[typed];
    if (spec?.takesValue) {
      const rest = arg.slice(index + 1);
      parts.push({ typed, attached: rest === '' ? null : rest, joiner: rest === '' ? ' ' : '' });
      return parts;
    }
    parts.push({ typed, attached: null, joiner: ' ' });
  }
  return parts;
}

function isHelp(arg: string): boolean {
  return arg === '-h' || arg === '--help';
}

/** Parses the arguments after `ping`. Never throws; a `USAGE` failure's message is one line. */
export function parsePingArguments(argv: readonly string[]): Result<ParsedPing, 'USAGE'> {
  const endOfOptions = argv.indexOf('--');
  if ((endOfOptions < 0 ? argv : argv.slice(0, endOfOptions)).some(isHelp)) return ok({ kind: 'help' });

  const args: Mutable = {
    targets: [],
    targetsFile: null,
    quiet: false,
    rttList: false,
    paceMs: PING_DEFAULTS.paceMs,
    count: PING_DEFAULTS.count,
    intervalMs: PING_DEFAULTS.intervalMs,
    timeoutMs: PING_DEFAULTS.timeoutMs,
    ttl: null,
    size: PING_DEFAULTS.size,
    df: false,
    family: null,
    bind: null,
    json: false,
    verbose: false,
    socket: 'auto',
    v4: false,
    v6: false,
  };

  let onlyPositionals = false;
  for (let index = 0; index < argv.length; index += 1) {
    const arg = argv[index] ?? '';
    if (arg === '--' && !onlyPositionals) {
      onlyPositionals = true;
      continue;
    }
    const parts = onlyPositionals ? null : splitOption(arg);
    if (parts === null) {
      args.targets.push(arg);
      continue;
    }
    for (const { typed, attached, joiner } of parts) {
      const key = LONG_ALIASES[typed] ?? typed;
      const spec = OPTIONS[key];
      if (!spec) return usage(unknownOption(typed, ACCEPTED));
      if (!spec.takesValue) {
        if (attached !== null) return usage(flagTakesNoValue(typed, joiner, attached));
        spec.apply(args);
        continue;
      }
      const value = optionValue(argv, index, typed, attached, spec);
      if (!value.ok) return usage(value.message);
      if (value.usedNext) index += 1;
      const raw = value.raw;
      const problem = spec.apply(args, raw, typed);
      if (problem) return usage(`${typed}${joiner}${shown(raw)}: ${problem}`);
    }
  }

  if (args.v4 && args.v6) return usage('-4 and -6 cannot be used together; give one, or neither to take the first address the name resolves to');
  const target = args.targets[0];
  if (target === undefined && args.targetsFile === null) {
    return usage('missing TARGET (an IP address, host name or CIDR prefix, or --targets-file FILE)');
  }
  const { v4, v6, ...rest } = args;
  const family: Family | null = v4 ? 4 : v6 ? 6 : null;
  if (family && args.bind?.kind === 'source' && args.bind.family !== family) {
    return usage(`-I ${args.bind.source}: an IPv${args.bind.family} source address cannot be used with -${family}`);
  }
  return ok({ kind: 'run', arguments: { ...rest, target: target ?? '', family } });
}
