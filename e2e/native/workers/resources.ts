// Worker: proves the engine gives back every file descriptor and thread. Counts this
// process's fds (/proc/self/fd) and threads (/proc/self/task) after a warm-up, then after
// 10,000 probes on one session, after 1,000 sessions opened, used and closed, and after
// 200 sessions dropped without close() and garbage-collected. Run with --expose-gc.

import { readdirSync } from 'node:fs';
import { loadAddon } from '../../../electron/native/addon';
import type { EngineEvent, PingRequest } from '../../../native/index';

export interface ResourceCounts {
  fds: number;
  threads: number;
}

export interface ResourcesWorkerOutput {
  baseline: ResourceCounts;
  afterProbes: ResourceCounts;
  afterSessions: ResourceCounts;
  afterCollected: ResourceCounts;
  /** While 50 sessions were open: proves the counts do move. */
  whileOpen: ResourceCounts;
  probes: { sent: number; received: number };
  sessions: number;
}

const target = process.argv[2] ?? '127.0.0.1';
const addon = loadAddon();

function counts(): ResourceCounts {
  return { fds: readdirSync('/proc/self/fd').length, threads: readdirSync('/proc/self/task').length };
}

/** Runs one job on a fresh session and resolves with its done event, closing the session. */
function runJob(request: PingRequest, close = true): Promise<{ sent: number; received: number }> {
  return new Promise((resolve) => {
    const session = new addon.Session((events: EngineEvent[]) => {
      for (const event of events) {
        if (event.type === 'done') {
          if (close) session.close();
          resolve({ sent: event.sent, received: event.received });
        }
      }
    });
    session.ping(request);
  });
}

async function settle(): Promise<void> {
  for (let i = 0; i < 3; i++) {
    global.gc?.();
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

await runJob({ target, count: 10, intervalMs: 0 });
await settle();
const baseline = counts();

const probes = await runJob({ target, count: 10_000, intervalMs: 0, window: 16, timeoutMs: 2000 });
await settle();
const afterProbes = counts();

for (let i = 0; i < 1000; i++) {
  await runJob({ target, count: 1, timeoutMs: 1000 });
}
await settle();
const afterSessions = counts();

const open = Array.from({ length: 50 }, () => new addon.Session(() => {}));
for (const session of open) session.ping({ target, count: 1 });
const whileOpen = counts();
for (const session of open) session.close();

// Dropped without close(): the finalizer must stop the thread and close the sockets.
for (let i = 0; i < 200; i++) await runJob({ target, count: 1 }, false);
await settle();
const afterCollected = counts();

const output: ResourcesWorkerOutput = { baseline, afterProbes, afterSessions, afterCollected, whileOpen, probes, sessions: 1000 };
process.stdout.write(`${JSON.stringify(output)}\n`);
