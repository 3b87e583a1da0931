// `icmp-doctor check`: parse, check the inputs, build the real WizardApi, and drive the
// wizard store headless — the very store the desktop app binds to — then print the verdicts
// and the fixes (or one JSON report line), write the report file, and turn the outcome into
// an exit code. `--connector` runs check-connector-mode.ts instead.

import { preferSocket } from '../core/ping/socket-choice';
import os from 'node:os';
import packageJson from '../../package.json';
import type { ImportedItem } from '../../contract/api';
import type { Evidence } from '../../contract/evidence';
import type { CheckInputs } from '../../contract/inputs';
import type { Report } from '../../contract/report';
import { localeFromEnvironment } from '../../renderer/i18n/messages/locale';
import { createWizardStore, type WizardState, type WizardStore } from '../../renderer/wizard/store';
import { createWizardApi } from '../handlers/wizard-api';
import { AddonUnavailableError, loadAddon } from '../native/addon';
import { buildReport, redactSecrets, reportForJson } from '../report/index';
import { msg } from '../../renderer/i18n/messages/message';
import { say } from '../report/say';
import { parseCheckArguments, type CheckArguments, type NamedFile } from './check-arguments';
import type { CheckContext } from './check-context';
import { runConnectorMode } from './check-connector-mode';
import { cancelledExitCode, CheckExitCode } from './check-exit-codes';
import { describeInputs, describeSocket, formatCauses, formatConnectorVerdicts, formatFixes, formatVerdicts, terminalText } from './check-output-human';
import { formatPath } from './check-output-path';
import { preflightCheck } from './check-preflight';
import { reportProgress } from './check-progress';
import type { Output } from './output';
import { onTerminationSignals, type SignalName } from './termination-signals';
import { reportUsageError } from './usage-error';
import { CHECK_USAGE } from './usage';

function checkUsageError(output: Output, message: string): number {
  return reportUsageError(output, { message, command: 'check' });
}

/** A fatal condition before anything ran: one line for people, one object for --json. */
function reportFatal(output: Output, json: boolean, code: string, message: string): void {
  if (json) output.out(`${JSON.stringify({ type: 'fatal', code, message })}\n`);
  else output.error(`icmp-doctor: ${message}\n`);
}

/** The addon loads, or the reason it does not: without it nothing can be probed or even tested. */
function addonProblem(): string | null {
  try {
    loadAddon();
    return null;
  } catch (error) {
    return error instanceof AddonUnavailableError ? error.message : `the native addon failed to load: ${String(error)}`;
  }
}

function inputsOf(args: CheckArguments, token: CheckInputs['cloudflareApiToken']): CheckInputs {
  return {
    target: args.target,
    tcpPort: args.tcpPort,
    product: args.product,
    unreachableTarget: args.unreachable,
    cloudflaredLog: args.cloudflaredLog?.path ?? null,
    cloudflaredConfig: args.cloudflaredConfig?.path ?? null,
    metricsUrl: args.metricsUrl,
    cloudflareAccountId: args.cloudflareAccount,
    cloudflareApiToken: token,
    connectorReports: args.connectorReports.map((file) => file.path),
    deploy: args.deploy,
    pid: args.pid,
    socket: args.socket,
  };
}

/** The report's host: what the "This machine" step found, else what Node knows. */
function reportHost(evidence: Evidence): Report['host'] {
  const host = evidence.local?.host;
  if (host?.ok) return { os: host.value.os, kernel: host.value.kernel, arch: host.value.arch, hostname: host.value.hostname };
  return { os: os.type(), kernel: os.release(), arch: os.arch(), hostname: os.hostname() };
}

/** Why an imported item is no use, or null: a file the user named that cannot be read or parsed is bad input. */
function importProblem(item: ImportedItem, file: NamedFile): string | null {
  const values = item.kind === 'pod-spec' ? item.value : [item.value];
  if (values.length === 0) return `${file.typed}: no pod (Pod, Deployment, DaemonSet, StatefulSet, Job…) was found in it`;
  const failed = values.find((value) => !value.ok);
  return failed && !failed.ok ? `${file.typed}: ${failed.message.split('\n').join(' ')}` : null;
}

