// `icmp-doctor check --connector`, run on the connector host (usually as root, so other
// users' processes and namespaces can be read): gathers this host, its connector processes
// and cloudflared's evidence through the same WizardApi as the wizard, and makes a connector
// report of them for import where the check runs. It sends no probe. People get a summary —
// each connector's groups against the ping_group_range of its own network namespace, the
// verdicts that evidence decides, their fixes — and where to take the report. People read it
// in the run's language (context.lang); the connector report itself is data.

import { chosenConnector } from '../../renderer/wizard/connector-choice';
import type { CloudflaredEvidence, ConnectorProcess, ConnectorReport, Evidence, Gathered, LocalEvidence } from '../../contract/evidence';
import { emptyEvidence } from '../../contract/evidence';
import type { Finding, FindingId } from '../../contract/findings';
import { defaultInputs } from '../../contract/inputs';
import { runChecks } from '../../renderer/wizard/checks/index';
import { verdictsOf } from '../../renderer/wizard/connector-verdicts';
import { gatherCloudflaredApart } from '../../renderer/wizard/gather-apart';
import { STEP_DETAILS } from '../../renderer/wizard/steps';
import type { Message } from '../../contract/message';
import { redactedCommandLine } from '../../renderer/wizard/checks/command-line';
import { admission, admissionRuleFor, formatRange, isEmptyRange } from '../../renderer/wizard/checks/ping-range';
import type { Locale } from '../../renderer/i18n/messages/locale';
import { localizeFindings, renderMessage } from '../../renderer/i18n/messages/render';
import { failureMessage, type GatherFailure } from '../../renderer/wizard/checks/cite';
import { shellCommand } from '../../renderer/wizard/remediation/shell';
import { say } from '../report/say';
import { buildConnectorReport, connectorReportForJson, writeConnectorReport } from '../report/connector-report';
import type { CheckContext } from './check-context';
import { cancelledExitCode, CheckExitCode } from './check-exit-codes';
import { formatFixes, formatVerdicts, PART_SEPARATOR, terminalText } from './check-output-human';

/** The verdicts a connector host's evidence decides on its own (no probes, no API). */
const CONNECTOR_FINDINGS: readonly FindingId[] = ['tunnel-connection', 'connector-gid-range', 'tunnel-transport'];
const STEPS = 3;

/** A gatherer's failure in `lang`: its code, what the code means, and its reason (a message, or its own words). */
function failureText(failure: GatherFailure, lang: Locale): string {
  return renderMessage(failureMessage(failure), lang, `${failure.code}: ${failure.message}`);
}

function describeGathered<T>(gathered: Gathered<T>, success: (value: T) => string, lang: Locale): string {
  return gathered.ok ? success(gathered.value) : failureText(gathered, lang);
}

/** A value quoted as each language quotes: "1 0" or 「1 0」. */
function quoted(text: string, lang: Locale): string {
  return lang === 'ja' ? `「${text}」` : `"${text}"`;
}

/** How a list of facts is joined: "a; b" or 「a、b」. */
const FACT_SEPARATOR: Readonly<Record<Locale, string>> = { en: '; ', ja: '、' };

/** Whether cloudflared's evidence is worth gathering here: not for the other products' connectors. */
function wantsCloudflared(context: CheckContext): boolean {
  return context.args.product === 'cloudflare' || context.args.product === 'generic';
}

interface CloudflaredGathered {
  /** One process or none: its evidence; several: the first one's. null: cloudflared does not apply. */
  cloudflared: Gathered<CloudflaredEvidence> | null;
  /** Several cloudflared processes: each one's own, gathered apart (gather-apart.ts); empty otherwise. */
  perConnector: PerConnector;
  /** With several: what the step says (each process's result, and the inputs given to none). */
  apartDetail: Message | null;
}

type PerConnector = Array<{ pid: number; cloudflared: Gathered<CloudflaredEvidence> }>;

