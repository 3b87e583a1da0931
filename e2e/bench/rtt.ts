// Benchmark 1 — RTT fidelity: does our kernel-timestamped RTT agree with iputils' on a
// 10 ms link, and with net-ping? Also the plain link, where differences of a few µs show.
import type { NsRole, RunAs } from '../lab/lab';
import { runWorker, socketOf, timedExec, WORKERS, type BenchContext, type SocketKind } from './context';
import type { BenchmarkResult, SummaryRow } from './report';
import { rotation, spread } from './stats';

const ROUNDS = 4;
const PROBES = 50;
const INTERVAL_MS = 50;
const TIMEOUT_MS = 1000;
const NETEM_DELAY_MS = 10;
/** ICMP payload bytes, as `ping -s 56` (net-ping's packetSize counts the 8-byte header too). */
const PAYLOAD = 56;
const TARGET_PCT = 2;

type Tool = 'addon' | 'iputils' | 'net-ping';
const TOOLS: readonly Tool[] = ['addon', 'iputils', 'net-ping'];
const USER: Record<Tool, RunAs> = { addon: 'unprivileged', iputils: 'unprivileged', 'net-ping': 'root' };
const LABEL: Record<Tool, string> = {
  addon: 'ours (addon, unprivileged)',
  iputils: 'iputils ping (unprivileged)',
  'net-ping': 'net-ping (root)',
};

interface Round {
  link: 'netem' | 'plain';
  round: number;
  tool: Tool;
  rtts: number[];
  lost: number;
  /** net-ping only: its own Date-based RTTs (1 ms resolution). */
  ownRtts?: number[];
}

function argvFor(ctx: BenchContext, tool: Tool, target: string, count: number): string[] {
  switch (tool) {
    case 'addon':
      return [
        'node',
        `${WORKERS}/addon-ping.mjs`,
        JSON.stringify({ addon: ctx.addon, target, count, intervalMs: INTERVAL_MS, timeoutMs: TIMEOUT_MS, window: 1, size: PAYLOAD, keepRtts: true }),
      ];
    case 'iputils':
      return ['ping', '-n', '-c', String(count), '-i', String(INTERVAL_MS / 1000), '-W', String(TIMEOUT_MS / 1000), '-s', String(PAYLOAD), target];
    case 'net-ping':
      return [
        'node',
        `${WORKERS}/netping-ping.cjs`,
        JSON.stringify({ target, count, intervalMs: INTERVAL_MS, timeoutMs: TIMEOUT_MS, packetSize: PAYLOAD + 8 }),
      ];
  }
}

/** iputils prints `time=11.0 ms` with 3 significant digits: 0.1 ms steps at 10 ms (≈ ±0.5 %). */
function parseIputils(stdout: string): number[] {
  return [...stdout.matchAll(/ time=([\d.]+) ms/g)].map((m) => Number(m[1]));
}

async function measure(ctx: BenchContext, link: Round['link'], round: number, tool: Tool, target: string): Promise<Round> {
  const role: NsRole = 'client';
  const argv = argvFor(ctx, tool, target, PROBES);
  if (tool === 'iputils') {
    const { result } = await timedExec(ctx, role, argv, { user: USER[tool] });
    const rtts = parseIputils(result.stdout);
    return { link, round, tool, rtts, lost: PROBES - rtts.length };
  }
  if (tool === 'addon') {
    const { json } = await runWorker<{ rtts: number[]; counts: { reply: number } }>(ctx, role, argv, { user: USER[tool] });
    return { link, round, tool, rtts: json.rtts, lost: PROBES - json.counts.reply };
  }
  const { json } = await runWorker<{ rtts: number[]; ownRtts: number[] }>(ctx, role, argv, { user: USER[tool] });
  return { link, round, tool, rtts: json.rtts, ownRtts: json.ownRtts, lost: PROBES - json.rtts.length };
}