/**
 * Files each --import into the store (parsed once, there), and reads each --connector-report
 * once to refuse a bad one before the run; the wizard's own step imports the good ones.
 */
async function importEvidence(context: CheckContext, store: WizardStore): Promise<string | null> {
  const { args, api, signal } = context;
  for (const file of args.connectorReports) {
    const item = await api.importEvidence({ kind: 'connector-report', text: null, path: file.path, label: file.path }, { signal });
    const problem = importProblem(item, file);
    if (problem) return problem;
  }
  for (const file of args.imports) {
    const item = await store.getState().importEvidence({ kind: file.kind, text: null, path: file.path, label: file.path });
    const problem = importProblem(item, file);
    if (problem) return problem;
  }
  return null;
}

function failedSteps(state: WizardState, context: CheckContext): string[] {
  const { lang } = context;
  return state.steps
    .filter((step) => step.status === 'failed')
    .map((step) => say(lang, 'cli.step-failed', { step: step.title, detail: step.detail ?? msg('cli.no-detail') }));
}

function cancelledNote(state: WizardState, context: CheckContext): string {
  const { lang } = context;
  const unfinished = state.steps.filter((step) => step.status === 'cancelled' || step.status === 'running' || step.status === 'pending');
  const which = unfinished.length > 0 ? ` ${say(lang, 'cli.cancelled.unfinished', { steps: unfinished.map((step) => step.title) })}` : '';
  return `${say(lang, 'cli.cancelled')}${which}\n\n`;
}

/** Prints the verdicts and fixes for people, from the report (its findings already in `context.lang`). */
function printHuman(context: CheckContext, report: Report, state: WizardState, cancelled: boolean): void {
  const { output, lang } = context;
  // The socket line goes under the inputs, or under the note of a cancelled run (which comes first).
  const socket = describeSocket(report, lang);
  let text = `icmp-doctor check: ${describeInputs(report.inputs, lang)}\n`;
  if (cancelled) text += `\n${cancelledNote(state, context)}${socket ? `${socket}\n` : ''}`;
  else text += `${socket}\n`;
  text += formatCauses(report.findings, report.causes, report.inputs, lang);
  text += formatConnectorVerdicts(report, lang);
  text += formatVerdicts(report.findings, report.causes, lang);
  text += formatPath(report, lang);
  text += formatFixes(report.findings, report.causes, report.deploy, lang);
  if (cancelled) text += `\n${say(lang, 'cli.cancelled.trailer')}\n`;
  output.out(text);
}

async function writeReportFile(context: CheckContext, report: Report): Promise<boolean> {
  const { args, api, output } = context;
  if (!args.report) return true;
  const written = await api.writeReport({ report, path: args.report.path, format: args.report.format, lang: context.lang });
  if (!written.ok) {
    output.error(`icmp-doctor: ${terminalText(written.message)}\n`);
    return false;
  }
  if (!args.json) output.out(`\n${terminalText(say(context.lang, 'cli.report-written', { path: written.value.path, bytes: written.value.bytes }))}\n`);
  return true;
}

