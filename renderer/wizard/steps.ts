// The wizard's steps: what each gathers, why it matters, when it applies, what it must wait
// for, and where its result goes in the evidence. Pure data and small functions over the
// WizardApi, so the desktop app and the headless CLI run exactly the same plan.

import type { CallOptions, WizardApi } from '../../contract/api';
import type {
  CloudflareApiEvidence,
  CloudflaredEvidence,
  ConnectorProcess,
  ConnectorReport,
  Evidence,
  Gathered,
  IcmpEchoResult,
  PathMtuResult,
  RouteFacts,
  SocketCapability,
  TcpProbeResult,
  TransparencyResult,
} from '../../contract/evidence';
import type { CheckInputs } from '../../contract/inputs';
import type { Message } from '../../contract/message';
import type { TraceResult } from '../../contract/trace';
import { msg } from '../i18n/messages/message';
import { failureMessage } from './checks/cite';
import { readThenPlaces } from './checks/sources';
import { tunnelKindOf } from './checks/tunnel-interfaces';
import { describeTraceStop } from './checks/trace-hops';
import { chosenConnector } from './connector-choice';
import { gatherCloudflaredApart } from './gather-apart';
import type { UnattributedInput } from './given-files';

/** One connector as the step lists it; a Twingate connector whose own log was looked for says how that went. */
function connectorDetail(c: ConnectorProcess): Message {
  const one = msg('step.connectors.one', { kind: c.kind, pid: c.pid });
  if (!c.ownLog) return one;
  return msg('twingate.own-log.step', { one, lines: c.ownLog.ok ? c.ownLog.value.lines : null, denied: c.ownLog.ok ? c.ownLog.value.icmpDenied.length : 0 });
}

export type StepId = 'local' | 'connectors' | 'cloudflared' | 'cloudflare-api' | 'imports' | 'tcp' | 'icmp' | 'path-mtu' | 'transparency' | 'path';

export interface StepContext {
  api: WizardApi;
  inputs: CheckInputs;
  /** The evidence so far (steps that run after others may read it). */
  evidence: () => Evidence;
  options: CallOptions;
}

/** What a step produced: a function that files it into the evidence. */
export type EvidenceUpdate = (evidence: Evidence) => Evidence;

export interface StepOutcome {
  update: EvidenceUpdate;
  /** One line for the user: what was found, or why not (a message, said in the user's language). */
  detail: Message;
  /** The step's main fact, so the UI can tell "found" from "could not find out". */
  gathered: Gathered<unknown> | null;
}

export interface StepDefinition {
  id: StepId;
  title: Message;
  /** Why we look: shown to the user beside the step. */
  why: Message;
  /** Steps whose results this one reads; it starts when they have finished. */
  after: StepId[];
  /** null: the step runs; otherwise why it is skipped. */
  skipReason(inputs: CheckInputs): Message | null;
  run(context: StepContext): Promise<StepOutcome>;
}

/** What was found, or the failure's code, meaning and message, for the step's one-line detail. */
function describe<T>(gathered: Gathered<T>, success: (value: T) => Message): Message {
  return gathered.ok ? success(gathered.value) : failureMessage(gathered);
}

const socket = (family: { allowed: boolean; errno: string | null }): Message =>
  family.allowed ? msg('step.local.allowed') : msg('step.local.refused', { errno: family.errno ?? '?' });

/**
 * Each step's one-line result, from what it gathered: pure, so a test can say any result in
 * any language without running a step.
 */
