import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { classifyAddress, unmapIpv4 } from './address-kind';
import type { AddressKind } from './address-kind';

const CASES: Array<[string, AddressKind]> = [
  ['10.0.0.5', 'unicast'],
  ['127.0.0.1', 'unicast'],
  ['0.0.0.0', 'unspecified'],
  ['224.0.0.1', 'multicast'],
  ['239.255.255.250', 'multicast'],
  ['240.0.0.1', 'unicast'],
  ['255.255.255.255', 'broadcast'],
  ['::1', 'unicast'],
  ['2001:db8::1', 'unicast'],
  ['::', 'unspecified'],
  ['0:0:0:0:0:0:0:0', 'unspecified'],
  ['ff02::1', 'multicast'],
  ['FF05::1:3', 'multicast'],
  ['::ffff:10.0.0.1', 'ipv4-mapped'],
  ['::ffff:a00:1', 'ipv4-mapped'],
  ['::10.0.0.1', 'unicast'],
  ['fe80::1%eth0', 'zone-id'],
  ['example.com', 'invalid'],
];

describe('classifyAddress', () => {
  for (const [text, kind] of CASES) {
    it(`${text} is ${kind}`, () => assert.equal(classifyAddress(text), kind));
  }
  it('unmaps IPv4-mapped addresses in either spelling', () => {
    assert.equal(unmapIpv4('::ffff:10.0.0.1'), '10.0.0.1');
    assert.equal(unmapIpv4('::ffff:a00:1'), '10.0.0.1');
  });
});
