// Everything this host can tell about cloudflared, as one CloudflaredEvidence: the flags and
// environment of running connectors, the config file, the log (a file or the journal), and
// the metrics server. Each part is optional; `sources` says what was read and what was
// looked for in vain. Only when no part yields anything is the result a failure, whose code
// and message say what was looked for. Never throws.

import { homedir } from 'node:os';
import type { CloudflaredEvidence, Gathered, QuotedLine } from '../../../../contract/evidence';
import type { CloudflaredRequest } from '../../../../contract/api';
import type { Message } from '../../../../contract/message';
import { msg } from '../../../../renderer/i18n/messages/message';
import { renderMessage } from '../../../../renderer/i18n/messages/render';
import { notGathered, refusal, sourceFields } from '../gathered';
import { defaultConfigPaths, readCloudflaredConfig, type CloudflaredConfig } from './config-file';
import { readInvocation, type CloudflaredInvocation } from './connector-invocation';
import { findCloudflaredConfig } from './find-config';
import { findCloudflaredLog, followLogLead, SERVICE_LOG_PATHS, type LogSearch } from './find-log';
import { METRICS_HOST, METRICS_PORTS } from './limits';
import { readListeningLoopbackAddresses } from './listening-sockets';
import { logScanEvidence } from './log-evidence';
import { metricsBaseUrl, readMetricsServer, type MetricsCandidate, type MetricsReading } from './metrics-server';
import { pathsAsSeenBy } from './process-paths';
import { mostTellingCode, type Problem } from './problems';
import type { JournalOptions } from './read-journal';

export interface GatherCloudflaredOptions {
  signal?: AbortSignal;
  /** Where to look for config.yml when neither the process nor the request names one. Default: cloudflared's list. */
  defaultConfigPaths?: readonly string[];
  /** The systemd journal to read when no log file is known; null: none. Default: the system journal. */
  journal?: JournalOptions | null;
  /** Log files tried last. Default: those of cloudflared's SysV and OpenRC services. */
  defaultLogPaths?: readonly string[];
  /** The metrics ports scanned when no address is known. Default 127.0.0.1:20241–20245. */
  metricsHost?: string;
  metricsPorts?: readonly number[];
  metricsTimeoutMs?: number;
  logTailBytes?: number;
}

type Requested = CloudflaredEvidence['requestedTransport'];

/** A requested transport whose `detail` is the English of `detailMessage`. */
function requested(value: 'auto' | 'quic' | 'http2', from: 'flag' | 'env' | 'config', detailMessage: Message): NonNullable<Requested> {
  return { value, from, detail: renderMessage(detailMessage, 'en'), detailMessage };
}

function requestedByProcess(invocations: readonly CloudflaredInvocation[], sources: Message[]): Requested {
  for (const invocation of invocations) {
    const flag = invocation.protocolFlag;
    if (!flag) continue;
    const said = { pid: invocation.pid, flag: flag.spelled, raw: flag.raw };
    if (flag.value) return requested(flag.value, 'flag', msg('source.cloudflared.requested.flag', said));
    sources.push(msg('source.cloudflared.bad-protocol-flag', said));
  }
  for (const invocation of invocations) {
    const env = invocation.protocolEnv;
    if (!env) continue;
    if (env.value) return requested(env.value, 'env', msg('source.cloudflared.requested.env', { raw: env.raw, pid: invocation.pid }));
    sources.push(msg('source.cloudflared.bad-protocol-env', { pid: invocation.pid, raw: env.raw }));
  }
  return null;
}

function requestedByConfig(config: CloudflaredConfig | null, sources: Message[]): Requested {
  if (!config?.protocol) return null;
  const said = { raw: config.protocol.raw, path: config.path };
  if (config.protocol.value) return requested(config.protocol.value, 'config', msg('source.cloudflared.requested.config', said));
  sources.push(msg('source.cloudflared.bad-protocol-config', said));
  return null;
}

/** "cloudflared config PATH (tunnel: ID, protocol: http2)": the keys as the YAML has them. */
function describeConfig(config: CloudflaredConfig): Message {
  const keys = [
    config.tunnel ? `tunnel: ${config.tunnel}` : null,
    config.protocol ? `protocol: ${config.protocol.raw}` : msg('source.cloudflared.config.no-protocol'),
    config.metrics ? `metrics: ${config.metrics}` : null,
    config.warpRouting !== null ? `warp-routing.enabled: ${config.warpRouting}` : null,
  ].filter((key): key is string | Message => key !== null);
  return msg('source.cloudflared.config', { path: config.path, keys });
}

