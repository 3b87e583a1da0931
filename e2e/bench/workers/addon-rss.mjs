// @ts-check
// Memory over a long flood through the native addon: warm up, measure, run many probes,
// measure again. Run with --expose-gc so both measurements follow a full collection and
// the difference is what stays, not garbage waiting to be collected.
//
// argv[2]: JSON {addon, target, warmup, count, window, timeoutMs}
import { createRequire } from 'node:module';
import { residentSplit } from './proc.mjs';

const params = JSON.parse(process.argv[2] ?? '{}');
const addon = createRequire(import.meta.url)(params.addon);
/** @type {(() => void) | undefined} */
const gc = /** @type {any} */ (globalThis).gc;

// One session for the whole process, as the app keeps one: the warm-up and the measured
// flood are two jobs on it, so the measurement includes whatever a job leaves behind.
/** @type {Map<number, {received: number, resolve: (r: {received: number, sent: number}) => void}>} */
const jobs = new Map();
let maxBatch = 0;
const session = new addon.Session((events) => {
  if (events.length > maxBatch) maxBatch = events.length;
  for (const event of events) {
    if (event.type === 'probe') {
      if (event.status === 'reply') {
        const job = jobs.get(event.job);
        if (job) job.received += 1;
      }
    } else if (event.type === 'done') {
      const job = jobs.get(event.job);
      jobs.delete(event.job);
      job?.resolve({ received: job.received, sent: event.sent });
    } else if (event.type === 'fatal') {
      process.stderr.write(`engine fatal: ${event.message}\n`);
      process.exit(1);
    }
  }
});

/** @type {(count: number) => Promise<{received: number, sent: number}>} */
function flood(count) {
  return new Promise((resolve) => {
    const id = session.ping({ target: params.target, count, intervalMs: 0, window: params.window, timeoutMs: params.timeoutMs });
    jobs.set(id, { received: 0, resolve });
  });
}

/** Full collections until the heap stops shrinking: one pass can leave weak/finalizer work. */
async function settle() {
  for (let i = 0; i < 3; i++) {
    gc?.();
    await new Promise((resolve) => setImmediate(resolve));
  }
  const m = process.memoryUsage();
  const split = residentSplit();
  return { rss: m.rss, anonymous: split.anonymous, file: split.file, heapUsed: m.heapUsed, heapTotal: m.heapTotal, external: m.external };
}

const warm = await flood(params.warmup);
const before = await settle();
const run = await flood(params.count);
const after = await settle();
// A second, identical flood: growth that repeats is a leak, growth that does not is a
// high-water mark (buffers and code pages kept for the next time).
await flood(params.count);
const again = await settle();
session.close();
process.stdout.write(
  JSON.stringify({
    tool: 'addon',
    gcExposed: gc !== undefined,
    warm,
    run,
    before,
    after,
    rssGrowthMb: (after.rss - before.rss) / 2 ** 20,
    heapGrowthMb: (after.heapUsed - before.heapUsed) / 2 ** 20,
    // What V8 keeps committed: it grows with the largest batch of events alive at once.
    heapTotalGrowthMb: (after.heapTotal - before.heapTotal) / 2 ** 20,
    // Anonymous pages are heaps (V8's, malloc's); file-backed ones are mostly code paged in
    // for the first time (e.g. the optimizing compiler once functions get hot).
    anonymousGrowthMb: (after.anonymous - before.anonymous) / 2 ** 20,
    fileGrowthMb: (after.file - before.file) / 2 ** 20,
    again,
    secondRunGrowthMb: (again.rss - after.rss) / 2 ** 20,
    // Events the engine queued before JS took them: the backlog that memory must hold.
    maxBatch,
    maxRssKb: process.resourceUsage().maxRSS,
  }) + '\n',
);
