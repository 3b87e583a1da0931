// The checks and the wizard speak English; where the catalogue has a translation of their
// fixed words (finding titles, step titles and reasons), it is used instead.

import type { Finding } from '../../contract/findings';
import type { Messages } from '../i18n/en';
import type { StepState } from '../wizard/store';

export function findingTitle(t: Messages, finding: Pick<Finding, 'id' | 'title'>): string {
  return t.findingTitles?.[finding.id] ?? finding.title;
}

export function stepText(t: Messages, step: Pick<StepState, 'id' | 'title' | 'why'>): { title: string; why: string } {
  return t.steps?.[step.id] ?? { title: step.title, why: step.why };
}

/** `lang` for text that stays English (summaries, evidence) inside a page of another language. */
export function untranslatedLang(t: Messages): 'en' | undefined {
  return t.findingTitles === null ? undefined : 'en';
}
