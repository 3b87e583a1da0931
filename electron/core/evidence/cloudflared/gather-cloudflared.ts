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

function requestedByProcess(invocations: readonly CloudflaredInvocation[], sources: string[]): Requested {
  for (const invocation of invocations) {
    const flag = invocation.protocolFlag;
    if (!flag) continue;
    if (flag.value) {
      return { value: flag.value, from: 'flag', detail: `${flag.spelled} ${flag.raw} on the command line of cloudflared pid ${invocation.pid}` };
    }
    sources.push(`cloudflared pid ${invocation.pid}: ${flag.spelled} ${flag.raw} is not a protocol cloudflared knows (auto, quic, http2)`);
  }
  for (const invocation of invocations) {
    const env = invocation.protocolEnv;
    if (!env) continue;
    if (env.value) {
      return { value: env.value, from: 'env', detail: `TUNNEL_TRANSPORT_PROTOCOL=${env.raw} in the environment of cloudflared pid ${invocation.pid}` };
    }
    sources.push(`cloudflared pid ${invocation.pid}: TUNNEL_TRANSPORT_PROTOCOL=${env.raw} is not a protocol cloudflared knows`);
  }
  return null;
}

function requestedByConfig(config: CloudflaredConfig | null, sources: string[]): Requested {
  if (!config?.protocol) return null;
  if (config.protocol.value) return { value: config.protocol.value, from: 'config', detail: `protocol: ${config.protocol.raw} in ${config.path}` };
  sources.push(`${config.path}: protocol: ${config.protocol.raw} is not a protocol cloudflared knows (auto, quic, http2)`);
  return null;
}

function describeConfig(config: CloudflaredConfig): string {
  const keys = [
    config.tunnel ? `tunnel: ${config.tunnel}` : null,
    config.protocol ? `protocol: ${config.protocol.raw}` : 'no protocol: (auto)',
    config.metrics ? `metrics: ${config.metrics}` : null,
    config.warpRouting !== null ? `warp-routing.enabled: ${config.warpRouting}` : null,
  ].filter((key): key is string => key !== null);
  return `cloudflared config ${config.path} (${keys.join(', ')})`;
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

function describeMetrics(reading: MetricsReading): string {
  const facts = reading.facts;
  const parts = [
    facts.quicTried ? `QUIC tried (quic_client_total_connections ${facts.quicConnections ?? '?'})` : 'no quic_client_* metrics (QUIC never tried)',
    `ICMP requests ${facts.icmpRequests ?? 'not counted'}, replies ${facts.icmpReplies ?? 'not counted'}`,
  ];
  if (reading.ready) parts.push(`/ready: ${reading.ready.status}, ${reading.ready.readyConnections} connections`);
  const protocol = reading.configuration?.['protocol'];
  if (protocol) parts.push(`/diag/configuration: protocol ${protocol}`);
  if (reading.notes.length > 0) parts.push(`not read: ${reading.notes.join('; ')}`);
  return `cloudflared metrics ${reading.base}/metrics, found by ${reading.why}: ${parts.join('; ')}`;
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
  const sources: string[] = [];
  const problems: Problem[] = [];
  const readOptions = { tailBytes: options.logTailBytes, signal: options.signal };

  const connectors = request.connectors.filter(
    (connector) => typeof connector === 'object' && connector !== null && connector.kind === 'cloudflared' && Array.isArray(connector.command),
  );
  const invocations = connectors.map(readInvocation);
  for (const invocation of invocations) {
    sources.push(`command line of cloudflared pid ${invocation.pid}: ${invocation.commandLine}`);
    if (invocation.environmentProblem) sources.push(`environment of cloudflared pid ${invocation.pid} not read: ${invocation.environmentProblem}`);
  }

  // Config, then log, then metrics: each may tell where the next is.
  const home = invocations.find((invocation) => invocation.home)?.home ?? homedir();
  const configSearch = await findCloudflaredConfig(invocations, request.configPath, options.defaultConfigPaths ?? defaultConfigPaths(home));
  let config = configSearch.config;
  problems.push(...configSearch.problems);
  sources.push(...configSearch.notes);

  let log: LogSearch = await findCloudflaredLog(request.logPath, invocations, config, {
    ...readOptions,
    journal: options.journal === undefined ? {} : options.journal,
    defaultLogPaths: options.defaultLogPaths ?? SERVICE_LOG_PATHS,
  });
  problems.push(...log.problems);

  const listening = request.metricsUrl ? [] : await listeningLeads(connectors);
  const candidates = metricsCandidates(request, invocations, listening, config, log.scan?.metricsAddress ?? null, options, problems);
  let metrics: MetricsReading | null = null;
  if (candidates.length > 0) {
    const outcome = await readMetricsServer(candidates, { timeoutMs: options.metricsTimeoutMs, signal: options.signal });
    if (outcome.ok) metrics = outcome.reading;
    else problems.push(outcome);
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
  for (const problem of problems) sources.push(`not read: ${problem.message}`);

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
    sources,
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
