// Which catalogue to show: the user's choice, else the OS's language (from the app), else the
// browser's. Anything that is not Japanese gets English.

import { en, type Messages } from './en';
import { ja } from './ja';

export const LOCALES = ['en', 'ja'] as const;
export type Locale = (typeof LOCALES)[number];

export const CATALOGUES: Readonly<Record<Locale, Messages>> = { en, ja };

/** "ja", "ja-JP", "ja_JP.UTF-8" → ja; everything else → en. */
export function localeFrom(tag: string | null | undefined): Locale {
  return typeof tag === 'string' && /^ja(?:$|[-_.])/i.test(tag.trim()) ? 'ja' : 'en';
}
