// Progress of a headless wizard run, one line per step as it starts and as it ends
// ("[2/9] Connectors on this host … done: cloudflared (pid 1234)"), written to stderr so
// stdout keeps only the verdicts. Steps run concurrently, so lines carry the step's place in
// the plan rather than a running count.

import { renderMessage } from '../../renderer/i18n/messages/render';
import type { StepState, StepStatus, WizardStore } from '../../renderer/wizard/store';
import { terminalText } from './check-output-human';

const ENDINGS: Partial<Record<StepStatus, string>> = {
  done: 'done',
  unavailable: 'not available',
  skipped: 'skipped',
  failed: 'failed',
  cancelled: 'cancelled',
};

/** The line for a step that just changed to `step.status`; null for changes not worth a line. */
export function progressLine(step: StepState, ordinal: number, total: number): string | null {
  // Steps speak in messages; this line is English until the CLI takes a language.
  const head = `[${ordinal}/${total}] ${renderMessage(step.title, 'en')} …`;
  if (step.status === 'running') return `${head}\n`;
  const ending = ENDINGS[step.status];
  if (ending === undefined) return null;
  const said = step.detail ? renderMessage(step.detail, 'en') : null;
  const detail = said && said !== ending ? `: ${said.split('\n').join(' ')}` : '';
  return `${terminalText(`${head} ${ending}${detail}`)}\n`;
}

/**
 * Writes a line to `write` whenever a step of `store` starts or ends, through `redact` (step
 * details quote gatherers' messages); returns the unsubscribe function.
 */
export function reportProgress(store: WizardStore, write: (text: string) => void, redact: (text: string) => string = (text) => text): () => void {
  return store.subscribe((state, previous) => {
    const total = state.steps.length;
    state.steps.forEach((step, index) => {
      const before = previous.steps.find((s) => s.id === step.id);
      if (before?.status === step.status && before.detail === step.detail) return;
      const line = progressLine(step, index + 1, total);
      if (line !== null) write(redact(line));
    });
  });
}
