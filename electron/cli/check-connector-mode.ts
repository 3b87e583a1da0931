// `icmp-doctor check --connector`, run on the connector host (usually as root, so other
// users' processes and namespaces can be read): gathers this host, its connector processes
// and cloudflared's evidence through the same WizardApi as the wizard, and makes a connector
// report of them for import where the check runs. It sends no probe. People get a summary —
// each connector's groups against the ping_group_range of its own network namespace, the
// verdicts that evidence decides, their fixes — and where to take the report.

import type { CloudflaredEvidence, ConnectorProcess, ConnectorReport, Evidence, Gathered, LocalEvidence } from '../../contract/evidence';
import { emptyEvidence } from '../../contract/evidence';
import type { Finding, FindingId } from '../../contract/findings';
import { defaultInputs } from '../../contract/inputs';
import { runChecks } from '../../renderer/wizard/checks/index';
import { redactedCommandLine } from '../../renderer/wizard/checks/command-line';
import { admission, admissionRuleFor, formatRange, isEmptyRange } from '../../renderer/wizard/checks/ping-range';
import { shellCommand } from '../../renderer/wizard/remediation/shell';
import { buildConnectorReport, connectorReportForJson, writeConnectorReport } from '../report/connector-report';
import type { CheckContext } from './check-context';
import { cancelledExitCode, CheckExitCode } from './check-exit-codes';
import { formatFixes, formatVerdicts, terminalText } from './check-output-human';

/** The verdicts a connector host's evidence decides on its own (no probes, no API). */
const CONNECTOR_FINDINGS: readonly FindingId[] = ['connector-gid-range', 'tunnel-transport'];
const STEPS = 3;

function describeGathered<T>(gathered: Gathered<T>, success: (value: T) => string): string {
  return gathered.ok ? success(gathered.value) : `${gathered.code}: ${gathered.message}`;
}

/** Whether cloudflared's evidence is worth gathering here: not for the other products' connectors. */
function wantsCloudflared(context: CheckContext): boolean {
  return context.args.product === 'cloudflare' || context.args.product === 'generic';
}

async function gatherCloudflared(context: CheckContext, connectors: Gathered<ConnectorProcess[]>): Promise<Gathered<CloudflaredEvidence> | null> {
  const { args, api, signal } = context;
  if (!wantsCloudflared(context)) return null;
  const processes = connectors.ok ? connectors.value.filter((c) => c.kind === 'cloudflared') : [];
  const request = { logPath: args.cloudflaredLog?.path ?? null, configPath: args.cloudflaredConfig?.path ?? null, metricsUrl: args.metricsUrl, connectors: processes };
  const gathered = await api.gatherCloudflared(request, { signal });
  // Without a product, "no cloudflared here" is no news worth carrying to another host.
  const asked = args.product === 'cloudflare' || request.logPath !== null || request.configPath !== null || request.metricsUrl !== null;
  return gathered.ok || asked || processes.length > 0 ? gathered : null;
}

/** What a cloudflared step found, in a few words (as the wizard's step says it). */
function describeCloudflaredBriefly(evidence: CloudflaredEvidence): string {
  const registered = [...new Set(evidence.registered.map((r) => r.transport))];
  if (registered.length > 0) return `registered over ${registered.join(' and ')}`;
  if (evidence.requestedTransport) return `told to use ${evidence.requestedTransport.value} (${evidence.requestedTransport.from})`;
  return `looked at ${evidence.sources.length} sources, no transport seen`;
}

/** "[2/3] Connectors on this host … done: …" on stderr, for people only. */
function progress(context: CheckContext, ordinal: number, title: string, detail: string | null): void {
  if (context.args.json) return;
  const text = detail === null ? `[${ordinal}/${STEPS}] ${title} …` : `[${ordinal}/${STEPS}] ${title} … ${detail}`;
  context.output.error(`${terminalText(text.split('\n').join(' '))}\n`);
}

function describeLocal(local: LocalEvidence): string {
  const host = describeGathered(local.host, (h) => `${h.hostname} (${h.os}, kernel ${h.kernel}, ${h.arch}), network namespace ${h.netns ?? 'unknown'}`);
  const who = describeGathered(local.identity, (id) => `uid ${id.uid}, egid ${id.egid}, groups ${id.groups.join(',') || 'none'}`);
  const range = describeGathered(local.pingGroupRange, (r) => `"${formatRange(r)}"`);
  return `This host: ${host}\n  We run as ${who}; net.ipv4.ping_group_range here: ${range}\n`;
}

/** One connector: its command line, groups, namespace and what its range means for it. */
function describeConnector(connector: ConnectorProcess): string {
  const lines = [`  ${connector.kind} (pid ${connector.pid}): ${redactedCommandLine(connector.command)}`];
  const [, egid] = connector.gids;
  const where = `network namespace ${connector.netns ?? 'unknown'}${connector.sameNetnsAsUs ? ' (ours)' : ''}${connector.container ? `, in ${connector.container}` : ''}`;
  lines.push(`    runs as uid ${connector.uids[1]}, gid ${egid} (effective), groups ${connector.groups.join(',') || 'none'}; ${where}`);
  const range = connector.pingGroupRange;
  if (!range.ok) {
    lines.push(`    net.ipv4.ping_group_range there: not read (${range.code}: ${range.message})`);
  } else {
    const verdict = admission(range.value, egid, connector.groups, admissionRuleFor(connector.kind));
    const shown = `"${formatRange(range.value)}"${isEmptyRange(range.value) ? ' (admits nobody, root included)' : ''}`;
    const meaning = verdict.admitted
      ? `GID ${verdict.admittedGroups[0] ?? egid} is inside: it may open ICMP sockets`
      : `GID ${egid} is outside: it cannot open ICMP sockets, so it forwards no ping`;
    lines.push(`    net.ipv4.ping_group_range there: ${shown} → ${meaning}`);
  }
  return `${lines.join('\n')}\n`;
}