/** A loopback address a cloudflared process listens on (listening-sockets.ts). */
interface ListeningLead {
  pid: number;
  address: string;
}

/**
 * The loopback TCP listeners of each cloudflared process in our network namespace (in
 * another one, its loopback is not ours to reach).
 */
async function listeningLeads(connectors: readonly CloudflaredRequest['connectors'][number][]): Promise<ListeningLead[]> {
  const leads: ListeningLead[] = [];
  for (const connector of connectors) {
    if (connector.sameNetnsAsUs === false || !Number.isInteger(connector.pid)) continue;
    for (const address of await readListeningLoopbackAddresses(connector.pid)) leads.push({ pid: connector.pid, address });
  }
  return leads;
}

function metricsCandidates(
  request: CloudflaredRequest,
  invocations: readonly CloudflaredInvocation[],
  listening: readonly ListeningLead[],
  config: CloudflaredConfig | null,
  logAddress: string | null,
  options: GatherCloudflaredOptions,
  problems: Problem[],
): MetricsCandidate[] {
  if (request.metricsUrl) {
    const base = metricsBaseUrl(request.metricsUrl);
    if (!base) problems.push(refusal('UNPARSEABLE', msg('gather.metrics.bad-address', { address: request.metricsUrl })));
    return base ? [{ base, why: msg('gather.lead.metrics-given') }] : [];
  }
  const leads: Array<{ address: string; why: Message }> = [];
  for (const invocation of invocations) {
    if (invocation.metrics) leads.push({ address: invocation.metrics, why: msg('gather.lead.metrics-flag', { pid: invocation.pid }) });
  }
  // What the process really listens on beats what a config or an old log says, and the port scan.
  for (const lead of listening) leads.push({ address: lead.address, why: msg('discovery.lead.listening-socket', lead) });
  if (config?.metrics) leads.push({ address: config.metrics, why: msg('gather.lead.config-key', { key: 'metrics', path: config.path }) });
  if (logAddress) leads.push({ address: logAddress, why: msg('gather.lead.log') });
  const host = options.metricsHost ?? METRICS_HOST;
  for (const port of options.metricsPorts ?? METRICS_PORTS) leads.push({ address: `${host}:${port}`, why: msg('gather.lead.port-scan') });

  const candidates: MetricsCandidate[] = [];
  const seen = new Set<string>();
  for (const lead of leads) {
    const base = metricsBaseUrl(lead.address);
    if (!base || seen.has(base.href)) continue;
    seen.add(base.href);
    candidates.push({ base, why: lead.why });
  }
  return candidates;
}

function describeMetrics(reading: MetricsReading): Message {
  const facts = reading.facts;
  const parts = [
    facts.quicTried ? msg('source.cloudflared.metrics.quic-tried', { connections: facts.quicConnections ?? null }) : msg('source.cloudflared.metrics.quic-untried'),
    msg('source.cloudflared.metrics.icmp', { requests: facts.icmpRequests ?? null, replies: facts.icmpReplies ?? null }),
  ];
  if (reading.ready) parts.push(msg('source.cloudflared.metrics.ready', { status: reading.ready.status, connections: reading.ready.readyConnections }));
  const protocol = reading.configuration?.['protocol'];
  if (protocol) parts.push(msg('source.cloudflared.metrics.diag-protocol', { protocol }));
  if (reading.noteMessages.length > 0) parts.push(msg('source.cloudflared.metrics.not-read', { notes: reading.noteMessages }));
  return msg('source.cloudflared.metrics', { url: `${reading.base}/metrics`, why: reading.whyMessage, facts: parts });
}

/** build_info's version, quoted as /metrics prints it. */
function versionFromMetrics(metrics: MetricsReading | null): CloudflaredEvidence['version'] {
  const build = metrics?.facts.buildVersion;
  return build ? { value: build.value, from: 'metrics', evidence: { text: `${metrics.base}/metrics: ${build.line}`, line: null } } : null;
}

