// A failure's reason as another host wrote it into a connector report: kept when it is
// shaped like one of our messages, so the failure reads in the user's language here too.
// The report is untrusted, and a reason is rendered (recursively) wherever the failure is
// shown, so its size and depth are bounded; anything else is dropped and the English
// `message` that came with it stays.

import type { Message, MessageParam } from '../../../../contract/message';
import { isDict } from './untrusted-values';

const KEY = /^[a-z0-9][a-z0-9.-]{0,99}$/i;
const MAX_PARAMS = 32;
const MAX_LIST = 64;
const MAX_TEXT = 4096;
/** Messages nest a few levels at most (a failure inside a lead inside a list). */
const MAX_DEPTH = 4;

function paramFrom(value: unknown, depth: number): MessageParam | undefined {
  if (typeof value === 'string') return value.length <= MAX_TEXT ? value : undefined;
  if (typeof value === 'number' || typeof value === 'boolean' || value === null) return value;
  if (Array.isArray(value)) {
    if (value.length > MAX_LIST) return undefined;
    const items: Array<string | number | Message> = [];
    for (const item of value) {
      const checked = typeof item === 'number' ? item : typeof item === 'string' ? paramFrom(item, depth) : reasonFrom(item, depth + 1);
      if (checked === undefined || checked === null || typeof checked === 'boolean' || Array.isArray(checked)) return undefined;
      items.push(checked as string | number | Message);
    }
    return items;
  }
  return reasonFrom(value, depth + 1) ?? undefined;
}

/** The reason when `value` is a bounded message, else null. */
export function reasonFrom(value: unknown, depth = 0): Message | null {
  if (depth > MAX_DEPTH || !isDict(value) || typeof value.key !== 'string' || !KEY.test(value.key)) return null;
  if (value.params === undefined) return { key: value.key };
  if (!isDict(value.params)) return null;
  const entries = Object.entries(value.params);
  if (entries.length > MAX_PARAMS) return null;
  const params: Record<string, MessageParam> = {};
  for (const [name, param] of entries) {
    const checked = paramFrom(param, depth);
    if (checked === undefined) return null;
    params[name] = checked;
  }
  return { key: value.key, params };
}
