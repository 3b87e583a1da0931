// Parses `icmp-doctor check` arguments (long options, `--name value` or `--name=value`) into
// checked values, without touching the file system or the network: files, the report's
// directory and the target's name are checked by check-preflight.ts. Every problem becomes
// one message naming the flag, the value and what is accepted, as with `ping`.

import { DEPLOY_STYLES, type DeployStyle } from '../../contract/deploy';
import type { ImportKind, Product } from '../../contract/evidence';
import type { ReportFormat } from '../../contract/report';
import { LOCALES, type Locale } from '../../renderer/i18n/messages/locale';
import { fail, ok, type Result } from '../../contract/result';
import { checkAccountId } from '../core/evidence/cloudflare-api/account-id';
import { checkMetricsAddress } from '../core/evidence/cloudflared/metrics-server';
import { PID_MAX } from '../core/evidence/connectors/identify-process';
import { ACCEPTED_EXTENSIONS, reportFormatFor } from '../report/report-format';
import { reportNameProblem } from './report-path';
import type { SocketChoice } from '../../native/index';
import { isSocketChoice } from '../core/ping/socket-choice';
import { parseSocketChoice, SOCKET_ACCEPTS } from './arguments';
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

export const PRODUCTS: readonly Product[] = ['cloudflare', 'twingate', 'firezone', 'generic'];
export const IMPORT_KINDS: readonly ImportKind[] = [
  'cloudflared-log',
  'sysctl',
  'id',
  'pod-spec',
  'helm-values',
  'calico-policy',
  'connector-report',
  'nft-ruleset',
  'iptables-save',
  'twingate-log',
  'firezone-log',
  'firezone-resource',
];
export const TCP_PORT_LIMITS = { min: 1, max: 65535 } as const;

/** A file the user named, with the option as typed, for messages about it later. */
export interface NamedFile {
  path: string;
  /** How the option appeared, e.g. "--import sysctl=out.txt" or "--cloudflared-log x.log". */
  typed: string;
}

export interface ImportArgument extends NamedFile {
  kind: ImportKind;
}

export interface ReportArgument extends NamedFile {
  format: ReportFormat;
}

export interface CheckArguments {
  /** `--connector`: gather this host's connector evidence into a connector report, no probes. */
  connector: boolean;
  target: string | null;
  tcpPort: number | null;
  /** As given, or inferred (Cloudflare-only options imply cloudflare); 'generic' when neither. */
  product: Product;
  unreachable: string | null;
  cloudflaredLog: NamedFile | null;
  cloudflaredConfig: NamedFile | null;
  metricsUrl: string | null;
  /** Checked: 32 hexadecimal characters. */
  cloudflareAccount: string | null;
  connectorReports: NamedFile[];
  imports: ImportArgument[];
  json: boolean;
  report: ReportArgument | null;
  /** `--deploy`: how the connector is deployed; null: detect it from the evidence. */
  deploy: DeployStyle | null;
  /** `--lang`: the language of the output and the report; null: from LC_ALL, LC_MESSAGES, LANG. */
  lang: Locale | null;
  /** `--pid`: the connector process to examine (DESIGN §2); null: every connector found. */
  pid: number | null;
  /** `--socket`: the ICMP socket the probes use (auto: ping sockets, else raw with CAP_NET_RAW). */
  socket: SocketChoice;
}

export type ParsedCheck = { kind: 'help' } | { kind: 'run'; arguments: CheckArguments };

type Mutable = Omit<CheckArguments, 'product'> & { product: Product | null };

type ValueOption = ValueOptionOf<Mutable>;
type FlagOption = FlagOptionOf<Mutable>;
type OptionSpec = OptionSpecOf<Mutable>;

function fileOption(name: string, set: (args: Mutable, file: NamedFile) => void, repeatable = false): ValueOption {
  return {
    takesValue: true,
    name,
    accepts: 'the path of a file',
    repeatable,
    apply(args, raw, typed) {
      if (raw.trim() === '') return `${name} is empty; give the path of a file`;
      if (raw.includes('\0')) return `${name} contains a NUL character`;
      set(args, { path: raw, typed });
      return null;
    },
  };
}

