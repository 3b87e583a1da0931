// Helpers for the parsers' tests: read a sample from testdata/, and assert on Gathered values.

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Gathered } from '../../../../contract/evidence';
import type { Message } from '../../../../contract/message';

export function sample(name: string): string {
  return readFileSync(fileURLToPath(new URL(`./testdata/${name}`, import.meta.url)), 'utf8');
}

export function valueOf<T>(result: Gathered<T>): T {
  assert.equal(result.ok, true, JSON.stringify(result).slice(0, 500));
  return (result as { value: T }).value;
}

/**
 * Asserts a failure with `code` whose message matches every pattern, and that it carries a
 * gather.* reason (so it can be said in another language).
 */
export function failureOf(result: Gathered<unknown>, code: string, ...patterns: RegExp[]): void {
  failureReason(result, code, ...patterns);
}

/** failureOf, returning the failure's reason for assertions on its key and parameters. */
export function failureReason(result: Gathered<unknown>, code: string, ...patterns: RegExp[]): Message {
  assert.equal(result.ok, false, `expected ${code}, got ${JSON.stringify(result).slice(0, 300)}`);
  const failure = result as { code: string; message: string; reason?: Message };
  assert.equal(failure.code, code, failure.message);
  for (const pattern of patterns) assert.match(failure.message, pattern);
  assert.match(failure.reason?.key ?? '(no reason)', /^gather\./, `${failure.message}: no gather.* reason`);
  return failure.reason as Message;
}