function describeConnectors(connectors: Gathered<ConnectorProcess[]>): string {
  if (!connectors.ok) return `Connectors: could not be listed (${connectors.code}: ${connectors.message})\n`;
  if (connectors.value.length === 0) return `Connectors: none running on this host (searched ${connectors.source})\n`;
  return `Connectors on this host (${connectors.source}):\n${connectors.value.map(describeConnector).join('')}`;
}

function describeCloudflared(cloudflared: Gathered<CloudflaredEvidence> | null): string {
  if (cloudflared === null) return '';
  if (!cloudflared.ok) return `cloudflared evidence: none (${cloudflared.code}: ${cloudflared.message.split('\n').join(' ')})\n`;
  const value = cloudflared.value;
  const facts: string[] = [];
  if (value.requestedTransport) facts.push(`told to use ${value.requestedTransport.value} (${value.requestedTransport.detail})`);
  const registered = [...new Set(value.registered.map((r) => r.transport))];
  if (registered.length > 0) facts.push(`registered over ${registered.join(' and ')}`);
  if (value.fallbackToHttp2) facts.push('fell back to HTTP/2');
  if (value.gidOutsideRange) facts.push(`logged that GID ${value.gidOutsideRange.gid} is outside "${value.gidOutsideRange.low} ${value.gidOutsideRange.high}"`);
  if (value.quickTunnel) facts.push('runs a quick tunnel');
  return `cloudflared evidence (${cloudflared.source}): ${facts.join('; ') || 'nothing decisive'}\n`;
}

/** The verdicts this evidence decides, from the same checks the wizard runs. */
function connectorFindings(report: ConnectorReport, context: CheckContext): Finding[] {
  const evidence: Evidence = { ...emptyEvidence(), local: report.local, connectors: report.connectors, cloudflared: report.cloudflared };
  const inputs = { ...defaultInputs(), product: context.args.product, cloudflareApiToken: context.token };
  return runChecks(evidence, inputs).filter((finding) => CONNECTOR_FINDINGS.includes(finding.id) && finding.status !== 'skip');
}

function importHint(path: string | null): string {
  if (path === null) {
    return (
      '\nTo use this elsewhere, save it: sudo icmp-doctor check --connector --report connector.json\n' +
      'then, where the check runs: icmp-doctor check --connector-report connector.json [--target …]\n'
    );
  }
  const command = shellCommand(['icmp-doctor', 'check', '--connector-report', path]);
  return `\nImport it where the check runs (the machine that cannot ping):\n  ${command} [--target …]\n`;
}

/** Runs connector mode; resolves to the exit code. */
export async function runConnectorMode(context: CheckContext): Promise<number> {
  const { args, api, output, signal } = context;
  progress(context, 1, 'This machine', null);
  const local = await api.gatherLocal({ signal });
  progress(context, 1, 'This machine', `done: ${describeGathered(local.capability, (c) => `ICMPv4 ${c.v4.allowed ? 'allowed' : `refused (${c.v4.errno})`}`)}`);
  progress(context, 2, 'Connectors on this host', null);
  const connectors = await api.gatherConnectors({ signal });
  const found = describeGathered(connectors, (list) => (list.length === 0 ? 'none found' : list.map((c) => `${c.kind} (pid ${c.pid})`).join(', ')));
  progress(context, 2, 'Connectors on this host', `done: ${found}`);
  let cloudflared: Gathered<CloudflaredEvidence> | null = null;
  if (wantsCloudflared(context)) {
    progress(context, 3, 'cloudflared', null);
    cloudflared = await gatherCloudflared(context, connectors);
    progress(context, 3, 'cloudflared', `done: ${cloudflared === null ? 'none on this host' : describeGathered(cloudflared, describeCloudflaredBriefly)}`);
  } else {
    progress(context, 3, 'cloudflared', `skipped: the product is ${args.product}`);
  }

  const report = buildConnectorReport({ local, connectors, cloudflared, appVersion: context.appVersion, secrets: context.secrets });
  const findings = connectorFindings(report, context);
  const interrupted = context.interruptedBy();

  if (args.json) {
    output.out(`${JSON.stringify({ type: 'connector-report', ...(interrupted ? { cancelled: true } : {}), ...connectorReportForJson(report, context.secrets) })}\n`);
  } else {
    let text = interrupted ? 'CANCELLED: the run was interrupted; this is what was gathered so far.\n\n' : '';
    text += terminalText(`${describeLocal(report.local)}${describeConnectors(report.connectors)}${describeCloudflared(report.cloudflared)}`);
    if (findings.length > 0) text += `\n${formatVerdicts(findings)}${formatFixes(findings)}`;
    output.out(text);
  }

  let writtenPath: string | null = null;
  if (args.report) {
    const written = await writeConnectorReport(report, args.report.path, context.secrets);
    if (!written.ok) {
      output.error(`icmp-doctor: ${terminalText(written.message)}\n`);
      const by = context.interruptedBy();
      return by ? cancelledExitCode(by) : CheckExitCode.Usage;
    }
    writtenPath = written.value.path;
    if (!args.json) output.out(`\nConnector report written to ${terminalText(writtenPath)} (${written.value.bytes} bytes).\n`);
  }
  if (!args.json) output.out(terminalText(importHint(writtenPath)));
  // A signal that came while the report was being written counts too.
  const by = context.interruptedBy();
  if (by) return cancelledExitCode(by);
  return findings.some((finding) => finding.status === 'fail') ? CheckExitCode.FindingFailed : CheckExitCode.NoFailure;
}