async function gatherCloudflared(context: CheckContext, connectors: Gathered<ConnectorProcess[]>): Promise<CloudflaredGathered> {
  const { args, api, signal } = context;
  const none: CloudflaredGathered = { cloudflared: null, perConnector: [], apartDetail: null };
  if (!wantsCloudflared(context)) return none;
  const processes = connectors.ok ? connectors.value.filter((c) => c.kind === 'cloudflared') : [];
  const request = { logPath: args.cloudflaredLog?.path ?? null, configPath: args.cloudflaredConfig?.path ?? null, metricsUrl: args.metricsUrl, connectors: processes };
  if (processes.length > 1) {
    // As the wizard's step does: each process apart, the files the user named only to their owner.
    const given = { cloudflaredLog: request.logPath, cloudflaredConfig: request.configPath, metricsUrl: request.metricsUrl };
    const { perConnector, unattributed } = await gatherCloudflaredApart(api, given, processes, { signal });
    return { cloudflared: perConnector[0]!.cloudflared, perConnector, apartDetail: STEP_DETAILS.cloudflaredApart(perConnector, unattributed) };
  }
  const gathered = await api.gatherCloudflared(request, { signal });
  // Without a product, "no cloudflared here" is no news worth carrying to another host.
  const asked = args.product === 'cloudflare' || request.logPath !== null || request.configPath !== null || request.metricsUrl !== null;
  return { ...none, cloudflared: gathered.ok || asked || processes.length > 0 ? gathered : null };
}

/** What a cloudflared step found, in a few words (as the wizard's step says it). */
function describeCloudflaredBriefly(evidence: CloudflaredEvidence, lang: Locale): string {
  const registered = [...new Set(evidence.registered.map((r) => r.transport))];
  if (registered.length > 0) return say(lang, 'cli.connector.registered', { transports: registered });
  if (evidence.requestedTransport) return say(lang, 'cli.connector.told', { transport: evidence.requestedTransport.value, from: evidence.requestedTransport.from });
  return say(lang, 'cli.connector.no-transport', { count: evidence.sources.length });
}

/** "[2/3] Connectors on this host … done: …" on stderr, for people only. */
function progress(context: CheckContext, ordinal: number, title: string, detail: string | null): void {
  if (context.args.json) return;
  const text = detail === null ? `[${ordinal}/${STEPS}] ${title} …` : `[${ordinal}/${STEPS}] ${title} … ${detail}`;
  context.output.error(`${terminalText(text.split('\n').join(' '))}\n`);
}

function groupsText(groups: readonly number[], lang: Locale): string {
  return groups.join(',') || say(lang, 'cli.connector.no-groups');
}

function describeLocal(local: LocalEvidence, lang: Locale): string {
  const unknown = say(lang, 'cli.connector.unknown');
  const host = describeGathered(local.host, (h) => say(lang, 'cli.connector.host', { hostname: h.hostname, os: h.os, kernel: h.kernel, arch: h.arch, netns: h.netns ?? unknown }), lang);
  const who = describeGathered(local.identity, (id) => say(lang, 'cli.connector.identity', { uid: id.uid, egid: id.egid, groups: groupsText(id.groups, lang) }), lang);
  const range = describeGathered(local.pingGroupRange, (r) => quoted(formatRange(r), lang), lang);
  return `${say(lang, 'cli.connector.this-host', { host })}\n  ${say(lang, 'cli.connector.we-run-as', { identity: who, range })}\n`;
}

/** One connector: its command line, groups, namespace and what its range means for it. */
function describeConnector(connector: ConnectorProcess, lang: Locale): string {
  const lines = [`  ${say(lang, 'cli.connector.process', { kind: connector.kind, pid: connector.pid })}: ${redactedCommandLine(connector.command)}`];
  const [, egid] = connector.gids;
  const where = say(lang, 'cli.connector.netns', { netns: connector.netns ?? say(lang, 'cli.connector.unknown'), ours: connector.sameNetnsAsUs, container: connector.container });
  lines.push(`    ${say(lang, 'cli.connector.runs-as', { uid: connector.uids[1], egid, groups: groupsText(connector.groups, lang), where })}`);
  const range = connector.pingGroupRange;
  if (!range.ok) {
    lines.push(`    ${say(lang, 'cli.connector.range-unread', { failure: failureText(range, lang) })}`);
  } else {
    const verdict = admission(range.value, egid, connector.groups, admissionRuleFor(connector.kind));
    const meaning = verdict.admitted
      ? say(lang, 'cli.connector.admitted', { gid: verdict.admittedGroups[0] ?? egid })
      : say(lang, 'cli.connector.refused', { gid: egid });
    lines.push(`    ${say(lang, 'cli.connector.range', { range: formatRange(range.value), empty: isEmptyRange(range.value), meaning })}`);
  }
  return `${lines.join('\n')}\n`;
}

