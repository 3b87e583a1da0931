// Progress of a headless wizard run, one line per step as it starts and as it ends
// ("[2/9] Connectors on this host … done: cloudflared (pid 1234)"), written to stderr so
// stdout keeps only the verdicts. Steps run concurrently, so lines carry the step's place in
// the plan rather than a running count. Everything is said in the run's language: the step's
// title and detail (messages from the wizard store) and the endings.

import type { Locale } from '../../renderer/i18n/messages/locale';
import { renderMessage } from '../../renderer/i18n/messages/render';
import type { StepState, StepStatus, WizardStore } from '../../renderer/wizard/store';
import { say } from '../report/say';
import { terminalText } from './check-output-human';

/** The statuses that end a step, each with its ending's message. */
const ENDINGS = {
  done: 'cli.progress.done',
  unavailable: 'cli.progress.unavailable',
  skipped: 'cli.progress.skipped',
  failed: 'cli.progress.failed',
  cancelled: 'cli.progress.cancelled',
} as const satisfies Partial<Record<StepStatus, string>>;

function isEnding(status: StepStatus): status is keyof typeof ENDINGS {
  return Object.hasOwn(ENDINGS, status);
}

/** The line for a step that just changed to `step.status`; null for changes not worth a line. */
export function progressLine(step: StepState, ordinal: number, total: number, lang: Locale = 'en'): string | null {
  const head = `[${ordinal}/${total}] ${renderMessage(step.title, lang)} …`;
  if (step.status === 'running') return `${terminalText(head)}\n`;
  if (!isEnding(step.status)) return null;
  const ending = say(lang, ENDINGS[step.status]);
  // A detail that only repeats the ending (a cancelled step's "cancelled") adds nothing.
  const repeats = step.detail?.key === 'step.cancelled' && step.status === 'cancelled';
  const said = step.detail && !repeats ? renderMessage(step.detail, lang) : null;
  const detail = said && said !== ending ? `: ${said.split('\n').join(' ')}` : '';
  return `${terminalText(`${head} ${ending}${detail}`)}\n`;
}

/**
 * Writes a line to `write` whenever a step of `store` starts or ends, through `redact` (step
 * details quote gatherers' messages); returns the unsubscribe function.
 */
export function reportProgress(store: WizardStore, write: (text: string) => void, redact: (text: string) => string = (text) => text, lang: Locale = 'en'): () => void {
  return store.subscribe((state, previous) => {
    const total = state.steps.length;
    state.steps.forEach((step, index) => {
      const before = previous.steps.find((s) => s.id === step.id);
      if (before?.status === step.status && before.detail === step.detail) return;
      const line = progressLine(step, index + 1, total, lang);
      if (line !== null) write(redact(line));
    });
  });
}
