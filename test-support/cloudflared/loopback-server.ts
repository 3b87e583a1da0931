// A real HTTP server on 127.0.0.1 for tests: each path answers as the table says (status,
// body, content type), or never answers ("hang": headers are never sent, as a stuck server
// does). It records the requests it got, headers included, so tests can check what was sent.

import http from 'node:http';
import type { AddressInfo } from 'node:net';

export type Route = { status: number; body: string; contentType?: string } | 'hang';

export interface ReceivedRequest {
  method: string;
  path: string;
  headers: http.IncomingHttpHeaders;
}

export interface LoopbackServer {
  port: number;
  /** http://127.0.0.1:PORT */
  url: string;
  received: ReceivedRequest[];
  close(): Promise<void>;
}

/** Routes are looked up by path without the query; unknown paths get 404. */
export async function startLoopbackServer(routes: Record<string, Route>, port = 0): Promise<LoopbackServer> {
  const received: ReceivedRequest[] = [];
  const server = http.createServer((request, response) => {
    const path = (request.url ?? '/').split('?')[0]!;
    received.push({ method: request.method ?? '', path, headers: request.headers });
    const route = routes[path];
    if (route === 'hang') return; // Keep the connection open and say nothing.
    if (!route) {
      response.writeHead(404, { 'content-type': 'text/plain' }).end('404 page not found\n');
      return;
    }
    response.writeHead(route.status, { 'content-type': route.contentType ?? 'application/json' }).end(route.body);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  const actual = (server.address() as AddressInfo).port;
  return {
    port: actual,
    url: `http://127.0.0.1:${actual}`,
    received,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A port nothing listens on: bound once by us, then released. */
export async function closedPort(): Promise<number> {
  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const port = (server.address() as AddressInfo).port;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}