/** Connected entries of /diag/tunnel, as registrations. */
function diagRegistrations(reading: MetricsReading): CloudflaredEvidence['registered'] {
  const connections = reading.tunnel?.connections ?? [];
  return connections
    .filter((connection) => connection.isConnected && connection.transport !== null)
    .map((connection) => ({
      transport: connection.transport!,
      evidence: { text: `${reading.base}/diag/tunnel: ${connection.raw} (connected over ${connection.transport})`, line: null },
    }));
}

function quickTunnelFromProcess(invocations: readonly CloudflaredInvocation[], config: CloudflaredConfig | null): QuotedLine | null {
  for (const invocation of invocations) {
    const byConfig = !invocation.named && config !== null && config.quickTunnelKeys && config.tunnel === null;
    if (invocation.quickTunnelFlags || byConfig) return { text: invocation.commandLine, line: null };
  }
  return null;
}

/** The request as it may arrive over IPC: anything that is not a non-empty string counts as not given. */
function sanitize(request: CloudflaredRequest): CloudflaredRequest {
  const text = (value: unknown): string | null => (typeof value === 'string' && value.trim() !== '' ? value.trim() : null);
  const given = (typeof request === 'object' && request !== null ? request : {}) as Partial<CloudflaredRequest>;
  return {
    logPath: text(given.logPath),
    configPath: text(given.configPath),
    metricsUrl: text(given.metricsUrl),
    connectors: Array.isArray(given.connectors) ? given.connectors : [],
  };
}