function rowsFor(link: Round['link'], rounds: readonly Round[], withTarget: boolean): SummaryRow[] {
  const benchmark = link === 'netem' ? `rtt ${NETEM_DELAY_MS}ms link` : 'rtt plain link';
  const pooled = (tool: Tool): number[] => rounds.filter((r) => r.tool === tool).flatMap((r) => r.rtts);
  const iputils = spread(pooled('iputils')).median;
  const rows: SummaryRow[] = [];
  for (const tool of TOOLS) {
    const samples = pooled(tool);
    // Median of all samples; the spread column shows the per-round medians, i.e. drift.
    const perRound = rounds.filter((r) => r.tool === tool).map((r) => spread(r.rtts).median);
    const stats = { ...spread(perRound), median: spread(samples).median, n: perRound.length };
    const lost = rounds.filter((r) => r.tool === tool).reduce((sum, r) => sum + r.lost, 0);
    const row: SummaryRow = { benchmark, tool: LABEL[tool], metric: `median RTT (${samples.length} replies, ${lost} lost)`, unit: 'ms', stats };
    if (tool !== 'iputils') {
      const ratio = stats.median / iputils;
      const pct = (ratio - 1) * 100;
      row.ratio = { value: ratio, against: 'iputils', text: `${ratio.toFixed(3)}× iputils (${pct >= 0 ? '+' : ''}${pct.toFixed(2)}%)` };
      if (withTarget && tool === 'addon') row.target = { text: `within ±${TARGET_PCT}% of iputils`, met: Math.abs(pct) <= TARGET_PCT };
    }
    rows.push(row);
  }
  return rows;
}

export async function runRtt(ctx: BenchContext): Promise<BenchmarkResult> {
  const { lab } = ctx;
  const netemTarget = lab.addresses.server.netem.v4;
  const plainTarget = lab.addresses.server.main.v4;
  const sockets = {} as Record<Tool, SocketKind>;
  for (const tool of TOOLS) sockets[tool] = await socketOf(ctx, 'client', argvFor(ctx, tool, plainTarget, 1), USER[tool]);

  await lab.setNetem({ delayMs: NETEM_DELAY_MS });
  const rounds: Round[] = [];
  try {
    // Not measured: the relay's first delayed packets after a change are slower (~20 ms
    // seen), and whichever tool ran first would carry that.
    await timedExec(ctx, 'client', ['ping', '-n', '-c', '3', '-i', '0.05', netemTarget]);
    for (const [link, target] of [['netem', netemTarget], ['plain', plainTarget]] as const) {
      for (let round = 0; round < ROUNDS; round++) {
        for (const tool of rotation(TOOLS, round)) {
          ctx.log(`rtt ${link} round ${round + 1}/${ROUNDS}: ${tool}`);
          rounds.push(await measure(ctx, link, round, tool, target));
        }
      }
    }
  } finally {
    await lab.clearNetem();
  }

  const netPingOwn = rounds.filter((r) => r.tool === 'net-ping' && r.link === 'netem').flatMap((r) => r.ownRtts ?? []);
  return {
    name: 'rtt',
    rows: [...rowsFor('netem', rounds.filter((r) => r.link === 'netem'), true), ...rowsFor('plain', rounds.filter((r) => r.link === 'plain'), false)],
    raw: { params: { rounds: ROUNDS, probes: PROBES, intervalMs: INTERVAL_MS, payload: PAYLOAD, netemDelayMs: NETEM_DELAY_MS, netemTarget, plainTarget }, sockets, rounds },
    notes: [
      `sockets: ours ${sockets.addon}, iputils ${sockets.iputils}, net-ping ${sockets['net-ping']} (strace of a 1-probe run).`,
      `${ROUNDS} rounds × ${PROBES} probes at ${INTERVAL_MS} ms per tool and link, tools interleaved (order rotated each round); median of all replies, spread = min–max of per-round medians.`,
      'iputils prints RTTs with 3 significant digits (0.1 ms steps at 10 ms); ours are kernel SO_TIMESTAMPNS minus send time (ns).',
      `net-ping's RTT is hrtime around pingHost (what its user can measure); its own Date-based RTT has 1 ms resolution (median ${spread(netPingOwn).median} ms on the ${NETEM_DELAY_MS} ms link).`,
      'The 10 ms delay comes from a user-space relay (Node timers), so every tool sees the same ~1 ms of relay jitter.',
    ],
  };
}
