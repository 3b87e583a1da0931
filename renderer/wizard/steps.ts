// The wizard's steps: what each gathers, why it matters, when it applies, what it must wait
// for, and where its result goes in the evidence. Pure data and small functions over the
// WizardApi, so the desktop app and the headless CLI run exactly the same plan.

import type { CallOptions, WizardApi } from '../../contract/api';
import type { Evidence, Gathered } from '../../contract/evidence';
import type { CheckInputs } from '../../contract/inputs';

export type StepId = 'local' | 'connectors' | 'cloudflared' | 'cloudflare-api' | 'imports' | 'tcp' | 'icmp' | 'path-mtu' | 'transparency';

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
  /** One line for the user: what was found, or why not. */
  detail: string;
  /** The step's main fact, so the UI can tell "found" from "could not find out". */
  gathered: Gathered<unknown> | null;
}

export interface StepDefinition {
  id: StepId;
  title: string;
  /** Why we look: shown to the user beside the step. */
  why: string;
  /** Steps whose results this one reads; it starts when they have finished. */
  after: StepId[];
  /** null: the step runs; a string: why it is skipped. */
  skipReason(inputs: CheckInputs): string | null;
  run(context: StepContext): Promise<StepOutcome>;
}

/** "ok" or the failure's code and message, for the step's one-line detail. */
function describe<T>(gathered: Gathered<T>, success: (value: T) => string): string {
  return gathered.ok ? success(gathered.value) : `${gathered.code}: ${gathered.message}`;
}

const needsTarget = (inputs: CheckInputs): string | null => (inputs.target ? null : 'no target given');