function textOption(name: string, accepts: string, set: (args: Mutable, value: string) => void): ValueOption {
  return {
    takesValue: true,
    name,
    accepts,
    apply(args, raw) {
      if (raw.trim() === '') return `${name} is empty; give ${accepts}`;
      set(args, raw.trim());
      return null;
    },
  };
}

const flag = (apply: (args: Mutable) => void): FlagOption => ({ takesValue: false, apply });

const OPTIONS: Readonly<Record<string, OptionSpec>> = {
  '--target': textOption('TARGET', 'an IP address or host name', (args, value) => (args.target = value)),
  '--tcp-port': {
    takesValue: true,
    name: 'PORT',
    accepts: `an integer from ${TCP_PORT_LIMITS.min} to ${TCP_PORT_LIMITS.max}`,
    apply(args, raw) {
      const port = integerIn(raw, TCP_PORT_LIMITS.min, TCP_PORT_LIMITS.max);
      if (port === null) return `PORT must be an integer from ${TCP_PORT_LIMITS.min} to ${TCP_PORT_LIMITS.max}`;
      args.tcpPort = port;
      return null;
    },
  },
  '--deploy': {
    takesValue: true,
    name: 'STYLE',
    accepts: `one of ${DEPLOY_STYLES.join(', ')}`,
    apply(args, raw) {
      const style = DEPLOY_STYLES.find((s) => s === raw.trim().toLowerCase());
      if (!style) return `STYLE must be one of ${DEPLOY_STYLES.join(', ')} (leave --deploy out to detect it)`;
      args.deploy = style;
      return null;
    },
  },
  '--lang': {
    takesValue: true,
    name: 'LANG',
    accepts: `one of ${LOCALES.join(', ')}`,
    apply(args, raw) {
      const lang = LOCALES.find((l) => l === raw.trim().toLowerCase());
      if (!lang) return `LANG must be one of ${LOCALES.join(', ')} (leave --lang out to follow LC_ALL, LC_MESSAGES or LANG)`;
      args.lang = lang;
      return null;
    },
  },
  '--pid': {
    takesValue: true,
    name: 'PID',
    accepts: `the process id of the connector to examine, an integer from 1 to ${PID_MAX}`,
    apply(args, raw) {
      const pid = integerIn(raw.trim(), 1, PID_MAX);
      if (pid === null) return `PID must be the process id of the connector to examine, an integer from 1 to ${PID_MAX} (e.g. from pgrep -a cloudflared)`;
      args.pid = pid;
      return null;
    },
  },
  '--socket': {
    takesValue: true,
    name: 'KIND',
    accepts: SOCKET_ACCEPTS,
    apply(args, raw) {
      const choice = parseSocketChoice(raw.trim().toLowerCase());
      if (!isSocketChoice(choice)) return choice;
      args.socket = choice;
      return null;
    },
  },
  '--product': {
    takesValue: true,
    name: 'PRODUCT',
    accepts: `one of ${PRODUCTS.join(', ')}`,
    apply(args, raw) {
      const product = PRODUCTS.find((p) => p === raw.toLowerCase());
      if (!product) return `PRODUCT must be one of ${PRODUCTS.join(', ')}`;
      args.product = product;
      return null;
    },
  },
  '--unreachable': textOption('ADDR', 'an address that should be unreachable (IP or host name)', (args, value) => (args.unreachable = value)),
  '--cloudflared-log': fileOption('FILE', (args, file) => (args.cloudflaredLog = file)),
  '--cloudflared-config': fileOption('FILE', (args, file) => (args.cloudflaredConfig = file)),
  '--metrics': {
    takesValue: true,
    name: 'URL',
    accepts: 'cloudflared\'s metrics address, e.g. 127.0.0.1:20241 or http://127.0.0.1:20241',
    apply(args, raw) {
      const checked = checkMetricsAddress(raw);
      if (!checked.ok) return `URL must be cloudflared's metrics address with a port, e.g. 127.0.0.1:20241 or http://127.0.0.1:20241; this one ${checked.problem}`;
      args.metricsUrl = raw.trim();
      return null;
    },
  },
  '--cloudflare-account': {
    takesValue: true,
    name: 'ID',
    accepts: '32 hexadecimal characters',
    apply(args, raw) {
      const account = checkAccountId(raw);
      // Never echoed (see checkAccountId): a token pasted into the wrong flag stays out of the terminal.
      if (!account.ok) return account.message;
      args.cloudflareAccount = account.accountId;
      return null;
    },
  },
  '--connector-report': fileOption('FILE', (args, file) => args.connectorReports.push(file), true),
  '--import': {
    takesValue: true,
    name: 'KIND=FILE',
    accepts: `KIND=FILE, KIND one of ${IMPORT_KINDS.join(', ')}`,
    repeatable: true,
    apply(args, raw, typed) {
      const equals = raw.indexOf('=');
      if (equals < 0) return `KIND=FILE expected, e.g. --import sysctl=sysctl.txt (KIND: ${IMPORT_KINDS.join(', ')})`;
      const kind = IMPORT_KINDS.find((k) => k === raw.slice(0, equals));
      if (!kind) return `KIND must be one of ${IMPORT_KINDS.join(', ')}`;
      const path = raw.slice(equals + 1);
      if (path.trim() === '') return `no FILE after "${kind}="; give the path of the file to import`;
      if (path.includes('\0')) return 'FILE contains a NUL character';
      args.imports.push({ kind, path, typed });
      return null;
    },
  },
  '--report': {
    takesValue: true,
    name: 'FILE',
    accepts: `a file name ending in ${ACCEPTED_EXTENSIONS.join(', ')}`,
    apply(args, raw, typed) {
      if (raw.trim() === '') return 'FILE is empty; give a file name such as report.html';
      if (raw.includes('\0')) return 'FILE contains a NUL character';
      const name = reportNameProblem(raw);
      if (name) return name;
      const format = reportFormatFor(raw);
      if (!format.ok) return `the extension decides the format: give a file name ending in ${ACCEPTED_EXTENSIONS.join(', ')}`;
      args.report = { path: raw, typed, format: format.value };
      return null;
    },
  },
  '--json': flag((args) => (args.json = true)),
  '--connector': flag((args) => (args.connector = true)),
};

