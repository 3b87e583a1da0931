// The languages every output speaks, and how a language tag or a POSIX locale picks one.
// No DOM, no Node: the domain, the CLI and the app all use it.

export const LOCALES = ['en', 'ja'] as const;
export type Locale = (typeof LOCALES)[number];

/** "ja", "ja-JP", "ja_JP.UTF-8" → ja; everything else → en. */
export function localeFrom(tag: string | null | undefined): Locale {
  return typeof tag === 'string' && /^ja(?:$|[-_.])/i.test(tag.trim()) ? 'ja' : 'en';
}

/**
 * The language of a POSIX environment, as gettext decides it: the first non-empty of LC_ALL,
 * LC_MESSAGES, LANG. "C", "POSIX" or nothing mean English.
 */
export function localeFromEnvironment(env: Readonly<Record<string, string | undefined>>): Locale {
  for (const name of ['LC_ALL', 'LC_MESSAGES', 'LANG']) {
    const value = env[name];
    if (value !== undefined && value !== '') return localeFrom(value);
  }
  return 'en';
}