function describeConnectors(connectors: Gathered<ConnectorProcess[]>, lang: Locale): string {
  if (!connectors.ok) return `${say(lang, 'cli.connector.unlisted', { failure: failureText(connectors, lang) })}\n`;
  if (connectors.value.length === 0) return `${say(lang, 'cli.connector.none-running', { source: connectors.sourceMessage ?? connectors.source })}\n`;
  return `${say(lang, 'cli.connector.list', { source: connectors.sourceMessage ?? connectors.source })}\n${connectors.value.map((c) => describeConnector(c, lang)).join('')}`;
}

function describeCloudflared(cloudflared: Gathered<CloudflaredEvidence> | null, lang: Locale): string {
  if (cloudflared === null) return '';
  if (!cloudflared.ok) return `${say(lang, 'cli.connector.cloudflared-none', { failure: failureText(cloudflared, lang).split('\n').join(' ') })}\n`;
  const value = cloudflared.value;
  const facts: string[] = [];
  if (value.requestedTransport) facts.push(say(lang, 'cli.connector.told', { transport: value.requestedTransport.value, from: value.requestedTransport.detailMessage ?? value.requestedTransport.detail }));
  const registered = [...new Set(value.registered.map((r) => r.transport))];
  if (registered.length > 0) facts.push(say(lang, 'cli.connector.registered', { transports: registered }));
  if (value.fallbackToHttp2) facts.push(say(lang, 'cli.connector.fell-back'));
  if (value.gidOutsideRange) facts.push(say(lang, 'cli.connector.gid-logged', { gid: value.gidOutsideRange.gid, range: `${value.gidOutsideRange.low} ${value.gidOutsideRange.high}` }));
  if (value.quickTunnel) facts.push(say(lang, 'cli.connector.quick-tunnel'));
  const said = facts.join(FACT_SEPARATOR[lang]) || say(lang, 'cli.connector.nothing-decisive');
  return `${say(lang, 'cli.connector.cloudflared', { source: cloudflared.sourceMessage ?? cloudflared.source, facts: said })}\n`;
}

/**
 * The verdicts this evidence decides, from the same checks the wizard runs; with several
 * connector processes, the roll-up of their own verdicts (each finding says whose it is).
 */
function connectorFindings(report: ConnectorReport, context: CheckContext): Finding[] {
  const evidence: Evidence = {
    ...emptyEvidence(),
    local: report.local,
    connectors: report.connectors,
    cloudflared: report.cloudflared,
    cloudflaredPerConnector: report.cloudflaredPerConnector ?? [],
  };
  const inputs = { ...defaultInputs(), product: context.args.product, cloudflareApiToken: context.token };
  const findings = verdictsOf(evidence, inputs, runChecks).findings.filter((finding) => CONNECTOR_FINDINGS.includes(finding.id) && finding.status !== 'skip');
  return localizeFindings(findings, context.lang);
}

function importHint(path: string | null, lang: Locale): string {
  if (path === null) {
    return (
      `\n${say(lang, 'cli.connector.save-hint')} sudo icmp-doctor check --connector --report connector.json\n` +
      `${say(lang, 'cli.connector.then-import')} icmp-doctor check --connector-report connector.json [--target …]\n`
    );
  }
  const command = shellCommand(['icmp-doctor', 'check', '--connector-report', path]);
  return `\n${say(lang, 'cli.connector.import-hint')}\n  ${command} [--target …]\n`;
}