/** Other spellings: the checks' advice says --unreachable-target. */
const ALIASES: Readonly<Record<string, string>> = { '--unreachable-target': '--unreachable' };

const ACCEPTED = Object.keys(OPTIONS).join(' ') + ' -h';

/** Options that only make sense for a Cloudflare tunnel (they imply --product cloudflare). */
const CLOUDFLARE_ONLY: ReadonlyArray<{ option: string; given: (args: Mutable) => boolean }> = [
  { option: '--cloudflared-log', given: (args) => args.cloudflaredLog !== null },
  { option: '--cloudflared-config', given: (args) => args.cloudflaredConfig !== null },
  { option: '--metrics', given: (args) => args.metricsUrl !== null },
  { option: '--cloudflare-account', given: (args) => args.cloudflareAccount !== null },
];

/** Options that need a target (they aim probes at it). */
const NEED_TARGET: ReadonlyArray<{ option: string; given: (args: Mutable) => string | null }> = [
  { option: '--tcp-port', given: (args) => (args.tcpPort === null ? null : String(args.tcpPort)) },
  { option: '--unreachable', given: (args) => args.unreachable },
];

/** What connector mode refuses: it gathers this host's connector evidence only, and imports nothing. */
const NOT_IN_CONNECTOR_MODE: ReadonlyArray<{ option: string; given: (args: Mutable) => boolean }> = [
  { option: '--target', given: (args) => args.target !== null },
  { option: '--tcp-port', given: (args) => args.tcpPort !== null },
  { option: '--unreachable', given: (args) => args.unreachable !== null },
  { option: '--cloudflare-account', given: (args) => args.cloudflareAccount !== null },
  { option: '--connector-report', given: (args) => args.connectorReports.length > 0 },
  { option: '--import', given: (args) => args.imports.length > 0 },
];

