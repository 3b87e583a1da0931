// probeTcp on this host's loopback with real listeners (no privileges or lab needed):
// connected (with its control connects refused: no middlebox), refused, cancelled, and
// requests it must refuse; the choice of control ports and the proxied decision. Timeouts,
// unreachable paths and a middlebox that completes every handshake are proven in the lab
// (e2e/evidence/probes, e2e/cli/check-proxied-tcp.test.ts).

import assert from 'node:assert/strict';
import { createServer } from 'node:net';
import type { AddressInfo, Server } from 'node:net';
import { after, before, describe, it } from 'node:test';
import type { TcpRequest } from '../../../../contract/api';
import type { TcpControlConnect } from '../../../../contract/evidence';
import { controlPorts, decideProxied, probeTcp } from './tcp-probe';

function listen(host: string): Promise<Server> {
  return new Promise((resolve, reject) => {
    const server = createServer((socket) => socket.end());
    server.once('error', reject);
    server.listen({ host, port: 0 }, () => resolve(server));
  });
}

function portOf(server: Server): number {
  return (server.address() as AddressInfo).port;
}

/** A port that was just free: listen, note it, close. */
async function closedPort(): Promise<number> {
  const server = await listen('127.0.0.1');
  const port = portOf(server);
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe('probeTcp on loopback', () => {
  let server: Server;
  before(async () => {
    server = await listen('127.0.0.1');
  });
  after(() => server.close());

  it('reports a completed connect with its time', async () => {
    const r = await probeTcp({ target: '127.0.0.1', port: portOf(server) });
    assert.equal(r.ok, true, JSON.stringify(r));
    if (!r.ok) return;
    const { controls, ...connect } = r.value;
    assert.deepEqual({ ...connect, ms: null }, { target: '127.0.0.1', address: '127.0.0.1', port: portOf(server), outcome: 'connected', ms: null, errno: null, proxied: false });
    assert.ok(r.value.ms !== null && r.value.ms >= 0);
    // Nothing on loopback serves the control ports: a real host refuses them, so no middlebox.
    assert.deepEqual(
      controls?.map((c) => [c.outcome, c.errno]),
      [
        ['refused', 'ECONNREFUSED'],
        ['refused', 'ECONNREFUSED'],
      ],
    );
    assert.equal(controls?.[0]?.port, 9);
    assert.match(r.source, /^TCP connect from this host to 127\.0\.0\.1 port \d+$/);
    assert.ok(!Number.isNaN(Date.parse(r.at)));
  });

  it('reports a refused connect as evidence, not as a failure', async () => {
    const port = await closedPort();
    const r = await probeTcp({ target: '127.0.0.1', port });
    assert.equal(r.ok, true, JSON.stringify(r));
    if (r.ok) assert.deepEqual([r.value.outcome, r.value.errno, r.value.controls, r.value.proxied], ['refused', 'ECONNREFUSED', [], null], 'no control connects after a refusal');
  });

  it('returns CANCELLED for an already aborted signal', async () => {
    const r = await probeTcp({ target: '127.0.0.1', port: portOf(server) }, { signal: AbortSignal.abort() });
    assert.equal(r.ok, false);
    if (!r.ok) assert.equal(r.code, 'CANCELLED');
  });

  const bad: Array<[string, unknown, RegExp]> = [
    ['port 0', { target: '127.0.0.1', port: 0 }, /port must be a whole number from 1 to 65535; got 0/],
    ['port 70000', { target: '127.0.0.1', port: 70_000 }, /got 70000/],
    ['a port given as text', { target: '127.0.0.1', port: '80' }, /got "80"/],
    ['no port', { target: '127.0.0.1' }, /got undefined/],
    ['timeout 0', { target: '127.0.0.1', port: 80, timeoutMs: 0 }, /timeoutMs must be a whole number/],
    ['an address out of range', { target: '999.1.1.1', port: 80 }, /not a valid IPv4 address/],
    ['a malformed IPv6 address', { target: 'fd00::1::2', port: 80 }, /not a valid IPv6 address/],
    ['a multicast address', { target: '224.0.0.1', port: 80 }, /multicast/],
    ['a name with spaces', { target: 'no such host', port: 80 }, /not an IP address or a valid host name/],
    ['an empty target', { target: '', port: 80 }, /target must be an IP address or a host name/],
    ['a request that is not an object', null, /the probe request must be an object/],
  ];
  for (const [what, request, message] of bad) {
    it(`refuses ${what} with UNPARSEABLE and a message that says why`, async () => {
      const r = await probeTcp(request as TcpRequest);
      assert.equal(r.ok, false, JSON.stringify(r));
      if (r.ok) return;
      assert.equal(r.code, 'UNPARSEABLE');
      assert.match(r.message, message);
      assert.match(r.reason?.key ?? '', /^gather\.(field|resolve)\./);
    });
  }
});

describe('control ports and the proxied decision', () => {
  it('picks discard and a dynamic port, never the port probed, and two different ones', () => {
    assert.deepEqual(controlPorts(8443, () => 0), [9, 49152]);
    assert.deepEqual(controlPorts(8443, () => 0.999999), [9, 65535]);
    // The probed port is 9, or the dynamic pick hits the probed port: draw again.
    const draws = [0, 0, 0.5];
    assert.deepEqual(controlPorts(9, () => draws.shift() ?? 0.25), [57344, 49152]);
    const again = [0, 0.5];
    assert.deepEqual(controlPorts(49152, () => again.shift() ?? 0), [9, 57344]);
  });

  const control = (outcome: TcpControlConnect['outcome']): TcpControlConnect => ({ port: 9, outcome, ms: 1, errno: null });
  it('is proxied only when every control connected; a refusal means a real host; silence or a split is undecided', () => {
    assert.equal(decideProxied([control('connected'), control('connected')]), true);
    assert.equal(decideProxied([control('refused'), control('timeout')]), false);
    assert.equal(decideProxied([control('timeout'), control('timeout')]), null);
    assert.equal(decideProxied([control('connected'), control('refused')]), null);
    assert.equal(decideProxied([]), null);
  });
});
