// @ts-check
// One ping job through the native addon, run inside a lab namespace (normally as the
// unprivileged user): prints one JSON line with the RTTs or the rate. Plain .mjs so the
// process measured is Node + the addon and nothing else (no tsx loader in the timing).
//
// argv[2]: JSON {addon, target, count, intervalMs, timeoutMs, window, size, keepRtts}
import { createRequire } from 'node:module';
import { performance } from 'node:perf_hooks';
import { threadCpu } from './proc.mjs';

const processStart = performance.now(); // ms since this process's time origin
const params = JSON.parse(process.argv[2] ?? '{}');
const addon = createRequire(import.meta.url)(params.addon);
const addonLoadedMs = performance.now() - processStart;

const rtts = [];
const counts = { reply: 0, timeout: 0, 'icmp-error': 0, 'local-error': 0 };
let rttSum = 0;
let firstSentAt = null;
let lastSentAt = null;
let batches = 0;
let maxBatch = 0;

/** @type {(value: unknown) => void} */
let finish = () => {};
const done = new Promise((resolve) => (finish = resolve));

const session = new addon.Session((events) => {
  batches += 1;
  if (events.length > maxBatch) maxBatch = events.length;
  for (const event of events) {
    if (event.type === 'probe') {
      counts[event.status] += 1;
      if (firstSentAt === null || event.sentAt < firstSentAt) firstSentAt = event.sentAt;
      if (lastSentAt === null || event.sentAt > lastSentAt) lastSentAt = event.sentAt;
      if (event.rttMs !== null && event.status === 'reply') {
        rttSum += event.rttMs;
        if (params.keepRtts) rtts.push(event.rttMs);
      }
    } else if (event.type === 'done') {
      finish({ event, at: performance.now(), epochAt: Date.now() });
    } else if (event.type === 'fatal') {
      finish({ event, at: performance.now(), epochAt: Date.now() });
    }
  }
});

const startedAt = performance.now();
session.ping({
  target: params.target,
  count: params.count,
  intervalMs: params.intervalMs,
  timeoutMs: params.timeoutMs,
  window: params.window,
  size: params.size,
});
const end = /** @type {{event: any, at: number, epochAt: number}} */ (await done);
// Read before close() ends the engine thread, so its CPU time is still listed.
const threads = threadCpu();
session.close();

const wallMs = end.at - startedAt;
process.stdout.write(
  JSON.stringify({
    tool: 'addon',
    addonVersion: addon.addonVersion,
    done: end.event,
    counts,
    // From the ping() call to the `done` event reaching JS: what a caller waits for.
    wallMs,
    // From the kernel-facing first send (engine clock) to `done` in JS: excludes socket setup.
    engineWallMs: firstSentAt === null ? null : end.epochAt - firstSentAt,
    probesPerSec: (params.count / wallMs) * 1000,
    meanRttMs: counts.reply ? rttSum / counts.reply : null,
    rtts: params.keepRtts ? rtts : undefined,
    // First to last send on the engine's clock: how long the engine took; the rest of
    // wallMs is JS catching up with the events.
    sendSpanMs: firstSentAt === null || lastSentAt === null ? null : lastSentAt - firstSentAt,
    batches,
    maxBatch,
    threads,
    addonLoadedMs,
    cpu: process.cpuUsage(),
    maxRssKb: process.resourceUsage().maxRSS,
  }) + '\n',
);
