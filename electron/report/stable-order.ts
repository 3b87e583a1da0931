// One key order for every rendering of a report, so two reports of the same facts diff
// cleanly whatever order the gatherers happened to build their objects in: the report's and
// the findings' keys in schema order (what a reader looks for first), everything else sorted.

import type { Report } from '../../contract/report';

const REPORT_KEYS = ['schema', 'createdAt', 'app', 'host', 'lang', 'deploy', 'inputs', 'causes', 'findings', 'connectors', 'probes', 'evidence'];
const VERDICT_KEYS = ['connector', 'causes', 'findings'];
const FINDING_KEYS = ['id', 'status', 'explainedBy', 'title', 'summary', 'reason', 'evidence', 'remediation'];
const FINDING_EVIDENCE_KEYS = ['source', 'detail'];
const REMEDIATION_KEYS = ['id', 'deploy', 'title', 'kind', 'path', 'text'];

const MAX_DEPTH = 256;

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** `value`'s keys: `first` in that order (those present), then the rest sorted. */
function orderedKeys(value: Record<string, unknown>, first: readonly string[]): string[] {
  const own = Object.keys(value);
  const leading = first.filter((key) => own.includes(key));
  const rest = own.filter((key) => !first.includes(key)).sort();
  return [...leading, ...rest];
}

function pick(value: Record<string, unknown>, keys: readonly string[], each: (key: string, item: unknown) => unknown): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of keys) out[key] = each(key, value[key]);
  return out;
}

/** Deep copy with every object's keys sorted. */
export function sortedDeep(value: unknown, depth = 0): unknown {
  if (depth >= MAX_DEPTH) return '[too deeply nested]';
  if (Array.isArray(value)) return value.map((item) => sortedDeep(item, depth + 1));
  if (!isPlainObject(value)) return value;
  return pick(value, Object.keys(value).sort(), (_key, item) => sortedDeep(item, depth + 1));
}

function orderList(value: unknown, keys: readonly string[]): unknown {
  if (!Array.isArray(value)) return sortedDeep(value);
  return value.map((item) => (isPlainObject(item) ? pick(item, orderedKeys(item, keys), (_k, v) => sortedDeep(v)) : sortedDeep(item)));
}

function orderFinding(finding: unknown): unknown {
  if (!isPlainObject(finding)) return sortedDeep(finding);
  return pick(finding, orderedKeys(finding, FINDING_KEYS), (key, item) => {
    if (key === 'evidence') return orderList(item, FINDING_EVIDENCE_KEYS);
    if (key === 'remediation') return orderList(item, REMEDIATION_KEYS);
    return sortedDeep(item);
  });
}

/** A connector's verdict: who, its causes, then its findings in the findings' own order. */
function orderVerdict(verdict: unknown): unknown {
  if (!isPlainObject(verdict)) return sortedDeep(verdict);
  return pick(verdict, orderedKeys(verdict, VERDICT_KEYS), (key, item) => (key === 'findings' && Array.isArray(item) ? item.map(orderFinding) : sortedDeep(item)));
}

/** A deep copy of `report` in the canonical key order (see the file comment). */
export function inStableOrder(report: Report): Record<string, unknown> {
  const value = report as unknown as Record<string, unknown>;
  return pick(value, orderedKeys(value, REPORT_KEYS), (key, item) => {
    if (key === 'findings' && Array.isArray(item)) return item.map(orderFinding);
    if (key === 'connectors' && Array.isArray(item)) return item.map(orderVerdict);
    return sortedDeep(item);
  });
}