export const STEP_DETAILS = {
  local: (capability: Gathered<SocketCapability>): Message => describe(capability, (c) => msg('step.local.sockets', { v4: socket(c.v4), v6: socket(c.v6) })),
  /** The sockets' result, and the target's route on this machine when it was looked up. */
  localWithRoute: (capability: Gathered<SocketCapability>, route: Gathered<RouteFacts> | null): Message => {
    const sockets = STEP_DETAILS.local(capability);
    if (route === null) return sockets;
    const said = describe(route, (r) =>
      r.route.kind === 'via'
        ? msg('step.local.route-via', { address: r.address, device: r.route.device, tunnel: tunnelKindOf(r.route.device) !== null })
        : msg('step.local.route-none', { address: r.address }),
    );
    return msg('step.local.with-route', { sockets, route: said });
  },
  connectors: (connectors: Gathered<ConnectorProcess[]>): Message =>
    describe(connectors, (found) =>
      found.length === 0 ? msg('step.connectors.none') : msg('step.connectors.found', { connectors: found.map(connectorDetail) }),
    ),
  cloudflared: (cloudflared: Gathered<CloudflaredEvidence>): Message =>
    describe(cloudflared, (c) => {
      const registered = [...new Set(c.registered.map((r) => r.transport))];
      return registered.length > 0 ? msg('step.cloudflared.registered', { transports: registered }) : msg('step.cloudflared.looked-at', { sources: readThenPlaces(c) });
    }),
  /** With several cloudflared processes: "N gathered apart", each one's result, and the inputs given to none. */
  cloudflaredApart: (perConnector: ReadonlyArray<{ pid: number; cloudflared: Gathered<CloudflaredEvidence> }>, unattributed: readonly UnattributedInput[]): Message =>
    msg('connector-verdicts.step.apart', {
      count: perConnector.length,
      results: perConnector.map((entry) => msg('connector-verdicts.step.one', { pid: entry.pid, result: STEP_DETAILS.cloudflared(entry.cloudflared) })),
      unused: unattributed.map((input) =>
        input.claimedBy.length === 0
          ? msg('connector-verdicts.step.input-unclaimed', { flag: input.flag, value: input.value })
          : msg('connector-verdicts.step.input-ambiguous', { flag: input.flag, value: input.value, pids: input.claimedBy }),
      ),
    }),
  cloudflareApi: (cloudflareApi: Gathered<CloudflareApiEvidence>): Message => describe(cloudflareApi, (v) => msg('step.cloudflare-api.proxy', { enabled: v.icmpProxyEnabled })),
  imports: (reports: readonly Gathered<ConnectorReport>[]): Message => {
    const results = reports.map((r) => describe(r, () => msg('step.imports.imported', { source: r.sourceMessage ?? r.source })));
    return results.length === 1 && results[0] ? results[0] : msg('step.imports.results', { results });
  },
  tcp: (tcp: Gathered<TcpProbeResult>): Message =>
    describe(tcp, (t) => msg('step.tcp.result', { outcome: msg(`step.tcp.outcome.${t.outcome}`), ms: t.ms, proxied: t.proxied === true })),
  icmp: (icmp: Gathered<IcmpEchoResult>): Message => describe(icmp, (r) => msg('step.icmp.answered', { received: r.done?.received ?? 0, sent: r.done?.sent ?? r.probes.length })),
  pathMtu: (pathMtu: Gathered<PathMtuResult>): Message =>
    describe(pathMtu, (r) => (r.blackHole ? msg('step.path-mtu.black-hole') : msg('step.path-mtu.largest', { bytes: r.largestPassing }))),
  transparency: (transparency: Gathered<TransparencyResult>): Message =>
    describe(transparency, (r) => (r.errorReturned ? msg('step.transparency.returned') : msg('step.transparency.silent'))),
  path: (trace: Gathered<TraceResult>): Message => describe(trace, (r) => msg('step.path.result', { hops: r.hops.length, stop: describeTraceStop(r) })),
};

/**
 * Two or more cloudflared processes: each one's evidence gathered apart (gather-apart.ts), so
 * each gets its own verdict (connector-verdicts.ts); `cloudflared` keeps the first one's.
 */
async function gatherEachCloudflared(api: WizardApi, inputs: CheckInputs, connectors: readonly ConnectorProcess[], options: CallOptions): Promise<StepOutcome> {
  const { perConnector, unattributed } = await gatherCloudflaredApart(api, inputs, connectors, options);
  const first = perConnector[0]!.cloudflared;
  const detail = STEP_DETAILS.cloudflaredApart(perConnector, unattributed);
  return {
    update: (e) => ({ ...e, cloudflared: first, cloudflaredPerConnector: perConnector }),
    detail,
    // "Found" when any process's evidence was had; else the first one's failure says why not.
    gathered: perConnector.find((entry) => entry.cloudflared.ok)?.cloudflared ?? first,
  };
}

const needsTarget = (inputs: CheckInputs): Message | null => (inputs.target ? null : msg('step.skip.no-target'));

