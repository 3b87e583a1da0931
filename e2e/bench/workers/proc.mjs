// @ts-check
// This process as /proc sees it: CPU time per thread (so a benchmark can tell whether the
// engine thread or the JS thread was the busy one) and resident memory by kind.
import { readdirSync, readFileSync } from 'node:fs';

/** @returns {Array<{tid: number, name: string, main: boolean, cpuMs: number}>} threads that used ≥ 1 ms; `main` is the JS thread */
export function threadCpu() {
  const threads = [];
  for (const tid of readdirSync('/proc/self/task')) {
    try {
      const name = readFileSync(`/proc/self/task/${tid}/comm`, 'utf8').trim();
      const [runNs] = readFileSync(`/proc/self/task/${tid}/schedstat`, 'utf8').split(' ');
      const cpuMs = Number(runNs) / 1e6;
      if (cpuMs >= 1) threads.push({ tid: Number(tid), name, main: Number(tid) === process.pid, cpuMs });
    } catch {
      // the thread ended while we looked
    }
  }
  return threads;
}

/** Resident memory split into anonymous (heaps, stacks) and file-backed (mostly code) pages, in bytes. */
export function residentSplit() {
  const text = readFileSync('/proc/self/smaps_rollup', 'utf8');
  /** @type {(key: string) => number} */
  const kb = (key) => Number(new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(text)?.[1] ?? NaN) * 1024;
  return { rss: kb('Rss'), anonymous: kb('Anonymous'), file: kb('Rss') - kb('Anonymous') };
}