async function gather(rawRequest: CloudflaredRequest, options: GatherCloudflaredOptions): Promise<Gathered<CloudflaredEvidence>> {
  const request = sanitize(rawRequest);
  const at = new Date().toISOString();
  const sources: Message[] = [];
  const problems: Problem[] = [];
  const readOptions = { tailBytes: options.logTailBytes, signal: options.signal };

  const connectors = request.connectors.filter(
    (connector) => typeof connector === 'object' && connector !== null && connector.kind === 'cloudflared' && Array.isArray(connector.command),
  );
  const invocations = connectors.map(readInvocation);
  invocations.forEach((invocation, index) => {
    sources.push(msg('source.cloudflared.command-line', { pid: invocation.pid, command: invocation.commandLine }));
    const environment = connectors[index]?.environment;
    if (environment && !environment.ok) {
      sources.push(msg('source.cloudflared.environment-unread', { pid: invocation.pid, problem: environment.reason ?? environment.message }));
    }
  });

  // Config, then log, then metrics: each may tell where the next is.
  const home = invocations.find((invocation) => invocation.home)?.home ?? homedir();
  const configSearch = await findCloudflaredConfig(invocations, request.configPath, options.defaultConfigPaths ?? defaultConfigPaths(home));
  let config = configSearch.config;
  // Every place looked in, for a summary to count (the sources say what each gave).
  const places: string[] = [...invocations.map((invocation) => `cloudflared pid ${invocation.pid}`), ...configSearch.looked];
  problems.push(...configSearch.problems);
  sources.push(...configSearch.notes);

  let log: LogSearch = await findCloudflaredLog(request.logPath, invocations, config, {
    ...readOptions,
    journal: options.journal === undefined ? {} : options.journal,
    defaultLogPaths: options.defaultLogPaths ?? SERVICE_LOG_PATHS,
  });
  problems.push(...log.problems);
  places.push(...log.looked);

  const listening = request.metricsUrl ? [] : await listeningLeads(connectors);
  const candidates = metricsCandidates(request, invocations, listening, config, log.scan?.metricsAddress ?? null, options, problems);
  let metrics: MetricsReading | null = null;
  if (candidates.length > 0) {
    const outcome = await readMetricsServer(candidates, { timeoutMs: options.metricsTimeoutMs, signal: options.signal });
    if (outcome.ok) metrics = outcome.reading;
    else problems.push(outcome);
    // Tried in order up to the one that answered.
    const answered = outcome.ok ? candidates.findIndex((c) => c.base.href.replace(/\/$/, '') === outcome.reading.base) : -1;
    const tried = answered >= 0 ? candidates.slice(0, answered + 1) : candidates;
    places.push(...tried.map((candidate) => `${candidate.base.href.replace(/\/$/, '')}/metrics`));
  }

  // The metrics server names the config and log the process really uses; read them if we had none.
  const diagFlags = metrics?.configuration ?? null;
  const pid = invocations[0]?.pid ?? null;
  if (!config && diagFlags?.['config']) {
    for (const path of pid !== null ? pathsAsSeenBy(pid, diagFlags['config'], home) : [diagFlags['config']]) {
      const outcome = await readCloudflaredConfig(path);
      if (outcome.ok) {
        config = outcome.config;
        break;
      }
    }
  }
  if (!log.scan && !request.logPath && diagFlags?.['logfile']) {
    const paths = pid !== null ? pathsAsSeenBy(pid, diagFlags['logfile'], home) : [diagFlags['logfile']];
    log = (await followLogLead({ paths, label: msg('gather.lead.diag-logfile', { base: metrics?.base ?? '' }) }, readOptions, problems)) ?? log;
  }

  if (config) sources.push(describeConfig(config));
  if (log.description) sources.push(log.description);
  if (metrics) sources.push(describeMetrics(metrics));

  if (options.signal?.aborted) return notGathered('CANCELLED', msg('gather.cloudflared.cancelled'), msg('source.cloudflared'));
  const found = invocations.length > 0 || config !== null || log.scan !== null || metrics !== null;
  if (!found) {
    const looked = problems.map((problem) => problem.reason);
    return notGathered(mostTellingCode(problems), msg('gather.cloudflared.none-found', { problems: looked }), msg('source.cloudflared.everywhere'));
  }
  // What was looked for in vain still belongs to the account of where the evidence came from.
  for (const problem of problems) sources.push(msg('source.cloudflared.not-read', { problem: problem.reason }));

  const fromLog = log.scan ? logScanEvidence(log.scan) : null;
  const requestedTransport = requestedByProcess(invocations, sources) ?? requestedByConfig(config, sources) ?? fromLog?.requestedTransport ?? null;
  const quickTunnelByMetrics: QuotedLine | null = metrics?.quickTunnelHostname
    ? { text: `${metrics.base}/quicktunnel: {"hostname":"${metrics.quickTunnelHostname}"}`, line: null }
    : null;

  const evidence: CloudflaredEvidence = {
    requestedTransport,
    registered: [...(fromLog?.registered ?? []), ...(metrics ? diagRegistrations(metrics) : [])],
    fallbackToHttp2: fromLog?.fallbackToHttp2 ?? null,
    quicTried: metrics ? metrics.facts.quicTried : null,
    gidOutsideRange: fromLog?.gidOutsideRange ?? null,
    icmpProxyDisabled: fromLog?.icmpProxyDisabled ?? null,
    icmpRequests: metrics?.facts.icmpRequests ?? null,
    icmpReplies: metrics?.facts.icmpReplies ?? null,
    quickTunnel: fromLog?.quickTunnel ?? quickTunnelByMetrics ?? quickTunnelFromProcess(invocations, config),
    configPath: config?.path ?? null,
    sources: sources.map((source) => renderMessage(source, 'en')),
    sourceMessages: sources,
    places: [...new Set(places)],
    // Start-up facts (contract/evidence.ts): what the log's last start wrote, the version also from /metrics.
    version: fromLog?.version ?? versionFromMetrics(metrics),
    startTransport: fromLog?.startTransport ?? null,
    startConfigPath: fromLog?.startConfigPath ?? null,
    configProtocol: config?.protocolLine ?? null,
    dialFailures: fromLog?.dialFailures ?? null,
    icmpProxySources: fromLog?.icmpProxySources ?? [],
    gidRangeUnparsed: fromLog?.gidRangeUnparsed ?? null,
    readiness: metrics?.readiness ?? null,
    runStartSeen: fromLog?.runStartSeen ?? null,
  };
  const source = msg('source.cloudflared.gathered', {
    pids: invocations.map((invocation) => invocation.pid),
    config: config?.path ?? null,
    log: Boolean(log.scan),
    metrics: metrics?.base ?? null,
  });
  return { ok: true, value: evidence, ...sourceFields(source), at };
}

/** Gathers cloudflared evidence; see the file comment. Failures are values, never exceptions. */
export async function gatherCloudflared(request: CloudflaredRequest, options: GatherCloudflaredOptions = {}): Promise<Gathered<CloudflaredEvidence>> {
  try {
    return await gather(request, options);
  } catch (error) {
    return notGathered('FAILED', msg('gather.cloudflared.unexpected', { detail: error instanceof Error ? error.message : String(error) }), msg('source.cloudflared'));
  }
}
