// Benchmark 2 — sustained probe rate with no loss over veth: `ping -f` against our flood
// mode. On veth the whole round trip (client → router → server → back) runs in the
// sender's system call, so each tool's sending thread also pays for the network path:
// this measures per-probe overhead of tool + kernel, not a link. The CLI itself
// (`icmp-doctor ping -i 0`, every line printed to a pipe we read) runs beside the addon
// alone, so the cost of formatting and writing the lines shows as its own ratio.
import { CLI } from '../support/cli';
import { ROOT_WITHOUT_PING_GROUP, runWorker, socketOf, timedExec, WORKERS, type BenchContext, type SocketKind } from './context';
import type { BenchmarkResult, SummaryRow } from './report';
import { rotation, spread, type Spread } from './stats';

const COUNT = 100_000;
/** Rounds per tool; BENCH_RATE_ROUNDS overrides (fewer for a quick look, more for a tight range). */
const ROUNDS = Number(process.env['BENCH_RATE_ROUNDS'] ?? 7);
const TIMEOUT_MS = 1000;
const TARGET_RATIO = 0.9;

type Tool = 'ping-f' | 'ping-f-raw' | 'addon-w1' | 'addon-w8' | 'addon-w64' | 'cli';
const ALL_TOOLS: readonly Tool[] = ['ping-f', 'ping-f-raw', 'addon-w1', 'addon-w8', 'addon-w64', 'cli'];

/**
 * The tools to run: all, or those named in BENCH_RATE_TOOLS (comma-separated; `ping-f` is always
 * kept, since every ratio is against it) — for a quick before/after of one tool on a shared machine.
 */
function selectedTools(): readonly Tool[] {
  const named = process.env['BENCH_RATE_TOOLS']?.split(',').map((name) => name.trim());
  if (!named) return ALL_TOOLS;
  const unknown = named.filter((name) => !ALL_TOOLS.includes(name as Tool));
  if (unknown.length > 0) throw new Error(`BENCH_RATE_TOOLS: unknown tool ${unknown.join(', ')} (tools: ${ALL_TOOLS.join(', ')})`);
  return ALL_TOOLS.filter((tool) => tool === 'ping-f' || named.includes(tool));
}
const WINDOW: Partial<Record<Tool, number>> = { 'addon-w1': 1, 'addon-w8': 8, 'addon-w64': 64 };

interface Run {
  round: number;
  tool: Tool;
  /** Probes per second from the tool's own clock: ping's `time Nms`, our ping() → last `done`. */
  inProcessRate: number;
  /** Probes per second over the whole command (process start-up and `ip netns exec` included). */
  processRate: number;
  sent: number;
  received: number;
  /** Ours: where the time went. */
  detail?: {
    wallMs: number;
    sendSpanMs: number | null;
    maxBatch: number;
    batches: number;
    /** CPU per probe, µs, on the engine thread and on the JS thread. */
    engineUsPerProbe: number | null;
    jsUsPerProbe: number | null;
    threads: AddonFlood['threads'];
  };
}

interface AddonFlood {
  wallMs: number;
  sendSpanMs: number | null;
  done: { sent: number; received: number };
  maxBatch: number;
  batches: number;
  threads: Array<{ name: string; main: boolean; cpuMs: number }>;
}

function pingArgv(target: string, count: number): string[] {
  return ['ping', '-n', '-f', '-q', '-c', String(count), '-W', String(TIMEOUT_MS / 1000), target];
}

/** The CLI as users run it; its statistics line reads like iputils' (`… time Nms`). */
function cliArgv(target: string, count: number): string[] {
  return ['node', CLI, 'ping', target, '-c', String(count), '-i', '0', '-W', String(TIMEOUT_MS)];
}

function addonArgv(ctx: BenchContext, target: string, count: number, window: number): string[] {
  const params = { addon: ctx.addon, target, count, intervalMs: 0, timeoutMs: TIMEOUT_MS, window, size: 56 };
  return ['node', `${WORKERS}/addon-ping.mjs`, JSON.stringify(params)];
}