export const STEPS: readonly StepDefinition[] = [
  {
    id: 'local',
    title: 'This machine',
    why: 'Can this machine open ICMP sockets at all? Linux allows them only to groups inside net.ipv4.ping_group_range.',
    after: [],
    skipReason: () => null,
    async run({ api, options }) {
      const local = await api.gatherLocal(options);
      const detail = describe(local.capability, (c) => `ICMPv4 ${c.v4.allowed ? 'allowed' : `refused (${c.v4.errno})`}, ICMPv6 ${c.v6.allowed ? 'allowed' : `refused (${c.v6.errno})`}`);
      return { update: (e) => ({ ...e, local }), detail, gathered: local.capability };
    },
  },
  {
    id: 'connectors',
    title: 'Connectors on this host',
    why: 'cloudflared, Twingate and Firezone connectors open unprivileged ICMP sockets; their group must be inside the range of their network namespace.',
    after: [],
    skipReason: () => null,
    async run({ api, options }) {
      const connectors = await api.gatherConnectors(options);
      const detail = describe(connectors, (found) => (found.length === 0 ? 'none found' : found.map((c) => `${c.kind} (pid ${c.pid})`).join(', ')));
      return { update: (e) => ({ ...e, connectors }), detail, gathered: connectors };
    },
  },
  {
    id: 'cloudflared',
    title: 'cloudflared transport and ICMP proxy',
    why: 'cloudflared carries ICMP only over QUIC; over HTTP/2 it carries TCP alone. Its logs also say when its group is outside ping_group_range.',
    after: ['connectors'],
    skipReason: (inputs) =>
      inputs.product === 'cloudflare' || inputs.cloudflaredLog || inputs.cloudflaredConfig || inputs.metricsUrl ? null : 'not a Cloudflare tunnel',
    async run({ api, inputs, evidence, options }) {
      const found = evidence().connectors;
      const connectors = found?.ok ? found.value.filter((c) => c.kind === 'cloudflared') : [];
      const cloudflared = await api.gatherCloudflared(
        { logPath: inputs.cloudflaredLog, configPath: inputs.cloudflaredConfig, metricsUrl: inputs.metricsUrl, connectors },
        options,
      );
      const detail = describe(cloudflared, (c) => {
        const registered = [...new Set(c.registered.map((r) => r.transport))];
        return registered.length > 0 ? `registered over ${registered.join(' and ')}` : `looked at ${c.sources.join(', ') || 'nothing'}`;
      });
      return { update: (e) => ({ ...e, cloudflared }), detail, gathered: cloudflared };
    },
  },
  {
    id: 'cloudflare-api',
    title: 'Zero Trust ICMP proxy setting',
    why: 'The ICMP proxy is a Zero Trust setting, off by default; without it no ping crosses the tunnel.',
    after: [],
    skipReason: (inputs) => {
      if (inputs.product !== 'cloudflare') return 'not a Cloudflare tunnel';
      if (!inputs.cloudflareAccountId) return 'no Cloudflare account id given';
      if (inputs.cloudflareApiToken !== 'provided') return 'no API token given';
      return null;
    },
    async run({ api, inputs, options }) {
      const cloudflareApi = await api.gatherCloudflareApi({ accountId: inputs.cloudflareAccountId ?? '' }, options);
      const detail = describe(cloudflareApi, (v) => `ICMP proxy ${v.icmpProxyEnabled ? 'enabled' : 'disabled'}`);
      return { update: (e) => ({ ...e, cloudflareApi }), detail, gathered: cloudflareApi };
    },
  },
  {
    id: 'imports',
    title: 'Connector reports',
    why: 'A report made with `icmp-doctor check --connector` on the connector host carries the evidence that only that host has.',
    after: [],
    skipReason: (inputs) => (inputs.connectorReports.length > 0 ? null : 'no connector report given'),
    async run({ api, inputs, options }) {
      const items = await Promise.all(
        inputs.connectorReports.map((path) => api.importEvidence({ kind: 'connector-report', text: null, path, label: path }, options)),
      );
      const reports = items.flatMap((item) => (item.kind === 'connector-report' ? [item.value] : []));
      const detail = reports.map((r) => describe(r, () => `imported ${r.source}`)).join('; ');
      return {
        update: (e) => ({ ...e, imported: { ...e.imported, connectorReports: [...e.imported.connectorReports, ...reports] } }),
        detail,
        gathered: reports.find((report) => !report.ok) ?? reports[0] ?? null,
      };
    },
  },
  {
    id: 'tcp',
    title: 'TCP to the target',
    why: 'If TCP reaches the target while ping does not, the path works and something drops ICMP.',
    after: [],
    skipReason: (inputs) => needsTarget(inputs) ?? (inputs.tcpPort ? null : 'no TCP port given'),
    async run({ api, inputs, options }) {
      const tcp = await api.probeTcp({ target: inputs.target ?? '', port: inputs.tcpPort ?? 0 }, options);
      const detail = describe(
        tcp,
        (t) => `${t.outcome}${t.ms !== null ? ` in ${t.ms.toFixed(1)} ms` : ''}${t.proxied === true ? ', but so do ports that should be closed: a middlebox completes every handshake' : ''}`,
      );
      return { update: (e) => ({ ...e, probes: { ...e.probes, tcp } }), detail, gathered: tcp };
    },
  },
  {
    id: 'icmp',
    title: 'ICMP echo to the target',
    why: 'The symptom itself, measured: replies, errors (decoded, with the packet they quote) or silence.',
    after: [],
    skipReason: needsTarget,
    async run({ api, inputs, options }) {
      const icmp = await api.probeIcmp({ target: inputs.target ?? '', count: 4, intervalMs: 250 }, options);
      const detail = describe(icmp, (r) => `${r.done?.received ?? 0} of ${r.done?.sent ?? r.probes.length} answered`);
      return { update: (e) => ({ ...e, probes: { ...e.probes, icmp } }), detail, gathered: icmp };
    },
  },
  {
    id: 'path-mtu',
    title: 'Path MTU',
    why: 'Tunnels shrink the MTU; if the error that says so is dropped, big packets vanish silently (a black hole).',
    after: ['icmp'],
    skipReason: needsTarget,
    async run({ api, inputs, options }) {
      const pathMtu = await api.probePathMtu({ target: inputs.target ?? '' }, options);
      const detail = describe(pathMtu, (r) =>
        r.blackHole ? 'black hole: large packets vanish without an error' : `largest payload that passes: ${r.largestPassing ?? 'none'}`,
      );
      return { update: (e) => ({ ...e, probes: { ...e.probes, pathMtu } }), detail, gathered: pathMtu };
    },
  },
  {
    id: 'transparency',
    title: 'ICMP errors come back',
    why: 'A tunnel NAT must translate ICMP errors (and the packet they quote) back, or clients stall instead of failing fast.',
    after: ['icmp'],
    skipReason: needsTarget,
    async run({ api, inputs, options }) {
      const transparency = await api.probeTransparency({ target: inputs.target ?? '', unreachableTarget: inputs.unreachableTarget }, options);
      const detail = describe(transparency, (r) => (r.errorReturned ? 'errors return and quote our probe' : 'no error came back'));
      return { update: (e) => ({ ...e, probes: { ...e.probes, transparency } }), detail, gathered: transparency };
    },
  },
];
