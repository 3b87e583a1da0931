// The wizard: a vanilla zustand store that runs the steps (independent ones concurrently),
// files their evidence, re-runs the pure checks after every step so verdicts appear as
// evidence arrives, reports progress, and can be cancelled. React binds to it with hooks;
// the CLI drives the same store headless. Side effects live only in its actions.

import { createStore, type StoreApi } from 'zustand/vanilla';
import type { ImportedItem, ImportRequest, WizardApi } from '../../contract/api';
import { emptyEvidence, type Evidence } from '../../contract/evidence';
import type { ConnectorVerdict, Finding } from '../../contract/findings';
import { defaultInputs, type CheckInputs } from '../../contract/inputs';
import type { Message } from '../../contract/message';
import type { ProbeEvent } from '../../native/index';
import { msg } from '../i18n/messages/message';
import { runChecks } from './checks/index';
import { verdictsOf } from './connector-verdicts';
import { STEPS, type StepDefinition, type StepId } from './steps';

/** The findings and each connector's own verdict, from the evidence so far. */
function verdicts(evidence: Evidence, inputs: CheckInputs): Pick<WizardState, 'findings' | 'connectorVerdicts'> {
  const { findings, connectors } = verdictsOf(evidence, inputs, runChecks);
  return { findings, connectorVerdicts: connectors };
}

/**
 * done: the fact was had. unavailable: the step ran but the fact could not be had (the detail
 * says why; the checks then say which evidence is missing). failed: the step itself broke (a
 * bug). skipped: it does not apply. cancelled: abandoned by Cancel.
 */
export type StepStatus = 'pending' | 'running' | 'done' | 'unavailable' | 'skipped' | 'failed' | 'cancelled';

export interface StepState {
  id: StepId;
  title: Message;
  why: Message;
  status: StepStatus;
  /** One line: what was found, why it was skipped, or what went wrong (said at the edge, in the user's language). */
  detail: Message | null;
}

export type Phase = 'idle' | 'running' | 'done' | 'cancelled';

export interface WizardState {
  inputs: CheckInputs;
  phase: Phase;
  steps: StepState[];
  evidence: Evidence;
  /** The findings; with several connector processes, the host-wide roll-up of their own verdicts. */
  findings: Finding[];
  /** One verdict per connector process when two or more were found (connector-verdicts.ts); empty otherwise. */
  connectorVerdicts: ConnectorVerdict[];
  /** Every probe event seen, in arrival order (the live view and the report's raw probes). */
  probes: ProbeEvent[];
  /**
   * The step that sent each probe, index for index with `probes` (echo, path MTU and error
   * probes arrive interleaved: the live view says which is which). Kept apart so `probes`
   * stays the engine's events as they were, for the report.
   */
  probeSteps: StepId[];
  progress: { done: number; total: number };

  setInputs(patch: Partial<CheckInputs>): void;
  /** Parses pasted or picked evidence and files it; findings update at once. */
  importEvidence(request: ImportRequest): Promise<ImportedItem>;
  /** Runs every step that applies; resolves when all have finished (or were cancelled). */
  run(): Promise<void>;
  cancel(): void;
  /** Back to idle with the same inputs and no evidence. */
  reset(): void;
}

export type WizardStore = StoreApi<WizardState>;

function initialSteps(): StepState[] {
  return STEPS.map((step) => ({ id: step.id, title: step.title, why: step.why, status: 'pending', detail: null }));
}

const FINISHED: readonly StepStatus[] = ['done', 'unavailable', 'skipped', 'failed', 'cancelled'];

/** Whether an import gave any fact (a pod-spec stream gives one per object). */
function importUsable(item: ImportedItem): boolean {
  return Array.isArray(item.value) ? item.value.some((value) => value.ok) : item.value.ok;
}

function fileImported(evidence: Evidence, item: ImportedItem): Evidence {
  const imported = { ...evidence.imported };
  switch (item.kind) {
    case 'cloudflared-log':
      imported.cloudflaredLogs = [...imported.cloudflaredLogs, item.value];
      break;
    case 'sysctl':
      imported.sysctl = [...imported.sysctl, item.value];
      break;
    case 'id':
      imported.id = [...imported.id, item.value];
      break;
    case 'pod-spec':
      imported.podSpecs = [...imported.podSpecs, ...item.value];
      break;
    case 'helm-values':
      imported.helmValues = [...imported.helmValues, item.value];
      break;
    case 'calico-policy':
      imported.calico = [...imported.calico, item.value];
      break;
    case 'connector-report':
      imported.connectorReports = [...imported.connectorReports, item.value];
      break;
    case 'nft-ruleset':
    case 'iptables-save':
      imported.firewall = [...(imported.firewall ?? []), item.value];
      break;
    case 'twingate-log':
      imported.twingateLogs = [...(imported.twingateLogs ?? []), item.value];
      break;
    case 'firezone-log':
      imported.firezoneLogs = [...(imported.firezoneLogs ?? []), item.value];
      break;
    case 'firezone-resource':
      imported.firezoneResources = [...(imported.firezoneResources ?? []), item.value];
      break;
  }
  return { ...evidence, imported };
}

