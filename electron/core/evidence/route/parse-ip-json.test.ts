import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ADDR_SHOW, ROUTE_GET_DEFAULT, ROUTE_GET_WARP_TABLE } from '../../../../test-support/route/ip-json';
import { InputProblem } from '../gathered';
import { parseAddrShow, parseRouteGet } from './parse-ip-json';

describe('iproute2 JSON', () => {
  it('reads the route a policy rule picks: device, source and table', () => {
    assert.deepEqual(parseRouteGet(ROUTE_GET_WARP_TABLE), { kind: 'via', device: 'CloudflareWARP', source: '172.16.0.2', gateway: null, table: '65743' });
  });

  it('reads a route through a gateway in the main table (ip prints no table then)', () => {
    assert.deepEqual(parseRouteGet(ROUTE_GET_DEFAULT), { kind: 'via', device: 'eth0', source: '192.168.1.2', gateway: '192.168.1.1', table: null });
  });

  it('reads every interface with its UP flag, state, link type and addresses', () => {
    const interfaces = parseAddrShow(ADDR_SHOW);
    assert.deepEqual(
      interfaces.map((i) => [i.name, i.up, i.operstate, i.linkType, i.addresses]),
      [
        ['lo', true, 'UNKNOWN', 'loopback', ['127.0.0.1']],
        ['CloudflareWARP', true, 'UP', 'ether', ['172.16.0.2', 'fe80::9069:2aff:fea0:dcdf']],
        ['eth0', true, 'UP', 'ether', ['192.168.1.2']],
        ['tun-firezone', true, 'DOWN', 'none', []],
      ],
    );
  });

  it('refuses what is not the JSON list ip -j prints, saying which command', () => {
    for (const text of ['', 'dev eth0 src 1.2.3.4', '{"dev":"eth0"}']) {
      assert.throws(
        () => parseRouteGet(text),
        (error: unknown) => error instanceof InputProblem && error.reason.key === 'route.gather.not-json',
        text,
      );
    }
    assert.throws(
      () => parseRouteGet('[{"dst":"10.0.0.1"}]'),
      (error: unknown) => error instanceof InputProblem && error.reason.key === 'route.gather.no-device',
    );
    assert.throws(() => parseAddrShow('nope'), (error: unknown) => error instanceof InputProblem && error.reason.params?.['command'] === 'ip -j addr show');
  });

  it('skips list entries that are not interfaces instead of inventing names', () => {
    assert.deepEqual(parseAddrShow('[null, 3, {"flags":["UP"]}, {"ifname":"wg0"}]'), [{ name: 'wg0', up: false, operstate: null, linkType: null, addresses: [] }]);
  });
});
