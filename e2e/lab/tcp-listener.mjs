// @ts-check
// A TCP service for the lab's server (Lab.serveTcp): accepts connections on every address of
// its namespace — one dual-stack socket on [::] also takes IPv4 — and closes each at once.
// Enough for "does a TCP connect reach the resource?", which is all the scenarios ask.
// Plain JavaScript, like netem-relay.mjs: it starts in ~80 ms without a TypeScript loader.
//
// argv[2]: port (0 = any free one).  stdout: "listening PORT" once accepting.
// Exits on SIGTERM (the lab's teardown) or when it cannot listen (message on stderr, exit 1).
import net from 'node:net';

const port = Number(process.argv[2] ?? 'NaN');
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  process.stderr.write(`tcp-listener: port must be an integer 0-65535, got ${process.argv[2]}\n`);
  process.exit(1);
}

const server = net.createServer((socket) => {
  socket.on('error', () => {}); // a client that resets first is no concern of ours
  socket.end();
});
server.on('error', (error) => {
  process.stderr.write(`tcp-listener: cannot listen on port ${port}: ${error.message}\n`);
  process.exit(1);
});
server.listen({ port, host: '::', ipv6Only: false }, () => {
  const address = server.address();
  const bound = typeof address === 'object' && address !== null ? address.port : port;
  process.stdout.write(`listening ${bound}\n`);
});
