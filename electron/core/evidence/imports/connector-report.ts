// Reads a connector report: the JSON `icmp-doctor check --connector` writes on a connector
// host (schema icmp-doctor/connector-report@1, contract/evidence.ts ConnectorReport) for
// import where the wizard runs. Everything in it is checked against the contract's shapes,
// field by field, and the first mismatch is reported by its path. Connector environments
// are filtered through the same allowlist as on the host, so a hand-edited report cannot
// carry a secret into our evidence and reports.

import type {
  CloudflaredEvidence,
  ConnectorProcess,
  ConnectorReport,
  Gathered,
  GatherFailureCode,
  HostFacts,
  Identity,
  LocalEvidence,
  PingGroupRange,
  QuotedLine,
  SocketCapability,
} from '../../../../contract/evidence';
import { filterEnvironment } from '../connectors/connector-environment';
import { describeError, gathered, notGathered } from '../gathered';
import { guardText } from './input-guard';
import { ShapeError, isBoolean, isId, isNumber, isString, listOf, nullable, objectOf, oneOf, stringRecord, tupleOf4, type Check } from './shape-check';
import { isDict, shown } from './untrusted-values';

export const CONNECTOR_REPORT_SCHEMA = 'icmp-doctor/connector-report@1';
/** A connector report is a few KB; a long connector list or log excerpt stays far below this. */
export const MAX_CONNECTOR_REPORT_CHARS = 4 * 1024 * 1024;

const HOW_TO = 'create one with `sudo icmp-doctor check --connector --report connector.json` on the connector host';

const FAILURE_CODES: readonly GatherFailureCode[] = ['NOT_FOUND', 'PERMISSION_DENIED', 'UNPARSEABLE', 'TIMEOUT', 'HTTP_ERROR', 'AUTH_FAILED', 'FORBIDDEN', 'NOT_APPLICABLE', 'CANCELLED', 'FAILED'];

function gatheredOf<T>(check: Check<T>): Check<Gathered<T>> {
  return (value, path) => {
    if (!isDict(value)) throw new ShapeError(`${path} should be a gathered fact ({ok, …}), but is ${value === undefined ? 'missing' : shown(value)}`);
    const source = isString(value.source, `${path}.source`);
    const at = isString(value.at, `${path}.at`);
    if (value.ok === true) return { ok: true, value: check(value.value, `${path}.value`), source, at };
    if (value.ok === false) {
      return { ok: false, code: oneOf(FAILURE_CODES)(value.code, `${path}.code`), message: isString(value.message, `${path}.message`), source, at };
    }
    throw new ShapeError(`${path}.ok should be true or false, but is ${value.ok === undefined ? 'missing' : shown(value.ok)}`);
  };
}

/** A field newer reports carry: an older report without it reads as `fallback`. */
function absentAs<T>(fallback: T, check: Check<T>): Check<T> {
  return (value, path) => (value === undefined ? fallback : check(value, path));
}

const hostFacts = objectOf<HostFacts>({ os: isString, platform: isString, kernel: isString, arch: isString, hostname: isString, netns: nullable(isString), openwrt: absentAs(false, isBoolean) });
const identity = objectOf<Identity>({ uid: isId, euid: isId, gid: isId, egid: isId, groups: listOf(isId, 65_536) });
const pingGroupRange = objectOf<PingGroupRange>({ low: isId, high: isId });
const socket = objectOf<SocketCapability['v4']>({ allowed: isBoolean, errno: nullable(isString) });
const socketCapability = objectOf<SocketCapability>({ v4: socket, v6: socket });

const localEvidence = objectOf<LocalEvidence>({
  host: gatheredOf(hostFacts),
  identity: gatheredOf(identity),
  pingGroupRange: gatheredOf(pingGroupRange),
  capability: gatheredOf(socketCapability),
});

const connectorProcess = objectOf<ConnectorProcess>({
  kind: oneOf(['cloudflared', 'twingate', 'firezone'] as const),
  pid: isId,
  command: listOf(isString, 4_096),
  uids: tupleOf4(isId),
  gids: tupleOf4(isId),
  groups: listOf(isId, 65_536),
  netns: nullable(isString),
  sameNetnsAsUs: isBoolean,
  pingGroupRange: gatheredOf(pingGroupRange),
  environment: gatheredOf(stringRecord()),
  container: nullable(isString),
  cgroup: absentAs(null, nullable(isString)),
});

const quotedLine = objectOf<QuotedLine>({ text: isString, line: nullable(isNumber) });
const transport = oneOf(['quic', 'http2'] as const);

