// Builds the Gathered values every probe returns: a fact with where it came from and when, or
// the typed reason it could not be had. Probes never throw across the boundary; `guarded`
// turns anything unexpected into a FAILED value that says so.

import type { GatherFailureCode, Gathered } from '../../../../contract/evidence';

/** A fact gathered now from `source`. */
export function gathered<T>(value: T, source: string): Gathered<T> {
  return { ok: true, value, source, at: new Date().toISOString() };
}

/** Why a fact could not be gathered from `source`. */
export function notGathered<T>(code: GatherFailureCode, message: string, source: string): Gathered<T> {
  return { ok: false, code, message, source, at: new Date().toISOString() };
}

/**
 * Runs a probe and converts an exception — a bug, never an expected outcome — into a FAILED
 * value, so a caller across IPC or the CLI always gets an answer.
 */
export async function guarded<T>(source: string, probe: () => Promise<Gathered<T>>): Promise<Gathered<T>> {
  try {
    return await probe();
  } catch (error) {
    const text = error instanceof Error ? error.message : String(error);
    return notGathered('FAILED', `the probe failed unexpectedly: ${text}`, source);
  }
}
