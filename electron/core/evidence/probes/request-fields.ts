// Checks the fields of a probe request. Requests cross IPC from the renderer and come from
// command lines, so every field is checked at run time, with a message that names the field,
// what it got and what it accepts.

import { ok } from '../../../../contract/result';
import type { Ok } from '../../../../contract/result';
import type { Message } from '../../../../contract/message';
import { msg } from '../../../../renderer/i18n/messages/message';
import { refusal } from '../gathered';
import type { Refusal } from '../gathered';

export type FieldResult<T> = Ok<T> | Refusal<'INVALID_FIELD'>;

/** What the caller sent: the value itself when short and plain, else its type. */
function describe(value: unknown): string | Message {
  if (typeof value === 'string') return JSON.stringify(value.length > 80 ? `${value.slice(0, 80)}…` : value);
  if (typeof value === 'number' || typeof value === 'boolean' || value === null || value === undefined) return String(value);
  return msg('gather.field.value-of-type', { type: Array.isArray(value) ? 'array' : typeof value });
}

/** An integer field within [min, max]; `fallback` when absent (undefined). */
export function integerField(name: string, value: unknown, min: number, max: number, fallback?: number): FieldResult<number> {
  if (value === undefined && fallback !== undefined) return ok(fallback);
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    return refusal('INVALID_FIELD', msg('gather.field.integer', { name, min, max, got: describe(value) }));
  }
  return ok(value);
}

/** A non-empty text field (a host name or an address; resolveTarget judges its form). */
export function textField(name: string, value: unknown): FieldResult<string> {
  if (typeof value !== 'string' || value.trim() === '') {
    return refusal('INVALID_FIELD', msg('gather.field.target', { name, got: describe(value) }));
  }
  return ok(value.trim());
}

/** The request itself must be an object (a hostile IPC caller may send anything). */
export function requestObject(value: unknown): FieldResult<Record<string, unknown>> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return refusal('INVALID_FIELD', msg('gather.field.request-object', { got: describe(value) }));
  }
  return ok(value as Record<string, unknown>);
}
