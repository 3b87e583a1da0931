// Builds Gathered values (contract/evidence.ts): a fact with its source and time, or the
// typed reason it could not be had. Every gatherer, parser and probe under evidence/ uses
// these, so the shape and the timestamps are made in one place.

import type { Gathered, GatherFailureCode } from '../../../contract/evidence';
import type { Message } from '../../../contract/message';
import { msg } from '../../../renderer/i18n/messages/message';
import { renderMessage } from '../../../renderer/i18n/messages/render';

/**
 * A failure of one step inside a gatherer (a field check, a file read, a parse): `reason` is
 * the message, `message` its English words, so a caller can log either and pass the reason on.
 */
export interface Refusal<C extends string = GatherFailureCode> {
  ok: false;
  code: C;
  message: string;
  reason: Message;
}

export function refusal<C extends string>(code: C, reason: Message): Refusal<C> {
  return { ok: false, code, message: renderMessage(reason, 'en'), reason };
}

/**
 * Where a fact came from, as a Gathered value carries it: `source` in English words, and
 * `sourceMessage` when the source has our own words (a path, URL or command alone is a string).
 */
export function sourceFields(source: string | Message): { source: string; sourceMessage?: Message } {
  return typeof source === 'string' ? { source } : { source: renderMessage(source, 'en'), sourceMessage: source };
}

/** A fact from `source`, gathered now. */
export function gathered<T>(value: T, source: string | Message): Gathered<T> {
  return { ok: true, value, ...sourceFields(source), at: new Date().toISOString() };
}

/**
 * The fact from `source` could not be had; `why` says why and what to do — a message (kept as
 * `reason`, with `message` its English words) or, for text from outside, a string.
 */
export function notGathered<T = never>(code: GatherFailureCode, why: Message | string, source: string | Message): Gathered<T> {
  const at = new Date().toISOString();
  const from = sourceFields(source);
  if (typeof why === 'string') return { ok: false, code, message: why, ...from, at };
  return { ok: false, code, message: renderMessage(why, 'en'), reason: why, ...from, at };
}

/** The errno code (`ENOENT`, `EACCES`, …) of a Node system error, or null for anything else. */
export function errnoOf(error: unknown): string | null {
  if (typeof error === 'object' && error !== null && 'code' in error) {
    const code = (error as { code: unknown }).code;
    return typeof code === 'string' ? code : null;
  }
  return null;
}

/** The message of anything thrown, for wrapping in a failure value. */
export function describeError(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * Runs a gatherer and converts an exception — a bug, never an expected outcome — into a
 * FAILED value, so a caller across IPC or the CLI always gets an answer.
 */
export async function guarded<T>(source: string | Message, gather: () => Promise<Gathered<T>>): Promise<Gathered<T>> {
  try {
    return await gather();
  } catch (error) {
    return notGathered('FAILED', msg('gather.unexpected', { detail: describeError(error) }), source);
  }
}

/**
 * Thrown deep inside a parser to say what is wrong with the input; the parser's boundary
 * catches it and turns `reason` into an UNPARSEABLE value. `message` is its English words.
 */
export class InputProblem extends Error {
  readonly reason: Message;

  constructor(reason: Message) {
    super(renderMessage(reason, 'en'));
    this.reason = reason;
  }
}
