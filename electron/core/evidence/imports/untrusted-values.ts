// Reading fields out of parsed, untrusted documents without trusting their shape: every
// accessor checks the type it returns and answers null (or []) for anything else, so a
// parser never throws on a map where a list was expected.

import type { Message } from '../../../../contract/message';
import { msg } from '../../../../renderer/i18n/messages/message';

export type Dict = Record<string, unknown>;

export function isDict(value: unknown): value is Dict {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Date) && !(value instanceof Uint8Array);
}

/** The value at a path of keys, or undefined when any step is missing or not a mapping. */
export function at(value: unknown, ...path: string[]): unknown {
  let current = value;
  for (const key of path) {
    if (!isDict(current) || !Object.hasOwn(current, key)) return undefined;
    current = current[key];
  }
  return current;
}

export function dictAt(value: unknown, ...path: string[]): Dict | null {
  const found = at(value, ...path);
  return isDict(found) ? found : null;
}

export function listAt(value: unknown, ...path: string[]): unknown[] {
  const found = at(value, ...path);
  return Array.isArray(found) ? found : [];
}

export function stringAt(value: unknown, ...path: string[]): string | null {
  const found = at(value, ...path);
  return typeof found === 'string' ? found : null;
}

/** A non-negative integer such as a uid (YAML may give it as a number or a numeric string). */
export function idAt(value: unknown, ...path: string[]): number | null {
  const found = at(value, ...path);
  if (typeof found === 'number' && Number.isSafeInteger(found) && found >= 0) return found;
  if (typeof found === 'string' && /^\d{1,10}$/.test(found.trim())) return Number(found.trim());
  return null;
}

/** A scalar as the text Kubernetes would see (sysctl values may be written unquoted as numbers). */
export function scalarText(value: unknown): string | null {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return String(value);
  return null;
}

/** Quotes a short piece of untrusted text, or names the kind of value, for a message. */
export function shown(value: unknown): string | Message {
  if (typeof value === 'string') return JSON.stringify(value.length > 60 ? `${value.slice(0, 60)}…` : value);
  if (Array.isArray(value)) return msg('gather.value.list');
  if (isDict(value)) return msg('gather.value.mapping');
  if (value === null || value === undefined) return msg('gather.value.nothing');
  return String(value);
}
