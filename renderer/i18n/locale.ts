// Which catalogue to show: the user's choice, else the OS's language (from the app), else the
// browser's. Anything that is not Japanese gets English. The languages are the message
// catalogue's, so the UI's chrome and the messages it renders can never disagree on them.

import { en, type Messages } from './en';
import { ja } from './ja';
import type { Locale } from './messages/locale';

export { LOCALES, localeFrom, type Locale } from './messages/locale';

export const CATALOGUES: Readonly<Record<Locale, Messages>> = { en, ja };
