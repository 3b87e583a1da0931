// Serves the recorded `curl -i` answers of a real cloudflared's /metrics and /ready (e2e/
// evidence/cloudflared/recordings/) on 127.0.0.1 inside a lab namespace: the status, content
// type and body exactly as cloudflared sent them. Other paths get 404, as an older
// cloudflared's /diag/* do. Files from the environment (never argv):
//   RECORDED_METRICS  path of NAME.metrics.txt
//   RECORDED_READY    path of NAME.ready.txt
//   RECORDED_PORT     the port to listen on (default: any free one)
// Prints "listening PORT" once ready, then one line per request: its path.

import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';

function recorded(file) {
  const text = readFileSync(file, 'utf8');
  const split = text.indexOf('\r\n\r\n');
  if (split < 0) throw new Error(`${file}: not a curl -i recording`);
  const [statusLine, ...headers] = text.slice(0, split).split('\r\n');
  const status = Number(/^HTTP\/[\d.]+ (\d{3})/.exec(statusLine)?.[1]);
  const contentType = headers.find((h) => /^content-type:/i.test(h))?.replace(/^content-type:\s*/i, '') ?? 'text/plain';
  return { status, contentType, body: text.slice(split + 4) };
}

const routes = { '/metrics': recorded(process.env.RECORDED_METRICS ?? ''), '/ready': recorded(process.env.RECORDED_READY ?? '') };

const server = createServer((request, response) => {
  const path = new URL(request.url ?? '/', 'http://127.0.0.1').pathname;
  process.stdout.write(`${path}\n`);
  const route = routes[path];
  if (!route) {
    response.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('404 page not found\n');
    return;
  }
  response.writeHead(route.status, { 'content-type': route.contentType }).end(route.body);
});
server.listen(Number(process.env.RECORDED_PORT ?? 0), '127.0.0.1', () => process.stdout.write(`listening ${server.address().port}\n`));
