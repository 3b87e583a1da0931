// Parses `icmp-doctor trace` arguments, getopt-style like `ping` (options before or after the
// target, attached values, `--` ends options). Every problem is one message naming the flag,
// the value and what is accepted.

import type { Family } from '../../native/index';
import { fail, ok } from '../../contract/result';
import type { Result } from '../../contract/result';
import { TRACE_DEFAULTS } from '../core/trace/run-trace';
import { LIMITS } from './arguments';
import { flagTakesNoValue, integerIn, optionValue, shown, unknownOption } from './option-parsing';
import type { FlagOption, OptionSpec, ValueOption } from './option-parsing';

export interface TraceArguments {
  target: string;
  family: Family | null;
  maxHops: number;
  probesPerHop: number;
  timeoutMs: number;
  size: number;
  df: boolean;
  json: boolean;
}

export type ParsedTrace = { kind: 'help' } | { kind: 'run'; arguments: TraceArguments };

export const TRACE_LIMITS = {
  maxHops: { min: 1, max: 255 },
  probesPerHop: { min: 1, max: 100 },
  timeoutMs: { min: 1, max: 60_000 },
} as const;

type Mutable = Omit<TraceArguments, 'target' | 'family'> & { target: string | null; v4: boolean; v6: boolean };

function integerOption(name: string, min: number, max: number, set: (args: Mutable, value: number) => void): ValueOption<Mutable> {
  const accepts = `an integer from ${min} to ${max}`;
  return {
    takesValue: true,
    name,
    accepts,
    apply(args, raw) {
      const value = integerIn(raw, min, max);
      if (value === null) return `${name} must be ${accepts}`;
      set(args, value);
      return null;
    },
  };
}

const flag = (apply: (args: Mutable) => void): FlagOption<Mutable> => ({ takesValue: false, apply });

const OPTIONS: Record<string, OptionSpec<Mutable>> = {
  '--max-hops': integerOption('N', TRACE_LIMITS.maxHops.min, TRACE_LIMITS.maxHops.max, (a, v) => (a.maxHops = v)),
  '-q': integerOption('PROBES_PER_HOP', TRACE_LIMITS.probesPerHop.min, TRACE_LIMITS.probesPerHop.max, (a, v) => (a.probesPerHop = v)),
  '-W': integerOption('TIMEOUT_MS', TRACE_LIMITS.timeoutMs.min, TRACE_LIMITS.timeoutMs.max, (a, v) => (a.timeoutMs = v)),
  // The family decides the real ceiling (65507 or 65527); trace-command checks it once known.
  '-s': integerOption('SIZE', LIMITS.size.min, LIMITS.size.max[6], (a, v) => (a.size = v)),
  '-4': flag((a) => (a.v4 = true)),
  '-6': flag((a) => (a.v6 = true)),
  '--df': flag((a) => (a.df = true)),
  '--json': flag((a) => (a.json = true)),
};

/** Long names and the short forms traceroute/mtr users type. */
const ALIASES: Record<string, string> = {
  '-m': '--max-hops',
  '--probes': '-q',
  '--timeout': '-W',
  '--size': '-s',
  '--ipv4': '-4',
  '--ipv6': '-6',
};

const ACCEPTED = '-4 -6 --max-hops -q -W -s --df --json -h';

interface OptionPart {
  typed: string;
  attached: string | null;
  joiner: ' ' | '=' | '';
}

function splitOption(arg: string): OptionPart | null {
  if (!arg.startsWith('-') || arg === '-') return null;
  if (arg.startsWith('--')) {
    const equals = arg.indexOf('=');
    if (equals < 0) return { typed: arg, attached: null, joiner: ' ' };
    return { typed: arg.slice(0, equals), attached: arg.slice(equals + 1), joiner: '=' };
  }
  // "-q5" is -q 5; flags are not bundled (there are only -4 and -6, which exclude each other).
  const typed = arg.slice(0, 2);
  const rest = arg.slice(2);
  return { typed, attached: rest === '' ? null : rest, joiner: rest === '' ? ' ' : '' };
}

/** Parses the arguments after `trace`. Never throws; a `USAGE` failure's message is one line. */
export function parseTraceArguments(argv: readonly string[]): Result<ParsedTrace, 'USAGE'> {
  const endOfOptions = argv.indexOf('--');
  if ((endOfOptions < 0 ? argv : argv.slice(0, endOfOptions)).some((a) => a === '-h' || a === '--help')) return ok({ kind: 'help' });
  const args: Mutable = {
    target: null,
    maxHops: TRACE_DEFAULTS.maxHops,
    probesPerHop: TRACE_DEFAULTS.probesPerHop,
    timeoutMs: TRACE_DEFAULTS.timeoutMs,
    size: TRACE_DEFAULTS.size,
    df: false,
    json: false,
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
    const part = onlyPositionals ? null : splitOption(arg);
    if (part === null) {
      if (args.target !== null) return fail('USAGE', `${shown(arg)}: unexpected extra argument; give one TARGET (already have ${shown(args.target)})`);
      args.target = arg;
      continue;
    }
    const { typed, attached, joiner } = part;
    const spec = OPTIONS[ALIASES[typed] ?? typed];
    if (!spec) return fail('USAGE', unknownOption(arg.startsWith('--') ? typed : arg, ACCEPTED));
    if (!spec.takesValue) {
      if (attached !== null) return fail('USAGE', flagTakesNoValue(typed, joiner, attached));
      spec.apply(args);
      continue;
    }
    const value = optionValue(argv, index, typed, attached, spec as ValueOption<never>);
    if (!value.ok) return fail('USAGE', value.message);
    if (value.usedNext) index += 1;
    const problem = spec.apply(args, value.raw, typed);
    if (problem) return fail('USAGE', `${typed}${joiner}${shown(value.raw)}: ${problem}`);
  }
  if (args.v4 && args.v6) return fail('USAGE', '-4 and -6 cannot be used together; give one, or neither to take the first address the name resolves to');
  if (args.target === null) return fail('USAGE', 'missing TARGET (an IP address or host name)');
  const { v4, v6, target, ...rest } = args;
  return ok({ kind: 'run', arguments: { ...rest, target, family: v4 ? 4 : v6 ? 6 : null } });
}
