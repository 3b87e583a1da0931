// The checks and the wizard hand the UI messages (a key and parameters); here they become
// words in the UI's language. Findings are localized once per list and language and shared by
// every component that shows them. Text that came without a message (a quoted log line, a
// fix not yet keyed) stays as it came, marked lang="en" so a screen reader says it right.

import type { Finding } from '../../contract/findings';
import type { Message } from '../../contract/message';
import type { Locale } from '../i18n/locale';
import { localizeFindings, renderMessage } from '../i18n/messages/render';

const localized: Readonly<Record<Locale, WeakMap<readonly Finding[], readonly Finding[]>>> = { en: new WeakMap(), ja: new WeakMap() };

/**
 * The findings with every text field in `locale`. The store replaces the array when findings
 * change, so the array is the cache key: each list is localized once per language.
 */
export function localizedFindings(findings: readonly Finding[], locale: Locale): readonly Finding[] {
  const cache = localized[locale];
  let result = cache.get(findings);
  if (result === undefined) {
    result = localizeFindings(findings, locale);
    cache.set(findings, result);
  }
  return result;
}

export function say(message: Message, locale: Locale): string {
  return renderMessage(message, locale);
}

/**
 * `lang` for a text on a page in `locale`: none when it was said from a message (it is in the
 * page's language); "en" when it came as plain text, which is English (or a verbatim quote).
 */
export function langOf(fromMessage: boolean, locale: Locale): 'en' | undefined {
  return fromMessage || locale === 'en' ? undefined : 'en';
}
