// @ts-check
// The lab's stand-in for `tc netem` (this kernel has no sch_netem): a UDP relay for the vxlan
// "netem link", run by plain `node` inside the lab's wan namespace (see topology.ts).
// Plain JavaScript on purpose: it starts in ~80 ms, where a TypeScript loader adds ~300 ms
// to every lab setup. Checked by `// @ts-check` in editors; netem.ts is its typed front.
//
// Frames router → server are delayed (delayMs ± jitterMs, uniform) and dropped (lossPct);
// frames server → router pass at once. So a setting adds its delay to the round trip once.
// Departures keep arrival order (like netem with a rate): jitter never reorders packets.
//
// argv[2]: JSON {"fromRouter":[addr,port],"toServer":[addr,port],"fromServer":[addr,port],"toRouter":[addr,port]}
// stdin:   one JSON object per line {"id":n,"delayMs":d,"jitterMs":j,"lossPct":p}; answered "ack n".
// stdout:  "ready" once both sockets are bound. Exits when stdin closes (the lab went away).
import dgram from 'node:dgram';
import readline from 'node:readline';

/** @typedef {[string, number]} Endpoint */
/** @type {{fromRouter: Endpoint, toServer: Endpoint, fromServer: Endpoint, toRouter: Endpoint}} */
const cfg = JSON.parse(process.argv[2] ?? '');

let delayMs = 0;
let jitterMs = 0;
let lossPct = 0;

const routerSide = dgram.createSocket('udp4');
const serverSide = dgram.createSocket('udp4');

/** @type {{due: number, msg: Buffer}[]} */
const queue = [];
/** @type {NodeJS.Timeout | undefined} */
let timer;
let lastDue = 0;

const nowMs = () => Number(process.hrtime.bigint()) / 1e6;

function pump() {
  timer = undefined;
  const now = nowMs();
  // Timers may fire up to a millisecond early: re-check against the monotonic clock so a
  // packet never leaves before its due time (tests assert RTT >= delay).
  while (queue.length > 0 && /** @type {{due: number}} */ (queue[0]).due <= now) {
    const item = /** @type {{due: number, msg: Buffer}} */ (queue.shift());
    serverSide.send(item.msg, cfg.toServer[1], cfg.toServer[0]);
  }
  const head = queue[0];
  if (head !== undefined) timer = setTimeout(pump, Math.max(1, Math.ceil(head.due - now)));
}

routerSide.on('message', (msg) => {
  if (lossPct > 0 && Math.random() * 100 < lossPct) return;
  if (delayMs <= 0 && jitterMs <= 0 && queue.length === 0) {
    serverSide.send(msg, cfg.toServer[1], cfg.toServer[0]);
    return;
  }
  const jitter = jitterMs > 0 ? (Math.random() * 2 - 1) * jitterMs : 0;
  const due = Math.max(nowMs() + Math.max(0, delayMs + jitter), lastDue);
  lastDue = due;
  queue.push({ due, msg });
  if (timer === undefined) pump();
});

serverSide.on('message', (msg) => {
  routerSide.send(msg, cfg.toRouter[1], cfg.toRouter[0]);
});

let bound = 0;
const onBound = () => {
  bound += 1;
  if (bound === 2) process.stdout.write('ready\n');
};
routerSide.bind(cfg.fromRouter[1], cfg.fromRouter[0], onBound);
serverSide.bind(cfg.fromServer[1], cfg.fromServer[0], onBound);

const lines = readline.createInterface({ input: process.stdin });
lines.on('line', (line) => {
  /** @type {{id: number, delayMs: number, jitterMs: number, lossPct: number}} */
  const c = JSON.parse(line);
  delayMs = c.delayMs;
  jitterMs = c.jitterMs;
  lossPct = c.lossPct;
  process.stdout.write(`ack ${c.id}\n`);
});
lines.on('close', () => process.exit(0));
