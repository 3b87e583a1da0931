// One view over facts that arrive by several roads: gathered on this host, pasted or
// imported by the user, or carried in a connector report made on another host. Each fact
// keeps the source it came from, so a verdict can cite it.

import type {
  CloudflaredEvidence,
  ConnectorProcess,
  ConnectorReport,
  Evidence,
  Gathered,
} from '../../../contract/evidence';
import type { Message } from '../../../contract/message';
import { msg } from '../../i18n/messages/message';
import { renderMessage } from '../../i18n/messages/render';
import { ofPid, type Cited, type GatherFailure } from './cite';

export interface Sourced<T> extends Cited {
  value: T;
}

/** The reports that imported cleanly, each with where it came from. */
export function connectorReports(evidence: Evidence): Array<Sourced<ConnectorReport>> {
  return evidence.imported.connectorReports.flatMap((report) => (report.ok ? [{ value: report.value, ...sourceOf(report) }] : []));
}

/** Just the source fields of a gathered value (a Sourced must not carry `ok`, `at`, …). */
function sourceOf(from: Cited): Cited {
  return from.sourceMessage ? { source: from.source, sourceMessage: from.sourceMessage } : { source: from.source };
}

/** "connector report r.json: /var/log/cloudflared.log". */
function viaReport(report: Cited, inner: Cited): Cited {
  const message = msg('source.via-report', { report: report.sourceMessage ?? report.source, source: inner.sourceMessage ?? inner.source });
  return { source: renderMessage(message, 'en'), sourceMessage: message };
}

export interface GatheredParts<T> {
  found: Array<Sourced<T>>;
  failed: GatherFailure[];
}

function split<T>(items: ReadonlyArray<{ gathered: Gathered<T>; via: Cited | null }>): GatheredParts<T> {
  const found: Array<Sourced<T>> = [];
  const failed: GatherFailure[] = [];
  for (const { gathered, via } of items) {
    if (gathered.ok) found.push({ value: gathered.value, ...(via ? viaReport(via, gathered) : sourceOf(gathered)) });
    else failed.push(via ? { ...gathered, ...viaReport(via, gathered) } : gathered);
  }
  return { found, failed };
}

/** cloudflared's transport, warnings and metrics from every road. */
export function cloudflaredEvidence(evidence: Evidence): GatheredParts<CloudflaredEvidence> {
  const items: Array<{ gathered: Gathered<CloudflaredEvidence>; via: Cited | null }> = [];
  if (evidence.cloudflared) items.push({ gathered: evidence.cloudflared, via: null });
  for (const log of evidence.imported.cloudflaredLogs) items.push({ gathered: log, via: null });
  for (const report of connectorReports(evidence)) {
    if (report.value.cloudflared) items.push({ gathered: report.value.cloudflared, via: report });
  }
  return split(items);
}

export interface FoundConnector extends Cited {
  process: ConnectorProcess;
  /** Found on another host (through a connector report). */
  remote: boolean;
}

/** Connector processes found here or on the hosts whose reports were imported. */
export function connectorProcesses(evidence: Evidence): { found: FoundConnector[]; failed: GatherFailure[]; searched: boolean } {
  const found: FoundConnector[] = [];
  const failed: GatherFailure[] = [];
  let searched = false;
  const add = (gathered: Gathered<ConnectorProcess[]> | null, via: Cited | null): void => {
    if (!gathered) return;
    searched = true;
    if (!gathered.ok) {
      failed.push(via ? { ...gathered, ...viaReport(via, gathered) } : gathered);
      return;
    }
    for (const process of gathered.value) {
      const source = ofPid(gathered, process.pid);
      found.push({ process, ...(via ? viaReport(via, source) : source), remote: via !== null });
    }
  };
  add(evidence.connectors, null);
  for (const report of connectorReports(evidence)) add(report.value.connectors, report);
  return { found, failed, searched };
}

/**
 * What cloudflared's evidence was read from, as messages where it has them (sourceMessages),
 * else as the English strings an older report carries.
 */
export function cloudflaredSourcesSaid(value: CloudflaredEvidence): Array<string | Message> {
  const messages = value.sourceMessages;
  return messages && messages.length === value.sources.length ? [...messages] : [...value.sources];
}

/** Places named in a summary before "and N more". */
const PLACES_NAMED = 3;

/**
 * Where one source of cloudflared evidence looked, for a summary: "12 places: a, b, c and 9
 * more" (the sources, cited in full, say what each gave); an older report's sources as they are.
 */
export function placesSaid(found: Sourced<CloudflaredEvidence>): Array<string | Message> {
  return found.value.sources.length > 0 || (found.value.places ?? []).length > 0 ? placesOf(found.value) : [found.sourceMessage ?? found.source];
}

/** The places one piece of cloudflared evidence looked in, counted ("12 places: a, b, c and 9 more"), else its sources. */
export function placesOf(value: CloudflaredEvidence): Array<string | Message> {
  const places = value.places ?? [];
  if (places.length === 0) return cloudflaredSourcesSaid(value);
  return [msg('source.cloudflared.places', { count: places.length, first: places.slice(0, PLACES_NAMED), more: Math.max(0, places.length - PLACES_NAMED) })];
}

/**
 * For a one-line account (the cloudflared step): what was read, then the places looked in,
 * counted — what was looked for in vain is left to the findings' evidence.
 */
export function readThenPlaces(value: CloudflaredEvidence): Array<string | Message> {
  const said = cloudflaredSourcesSaid(value);
  if ((value.places ?? []).length === 0) return said;
  const read = said.filter((s) => typeof s === 'string' || s.key !== 'source.cloudflared.not-read');
  return [...read, ...placesOf(value)];
}

/** A cloudflared process or cloudflared's own evidence exists anywhere. */
export function cloudflaredSeen(evidence: Evidence): boolean {
  return cloudflaredEvidence(evidence).found.length > 0 || connectorProcesses(evidence).found.some((c) => c.process.kind === 'cloudflared');
}
