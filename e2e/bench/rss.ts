// Benchmark 4 — memory over 100,000 probes in one process: what stays resident after a
// long flood, measured after full garbage collections.
import { CLI_FLOOD_COUNT, measureCliFlood, type CliFloodRss } from './cli-flood-rss';
import { runWorker, WORKERS, type BenchContext } from './context';
import type { BenchmarkResult, SummaryRow } from './report';
import { spread } from './stats';

const RUNS = 3;
const WARMUP = 2_000;
const COUNT = 100_000;
const WINDOW = 8;
const TIMEOUT_MS = 1000;
const TARGET_MB = 5;
/** The CLI's peak resident memory in a 400k-probe flood: Node + addon + bounded buffers. */
const CLI_PEAK_TARGET_MB = 250;
/**
 * How much higher RSS climbs in the second half of that flood than in the first. V8 still sizes
 * its heap up for a while (no forced GC here), but a leak of even 128 bytes a probe would add
 * 25 MB over the second 200,000 probes.
 */
const CLI_LEVEL_TARGET_MB = 25;

interface Sample {
  rss: number;
  anonymous: number;
  file: number;
  heapUsed: number;
  heapTotal: number;
}

interface RssRun {
  gcExposed: boolean;
  run: { sent: number; received: number };
  before: Sample;
  after: Sample;
  again: Sample;
  rssGrowthMb: number;
  heapGrowthMb: number;
  heapTotalGrowthMb: number;
  anonymousGrowthMb: number;
  fileGrowthMb: number;
  secondRunGrowthMb: number;
  maxBatch: number;
  maxRssKb: number;
}

export async function runRss(ctx: BenchContext): Promise<BenchmarkResult> {
  const target = ctx.lab.addresses.server.main.v4;
  const params = { addon: ctx.addon, target, warmup: WARMUP, count: COUNT, window: WINDOW, timeoutMs: TIMEOUT_MS };
  const runs: RssRun[] = [];
  for (let i = 0; i < RUNS; i++) {
    ctx.log(`rss run ${i + 1}/${RUNS}`);
    const { json } = await runWorker<RssRun>(ctx, 'client', ['node', '--expose-gc', `${WORKERS}/addon-rss.mjs`, JSON.stringify(params)], {
      user: 'unprivileged',
    });
    if (!json.gcExposed) throw new Error('the RSS worker ran without --expose-gc');
    runs.push(json);
  }
  const cliRuns: CliFloodRss[] = [];
  for (let i = 0; i < RUNS; i++) {
    ctx.log(`rss: CLI flood of ${CLI_FLOOD_COUNT.toLocaleString('en-US')} probes, run ${i + 1}/${RUNS}`);
    cliRuns.push(await measureCliFlood(ctx, target));
  }
  const tool = `ours flood window ${WINDOW}`;
  const row = (metric: string, values: number[], extra: Partial<SummaryRow> = {}): SummaryRow => ({
    benchmark: 'rss 100k',
    tool,
    metric,
    unit: 'MB',
    stats: spread(values),
    ...extra,
  });
  const growth = spread(runs.map((r) => r.rssGrowthMb));
  const lost = runs.reduce((sum, r) => sum + r.run.sent - r.run.received, 0);
  return {
    name: 'rss',
    rows: [
      row('RSS growth', runs.map((r) => r.rssGrowthMb), { target: { text: `< ${TARGET_MB} MB`, met: growth.median < TARGET_MB } }),
      row('  of which anonymous', runs.map((r) => r.anonymousGrowthMb)),
      row('  of which file-backed (code)', runs.map((r) => r.fileGrowthMb)),
      row('JS heap growth (used, after GC)', runs.map((r) => r.heapGrowthMb)),
      row('JS heap committed growth', runs.map((r) => r.heapTotalGrowthMb)),
      row('RSS growth, 2nd 100k', runs.map((r) => r.secondRunGrowthMb)),
      row('peak RSS', runs.map((r) => r.maxRssKb / 1024)),
      { benchmark: 'rss 100k', tool, metric: 'largest event batch', unit: 'events', stats: spread(runs.map((r) => r.maxBatch)) },
      { benchmark: 'rss 100k', tool, metric: 'loss over all runs', unit: '', stats: null, text: `${lost}` },
      ...cliRows(cliRuns),
    ],
    raw: { params: { runs: RUNS, warmup: WARMUP, count: COUNT, window: WINDOW, timeoutMs: TIMEOUT_MS, target, cliCount: CLI_FLOOD_COUNT }, runs, cliRuns },
    notes: [
      `${RUNS} processes; each: one Session, ${WARMUP.toLocaleString('en-US')} probes warm-up, full GC, measure, ${COUNT.toLocaleString('en-US')} probes (flood, window ${WINDOW}), full GC, measure; then the same ${COUNT.toLocaleString('en-US')} again to tell a leak from a high-water mark.`,
      `CLI: ${RUNS} runs of \`icmp-doctor ping -c ${CLI_FLOOD_COUNT.toLocaleString('en-US')} -i 0\` as the unprivileged user, every line read from its stdout pipe; VmRSS sampled from /proc every 100 ms, VmHWM at the end. "rise" = the highest VmRSS of the run's second half minus that of its first half; memory that levels off rises little.`,
      'RSS split from /proc/self/smaps_rollup: anonymous (V8 and malloc heaps) vs file-backed (mostly Node code paged in for the first time). "JS heap committed" is V8\'s heapTotal: pages V8 keeps after GC.',
    ],
  };
}

function cliRows(runs: readonly CliFloodRss[]): SummaryRow[] {
  const tool = `icmp-doctor ping -c ${CLI_FLOOD_COUNT / 1000}k -i 0`;
  const peak = spread(runs.map((r) => r.peakMb));
  const level = spread(runs.map((r) => r.secondHalfMb - r.firstHalfMb));
  const row = (metric: string, values: number[], extra: Partial<SummaryRow> = {}): SummaryRow => ({
    benchmark: 'rss CLI flood',
    tool,
    metric,
    unit: 'MB',
    stats: spread(values),
    ...extra,
  });
  return [
    row('peak RSS (VmHWM)', runs.map((r) => r.peakMb), { target: { text: `< ${CLI_PEAK_TARGET_MB} MB`, met: peak.max < CLI_PEAK_TARGET_MB } }),
    row('highest RSS, first half', runs.map((r) => r.firstHalfMb)),
    row('highest RSS, second half', runs.map((r) => r.secondHalfMb)),
    row('RSS rise, second half over first', runs.map((r) => r.secondHalfMb - r.firstHalfMb), { target: { text: `< ${CLI_LEVEL_TARGET_MB} MB`, met: level.median < CLI_LEVEL_TARGET_MB } }),
    { benchmark: 'rss CLI flood', tool, metric: 'probes/s', unit: '/s', stats: spread(runs.map((r) => ((r.sent ?? 0) / r.wallMs) * 1000)) },
  ];
}
