// The one message catalogue: every sentence the checks, fixes, gatherers, CLI and reports say,
// keyed, in English and Japanese. Each part (parts/) holds one area's messages in both
// languages; the types make a Japanese part carry exactly the English part's keys and
// parameters, and catalogue.test.ts checks that no key is defined twice and every Japanese
// message is Japanese.

import * as common from './parts/common';
import type { Locale } from './locale';

/** Every part, in the order they are merged (the test checks no key is defined twice). */
export const MESSAGE_PARTS = { common } as const;

export const EN_MESSAGES = {
  ...common.en,
};

export const JA_MESSAGES: typeof EN_MESSAGES = {
  ...common.ja,
};

export type MessageCatalogue = typeof EN_MESSAGES;
export type MessageKey = keyof MessageCatalogue;
/** The parameters message K's words are built from (undefined: it takes none). */
export type MessageParams<K extends MessageKey> = Parameters<MessageCatalogue[K]> extends [infer P, ...unknown[]] ? P : undefined;

export const MESSAGE_CATALOGUES: Readonly<Record<Locale, MessageCatalogue>> = { en: EN_MESSAGES, ja: JA_MESSAGES };