async function runWizard(context: CheckContext): Promise<number> {
  const { args, api, output, signal } = context;
  // Every probe session of this run (the gatherers open their own) uses the chosen socket.
  preferSocket(args.socket);
  const store = createWizardStore(api, inputsOf(args, context.token));
  const importFailure = await importEvidence(context, store);
  if (importFailure) return checkUsageError(output, importFailure);
  const interrupted = context.interruptedBy();
  if (interrupted) return cancelledExitCode(interrupted);

  const redact = (text: string): string => redactSecrets(text, context.secrets);
  const stopProgress = args.json ? () => undefined : reportProgress(store, (text) => output.error(text), redact, context.lang);
  const cancel = (): void => store.getState().cancel();
  signal.addEventListener('abort', cancel, { once: true });
  try {
    await store.getState().run();
  } finally {
    signal.removeEventListener('abort', cancel);
    stopProgress();
  }

  const state = store.getState();
  const cancelled = state.phase === 'cancelled';
  const report = buildReport({
    inputs: state.inputs,
    evidence: state.evidence,
    findings: state.findings,
    connectors: state.connectorVerdicts,
    probes: state.probes,
    appVersion: context.appVersion,
    host: reportHost(state.evidence),
    secrets: context.secrets,
    // The findings are said in the run's language here, once: the terminal, --json and every report file read these words.
    lang: context.lang,
  });

  if (args.json) {
    const line = { type: 'report', ...(cancelled ? { cancelled: true } : {}), ...reportForJson(report, { secrets: context.secrets }) };
    output.out(`${JSON.stringify(line)}\n`);
  } else {
    // A blank line between the progress (stderr) and the verdicts where both share a terminal.
    if (!output.stdoutClosed) output.error('\n');
    printHuman(context, report, state, cancelled);
  }
  const written = await writeReportFile(context, report);

  const crashed = failedSteps(state, context);
  if (crashed.length > 0) {
    output.error(`icmp-doctor: ${terminalText(say(context.lang, 'cli.internal-error', { steps: crashed }))}\n`);
    return CheckExitCode.Internal;
  }
  // Interrupted at any point — during the run, or while the report was written — is 130/143.
  const by = context.interruptedBy();
  if (by) return cancelledExitCode(by);
  if (!written) return CheckExitCode.Usage;
  return report.findings.some((finding) => finding.status === 'fail') ? CheckExitCode.FindingFailed : CheckExitCode.NoFailure;
}

/** The API token from the environment, as the WizardApi reads it (trimmed; blank is none). */
function tokenFrom(environment: NodeJS.ProcessEnv): string | null {
  return environment['CLOUDFLARE_API_TOKEN']?.trim() || null;
}

/** Runs `icmp-doctor check ARGS…`; resolves to the process exit code. Never throws on bad input. */
export async function runCheckCommand(argv: readonly string[], output: Output): Promise<number> {
  const parsed = parseCheckArguments(argv);
  if (!parsed.ok) return checkUsageError(output, parsed.message);
  if (parsed.value.kind === 'help') {
    output.out(CHECK_USAGE);
    return CheckExitCode.NoFailure;
  }
  const args = parsed.value.arguments;
  const controller = new AbortController();
  let interruptedBy: SignalName | null = null;
  const stopListening = onTerminationSignals(
    (signal) => {
      interruptedBy = signal;
      controller.abort();
    },
    // Second signal: leave now, with whatever was printed so far.
    (signal) => process.exit(cancelledExitCode(signal)),
  );
  // A reader that went away (`| head`) needs no more probes.
  output.onStdoutClosed(() => controller.abort());
  try {
    const preflight = await preflightCheck(args, controller.signal);
    if (interruptedBy) leaveNow(cancelledExitCode(interruptedBy), stopListening);
    if (!preflight.ok) return checkUsageError(output, preflight.message);
    const addon = addonProblem();
    if (addon) {
      reportFatal(output, args.json, 'ADDON_UNAVAILABLE', addon);
      return CheckExitCode.Internal;
    }
    const environment = process.env;
    const token = tokenFrom(environment);
    const context: CheckContext = {
      args,
      api: createWizardApi({ environment }),
      output,
      signal: controller.signal,
      interruptedBy: () => interruptedBy,
      token: token ? 'provided' : 'absent',
      secrets: token ? [token] : [],
      appVersion: packageJson.version,
      lang: args.lang ?? localeFromEnvironment(environment),
    };
    const code = args.connector ? await runConnectorMode(context) : await runWizard(context);
    if (interruptedBy) leaveNow(code, stopListening);
    return code;
  } finally {
    stopListening();
  }
}

/**
 * Ends the process once an interrupted run has printed what it had. A cancelled step may
 * leave a host-name lookup behind (getaddrinfo cannot be cancelled, and Node's exit would
 * wait for it); writes to pipes and files are synchronous on Linux, so nothing printed is lost.
 */
function leaveNow(code: number, stopListening: () => void): never {
  stopListening();
  process.exit(code);
}