async function measure(ctx: BenchContext, round: number, tool: Tool, target: string): Promise<Run> {
  const window = WINDOW[tool];
  if (window === undefined) {
    const argv = tool === 'cli' ? cliArgv(target, COUNT) : tool === 'ping-f-raw' ? [...ROOT_WITHOUT_PING_GROUP, ...pingArgv(target, COUNT)] : pingArgv(target, COUNT);
    const { result, processMs } = await timedExec(ctx, 'client', argv, tool === 'cli' ? { user: 'unprivileged' } : {});
    const stats = /(\d+) packets transmitted, (\d+) received.*time (\d+)ms/.exec(result.stdout);
    if (!stats) throw new Error(`unexpected ping output (exit ${result.code}): ${result.stdout}${result.stderr}`);
    const [sent, received, ms] = [Number(stats[1]), Number(stats[2]), Number(stats[3])];
    return { round, tool, inProcessRate: (sent / ms) * 1000, processRate: (sent / processMs) * 1000, sent, received };
  }
  const { json, processMs } = await runWorker<AddonFlood>(ctx, 'client', addonArgv(ctx, target, COUNT, window), { user: 'unprivileged' });
  const cpu = (pick: (t: AddonFlood['threads'][number]) => boolean): number | null => {
    const thread = json.threads.find(pick);
    return thread ? (thread.cpuMs * 1000) / COUNT : null;
  };
  const detail = {
    wallMs: json.wallMs,
    sendSpanMs: json.sendSpanMs,
    maxBatch: json.maxBatch,
    batches: json.batches,
    engineUsPerProbe: cpu((t) => t.name.startsWith('icmp-doctor')),
    jsUsPerProbe: cpu((t) => t.main),
    threads: json.threads,
  };
  return {
    round,
    tool,
    inProcessRate: (COUNT / json.wallMs) * 1000,
    processRate: (COUNT / processMs) * 1000,
    sent: json.done.sent,
    received: json.done.received,
    detail,
  };
}

const LABEL: Record<Tool, string> = {
  'ping-f': 'iputils ping -f (root)',
  'ping-f-raw': 'iputils ping -f (root, raw)',
  'addon-w1': 'ours flood window 1',
  'addon-w8': 'ours flood window 8',
  'addon-w64': 'ours flood window 64',
  cli: 'icmp-doctor ping -i 0 (CLI, lines to a pipe)',
};

/** Per round, `tool`'s value over `peer`'s; summarised over rounds. */
function pairedRatio(runs: readonly Run[], tool: Tool, peer: Tool, value: (r: Run) => number): Spread {
  const ratios: number[] = [];
  for (const run of runs.filter((r) => r.tool === tool)) {
    const other = runs.find((r) => r.tool === peer && r.round === run.round);
    if (other) ratios.push(value(run) / value(other));
  }
  return spread(ratios);
}

