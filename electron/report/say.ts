// The reports' and the CLI's own words, in the report's language: a message from the catalogue
// rendered at once, and a message whose parameters are already markup (links, code spans)
// escaped around them.

import type { Report } from '../../contract/report';
import type { MessageKey } from '../../renderer/i18n/messages/catalogue';
import type { Locale } from '../../renderer/i18n/messages/locale';
import { msg, type Message, type MessageArgs } from '../../renderer/i18n/messages/message';
import { renderMessage } from '../../renderer/i18n/messages/render';

/** `say('ja', 'report.verdict.healthy')`: the message's words in `lang`. */
export function say<K extends MessageKey>(lang: Locale, key: K, ...args: MessageArgs<K>): string {
  return renderMessage(msg(key, ...args), lang);
}

/** The language a report speaks; one without a (valid) `lang`, from before it existed, is English. */
export function langOf(report: Pick<Report, 'lang'>): Locale {
  return report.lang === 'ja' ? 'ja' : 'en';
}

// Private-use characters mark where a slot goes: no escaper touches them, and no message has them.
const OPEN = '\ue000';
const CLOSE = '\ue001';
const SLOT = new RegExp(`${OPEN}(\\d+)${CLOSE}`, 'g');

/** The placeholder for the `index`-th slot of sayMarkup, passed as a message parameter. */
export function slot(index: number): string {
  return `${OPEN}${index}${CLOSE}`;
}

/**
 * The message in `lang`, escaped with `escape`, with each `slot(i)` replaced by `slots[i]` as it
 * is: so a sentence around links or code spans is escaped while the markup is not.
 */
export function sayMarkup(lang: Locale, message: Message, escape: (text: string) => string, slots: readonly string[]): string {
  // A marker smuggled into a parameter can only expand to one of our own (already escaped) slots.
  const text = renderMessage(message, lang);
  return escape(text).replace(SLOT, (_all, index: string) => slots[Number(index)] ?? '');
}
