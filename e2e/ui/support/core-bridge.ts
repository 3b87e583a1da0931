// A DoctorBridge implemented by the real core: the WizardApi runs in core-worker.ts inside a
// lab namespace, and this side speaks to it as the preload would speak to main. The dialogs
// are the test's: saveReport writes through the core's writeReport to a path the test
// chooses (standing in for the save dialog), pickFile answers with a file the test chose.
// Used directly in Node (the adapter's tests) and behind page-bridge.ts in Chromium.

import type { ChildProcess } from 'node:child_process';
import { basename, extname, join } from 'node:path';
import { createInterface } from 'node:readline';
import type { WriteReportRequest } from '../../../contract/api';
import type { AppInfo, BridgeMethod, BridgeRequest, BridgeResponse, DoctorBridge, PickedFile, SaveReportResult } from '../../../contract/bridge';
import type { ImportKind } from '../../../contract/evidence';
import type { Report, ReportFormat } from '../../../contract/report';
import { fail, ok, type Result } from '../../../contract/result';
import type { ProbeEvent } from '../../../native/index';
import { PidNamespace } from '../../cli/support/pid-namespace';
import { spawnGroup } from '../../lab/exec';
import type { Lab, RunAs } from '../../lab/lab';
import type { NsRole } from '../../lab/topology';
import { REPO_ROOT } from '../../support/worker';
import type { WorkerCommand, WorkerMessage } from './protocol';

const WORKER = join(REPO_ROOT, 'e2e/ui/support/core-worker.ts');
const FORMATS: Readonly<Record<string, ReportFormat>> = { '.json': 'json', '.html': 'html', '.md': 'md' };

export interface CoreBridgeOptions {
  ns?: NsRole;
  user?: RunAs;
  /** Where "the save dialog" puts a report; null: the user cancelled it. Default: cancelled. */
  saveAs?: (suggestedName: string) => string | null;
  /** What "the open dialog" returns for a kind; null: cancelled. Default: cancelled. */
  pick?: (kind: ImportKind) => string | null;
  appInfo?: Partial<AppInfo>;
  /** Extra environment for the worker (e.g. CLOUDFLARE_API_BASE). */
  env?: Record<string, string>;
  /**
   * Run the core inside this private PID namespace (in its lab namespace), so its connector
   * scan sees the stand-in connectors started there and nothing else on the machine.
   */
  space?: PidNamespace;
}

/** What the bridge saw, for assertions: each call, cancel and dialog in order. */
export type BridgeEvent =
  | { type: 'call'; method: BridgeMethod; callId: string }
  | { type: 'cancel'; callId: string }
  | { type: 'saveReport'; suggestedName: string; path: string | null; lang: 'en' | 'ja' | undefined }
  | { type: 'pickFile'; kind: ImportKind; path: string | null };

export interface CoreBridge extends DoctorBridge {
  readonly events: readonly BridgeEvent[];
  /** The worker's identity as it reported it (proves where and as whom the core runs). */
  readonly identity: { pid: number; uid: number; gid: number };
  /** Dialog answers can change between steps of a test. */
  options: CoreBridgeOptions;
  close(): Promise<void>;
}

interface Pending {
  resolve(value: unknown): void;
  reject(error: Error): void;
}