const cloudflaredEvidence = objectOf<CloudflaredEvidence>({
  requestedTransport: nullable(
    objectOf<NonNullable<CloudflaredEvidence['requestedTransport']>>({
      value: oneOf(['auto', 'quic', 'http2'] as const),
      from: oneOf(['flag', 'env', 'config'] as const),
      detail: isString,
    }),
  ),
  registered: listOf(objectOf<CloudflaredEvidence['registered'][number]>({ transport, evidence: quotedLine })),
  fallbackToHttp2: nullable(quotedLine),
  quicTried: nullable(isBoolean),
  gidOutsideRange: nullable(objectOf<NonNullable<CloudflaredEvidence['gidOutsideRange']>>({ gid: isId, low: isId, high: isId, evidence: quotedLine })),
  icmpProxyDisabled: nullable(quotedLine),
  icmpRequests: nullable(isNumber),
  icmpReplies: nullable(isNumber),
  quickTunnel: nullable(quotedLine),
  configPath: nullable(isString),
  sources: listOf(isString),
});

const createdAt: Check<string> = (value, path) => {
  const text = isString(value, path);
  if (Number.isNaN(Date.parse(text))) throw new ShapeError(`${path} should be an ISO 8601 time, but is ${shown(text)}`);
  return text;
};

const reportBody = objectOf<Omit<ConnectorReport, 'schema'>>({
  createdAt,
  app: objectOf<ConnectorReport['app']>({ version: isString }),
  local: localEvidence,
  connectors: gatheredOf(listOf(connectorProcess, 1_000)),
  cloudflared: nullable(gatheredOf(cloudflaredEvidence)),
});

/** Why `schema` is not ours, in words that say what the file is instead. */
function schemaProblem(schema: unknown): string | null {
  if (schema === CONNECTOR_REPORT_SCHEMA) return null;
  if (schema === undefined) return `it has no "schema" field, so it is not an ICMP Doctor connector report; ${HOW_TO}`;
  if (typeof schema === 'string' && schema.startsWith('icmp-doctor/connector-report@')) {
    return `its schema is ${shown(schema)}, a version this ICMP Doctor cannot read (it reads ${CONNECTOR_REPORT_SCHEMA}); make the report with the same ICMP Doctor version`;
  }
  if (typeof schema === 'string' && schema.startsWith('icmp-doctor/report@')) {
    return `it is a diagnostic report (${schema}), not a connector report; ${HOW_TO}`;
  }
  return `its schema is ${shown(schema)}, not ${CONNECTOR_REPORT_SCHEMA}; ${HOW_TO}`;
}

/** Only the allowlisted environment variables survive an import, as on the host. */
function withAllowedEnvironment(connectors: Gathered<ConnectorProcess[]>): Gathered<ConnectorProcess[]> {
  if (!connectors.ok) return connectors;
  const value = connectors.value.map((connector) => {
    if (!connector.environment.ok) return connector;
    return { ...connector, environment: { ...connector.environment, value: filterEnvironment(connector.kind, connector.environment.value) } };
  });
  return { ...connectors, value };
}

/** A validated ConnectorReport, or UNPARSEABLE naming what is wrong (and where). Never throws. */
export function parseConnectorReport(text: string, source: string): Gathered<ConnectorReport> {
  const guarded = guardText(text, 'the connector report', MAX_CONNECTOR_REPORT_CHARS);
  if (!guarded.ok) return notGathered('UNPARSEABLE', guarded.message, source);
  let json: unknown;
  try {
    json = JSON.parse(guarded.value);
  } catch (error) {
    return notGathered('UNPARSEABLE', `the connector report is not valid JSON (${describeError(error)}); ${HOW_TO}`, source);
  }
  if (!isDict(json)) {
    return notGathered('UNPARSEABLE', `the connector report is ${shown(json)} in JSON, not an object; ${HOW_TO}`, source);
  }
  const problem = schemaProblem(json.schema);
  if (problem !== null) return notGathered('UNPARSEABLE', `the connector report cannot be read: ${problem}`, source);
  try {
    const body = reportBody(json, 'report');
    return gathered({ schema: CONNECTOR_REPORT_SCHEMA, ...body, connectors: withAllowedEnvironment(body.connectors) }, source);
  } catch (error) {
    if (error instanceof ShapeError) return notGathered('UNPARSEABLE', `the connector report is malformed: ${error.message}`, source);
    return notGathered('FAILED', `the connector report could not be read: ${describeError(error)}`, source);
  }
}