export const STEPS: readonly StepDefinition[] = [
  {
    id: 'local',
    title: msg('step.local.title'),
    why: msg('step.local.why'),
    after: [],
    skipReason: () => null,
    async run({ api, inputs, options }) {
      // This machine's route to the target is a fact about this machine too (route-through-tunnel).
      const [local, route] = await Promise.all([api.gatherLocal(options), inputs.target ? api.gatherRoute({ target: inputs.target }, options) : null]);
      const detail = STEP_DETAILS.localWithRoute(local.capability, route);
      return { update: (e) => ({ ...e, local, route }), detail, gathered: local.capability };
    },
  },
  {
    id: 'connectors',
    title: msg('step.connectors.title'),
    why: msg('step.connectors.why'),
    after: [],
    skipReason: () => null,
    async run({ api, inputs, options }) {
      const connectors = chosenConnector(await api.gatherConnectors(options), inputs.pid);
      const detail = STEP_DETAILS.connectors(connectors);
      return { update: (e) => ({ ...e, connectors }), detail, gathered: connectors };
    },
  },
  {
    id: 'cloudflared',
    title: msg('step.cloudflared.title'),
    why: msg('step.cloudflared.why'),
    after: ['connectors'],
    skipReason: (inputs) =>
      inputs.product === 'cloudflare' || inputs.cloudflaredLog || inputs.cloudflaredConfig || inputs.metricsUrl ? null : msg('step.skip.not-cloudflare'),
    async run({ api, inputs, evidence, options }) {
      const found = evidence().connectors;
      const connectors = found?.ok ? found.value.filter((c) => c.kind === 'cloudflared') : [];
      if (connectors.length < 2) {
        const cloudflared = await api.gatherCloudflared(
          { logPath: inputs.cloudflaredLog, configPath: inputs.cloudflaredConfig, metricsUrl: inputs.metricsUrl, connectors },
          options,
        );
        const detail = STEP_DETAILS.cloudflared(cloudflared);
        return { update: (e) => ({ ...e, cloudflared }), detail, gathered: cloudflared };
      }
      return gatherEachCloudflared(api, inputs, connectors, options);
    },
  },
  {
    id: 'cloudflare-api',
    title: msg('step.cloudflare-api.title'),
    why: msg('step.cloudflare-api.why'),
    after: [],
    skipReason: (inputs) => {
      if (inputs.product !== 'cloudflare') return msg('step.skip.not-cloudflare');
      if (!inputs.cloudflareAccountId) return msg('step.skip.no-account');
      if (inputs.cloudflareApiToken !== 'provided') return msg('step.skip.no-token');
      return null;
    },
    async run({ api, inputs, options }) {
      const cloudflareApi = await api.gatherCloudflareApi({ accountId: inputs.cloudflareAccountId ?? '' }, options);
      const detail = STEP_DETAILS.cloudflareApi(cloudflareApi);
      return { update: (e) => ({ ...e, cloudflareApi }), detail, gathered: cloudflareApi };
    },
  },
  {
    id: 'imports',
    title: msg('step.imports.title'),
    why: msg('step.imports.why'),
    after: [],
    skipReason: (inputs) => (inputs.connectorReports.length > 0 ? null : msg('step.skip.no-connector-report')),
    async run({ api, inputs, options }) {
      const items = await Promise.all(
        inputs.connectorReports.map((path) => api.importEvidence({ kind: 'connector-report', text: null, path, label: path }, options)),
      );
      const reports = items.flatMap((item) => (item.kind === 'connector-report' ? [item.value] : []));
      const detail = STEP_DETAILS.imports(reports);
      return {
        update: (e) => ({ ...e, imported: { ...e.imported, connectorReports: [...e.imported.connectorReports, ...reports] } }),
        detail,
        gathered: reports.find((report) => !report.ok) ?? reports[0] ?? null,
      };
    },
  },
  {
    id: 'tcp',
    title: msg('step.tcp.title'),
    why: msg('step.tcp.why'),
    after: [],
    skipReason: (inputs) => needsTarget(inputs) ?? (inputs.tcpPort ? null : msg('step.skip.no-tcp-port')),
    async run({ api, inputs, options }) {
      const tcp = await api.probeTcp({ target: inputs.target ?? '', port: inputs.tcpPort ?? 0 }, options);
      const detail = STEP_DETAILS.tcp(tcp);
      return { update: (e) => ({ ...e, probes: { ...e.probes, tcp } }), detail, gathered: tcp };
    },
  },
  {
    id: 'icmp',
    title: msg('step.icmp.title'),
    why: msg('step.icmp.why'),
    after: [],
    skipReason: needsTarget,
    async run({ api, inputs, options }) {
      const icmp = await api.probeIcmp({ target: inputs.target ?? '', count: 4, intervalMs: 250 }, options);
      const detail = STEP_DETAILS.icmp(icmp);
      return { update: (e) => ({ ...e, probes: { ...e.probes, icmp } }), detail, gathered: icmp };
    },
  },
  {
    id: 'path-mtu',
    title: msg('step.path-mtu.title'),
    why: msg('step.path-mtu.why'),
    after: ['icmp'],
    skipReason: needsTarget,
    async run({ api, inputs, options }) {
      const pathMtu = await api.probePathMtu({ target: inputs.target ?? '' }, options);
      const detail = STEP_DETAILS.pathMtu(pathMtu);
      return { update: (e) => ({ ...e, probes: { ...e.probes, pathMtu } }), detail, gathered: pathMtu };
    },
  },
  {
    id: 'transparency',
    title: msg('step.transparency.title'),
    why: msg('step.transparency.why'),
    after: ['icmp'],
    skipReason: needsTarget,
    async run({ api, inputs, options }) {
      const transparency = await api.probeTransparency({ target: inputs.target ?? '', unreachableTarget: inputs.unreachableTarget }, options);
      const detail = STEP_DETAILS.transparency(transparency);
      return { update: (e) => ({ ...e, probes: { ...e.probes, transparency } }), detail, gathered: transparency };
    },
  },
  {
    id: 'path',
    title: msg('step.path.title'),
    why: msg('step.path.why'),
    // After the echo: its probes and the trace's would otherwise share the path's rate limits.
    after: ['icmp'],
    skipReason: needsTarget,
    async run({ api, inputs, options }) {
      const trace = await api.probeTrace({ target: inputs.target ?? '' }, options);
      const detail = STEP_DETAILS.path(trace);
      return { update: (e) => ({ ...e, probes: { ...e.probes, trace } }), detail, gathered: trace };
    },
  },
];
