// Turns the targets of a many-target ping (arguments, CIDR prefixes, targets-file lines) into
// the list of addresses to probe: prefixes expanded, host names resolved a few at a time,
// duplicates collapsed (the first occurrence keeps its place). Any entry that cannot be
// probed is an error naming it, and its file and line when it came from a targets file.

import type { Family } from '../../native/index';
import { expandCidr, isCidr, MAX_SWEEP_ADDRESSES } from '../core/ping/cidr';
import { resolveTarget } from '../core/ping/resolve-target';
import type { ResolvedTarget, ResolveTargetCode } from '../core/ping/resolve-target';
import { fail, ok } from '../../contract/result';
import type { Result } from '../../contract/result';
import { shown } from './option-parsing';
import type { TargetEntry } from './ping-targets-file';

/** Host names resolved at once: enough to hide resolver latency, few enough not to flood it. */
export const RESOLVE_CONCURRENCY = 8;

export interface TargetList {
  targets: ResolvedTarget[];
  /** Entries that named an address already in the list, e.g. "10.0.0.5 (hosts.txt:3)". */
  duplicates: string[];
}

export type TargetListCode = 'BAD_TARGET' | 'ABORTED';

function where(entry: TargetEntry): string {
  return entry.origin ? `${entry.origin}: ` : '';
}

function described(entry: TargetEntry): string {
  return entry.origin ? `${shown(entry.text)} (${entry.origin})` : shown(entry.text);
}

/** Resolves every entry that is not a prefix, RESOLVE_CONCURRENCY at a time, keeping order. */
async function resolveAll(
  entries: readonly TargetEntry[],
  family: Family | null,
  signal: AbortSignal,
): Promise<Array<Result<ResolvedTarget, ResolveTargetCode> | null>> {
  const results = new Array<Result<ResolvedTarget, ResolveTargetCode> | null>(entries.length).fill(null);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < entries.length) {
      const index = next;
      next += 1;
      const entry = entries[index];
      if (!entry || isCidr(entry.text)) continue;
      const result = await resolveTarget(entry.text, { family, signal });
      results[index] = result;
      // One bad entry decides the outcome; the others need not wait for the resolver.
      if (!result.ok) next = entries.length;
    }
  };
  await Promise.all(Array.from({ length: Math.min(RESOLVE_CONCURRENCY, entries.length) }, worker));
  return results;
}

/** Expands and resolves `entries` into the addresses to probe. */
export async function buildTargetList(
  entries: readonly TargetEntry[],
  family: Family | null,
  signal: AbortSignal,
): Promise<Result<TargetList, TargetListCode>> {
  const resolved = await resolveAll(entries, family, signal);
  const targets: ResolvedTarget[] = [];
  const seen = new Set<string>();
  const duplicates: string[] = [];
  const add = (target: ResolvedTarget, entry: TargetEntry): void => {
    if (seen.has(target.address)) {
      duplicates.push(target.address === entry.text ? described(entry) : `${target.address} from ${described(entry)}`);
      return;
    }
    seen.add(target.address);
    targets.push(target);
  };
  for (let index = 0; index < entries.length; index += 1) {
    const entry = entries[index]!;
    if (isCidr(entry.text)) {
      const expanded = expandCidr(entry.text);
      if (!expanded.ok) return fail('BAD_TARGET', `${where(entry)}${shown(entry.text)}${expanded.message.slice(entry.text.length)}`);
      if (family && expanded.value.family !== family) {
        return fail('BAD_TARGET', `${where(entry)}${shown(entry.text)}: an IPv${expanded.value.family} prefix, but -${family} asks for IPv${family}`);
      }
      for (const address of expanded.value.addresses) add({ input: address, address, family: expanded.value.family, isHostName: false }, entry);
    } else {
      const result = resolved[index];
      if (!result) continue;
      if (!result.ok) {
        if (result.code === 'ABORTED') return fail('ABORTED', result.message);
        // The resolver's messages start with the input; show it escaped, with its place.
        const rest = result.message.startsWith(entry.text) ? result.message.slice(entry.text.length) : `: ${result.message}`;
        return fail('BAD_TARGET', `${where(entry)}${shown(entry.text)}${rest}`);
      }
      add(result.value, entry);
    }
    if (targets.length > MAX_SWEEP_ADDRESSES) {
      return fail('BAD_TARGET', `${where(entry)}more than ${MAX_SWEEP_ADDRESSES.toLocaleString('en-US')} targets in all; a sweep takes at most that many, so split it`);
    }
  }
  if (targets.length === 0) return fail('BAD_TARGET', 'no targets: the targets file holds only comments and blank lines');
  return ok({ targets, duplicates });
}
