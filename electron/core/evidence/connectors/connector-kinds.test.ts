import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ConnectorKind } from '../../../../contract/evidence';
import { recording } from '../../../../test-support/recordings/cloudflared-2023.7.3';
import { connectorKindOf } from './connector-kinds';

function recordedProc(name: string): { cmdline: string[]; comm: string; exe: string } {
  return JSON.parse(recording(`${name}.proc.json`)) as { cmdline: string[]; comm: string; exe: string };
}

// [argv, comm, expected]: argv as /proc/PID/cmdline splits it, comm as /proc/PID/comm has it.
const CASES: Array<[string[], string, ConnectorKind | null]> = [
  // A versioned copy (recordings/2023.7.3/two-connectors-b.proc.json has argv and comm of one; see below).
  [['/opt/cfd/bin/cloudflared-2023.7.3', 'tunnel', 'run'], 'cloudflared-202', 'cloudflared'],
  // argv[0] rewritten, comm cut from a versioned name.
  [['tunnel-runner: worker'], 'cloudflared-202', 'cloudflared'],
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
  [['grep', 'cloudflared-2023'], 'grep', null],
  // A full comm (shorter than 15 bytes) starting with cloudflared.
  [['tunnel-runner: worker'], 'cloudflared-v2', 'cloudflared'],
];

// [argv, comm, exe, expected]: the executable (/proc/PID/exe) decides when argv[0] and comm do not.
const BY_EXECUTABLE: Array<[string[], string, string, ConnectorKind | null]> = [
  [['tunnel-runner: worker'], 'tunnel-runner', '/opt/cfd/bin/cloudflared-2023.7.3', 'cloudflared'],
  [['tunnel-runner: worker'], 'tunnel-runner', '/usr/local/bin/cloudflared (deleted)', 'cloudflared'],
  [['worker'], 'worker', '/usr/bin/twingate-connector', 'twingate'],
  [['worker'], 'worker', '/opt/twingate/connector', 'twingate'],
  [['worker'], 'worker', '/usr/local/bin/firezone-gateway', 'firezone'],
  [['worker'], 'worker', '/usr/bin/firezone-headless-client', null],
  [['/usr/bin/node', 'cloudflared.js'], 'node', '/usr/bin/node', null],
];

describe('connectorKindOf', () => {
  for (const [argv, comm, expected] of CASES) {
    it(`${argv.join(' ')} (comm ${comm}) → ${expected}`, () => assert.equal(connectorKindOf(argv, comm), expected));
  }
});

describe('connectorKindOf by executable', () => {
  for (const [argv, comm, exe, expected] of BY_EXECUTABLE) {
    it(`${argv.join(' ')} (comm ${comm}, exe ${exe}) → ${expected}`, () => assert.equal(connectorKindOf(argv, comm, exe), expected));
  }
});

describe('connectorKindOf on the recorded processes of a real cloudflared 2023.7.3', () => {
  for (const name of ['two-connectors-a', 'two-connectors-b']) {
    it(`${name}: argv, comm and exe each say cloudflared`, () => {
      const proc = recordedProc(name);
      assert.equal(connectorKindOf(proc.cmdline, proc.comm, proc.exe), 'cloudflared');
      assert.equal(connectorKindOf(['tunnel-runner'], proc.comm), 'cloudflared');
      assert.equal(connectorKindOf(['tunnel-runner'], 'x', proc.exe), 'cloudflared');
    });
  }
});
