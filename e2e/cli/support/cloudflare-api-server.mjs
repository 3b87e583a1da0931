// The Cloudflare API's Zero Trust connectivity settings, served on 127.0.0.1 inside a lab
// namespace as the documented JSON (developers.cloudflare.com/api, "Get Zero Trust
// Connectivity Settings"): GET /client/v4/accounts/{account_id}/zerotrust/connectivity_settings
// with `Authorization: Bearer <token>`. A wrong or missing token gets the documented 401
// envelope. Configuration comes from the environment (never argv, which /proc shows to all):
//   CF_FAKE_TOKEN    the token it accepts
//   CF_FAKE_ACCOUNT  the account id it knows
//   CF_FAKE_ICMP     "true" | "false": result.icmp_proxy_enabled
// Prints "listening PORT" once ready, then one JSON line per request: {"path", "authorized"}.

import { createServer } from 'node:http';

const token = process.env.CF_FAKE_TOKEN ?? '';
const account = process.env.CF_FAKE_ACCOUNT ?? '';
const icmp = process.env.CF_FAKE_ICMP === 'true';
const settingsPath = `/client/v4/accounts/${account}/zerotrust/connectivity_settings`;

function send(response, status, body) {
  const text = JSON.stringify(body);
  response.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
  response.end(text);
}

const server = createServer((request, response) => {
  const authorized = token !== '' && request.headers.authorization === `Bearer ${token}`;
  const path = new URL(request.url ?? '/', 'http://127.0.0.1').pathname;
  process.stdout.write(`${JSON.stringify({ path, authorized })}\n`);
  if (!authorized) {
    send(response, 401, { success: false, errors: [{ code: 10000, message: 'Authentication error' }], messages: [], result: null });
    return;
  }
  if (request.method !== 'GET' || path !== settingsPath) {
    send(response, 404, { success: false, errors: [{ code: 7003, message: 'Could not route to ' + path + ', perhaps your object identifier is invalid?' }], messages: [], result: null });
    return;
  }
  send(response, 200, { success: true, errors: [], messages: [], result: { icmp_proxy_enabled: icmp, offramp_warp_enabled: false } });
});

server.listen(0, '127.0.0.1', () => {
  const address = server.address();
  process.stdout.write(`listening ${typeof address === 'object' && address ? address.port : 0}\n`);
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));
