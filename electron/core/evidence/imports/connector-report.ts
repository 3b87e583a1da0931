// Reads a connector report: the JSON `icmp-doctor check --connector` writes on a connector
// host (schema icmp-doctor/connector-report@1, contract/evidence.ts ConnectorReport) for
// import where the wizard runs. Everything in it is checked against the contract's shapes,
// field by field, and the first mismatch is reported by its path. Connector environments
// are filtered through the same allowlist as on the host, so a hand-edited report cannot
// carry a secret into our evidence and reports.

import type {
  LogLine,
  TwingateLogFacts,
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
import type { Message } from '../../../../contract/message';
import { msg } from '../../../../renderer/i18n/messages/message';
import { describeError, gathered, notGathered } from '../gathered';
import { guardText } from './input-guard';
import { reasonFrom } from './imported-reason';
import { ShapeError, got, isBoolean, isId, isNumber, isString, listOf, nullable, objectOf, oneOf, stringRecord, tupleOf4, type Check } from './shape-check';
import { isDict, shown } from './untrusted-values';

export const CONNECTOR_REPORT_SCHEMA = 'icmp-doctor/connector-report@1';
/** A connector report is a few KB; a long connector list or log excerpt stays far below this. */
export const MAX_CONNECTOR_REPORT_CHARS = 4 * 1024 * 1024;

const WHAT = msg('gather.import.thing.connector-report');

const FAILURE_CODES: readonly GatherFailureCode[] = ['NOT_FOUND', 'PERMISSION_DENIED', 'UNPARSEABLE', 'TIMEOUT', 'HTTP_ERROR', 'AUTH_FAILED', 'FORBIDDEN', 'NOT_APPLICABLE', 'CANCELLED', 'FAILED'];

/** The source's message, kept under the same bounds as a reason (a bad one is dropped; `source` stays). */
function sourceMessageOf(value: Readonly<Record<string, unknown>>): { sourceMessage?: Message } {
  const sourceMessage = reasonFrom(value.sourceMessage);
  return sourceMessage ? { sourceMessage } : {};
}

function gatheredOf<T>(check: Check<T>): Check<Gathered<T>> {
  return (value, path) => {
    if (!isDict(value)) throw new ShapeError(msg('gather.shape.expected', { path, shape: 'gathered', got: got(value) }));
    const source = isString(value.source, `${path}.source`);
    const at = isString(value.at, `${path}.at`);
    if (value.ok === true) return { ok: true, value: check(value.value, `${path}.value`), source, ...sourceMessageOf(value), at };
    if (value.ok === false) {
      const code = oneOf(FAILURE_CODES)(value.code, `${path}.code`);
      const message = isString(value.message, `${path}.message`);
      // The reason travels with the report so the failure reads in the user's language here;
      // one that is not a bounded message is dropped and the English stays (imported-reason.ts).
      const reason = reasonFrom(value.reason);
      return { ok: false, code, message, ...(reason ? { reason } : {}), source, ...sourceMessageOf(value), at };
    }
    throw new ShapeError(msg('gather.shape.expected', { path: `${path}.ok`, shape: 'boolean', got: got(value.ok) }));
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
const rawSockets = objectOf<NonNullable<SocketCapability['raw']>>({ v4: socket, v6: socket });
const socketCapability = objectOf<SocketCapability>({ v4: socket, v6: socket, raw: absentAs(undefined, rawSockets), capNetRaw: absentAs(undefined, nullable(isBoolean)) });

const localEvidence = objectOf<LocalEvidence>({
  host: gatheredOf(hostFacts),
  identity: gatheredOf(identity),
  pingGroupRange: gatheredOf(pingGroupRange),
  capability: gatheredOf(socketCapability),
});

const logLine = objectOf<LogLine>({ line: isNumber, text: isString });
const quotedValue = objectOf<{ value: string; quoted: LogLine }>({ value: isString, quoted: logLine });
/** A Twingate connector's own log as its host read it (connectors/twingate-own-log.ts). */
const twingateLogFacts = objectOf<TwingateLogFacts>({ lines: isNumber, version: nullable(quotedValue), icmpDenied: listOf(logLine, 100_000), state: nullable(quotedValue) });

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
  ownLog: absentAs(null, nullable(gatheredOf(twingateLogFacts))),
});

const quotedLine = objectOf<QuotedLine>({ text: isString, line: nullable(isNumber) });
const transport = oneOf(['quic', 'http2'] as const);

/** Our messages in a report from another host: kept only when every one is a bounded message (imported-reason.ts). */
const messageList: Check<Message[] | undefined> = (value) => {
  if (!Array.isArray(value) || value.length > 1_000) return undefined;
  const messages = value.map((item) => reasonFrom(item));
  return messages.every((m): m is Message => m !== null) ? messages : undefined;
};
const optionalMessage: Check<Message | undefined> = (value) => reasonFrom(value) ?? undefined;

/** The object without the optional fields an older report lacks (so it reads as it was written). */
function withoutAbsent<T extends object>(check: Check<T>): Check<T> {
  return (value, path) => {
    const checked = check(value, path);
    if (checked === null || typeof checked !== 'object') return checked;
    return Object.fromEntries(Object.entries(checked).filter(([, field]) => field !== undefined)) as T;
  };
}

const cloudflaredEvidence = withoutAbsent(objectOf<CloudflaredEvidence>({
  requestedTransport: nullable(
    withoutAbsent(objectOf<NonNullable<CloudflaredEvidence['requestedTransport']>>({
      value: oneOf(['auto', 'quic', 'http2'] as const),
      from: oneOf(['flag', 'env', 'config'] as const),
      detail: isString,
      detailMessage: optionalMessage,
    })),
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
  sourceMessages: messageList,
  places: (value, path) => (value === undefined ? undefined : listOf(isString)(value, path)),
  // Start-up facts: absent in reports from before they were read.
  version: absentAs(null, nullable(objectOf<NonNullable<CloudflaredEvidence['version']>>({ value: isString, from: oneOf(['log', 'metrics'] as const), evidence: nullable(quotedLine) }))),
  startTransport: absentAs(null, nullable(objectOf<NonNullable<CloudflaredEvidence['startTransport']>>({ value: oneOf(['auto', 'quic', 'http2'] as const), evidence: quotedLine }))),
  startConfigPath: absentAs(null, nullable(isString)),
  configProtocol: absentAs(null, nullable(objectOf<NonNullable<CloudflaredEvidence['configProtocol']>>({ value: isString, line: isNumber }))),
  dialFailures: absentAs(
    null,
    nullable(objectOf<NonNullable<CloudflaredEvidence['dialFailures']>>({ count: isNumber, transport: nullable(transport), first: quotedLine, last: quotedLine })),
  ),
  icmpProxySources: absentAs([], listOf(quotedLine)),
  gidRangeUnparsed: absentAs(null, nullable(quotedLine)),
  readiness: absentAs(null, nullable(objectOf<NonNullable<CloudflaredEvidence['readiness']>>({ url: isString, status: isNumber, readyConnections: nullable(isNumber) }))),
  runStartSeen: absentAs(null, nullable(isBoolean)),
}));

const createdAt: Check<string> = (value, path) => {
  const text = isString(value, path);
  if (Number.isNaN(Date.parse(text))) throw new ShapeError(msg('gather.shape.expected', { path, shape: 'time', got: shown(text) }));
  return text;
};

const reportBody = objectOf<Omit<ConnectorReport, 'schema' | 'cloudflaredPerConnector'>>({
  createdAt,
  app: objectOf<ConnectorReport['app']>({ version: isString }),
  local: localEvidence,
  connectors: gatheredOf(listOf(connectorProcess, 1_000)),
  cloudflared: nullable(gatheredOf(cloudflaredEvidence)),
});

/** Each cloudflared process's own evidence (issue 9); absent in reports from before it, and with one process. */
const perConnector = listOf(objectOf<{ pid: number; cloudflared: Gathered<CloudflaredEvidence> }>({ pid: isId, cloudflared: gatheredOf(cloudflaredEvidence) }), 1_000);

/** Why `schema` is not ours, in words that say what the file is instead. */
function schemaProblem(schema: unknown): Message | null {
  if (schema === CONNECTOR_REPORT_SCHEMA) return null;
  if (schema === undefined) return msg('gather.report.no-schema');
  if (typeof schema === 'string' && schema.startsWith('icmp-doctor/connector-report@')) {
    return msg('gather.report.other-version', { got: shown(schema), reads: CONNECTOR_REPORT_SCHEMA });
  }
  if (typeof schema === 'string' && schema.startsWith('icmp-doctor/report@')) return msg('gather.report.diagnostic', { schema });
  return msg('gather.report.wrong-schema', { got: shown(schema), expected: CONNECTOR_REPORT_SCHEMA });
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
export function parseConnectorReport(text: string, source: string | Message): Gathered<ConnectorReport> {
  const guarded = guardText(text, WHAT, MAX_CONNECTOR_REPORT_CHARS);
  if (!guarded.ok) return notGathered('UNPARSEABLE', guarded.reason, source);
  let json: unknown;
  try {
    json = JSON.parse(guarded.value);
  } catch (error) {
    return notGathered('UNPARSEABLE', msg('gather.report.not-json', { detail: describeError(error) }), source);
  }
  if (!isDict(json)) {
    return notGathered('UNPARSEABLE', msg('gather.report.not-object', { got: shown(json) }), source);
  }
  const problem = schemaProblem(json.schema);
  if (problem !== null) return notGathered('UNPARSEABLE', msg('gather.report.unreadable', { problem }), source);
  try {
    const body = reportBody(json, 'report');
    // Kept absent when absent, so an older report reads back exactly as it was written.
    const apart = json.cloudflaredPerConnector === undefined ? {} : { cloudflaredPerConnector: perConnector(json.cloudflaredPerConnector, 'report.cloudflaredPerConnector') };
    return gathered({ schema: CONNECTOR_REPORT_SCHEMA, ...body, ...apart, connectors: withAllowedEnvironment(body.connectors) }, source);
  } catch (error) {
    if (error instanceof ShapeError) return notGathered('UNPARSEABLE', msg('gather.report.malformed', { problem: error.reason }), source);
    return notGathered('FAILED', msg('gather.report.failed', { detail: describeError(error) }), source);
  }
}
