import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { expectedNames, isTunnelFor, tunnelKindOf } from './tunnel-interfaces';

describe('tunnel interface names', () => {
  it('knows each client by the name it gives its interface', () => {
    const cases: Array<[string, string]> = [
      ['CloudflareWARP', 'Cloudflare WARP'],
      ['sdwan0', 'Twingate'],
      ['tun-firezone', 'Firezone'],
      ['tailscale0', 'Tailscale'],
      ['wg0', 'WireGuard'],
      ['wg-office', 'WireGuard'],
      ['tun0', 'OpenVPN'],
      ['utun3', 'macOS utun'],
    ];
    for (const [name, client] of cases) assert.equal(tunnelKindOf(name)?.client, client, name);
  });

  it('does not take ordinary interfaces or near misses for tunnels', () => {
    for (const name of ['eth0', 'lo', 'wlan0', 'docker0', 'veth1a2b', 'cloudflarewarp', 'tunnel', 'wg', 'sdwan', 'tailscale', 'br-tun0']) {
      assert.equal(tunnelKindOf(name), null, name);
    }
  });

  it("matches a product only to its own client's interface; generic to any tunnel", () => {
    assert.equal(isTunnelFor('CloudflareWARP', 'cloudflare'), true);
    assert.equal(isTunnelFor('CloudflareWARP', 'twingate'), false);
    assert.equal(isTunnelFor('sdwan0', 'twingate'), true);
    assert.equal(isTunnelFor('tun-firezone', 'firezone'), true);
    assert.equal(isTunnelFor('tailscale0', 'cloudflare'), false);
    assert.equal(isTunnelFor('tailscale0', 'generic'), true);
    assert.equal(isTunnelFor('wg0', 'generic'), true);
    assert.equal(isTunnelFor('eth0', 'generic'), false);
    // macOS gives every client a utunN: it cannot be told apart, so it counts for each.
    assert.equal(isTunnelFor('utun4', 'cloudflare'), true);
    assert.deepEqual(expectedNames('firezone'), ['tun-firezone']);
  });
});