export function createWizardStore(api: WizardApi, inputs: Partial<CheckInputs> = {}): WizardStore {
  let controller: AbortController | null = null;

  return createStore<WizardState>()((set, get) => {
    const updateStep = (id: StepId, status: StepStatus, detail: Message | null): void => {
      set((state) => {
        const steps = state.steps.map((step) => (step.id === id ? { ...step, status, detail } : step));
        const done = steps.filter((step) => FINISHED.includes(step.status)).length;
        return { steps, progress: { done, total: steps.length } };
      });
    };

    const fileEvidence = (update: (evidence: Evidence) => Evidence): void => {
      set((state) => {
        const evidence = update(state.evidence);
        return { evidence, ...verdicts(evidence, state.inputs) };
      });
    };

    const runStep = async (step: StepDefinition, signal: AbortSignal): Promise<void> => {
      if (signal.aborted) {
        updateStep(step.id, 'cancelled', msg('step.cancelled'));
        return;
      }
      updateStep(step.id, 'running', null);
      try {
        const { update, detail, gathered } = await step.run({
          api,
          inputs: get().inputs,
          evidence: () => get().evidence,
          options: { signal, onProbe: (event) => set((state) => ({ probes: [...state.probes, event], probeSteps: [...state.probeSteps, step.id] })) },
        });
        fileEvidence(update);
        // A step that finished with a result is done even if Cancel came meanwhile.
        const status: StepStatus = gathered === null || gathered.ok ? 'done' : gathered.code === 'CANCELLED' ? 'cancelled' : 'unavailable';
        updateStep(step.id, status, detail);
      } catch (error) {
        // The API never throws by contract; if it does, the step fails and the rest go on.
        // Its error is a bug's own text (not ours to translate): quoted as it came.
        updateStep(step.id, 'failed', msg('step.broke', { error: error instanceof Error ? error.message : String(error) }));
      }
    };

    return {
      inputs: { ...defaultInputs(), ...inputs },
      phase: 'idle',
      steps: initialSteps(),
      evidence: emptyEvidence(),
      ...verdicts(emptyEvidence(), { ...defaultInputs(), ...inputs }),
      probes: [],
      probeSteps: [],
      progress: { done: 0, total: STEPS.length },

      setInputs(patch) {
        set((state) => {
          const next = { ...state.inputs, ...patch };
          return { inputs: next, ...verdicts(state.evidence, next) };
        });
      },

      async importEvidence(request) {
        const item = await api.importEvidence(request);
        fileEvidence((evidence) => fileImported(evidence, item));
        const path = request.path;
        // A file read from a path is part of what to re-test with; connector reports have their own list.
        if (path !== null && request.kind !== 'connector-report' && importUsable(item)) {
          const inputs = get().inputs;
          const known = inputs.imports ?? [];
          if (!known.some((entry) => entry.kind === request.kind && entry.path === path)) set({ inputs: { ...inputs, imports: [...known, { kind: request.kind, path }] } });
        }
        return item;
      },

      async run() {
        if (get().phase === 'running') return;
        controller = new AbortController();
        const { signal } = controller;
        const keptImports = get().evidence.imported;
        set({ phase: 'running', steps: initialSteps(), evidence: { ...emptyEvidence(), imported: keptImports }, probes: [], probeSteps: [] });
        const inputsNow = get().inputs;
        // Each step starts once the steps it reads from have finished; independent steps
        // run at the same time.
        const finished = new Map<StepId, Promise<void>>();
        for (const step of STEPS) {
          const skip = step.skipReason(inputsNow);
          if (skip !== null) {
            updateStep(step.id, 'skipped', skip);
            finished.set(step.id, Promise.resolve());
            continue;
          }
          const before = step.after.map((id) => finished.get(id) ?? Promise.resolve());
          finished.set(step.id, Promise.all(before).then(() => runStep(step, signal)));
        }
        await Promise.all(finished.values());
        set((state) => ({ phase: signal.aborted ? 'cancelled' : 'done', ...verdicts(state.evidence, state.inputs) }));
        controller = null;
      },

      cancel() {
        controller?.abort();
      },

      reset() {
        controller?.abort();
        // The imported files go with the evidence they gave.
        set((state) => ({
          phase: 'idle',
          inputs: { ...state.inputs, imports: [] },
          steps: initialSteps(),
          evidence: emptyEvidence(),
          ...verdicts(emptyEvidence(), { ...state.inputs, imports: [] }),
          probes: [],
          probeSteps: [],
          progress: { done: 0, total: STEPS.length },
        }));
      },
    };
  });
}