export async function runRate(ctx: BenchContext): Promise<BenchmarkResult> {
  const target = ctx.lab.addresses.server.main.v4;
  const sockets = {
    'ping-f': await socketOf(ctx, 'client', pingArgv(target, 1), 'root'),
    'ping-f-raw': await socketOf(ctx, 'client', [...ROOT_WITHOUT_PING_GROUP, ...pingArgv(target, 1)], 'root'),
    addon: await socketOf(ctx, 'client', addonArgv(ctx, target, 1, 1), 'unprivileged'),
  } satisfies Record<string, SocketKind>;

  const tools = selectedTools();
  const runs: Run[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    for (const tool of rotation(tools, round)) {
      ctx.log(`rate round ${round + 1}/${ROUNDS}: ${tool}`);
      runs.push(await measure(ctx, round, tool, target));
    }
  }

  const of = (tool: Tool): Run[] => runs.filter((r) => r.tool === tool);
  const rows: SummaryRow[] = [];
  for (const tool of tools) {
    const lost = of(tool).reduce((sum, r) => sum + (r.sent - r.received), 0);
    const sent = of(tool).reduce((sum, r) => sum + r.sent, 0);
    const ours = tool.startsWith('addon') || tool === 'cli';
    const inProcess = spread(of(tool).map((r) => r.inProcessRate));
    const row: SummaryRow = { benchmark: 'flood rate', tool: LABEL[tool], metric: 'probes/s in-process', unit: '/s', stats: inProcess };
    const wholeRow: SummaryRow = {
      benchmark: 'flood rate',
      tool: LABEL[tool],
      metric: 'probes/s whole process',
      unit: '/s',
      stats: spread(of(tool).map((r) => r.processRate)),
    };
    if (tool !== 'ping-f' && of(tool).length > 0) {
      const vsPing = pairedRatio(runs, tool, 'ping-f', (r) => r.inProcessRate);
      const vsRaw = pairedRatio(runs, tool, 'ping-f-raw', (r) => r.inProcessRate);
      row.ratio = {
        value: vsPing.median,
        against: 'ping -f',
        text: `${vsPing.median.toFixed(3)}× ping -f (${vsPing.min.toFixed(2)}–${vsPing.max.toFixed(2)})${tool === 'ping-f-raw' || vsRaw.n === 0 ? '' : `; ${vsRaw.median.toFixed(3)}× raw`}`,
      };
      if (ours) row.target = { text: `≥ ${TARGET_RATIO}× ping -f, 0 loss`, met: vsPing.median >= TARGET_RATIO && lost === 0 };
      const whole = pairedRatio(runs, tool, 'ping-f', (r) => r.processRate);
      wholeRow.ratio = { value: whole.median, against: 'ping -f', text: `${whole.median.toFixed(3)}× ping -f (${whole.min.toFixed(2)}–${whole.max.toFixed(2)})` };
    }
    rows.push(row, wholeRow, {
      benchmark: 'flood rate',
      tool: LABEL[tool],
      metric: 'loss over all runs',
      unit: '',
      stats: null,
      text: `${lost} of ${sent.toLocaleString('en-US')} (${((lost / sent) * 100).toFixed(3)}%)`,
      ...(ours ? { target: { text: '0', met: lost === 0 } } : {}),
    });
  }

  const cliVsAddon = tools.includes('cli') && tools.includes('addon-w1') ? pairedRatio(runs, 'cli', 'addon-w1', (r) => r.inProcessRate) : null;
  const cpuNote = tools.filter((t) => WINDOW[t] !== undefined)
    .map((t) => {
      const engine = spread(of(t).map((r) => r.detail?.engineUsPerProbe ?? NaN)).median;
      const js = spread(of(t).map((r) => r.detail?.jsUsPerProbe ?? NaN)).median;
      const batch = spread(of(t).map((r) => r.detail?.maxBatch ?? NaN)).median;
      return `window ${WINDOW[t]}: engine ${engine.toFixed(2)} µs, JS ${js.toFixed(2)} µs, largest batch ${Math.round(batch)}`;
    })
    .join('; ');
  return {
    name: 'rate',
    rows,
    raw: { params: { count: COUNT, rounds: ROUNDS, timeoutMs: TIMEOUT_MS, target, tools: tools }, sockets, runs },
    notes: [
      `sockets: ping -f (root) ${sockets['ping-f']} (the client namespace's ping_group_range admits gid 0); ` +
        `ping -f "raw" ${sockets['ping-f-raw']} (root with a gid outside the range, as on a host with the default "1 0"); ours ${sockets.addon}.`,
      `${ROUNDS} runs × ${COUNT.toLocaleString('en-US')} probes per tool, interleaved. In-process: ping's own "time Nms" (1 ms resolution), ours from ping() to the last "done" in JS.`,
      "Ratios are medians of per-round ratios (each tool against the peer's run in the same round, seconds apart, which cancels most of the VM's drift); the range in brackets is over rounds.",
      `our CPU per probe (median; engine thread includes the kernel's round trip): ${cpuNote}.`,
      'On veth the reply is queued before sendto() returns, so the sending thread pays for the whole round trip in the kernel; rates are CPU-bound.',
      `the CLI runs as the unprivileged user, prints every probe's line to a pipe this process reads, and times itself from start to the last event ("time Nms" in its statistics)` +
        (cliVsAddon ? `; CLI / addon window 1: ${cliVsAddon.median.toFixed(3)}× (${cliVsAddon.min.toFixed(2)}–${cliVsAddon.max.toFixed(2)}), the price of formatting and writing.` : '.'),
    ],
  };
}
