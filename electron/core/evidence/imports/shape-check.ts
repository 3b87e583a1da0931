// Small checkers for untrusted JSON: each returns the value typed when it has the expected
// shape and throws a ShapeError naming the path ("connectors.value[0].gids") and what was
// expected otherwise. Parsers catch that at their boundary and turn it into UNPARSEABLE.

import type { Message } from '../../../../contract/message';
import { msg } from '../../../../renderer/i18n/messages/message';
import { InputProblem } from '../gathered';
import { isDict, shown, type Dict } from './untrusted-values';

export class ShapeError extends InputProblem {}

export type Check<T> = (value: unknown, path: string) => T;

/** The value as a message shows it; `missing` for a field that is not there. */
export function got(value: unknown): string | Message {
  return value === undefined ? msg('gather.value.missing') : shown(value);
}

/** `shape` names what was expected (see gather.shape.expected): text, number, list, … */
function expected(path: string, shape: string, value: unknown): never {
  throw new ShapeError(msg('gather.shape.expected', { path, shape, got: got(value) }));
}

export const isString: Check<string> = (value, path) => (typeof value === 'string' ? value : expected(path, 'text', value));
export const isBoolean: Check<boolean> = (value, path) => (typeof value === 'boolean' ? value : expected(path, 'boolean', value));
export const isNumber: Check<number> = (value, path) => (typeof value === 'number' && Number.isFinite(value) ? value : expected(path, 'number', value));
export const isId: Check<number> = (value, path) =>
  typeof value === 'number' && Number.isInteger(value) && value >= 0 && value <= 4294967295 ? value : expected(path, 'id', value);

export function nullable<T>(check: Check<T>): Check<T | null> {
  return (value, path) => (value === null ? null : check(value, path));
}

function oneOfFailed(path: string, options: readonly string[], value: unknown): never {
  throw new ShapeError(msg('gather.shape.one-of', { path, options, got: got(value) }));
}

export function oneOf<T extends string>(options: readonly T[]): Check<T> {
  return (value, path) => (typeof value === 'string' && (options as readonly string[]).includes(value) ? (value as T) : oneOfFailed(path, options, value));
}

export function listOf<T>(check: Check<T>, maxLength = 10_000): Check<T[]> {
  return (value, path) => {
    if (!Array.isArray(value)) return expected(path, 'list', value);
    if (value.length > maxLength) throw new ShapeError(msg('gather.shape.too-many', { path, count: value.length, max: maxLength }));
    return value.map((entry, index) => check(entry, `${path}[${index}]`));
  };
}

export function tupleOf4<T>(check: Check<T>): Check<[T, T, T, T]> {
  return (value, path) => {
    if (!Array.isArray(value) || value.length !== 4) return expected(path, 'list4', value);
    return [check(value[0], `${path}[0]`), check(value[1], `${path}[1]`), check(value[2], `${path}[2]`), check(value[3], `${path}[3]`)];
  };
}

/** A mapping with exactly the listed fields checked (extra fields are ignored and dropped). */
export function objectOf<T>(fields: { [K in keyof T]-?: Check<T[K]> }): Check<T> {
  return (value, path) => {
    if (!isDict(value)) return expected(path, 'object', value);
    const result: Partial<T> = {};
    for (const key of Object.keys(fields) as Array<keyof T>) {
      const field = fields[key];
      const child = Object.hasOwn(value, key as string) ? (value as Dict)[key as string] : undefined;
      result[key] = field(child, `${path}.${String(key)}`);
    }
    return result as T;
  };
}

/** A mapping of text to text (environment variables). */
export function stringRecord(maxEntries = 1_000): Check<Record<string, string>> {
  return (value, path) => {
    if (!isDict(value)) return expected(path, 'record', value);
    const entries = Object.entries(value);
    if (entries.length > maxEntries) throw new ShapeError(msg('gather.shape.too-many', { path, count: entries.length, max: maxEntries }));
    const result: Record<string, string> = {};
    for (const [key, entry] of entries) result[key] = isString(entry, `${path}.${key}`);
    return result;
  };
}
