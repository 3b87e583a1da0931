// @ts-check
// The peer: `net-ping` (raw sockets, needs root) pinging one target `count` times at a fixed
// interval, like `ping -i`. Prints one JSON line. net-ping reports its own send/receive
// times as Date objects (1 ms resolution), so the RTT is also taken with hrtime around
// pingHost: that is what a net-ping user can measure, at µs resolution.
//
// argv[2]: JSON {target, count, intervalMs, timeoutMs, packetSize}
'use strict';
const ping = require('net-ping');

const params = JSON.parse(process.argv[2] ?? '{}');
const session = ping.createSession({ packetSize: params.packetSize, retries: 0, timeout: params.timeoutMs });
session.on('error', (/** @type {Error} */ error) => {
  process.stderr.write(`net-ping session error: ${error.message}\n`);
  process.exit(1);
});

/** @type {number[]} */
const rtts = [];
/** @type {number[]} */
const ownRtts = [];
let errors = 0;
let timeouts = 0;
let resolved = 0;
const start = process.hrtime.bigint();

function one() {
  const sentAt = process.hrtime.bigint();
  session.pingHost(params.target, (/** @type {Error | null} */ error, /** @type {string} */ _target, /** @type {Date} */ sent, /** @type {Date} */ rcvd) => {
    const rtt = Number(process.hrtime.bigint() - sentAt) / 1e6;
    if (error instanceof ping.RequestTimedOutError) timeouts += 1;
    else if (error) errors += 1;
    else {
      rtts.push(rtt);
      ownRtts.push(rcvd.getTime() - sent.getTime());
    }
    resolved += 1;
    if (resolved === params.count) finish();
  });
}

// Fixed schedule (start + i × interval), as ping does, so slow replies do not stretch it.
for (let i = 0; i < params.count; i++) {
  setTimeout(one, i * params.intervalMs);
}

function finish() {
  session.close();
  const wallMs = Number(process.hrtime.bigint() - start) / 1e6;
  process.stdout.write(JSON.stringify({ tool: 'net-ping', received: rtts.length, errors, timeouts, rtts, ownRtts, wallMs }) + '\n');
}
