// @ts-check
// The sweep through `net-ping` (raw socket, root): one session, every pingHost call made at
// once, no retries. Prints one JSON line with the outcome per address and the time from
// the first pingHost call to the last callback.
//
// argv[2]: JSON {timeoutMs, packetSize}; addresses on stdin, one a line.
'use strict';
const { readFileSync } = require('node:fs');
const { performance } = require('node:perf_hooks');
const ping = require('net-ping');

const params = JSON.parse(process.argv[2] ?? '{}');
const targets = readFileSync(0, 'utf8').split('\n').filter(Boolean);
const session = ping.createSession({ packetSize: params.packetSize, retries: 0, timeout: params.timeoutMs });
session.on('error', (/** @type {Error} */ error) => {
  process.stderr.write(`net-ping session error: ${error.message}\n`);
  process.exit(1);
});

/** @type {Record<string, string>} */
const outcome = {};
let remaining = targets.length;
const startedAt = performance.now();
for (const target of targets) {
  session.pingHost(target, (/** @type {Error | null} */ error) => {
    outcome[target] = error instanceof ping.RequestTimedOutError ? 'timeout' : error ? 'icmp-error' : 'reply';
    if (--remaining === 0) {
      const endedAt = performance.now();
      session.close();
      process.stdout.write(JSON.stringify({ tool: 'net-ping', wallMs: endedAt - startedAt, sinceProcessStartMs: endedAt, outcome }) + '\n');
    }
  });
}