function usage(message: string): Result<never, 'USAGE'> {
  return fail('USAGE', message);
}

function isHelp(arg: string): boolean {
  return arg === '-h' || arg === '--help';
}

/** Problems only visible once every option is read: combinations. */
function combinationProblem(args: Mutable): string | null {
  if (args.connector) {
    const refused = NOT_IN_CONNECTOR_MODE.find((o) => o.given(args));
    if (refused) {
      return `--connector cannot be used with ${refused.option}: connector mode only gathers this host's connector evidence into a report; run the check with ${refused.option} on the machine that cannot ping, and import the report there with --connector-report FILE`;
    }
    if (args.report && args.report.format !== 'json') {
      return `--report ${shown(args.report.path)}: a connector report is JSON, for import with --connector-report; give a file name ending in .json`;
    }
    return null;
  }
  if (args.target === null) {
    for (const option of NEED_TARGET) {
      const value = option.given(args);
      if (value !== null) return `${option.option} ${shown(value)}: needs --target (the host the probes go to)`;
    }
  }
  if (args.product === 'twingate' || args.product === 'firezone') {
    const cloudflare = CLOUDFLARE_ONLY.find((o) => o.given(args));
    if (cloudflare) return `${cloudflare.option} applies to Cloudflare tunnels only, but --product is ${args.product}; drop it, or use --product cloudflare`;
  }
  return null;
}

/** Parses the arguments after `check`. Never throws; a `USAGE` failure's message is one line. */
export function parseCheckArguments(argv: readonly string[]): Result<ParsedCheck, 'USAGE'> {
  if (argv.some(isHelp)) return ok({ kind: 'help' });
  const args: Mutable = {
    connector: false,
    target: null,
    tcpPort: null,
    product: null,
    unreachable: null,
    cloudflaredLog: null,
    cloudflaredConfig: null,
    metricsUrl: null,
    cloudflareAccount: null,
    connectorReports: [],
    imports: [],
    json: false,
    report: null,
    deploy: null,
    lang: null,
    pid: null,
    socket: 'auto',
  };
  const seen = new Set<string>();

  for (let index = 0; index < argv.length; index += 1) {
    const arg = argv[index] ?? '';
    if (!arg.startsWith('-') || arg === '-') {
      const hint = arg.trim() === '' ? '' : ` (did you mean --target ${shown(arg)}?)`;
      return usage(`${shown(arg)}: unexpected argument; check takes options only${hint}`);
    }
    const equals = arg.indexOf('=');
    const typed = arg.startsWith('--') && equals > 0 ? arg.slice(0, equals) : arg;
    const attached = typed === arg ? null : arg.slice(equals + 1);
    const spec = OPTIONS[ALIASES[typed] ?? typed];
    if (!spec) return usage(unknownOption(typed, ACCEPTED));
    if (!spec.takesValue) {
      if (attached !== null) return usage(flagTakesNoValue(typed, '=', attached));
      spec.apply(args);
      continue;
    }
    const value = optionValue(argv, index, typed, attached, spec);
    if (!value.ok) return usage(value.message);
    if (value.usedNext) index += 1;
    const raw = value.raw;
    const asTyped = `${typed}${attached === null ? ' ' : '='}${shown(raw)}`;
    const canonical = ALIASES[typed] ?? typed;
    if (!spec.repeatable && seen.has(canonical)) return usage(`${asTyped}: ${typed} was already given; give it once`);
    seen.add(canonical);
    const problem = spec.apply(args, raw, asTyped);
    // The account id is never echoed: it may be a token pasted into the wrong flag.
    if (problem) return usage(typed === '--cloudflare-account' ? `${typed}: ${problem}` : `${asTyped}: ${problem}`);
  }

  const problem = combinationProblem(args);
  if (problem) return usage(problem);
  const impliedCloudflare = CLOUDFLARE_ONLY.some((o) => o.given(args));
  const product: Product = args.product ?? (impliedCloudflare ? 'cloudflare' : 'generic');
  return ok({ kind: 'run', arguments: { ...args, product } });
}
