// Which WizardApi methods the renderer may call over IPC, and the minimal shape each
// request must have. A hostile or buggy page may send anything: the method name is looked
// up in this table (never used to index the handler table directly), and a request of the
// wrong shape is refused before any handler sees it. The handlers check field values
// (ranges, addresses) themselves; this only guards the shapes they assume.

import type { BridgeMethod } from '../../contract/bridge';
import type { ImportKind } from '../../contract/evidence';
import { fail, ok, type Result } from '../../contract/result';

/** null when the request is acceptable, otherwise why not. */
type RequestCheck = (request: unknown) => string | null;

interface MethodRule {
  check: RequestCheck;
  /** Set when the method is refused over the bridge, with the reason and the alternative. */
  refused?: string;
}

/** Longer strings are refused: no path, URL, id or token is this long. */
const MAX_FIELD_CHARS = 8192;
/** Pasted evidence may be a long log, but not unbounded (matches the file import limit). */
const MAX_PASTED_CHARS = 16 * 1024 * 1024;
const MAX_CONNECTORS = 1000;

const IMPORT_KINDS: Readonly<Record<ImportKind, true>> = {
  'cloudflared-log': true,
  sysctl: true,
  id: true,
  'pod-spec': true,
  'helm-values': true,
  'calico-policy': true,
  'connector-report': true,
  'nft-ruleset': true,
  'iptables-save': true,
  'twingate-log': true,
  'firezone-log': true,
  'firezone-resource': true,
};

export function isImportKind(value: unknown): value is ImportKind {
  return typeof value === 'string' && Object.hasOwn(IMPORT_KINDS, value);
}

function describe(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'string') return `a string of ${value.length} characters`;
  if (typeof value === 'object') return 'an object';
  return `a ${typeof value}`;
}

function asRecord(request: unknown): Record<string, unknown> | null {
  return typeof request === 'object' && request !== null && !Array.isArray(request) ? (request as Record<string, unknown>) : null;
}

/** A check for an object request whose listed fields must pass their own checks. */
function objectWith(fields: Record<string, (value: unknown) => boolean>, expected: string): RequestCheck {
  return (request) => {
    const record = asRecord(request);
    if (record === null) return `the request must be an object ${expected}; got ${describe(request)}`;
    for (const [name, valid] of Object.entries(fields)) {
      if (!valid(record[name])) return `field "${name}" is invalid (${describe(record[name])}); expected ${expected}`;
    }
    return null;
  };
}

const text = (value: unknown): boolean => typeof value === 'string' && value.length <= MAX_FIELD_CHARS;
const textOrNull = (value: unknown): boolean => value === null || text(value);
const optionalNumber = (value: unknown): boolean => value === undefined || typeof value === 'number';
const number = (value: unknown): boolean => typeof value === 'number';

const noRequest: RequestCheck = (request) =>
  request === undefined || request === null ? null : `this method takes no request; got ${describe(request)}`;

const probeTarget = { target: text, timeoutMs: optionalNumber };

const RULES: Readonly<Record<BridgeMethod, MethodRule>> = {
  setCloudflareApiToken: {
    check: (request) => (textOrNull(request) ? null : `the token must be a string or null; got ${describe(request)}`),
  },
  gatherLocal: { check: noRequest },
  gatherConnectors: { check: noRequest },
  gatherRoute: { check: objectWith({ target: text }, '{target: string}') },
  gatherCloudflared: {
    check: objectWith(
      {
        logPath: textOrNull,
        configPath: textOrNull,
        metricsUrl: textOrNull,
        connectors: (value) => Array.isArray(value) && value.length <= MAX_CONNECTORS && value.every((item) => asRecord(item) !== null),
      },
      '{logPath, configPath, metricsUrl: string | null, connectors: object[]}',
    ),
  },
  gatherCloudflareApi: {
    check: objectWith({ accountId: (value) => text(value) && value !== '' }, '{accountId: non-empty string}'),
  },
  probeTcp: { check: objectWith({ ...probeTarget, port: number }, '{target: string, port: number, timeoutMs?: number}') },
  probeIcmp: {
    check: objectWith(
      { ...probeTarget, count: optionalNumber, intervalMs: optionalNumber },
      '{target: string, count?, intervalMs?, timeoutMs?: number}',
    ),
  },
  probePathMtu: { check: objectWith(probeTarget, '{target: string, timeoutMs?: number}') },
  probeTransparency: {
    check: objectWith(
      { ...probeTarget, unreachableTarget: textOrNull },
      '{target: string, unreachableTarget: string | null, timeoutMs?: number}',
    ),
  },
  probeTrace: {
    check: objectWith(
      { ...probeTarget, maxHops: optionalNumber, probesPerHop: optionalNumber },
      '{target: string, maxHops?, probesPerHop?, timeoutMs?: number}',
    ),
  },
  importEvidence: {
    check: objectWith(
      {
        kind: isImportKind,
        text: (value) => value === null || (typeof value === 'string' && value.length <= MAX_PASTED_CHARS),
        path: textOrNull,
        label: text,
      },
      `{kind: ${Object.keys(IMPORT_KINDS).join(' | ')}, text: string | null, path: string | null, label: string}`,
    ),
  },
  writeReport: {
    check: () => null,
    // A page that could name any path could overwrite any file the user can write.
    refused: 'writeReport is not callable from the window: use saveReport, which asks the user where to save',
  },
};

export type CallRefusalCode = 'UNKNOWN_METHOD' | 'NOT_CALLABLE' | 'BAD_REQUEST';

/** The method names the bridge accepts (all WizardApi keys, writeReport included but refused). */
export const BRIDGE_METHODS = Object.keys(RULES) as BridgeMethod[];

/** Accepts a method name and request off the wire, or says exactly why not. */
export function validateCall(method: unknown, request: unknown): Result<{ method: BridgeMethod; request: unknown }, CallRefusalCode> {
  if (typeof method !== 'string' || !Object.hasOwn(RULES, method)) {
    const shown = typeof method === 'string' ? JSON.stringify(method.slice(0, 80)) : describe(method);
    return fail('UNKNOWN_METHOD', `unknown method ${shown}: the bridge accepts ${BRIDGE_METHODS.join(', ')}`);
  }
  const known = method as BridgeMethod;
  const rule = RULES[known];
  if (rule.refused !== undefined) return fail('NOT_CALLABLE', rule.refused);
  const problem = rule.check(request);
  if (problem !== null) return fail('BAD_REQUEST', `${known}: ${problem}`);
  return ok({ method: known, request });
}
