// Benchmark 3 — a sweep of 1,024 addresses (half answer, half are `prohibit` on the
// router), 500 ms timeout: how long until every address has an answer, and do the tools
// agree on which answered? Ours twice: the addon driven directly, and the CLI as users run
// it (`icmp-doctor ping --json -c 1 -W 500 --targets-file -`, its default pacing).
import { join } from 'node:path';
import { sweepTargets } from '../lab/scenarios';
import { REPO_ROOT, runWorker, socketOf, timedExec, WORKERS, type BenchContext, type SocketKind } from './context';
import type { BenchmarkResult, SummaryRow } from './report';
import { rotation, spread } from './stats';

const ROUNDS = 3;
const TIMEOUT_MS = 500;
const PAYLOAD = 56;
const TARGET_RATIO = 0.5;

type Tool = 'addon' | 'cli' | 'fping' | 'net-ping';
const TOOLS: readonly Tool[] = ['addon', 'cli', 'fping', 'net-ping'];
const LABEL: Record<Tool, string> = {
  addon: 'ours (addon, unprivileged)',
  cli: 'ours (icmp-doctor ping CLI, unprivileged)',
  fping: 'fping (root)',
  'net-ping': 'net-ping (root)',
};

/** The built CLI (npm run build), as users run it. */
const CLI = join(REPO_ROOT, 'bin', 'icmp-doctor.cjs');

function cliArgv(): string[] {
  return ['node', CLI, 'ping', '--json', '-c', '1', '-W', String(TIMEOUT_MS), '-s', String(PAYLOAD), '--targets-file', '-'];
}

/**
 * The CLI's JSON Lines: a "summary" per target (a reply, else an ICMP error, else a timeout)
 * and the closing "sweep" line, whose timeMs is first send to last answer.
 */
function parseCli(stdout: string): { outcome: Record<string, Status>; elapsedMs: number } {
  const outcome: Record<string, Status> = {};
  let elapsedMs: number | null = null;
  for (const line of stdout.split('\n')) {
    if (!line.startsWith('{')) continue;
    const value = JSON.parse(line) as { type: string; target?: string; received?: number; errors?: number; timeMs?: number };
    if (value.type === 'summary' && value.target) {
      outcome[value.target] = (value.received ?? 0) > 0 ? 'reply' : (value.errors ?? 0) > 0 ? 'icmp-error' : 'timeout';
    }
    if (value.type === 'sweep') elapsedMs = value.timeMs ?? null;
  }
  if (elapsedMs === null) throw new Error(`the CLI printed no sweep line: ${stdout.slice(-1000)}`);
  return { outcome, elapsedMs };
}

type Status = 'reply' | 'icmp-error' | 'timeout';

interface Run {
  round: number;
  tool: Tool;
  /** First send to last answer, on the tool's own clock (fping: its -s "elapsed real time"). */
  inProcessMs: number;
  /** The whole command, Node / fping start-up and `ip netns exec` included. */
  processMs: number;
  counts: Record<Status, number>;
  /** Addresses whose outcome differs from the catalog's (first few). */
  mismatches: string[];
  mismatchCount: number;
}

function fpingArgv(addresses: readonly string[]): string[] {
  return ['fping', '-r', '0', '-t', String(TIMEOUT_MS), '-i', '1', '-b', String(PAYLOAD), '-s', ...addresses];
}

/**
 * fping prints "X is alive" for replies and, on stderr, one "ICMP … from R for ICMP Echo
 * sent to X" per error; it still waits out the timeout for those and then calls them
 * "unreachable", so an address without either line is a timeout.
 */
function parseFping(stdout: string, stderr: string, addresses: readonly string[]): { outcome: Record<string, Status>; elapsedMs: number } {
  const alive = new Set([...stdout.matchAll(/^(\S+) is alive/gm)].map((m) => m[1]));
  const errored = new Set([...stderr.matchAll(/^ICMP .* for ICMP Echo sent to (\S+)/gm)].map((m) => m[1]));
  const elapsed = /([\d.]+) sec \(elapsed real time\)/.exec(stderr);
  if (!elapsed) throw new Error(`fping printed no statistics: ${stderr.slice(-1000)}`);
  const outcome: Record<string, Status> = {};
  for (const a of addresses) outcome[a] = alive.has(a) ? 'reply' : errored.has(a) ? 'icmp-error' : 'timeout';
  return { outcome, elapsedMs: Number(elapsed[1]) * 1000 };
}

async function measure(ctx: BenchContext, round: number, tool: Tool, addresses: readonly string[], expected: ReadonlyMap<string, Status>): Promise<Run> {
  const stdin = addresses.join('\n') + '\n';
  let outcome: Record<string, string>;
  let inProcessMs: number;
  let processMs: number;
  if (tool === 'fping') {
    const timed = await timedExec(ctx, 'client', fpingArgv(addresses));
    const parsed = parseFping(timed.result.stdout, timed.result.stderr, addresses);
    ({ outcome, elapsedMs: inProcessMs } = parsed);
    processMs = timed.processMs;
  } else if (tool === 'cli') {
    const timed = await timedExec(ctx, 'client', cliArgv(), { user: 'unprivileged', stdin });
    if (timed.result.code !== 0) throw new Error(`the CLI exited ${String(timed.result.code)}: ${timed.result.stderr.slice(-1000)}`);
    ({ outcome, elapsedMs: inProcessMs } = parseCli(timed.result.stdout));
    processMs = timed.processMs;
  } else {
    const argv =
      tool === 'addon'
        ? ['node', `${WORKERS}/addon-sweep.mjs`, JSON.stringify({ addon: ctx.addon, timeoutMs: TIMEOUT_MS, size: PAYLOAD })]
        : ['node', `${WORKERS}/netping-sweep.cjs`, JSON.stringify({ timeoutMs: TIMEOUT_MS, packetSize: PAYLOAD + 8 })];
    const worker = await runWorker<{ wallMs: number; outcome: Record<string, string> }>(ctx, 'client', argv, {
      user: tool === 'addon' ? 'unprivileged' : 'root',
      stdin,
    });
    ({ outcome, wallMs: inProcessMs } = worker.json);
    processMs = worker.processMs;
  }
  const counts: Record<Status, number> = { reply: 0, 'icmp-error': 0, timeout: 0 };
  const mismatches: string[] = [];
  for (const address of addresses) {
    const status = (outcome[address] ?? 'timeout') as Status;
    counts[status in counts ? status : 'timeout'] += 1;
    if (status !== expected.get(address)) mismatches.push(`${address}: ${status}`);
  }
  return { round, tool, inProcessMs, processMs, counts, mismatches: mismatches.slice(0, 10), mismatchCount: mismatches.length };
}

