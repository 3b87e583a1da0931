import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ConnectorKind } from '../../../../contract/evidence';
import { connectorKindOf } from './connector-kinds';

// [argv, comm, expected]: argv as /proc/PID/cmdline splits it, comm as /proc/PID/comm has it.
const CASES: Array<[string[], string, ConnectorKind | null]> = [
  [['cloudflared', '--no-autoupdate', 'tunnel', 'run', '--token', 'x'], 'cloudflared', 'cloudflared'],
  [['/usr/local/bin/cloudflared', 'tunnel', '--protocol', 'http2', 'run'], 'cloudflared', 'cloudflared'],
  [['/usr/bin/cloudflared', '--no-autoupdate', '--config', '/etc/cloudflared/config.yml', 'tunnel', 'run'], 'cloudflared', 'cloudflared'],
  [['./cloudflared-linux-amd64', 'tunnel', 'run', 'home'], 'cloudflared-lin', 'cloudflared'],
  [['/usr/bin/twingate-connector', '--systemd-watchdog'], 'twingate-connec', 'twingate'],
  [['/connectord'], 'connectord', 'twingate'],
  [['./twingate_connector_amd_x86_64_dynamic_Linux'], 'twingate_connec', 'twingate'],
  [['/opt/twingate/connector'], 'connector', 'twingate'],
  [['/usr/local/bin/firezone-gateway'], 'firezone-gatewa', 'firezone'],
  [['./firezone-gateway_1.4.5_x86_64'], 'firezone-gatewa', 'firezone'],
  // argv[0] rewritten or an interpreter: comm decides.
  [['tunnel-runner: worker'], 'cloudflared', 'cloudflared'],
  [['/bin/sh', '/opt/bin/twingate-connector'], 'twingate-connec', 'twingate'],
  // Not connectors.
  [['/usr/bin/twingate-connectorctl', 'health'], 'twingate-connec', null],
  [['/connectorctl', 'health'], 'connectorctl', null],
  [['/opt/acme/connector'], 'connector', null],
  [['/usr/bin/firezone-headless-client'], 'firezone-headle', null],
  [['/usr/bin/firezone-client-ipc'], 'firezone-client', null],
  [['/usr/bin/vim', 'cloudflared.yml'], 'vim', null],
  [['grep', 'cloudflared'], 'grep', null],
  [['/usr/bin/cloudflared-helper'], 'cloudflared-hel', null],
];

describe('connectorKindOf', () => {
  for (const [argv, comm, expected] of CASES) {
    it(`${argv.join(' ')} (comm ${comm}) → ${expected}`, () => assert.equal(connectorKindOf(argv, comm), expected));
  }
});
