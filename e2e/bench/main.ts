// `npm run bench [-- NAME…]`: builds one lab, runs the benchmarks named (default: all),
// prints a summary table and writes bench-results/bench-<ISO time>.json. Needs root (the
// lab is network namespaces). Not a test: nothing here asserts on timings; targets are
// reported as met or not.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { findTool } from '../lab/availability';
import { createLab, labUnavailableReason, type Lab } from '../lab/lab';
import { findAddon, REPO_ROOT, type BenchContext } from './context';
import { cpuBusyPercent, environment } from './environment';
import { runRate } from './rate';
import { formatTable, writeResults, type BenchmarkResult } from './report';
import { runRss } from './rss';
import { runRtt } from './rtt';
import { runSweep } from './sweep';

const BENCHMARKS: Record<string, { run: (ctx: BenchContext) => Promise<BenchmarkResult>; about: string }> = {
  rtt: { run: runRtt, about: 'RTT fidelity vs iputils ping and net-ping (10 ms link and plain link)' },
  rate: { run: runRate, about: 'sustained flood rate with no loss vs ping -f' },
  sweep: { run: runSweep, about: '1,024-address sweep (the addon, and the CLI) vs fping and net-ping' },
  rss: { run: runRss, about: 'RSS and JS heap growth over 100,000 probes; the CLI over a 400,000-probe flood' },
};

const USAGE = `usage: npm run bench [-- NAME...]   (as root: sudo npm run bench)
${Object.entries(BENCHMARKS)
  .map(([name, b]) => `  ${name.padEnd(6)} ${b.about}`)
  .join('\n')}
Results: a table on stdout and ${join('bench-results', 'bench-<ISO time>.json')}.`;

function fail(message: string, code = 2): never {
  process.stderr.write(`bench: ${message}\n`);
  process.exit(code);
}

function selected(argv: readonly string[]): string[] {
  if (argv.includes('-h') || argv.includes('--help')) {
    process.stdout.write(`${USAGE}\n`);
    process.exit(0);
  }
  const unknown = argv.filter((name) => !(name in BENCHMARKS));
  if (unknown.length > 0) fail(`unknown benchmark ${unknown.join(', ')}\n${USAGE}`);
  return argv.length > 0 ? [...new Set(argv)] : Object.keys(BENCHMARKS);
}

/** Everything missing, said up front, rather than a failure half-way through a 2-minute run. */
function preflight(): string {
  const reason = labUnavailableReason();
  if (reason !== null) {
    fail(`the benchmarks run in a network-namespace lab and need root: \`sudo npm run bench\`.\n  ${reason}`);
  }
  const addon = findAddon();
  if (addon === null) fail('the native addon is not built (native/icmp-doctor.*.node): run `npm run build:native`.');
  if (!existsSync(join(REPO_ROOT, 'dist', 'cli.cjs'))) fail('the CLI is not built (dist/cli.cjs): run `npm run build`.');
  const missing = [
    ['ping', 'iputils-ping'],
    ['fping', 'fping'],
    ['strace', 'strace'],
  ].filter(([tool]) => findTool(tool ?? '') === null);
  if (missing.length > 0) fail(`missing peer tools: ${missing.map(([t]) => t).join(', ')}; install with apt-get install -y ${missing.map(([, p]) => p).join(' ')}`);
  return addon;
}

async function main(): Promise<number> {
  const names = selected(process.argv.slice(2));
  const addon = preflight();
  const createdAt = new Date();
  const started = performance.now();
  const log = (message: string): void => {
    process.stderr.write(`[${((performance.now() - started) / 1000).toFixed(1).padStart(6)} s] ${message}\n`);
  };
  const env = environment(addon);
  env.busyBeforePercent = await cpuBusyPercent(1000);
  if (env.busyBeforePercent > 15) {
    log(`caution: the machine was ${env.busyBeforePercent.toFixed(0)}% busy before we started; rates will be noisy`);
  }
  const results: BenchmarkResult[] = [];
  const failures: Array<{ name: string; message: string }> = [];
  let lab: Lab | null = null;
  try {
    // The lab removes itself on SIGINT/SIGTERM/SIGHUP and at exit too (e2e/lab/cleanup.ts).
    lab = await createLab();
    log(`lab ${lab.prefix} ready in ${lab.setupMs.toFixed(0)} ms`);
    const ctx: BenchContext = { lab, addon, log };
    for (const name of names) {
      const benchmark = BENCHMARKS[name];
      if (!benchmark) continue;
      log(`── ${name}: ${benchmark.about}`);
      try {
        results.push(await benchmark.run(ctx));
      } catch (error) {
        // One broken benchmark should not throw away the others' numbers.
        const message = error instanceof Error ? (error.stack ?? error.message) : String(error);
        failures.push({ name, message });
        log(`${name} FAILED: ${message}`);
      }
    }
  } finally {
    await lab?.destroy();
  }

  const rows = results.flatMap((r) => r.rows);
  process.stdout.write(`\n${formatTable(rows)}\n`);
  for (const result of results) for (const note of result.notes) process.stdout.write(`  [${result.name}] ${note}\n`);
  process.stdout.write(
    `\n  ${env.cpuModel ?? 'unknown CPU'} × ${env.cpus}, kernel ${env.kernel}, node ${env.node}, ${env.iputils ?? 'iputils ?'}, ${env.fping ?? 'fping ?'}, ` +
      `net-ping ${env.netPing ?? '?'}; CPU ${env.busyBeforePercent.toFixed(0)}% busy before the run\n`,
  );
  const file = await writeResults(join(REPO_ROOT, 'bench-results'), createdAt, {
    schema: 'icmp-doctor/bench@1',
    createdAt: createdAt.toISOString(),
    durationMs: performance.now() - started,
    benchmarks: names,
    environment: env,
    lab: lab && { prefix: lab.prefix, setupMs: lab.setupMs, teardownMs: lab.teardownMs },
    summary: rows,
    results: Object.fromEntries(results.map((r) => [r.name, { notes: r.notes, raw: r.raw }])),
    failures,
  });
  process.stdout.write(`  results: ${file}\n`);
  for (const f of failures) process.stderr.write(`bench: ${f.name} failed: ${f.message.split('\n')[0]}\n`);
  return failures.length > 0 ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`bench: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  },
);