export async function runSweep(ctx: BenchContext): Promise<BenchmarkResult> {
  await ctx.lab.installSweep();
  const catalog = sweepTargets(4);
  const addresses = catalog.map((t) => t.address);
  const expected = new Map(catalog.map((t) => [t.address, t.expect.status as Status]));
  const one = [addresses[0] ?? ''];
  const sockets: Record<Tool, SocketKind> = {
    addon: await socketOf(ctx, 'client', ['node', `${WORKERS}/addon-sweep.mjs`, JSON.stringify({ addon: ctx.addon, timeoutMs: TIMEOUT_MS, size: PAYLOAD })], 'unprivileged', one.join('\n')),
    cli: await socketOf(ctx, 'client', cliArgv(), 'unprivileged', one.join('\n')),
    fping: await socketOf(ctx, 'client', fpingArgv(one), 'root'),
    'net-ping': await socketOf(ctx, 'client', ['node', `${WORKERS}/netping-sweep.cjs`, JSON.stringify({ timeoutMs: TIMEOUT_MS, packetSize: PAYLOAD + 8 })], 'root', one.join('\n')),
  };

  const runs: Run[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    for (const tool of rotation(TOOLS, round)) {
      ctx.log(`sweep round ${round + 1}/${ROUNDS}: ${tool}`);
      runs.push(await measure(ctx, round, tool, addresses, expected));
    }
  }

  const of = (tool: Tool): Run[] => runs.filter((r) => r.tool === tool);
  const fpingIn = spread(of('fping').map((r) => r.inProcessMs)).median;
  const fpingWhole = spread(of('fping').map((r) => r.processMs)).median;
  const rows: SummaryRow[] = [];
  for (const tool of TOOLS) {
    const inProcess = spread(of(tool).map((r) => r.inProcessMs));
    const whole = spread(of(tool).map((r) => r.processMs));
    const ours = tool === 'addon' || tool === 'cli';
    const inRow: SummaryRow = { benchmark: 'sweep 1024', tool: LABEL[tool], metric: 'time to last answer, in-process', unit: 'ms', stats: inProcess };
    const wholeRow: SummaryRow = { benchmark: 'sweep 1024', tool: LABEL[tool], metric: 'time, whole process', unit: 'ms', stats: whole };
    if (tool !== 'fping') {
      inRow.ratio = { value: inProcess.median / fpingIn, against: 'fping' };
      wholeRow.ratio = { value: whole.median / fpingWhole, against: 'fping' };
      if (ours) {
        inRow.target = { text: `≤ ${TARGET_RATIO}× fping`, met: inProcess.median / fpingIn <= TARGET_RATIO };
        wholeRow.target = { text: `≤ ${TARGET_RATIO}× fping`, met: whole.median / fpingWhole <= TARGET_RATIO };
      }
    }
    const c = of(tool).map((r) => `${r.counts.reply}/${r.counts['icmp-error']}/${r.counts.timeout}`);
    const distinct = [...new Set(c)];
    const mismatched = of(tool).reduce((sum, r) => sum + r.mismatchCount, 0);
    rows.push(inRow, wholeRow, {
      benchmark: 'sweep 1024',
      tool: LABEL[tool],
      metric: 'replies/errors/timeouts',
      unit: '',
      stats: null,
      text: `${distinct.join(', ')}${mismatched ? ` (${mismatched} differ from catalog)` : ''}`,
      target: { text: '512/512/0 every run', met: distinct.length === 1 && distinct[0] === '512/512/0' && mismatched === 0 },
    });
  }

  return {
    name: 'sweep',
    rows,
    raw: { params: { rounds: ROUNDS, timeoutMs: TIMEOUT_MS, payload: PAYLOAD, addresses: addresses.length }, sockets, runs },
    notes: [
      `sockets: ours ${sockets.addon} (addon) and ${sockets.cli} (CLI), fping ${sockets.fping}, net-ping ${sockets['net-ping']}.`,
      'The CLI paces its sweep (default --pace 0.1: one target started every 0.1 ms, ≈ 100 ms for 1,024) and prints every probe and summary as JSON Lines; its in-process time is the "sweep" line\'s timeMs (first start to last answer).',
      `fping -r 0 -t ${TIMEOUT_MS} -i 1: it sends one probe per ms and, for an address that answered with an ICMP error, still waits out the timeout before calling it unreachable, so its time is ≈ 1,024 × 1 ms + ${TIMEOUT_MS} ms.`,
      'The addon driver and net-ping start all 1,024 at once; errors resolve a probe immediately. Whole-process time includes `ip netns exec`, setpriv (ours) and Node start-up.',
    ],
  };
}