export async function startCoreBridge(lab: Lab, options: CoreBridgeOptions = {}): Promise<CoreBridge> {
  const user = options.user ?? 'unprivileged';
  const argv = ['node', '--import', 'tsx', WORKER];
  const env = { NODE_OPTIONS: undefined, ...(options.env ?? {}) };
  // The core always runs in a private PID namespace (its own unless the test gives one): its
  // connector scan reads /proc, and must find the test's stand-ins and nothing else — not the
  // stand-ins other tests run on this machine at the same time.
  const ownSpace = options.space ? null : await PidNamespace.start(lab, options.ns ?? 'client');
  const space = options.space ?? ownSpace!;
  // Entering the namespace's mounts moves the working directory to /: `tsx` resolves from the repo.
  const child: ChildProcess = spawnGroup(space.command(['env', '-C', REPO_ROOT, ...argv], user), { stdio: ['pipe', 'pipe', 'pipe'], env: lab.environment(user, env) });
  const stdin = child.stdin;
  const stdout = child.stdout;
  if (stdin === null || stdout === null) throw new Error('the core worker has no stdio pipes');
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString('utf8');
  });

  const pending = new Map<string, Pending>();
  const probeListeners = new Set<(callId: string, event: ProbeEvent) => void>();
  const events: BridgeEvent[] = [];
  let exited = false;
  let ready: ((identity: CoreBridge['identity']) => void) | null = null;
  const readyPromise = new Promise<CoreBridge['identity']>((resolve) => (ready = resolve));
  const exitPromise = new Promise<void>((resolve) => child.once('exit', () => resolve()));

  child.once('exit', (code, signal) => {
    exited = true;
    const error = new Error(`the core worker exited (${code ?? signal}) with calls pending:\n${stderr}`);
    for (const call of pending.values()) call.reject(error);
    pending.clear();
  });

  createInterface({ input: stdout }).on('line', (line) => {
    let message: WorkerMessage;
    try {
      message = JSON.parse(line) as WorkerMessage;
    } catch {
      return; // Not ours (a library printing to stdout): the protocol lines are JSON.
    }
    if (message.type === 'ready') ready?.({ pid: message.pid, uid: message.uid, gid: message.gid });
    else if (message.type === 'probe') for (const listener of probeListeners) listener(message.callId, message.event);
    else {
      const call = pending.get(message.callId);
      pending.delete(message.callId);
      if (message.type === 'result') call?.resolve(message.value);
      else call?.reject(new Error(`the core threw in ${message.callId}: ${message.message}`));
    }
  });

  const send = (command: WorkerCommand): void => {
    if (!exited) stdin.write(`${JSON.stringify(command)}\n`);
  };

  const identity = await Promise.race([
    readyPromise,
    exitPromise.then(() => {
      throw new Error(`the core worker did not start:\n${stderr}`);
    }),
  ]);

  function call<M extends BridgeMethod>(method: M, request: BridgeRequest<M>, callId: string): Promise<BridgeResponse<M>> {
    events.push({ type: 'call', method, callId });
    if (exited) return Promise.reject(new Error(`the core worker has exited:\n${stderr}`));
    return new Promise<BridgeResponse<M>>((resolve, reject) => {
      pending.set(callId, { resolve: (value) => resolve(value as BridgeResponse<M>), reject });
      send({ type: 'call', callId, method, request });
    });
  }

  const bridge: CoreBridge = {
    events,
    identity,
    options,
    call,
    cancel(callId) {
      events.push({ type: 'cancel', callId });
      send({ type: 'cancel', callId });
    },
    onProbe(listener) {
      probeListeners.add(listener);
      return () => probeListeners.delete(listener);
    },
    async saveReport(report: Report, suggestedName: string, lang?: 'en' | 'ja'): Promise<Result<SaveReportResult, 'CANCELLED' | 'WRITE_FAILED' | 'BAD_FORMAT'>> {
      const path = bridge.options.saveAs?.(suggestedName) ?? null;
      events.push({ type: 'saveReport', suggestedName, path, lang });
      if (path === null) return fail('CANCELLED', 'the save dialog was cancelled');
      const format = FORMATS[extname(path).toLowerCase()];
      if (format === undefined) return fail('BAD_FORMAT', `${path}: give a name ending in .json, .html or .md`);
      const request: WriteReportRequest = { report, path, format, ...(lang ? { lang } : {}) };
      const written = await call('writeReport', request, `save-${events.length}`);
      return written.ok ? ok({ path: written.value.path, bytes: written.value.bytes, format }) : written;
    },
    async pickFile(kind: ImportKind): Promise<PickedFile | null> {
      const path = bridge.options.pick?.(kind) ?? null;
      events.push({ type: 'pickFile', kind, path });
      return path === null ? null : { path, name: basename(path) };
    },
    async appInfo(): Promise<AppInfo> {
      return { version: '0.0.0-ui-test', platform: 'linux', locale: 'en-US', ...bridge.options.appInfo };
    },
    async close() {
      stdin.end();
      await Promise.race([exitPromise, new Promise((resolve) => setTimeout(resolve, 2000))]);
      if (!exited) child.kill('SIGKILL');
      await exitPromise;
      ownSpace?.stop();
    },
  };
  return bridge;
}