/** Runs connector mode; resolves to the exit code. */
export async function runConnectorMode(context: CheckContext): Promise<number> {
  const { args, api, output, signal, lang } = context;
  const thisMachine = say(lang, 'cli.connector.step.local');
  const connectorsStep = say(lang, 'cli.connector.step.connectors');
  progress(context, 1, thisMachine, null);
  const local = await api.gatherLocal({ signal });
  const capability = describeGathered(local.capability, (c) =>
    c.v4.allowed ? say(lang, 'cli.connector.icmp-allowed') : say(lang, 'cli.connector.icmp-refused', { errno: String(c.v4.errno) }),
    lang,
  );
  progress(context, 1, thisMachine, say(lang, 'cli.connector.done', { detail: capability }));
  progress(context, 2, connectorsStep, null);
  const connectors = chosenConnector(await api.gatherConnectors({ signal }), context.args.pid);
  const found = describeGathered(connectors, (list) =>
    list.length === 0 ? say(lang, 'cli.connector.none-found') : list.map((c) => say(lang, 'cli.connector.process', { kind: c.kind, pid: c.pid })).join(PART_SEPARATOR[lang]),
    lang,
  );
  progress(context, 2, connectorsStep, say(lang, 'cli.connector.done', { detail: found }));
  let gathered: CloudflaredGathered = { cloudflared: null, perConnector: [], apartDetail: null };
  if (wantsCloudflared(context)) {
    progress(context, 3, 'cloudflared', null);
    gathered = await gatherCloudflared(context, connectors);
    const { cloudflared, apartDetail } = gathered;
    const detail =
      apartDetail !== null
        ? renderMessage(apartDetail, lang)
        : cloudflared === null
          ? say(lang, 'cli.connector.none-here')
          : describeGathered(cloudflared, (e) => describeCloudflaredBriefly(e, lang), lang);
    progress(context, 3, 'cloudflared', say(lang, 'cli.connector.done', { detail }));
  } else {
    progress(context, 3, 'cloudflared', say(lang, 'cli.connector.skipped-product', { product: args.product }));
  }

  const report = buildConnectorReport({
    local,
    connectors,
    cloudflared: gathered.cloudflared,
    cloudflaredPerConnector: gathered.perConnector,
    appVersion: context.appVersion,
    secrets: context.secrets,
  });
  const findings = connectorFindings(report, context);
  const interrupted = context.interruptedBy();

  if (args.json) {
    output.out(`${JSON.stringify({ type: 'connector-report', ...(interrupted ? { cancelled: true } : {}), ...connectorReportForJson(report, context.secrets) })}\n`);
  } else {
    let text = interrupted ? `${say(lang, 'cli.connector.cancelled')}\n\n` : '';
    // With several cloudflared processes, each one's own evidence; else the one gathered.
    const perProcess = report.cloudflaredPerConnector ?? [];
    const cloudflaredText = perProcess.length > 0 ? perProcess.map((entry) => describeCloudflared(entry.cloudflared, lang)).join('') : describeCloudflared(report.cloudflared, lang);
    text += terminalText(`${describeLocal(report.local, lang)}${describeConnectors(report.connectors, lang)}${cloudflaredText}`);
    if (findings.length > 0) text += `\n${formatVerdicts(findings, undefined, lang)}${formatFixes(findings, undefined, null, lang)}`;
    output.out(text);
  }

  let writtenPath: string | null = null;
  if (args.report) {
    const written = await writeConnectorReport(report, args.report.path, context.secrets, lang);
    if (!written.ok) {
      output.error(`icmp-doctor: ${terminalText(written.message)}\n`);
      const by = context.interruptedBy();
      return by ? cancelledExitCode(by) : CheckExitCode.Usage;
    }
    writtenPath = written.value.path;
    if (!args.json) output.out(`\n${terminalText(say(lang, 'cli.connector.written', { path: writtenPath, bytes: written.value.bytes }))}\n`);
  }
  if (!args.json) output.out(terminalText(importHint(writtenPath, lang)));
  // A signal that came while the report was being written counts too.
  const by = context.interruptedBy();
  if (by) return cancelledExitCode(by);
  return findings.some((finding) => finding.status === 'fail') ? CheckExitCode.FindingFailed : CheckExitCode.NoFailure;
}
