// The summary table and the JSON file. Every benchmark returns rows in one shape, so the
// table, the file and anyone comparing two files later read the same fields.
import { mkdir, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Spread } from './stats';

export interface SummaryRow {
  benchmark: string;
  tool: string;
  metric: string;
  unit: string;
  /** null for rows that report a count or a check rather than a sampled value. */
  stats: Spread | null;
  /** Shown instead of the median when there are no stats (e.g. "512/512 agree"). */
  text?: string;
  /** e.g. { value: 0.93, against: 'ping -f' } */
  ratio?: { value: number; against: string; text?: string };
  target?: { text: string; met: boolean };
}

export interface BenchmarkResult {
  name: string;
  rows: SummaryRow[];
  /** Everything measured, sample by sample, for later analysis. */
  raw: unknown;
  /** Things a reader of the numbers must know (which socket a peer used, what was excluded…). */
  notes: string[];
}

/** Up to 4 significant digits, without exponent notation for the ranges we meet. */
export function formatNumber(value: number): string {
  if (!Number.isFinite(value)) return '—';
  const magnitude = Math.abs(value);
  if (magnitude >= 1000) return Math.round(value).toLocaleString('en-US');
  if (magnitude >= 100) return value.toFixed(1);
  if (magnitude >= 10) return value.toFixed(2);
  if (magnitude >= 1) return value.toFixed(3);
  return value.toFixed(4);
}

function cells(row: SummaryRow): string[] {
  const unit = row.unit ? ` ${row.unit}` : '';
  const value = row.stats ? `${formatNumber(row.stats.median)}${unit}` : (row.text ?? '');
  const range =
    row.stats && row.stats.n > 1 ? `${formatNumber(row.stats.min)}–${formatNumber(row.stats.max)} (n=${row.stats.n})` : row.stats ? `n=${row.stats.n}` : '';
  const ratio = row.ratio ? (row.ratio.text ?? `${row.ratio.value.toFixed(3)}× ${row.ratio.against}`) : '';
  const target = row.target?.text ?? '';
  const met = row.target ? (row.target.met ? 'yes' : 'NO') : '';
  return [row.benchmark, row.tool, row.metric, value, range, ratio, target, met];
}

export function formatTable(rows: readonly SummaryRow[]): string {
  const header = ['benchmark', 'tool', 'metric', 'median', 'spread (min–max)', 'ratio vs peer', 'target', 'met?'];
  const body = rows.map(cells);
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((r) => (r[i] ?? '').length)));
  const line = (r: readonly string[]): string => r.map((c, i) => c.padEnd(widths[i] ?? 0)).join('  ').trimEnd();
  const rule = widths.map((w) => '─'.repeat(w)).join('  ');
  return [line(header), rule, ...body.map(line)].join('\n');
}

/** Writes the file atomically (temp + rename), so an interrupted run never leaves half a JSON file. */
export async function writeResults(directory: string, createdAt: Date, content: unknown): Promise<string> {
  await mkdir(directory, { recursive: true });
  // Colons are legal on Linux but awkward elsewhere (and in scp); keep the ISO shape otherwise.
  const stamp = createdAt.toISOString().replace(/:/g, '-');
  const path = join(directory, `bench-${stamp}.json`);
  const temporary = `${path}.tmp-${process.pid}`;
  await writeFile(temporary, JSON.stringify(content, null, 2) + '\n');
  await rename(temporary, path);
  return path;
}
