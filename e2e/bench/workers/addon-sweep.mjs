// @ts-check
// The sweep through the native addon: one Session, one count-1 job per address, all
// started at once; prints one JSON line with the outcome per address and the time from
// the first ping() call to the last `done` event.
//
// argv[2]: JSON {addon, timeoutMs, size}; the addresses arrive on stdin, one a line
// (1,024 of them would make a long command line, and this keeps argv readable in `ps`).
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { performance } from 'node:perf_hooks';

const params = JSON.parse(process.argv[2] ?? '{}');
const targets = readFileSync(0, 'utf8').split('\n').filter(Boolean);
const loadStart = performance.now();
const addon = createRequire(import.meta.url)(params.addon);
const addonLoadedMs = performance.now() - loadStart;

/** @type {Record<string, string>} address → status */
const outcome = {};
let remaining = targets.length;
/** @type {(at: number) => void} */
let finish = () => {};
const allDone = new Promise((resolve) => (finish = resolve));

const session = new addon.Session((events) => {
  for (const event of events) {
    if (event.type === 'probe') outcome[event.target] = event.status;
    else if (event.type === 'done' && --remaining === 0) finish(performance.now());
    else if (event.type === 'fatal') {
      process.stderr.write(`engine fatal: ${event.message}\n`);
      process.exit(1);
    }
  }
});

const startedAt = performance.now();
for (const target of targets) session.ping({ target, count: 1, timeoutMs: params.timeoutMs, size: params.size });
const startCallsMs = performance.now() - startedAt;
const endedAt = /** @type {number} */ (await allDone);
session.close();

process.stdout.write(
  JSON.stringify({
    tool: 'addon',
    wallMs: endedAt - startedAt,
    startCallsMs,
    addonLoadedMs,
    // Process start to the last `done`: Node's own start-up is in the whole-process figure.
    sinceProcessStartMs: endedAt,
    outcome,
  }) + '\n',
);
