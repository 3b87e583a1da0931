// Connector discovery on real running processes (issue 9, item 9): a cloudflared kept under a
// versioned name, as the recording two-connectors-b.proc.json shows one
// (/opt/cfd/bin/cloudflared-2023.7.3, comm cut to "cloudflared-202"), is found.

import assert from 'node:assert/strict';
import { linkSync, mkdirSync, mkdtempSync, readFileSync, readlinkSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { ConnectorProcess } from '../../../contract/evidence';
import { gatherConnectors } from '../../../electron/core/evidence/connectors';
import { startStandIn, type StandIn } from '../cloudflared/support/stand-in-connector';

async function connectors(): Promise<ConnectorProcess[]> {
  const result = await gatherConnectors();
  if (!result.ok) assert.fail(`expected connectors, got ${result.code}`);
  return result.value;
}

describe('connector discovery by program and executable', { skip: process.platform !== 'linux' ? 'reads /proc' : false }, () => {
  let dir: string;
  let versioned: StandIn;
  let disguised: StandIn;
  let executable: string;

  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'icd-discovery-'));
    versioned = startStandIn(dir, ['tunnel', '--no-autoupdate', 'run'], { PATH: '/usr/bin:/bin', HOME: dir }, dir, 'cloudflared-2023.7.3');
    // A process whose argv[0] and comm say "worker" but whose executable file is a cloudflared:
    // a hard link of node named cloudflared-2023.7.3, exec'ed through a symlink named worker.
    const bin = join(dir, 'opt');
    mkdirSync(bin);
    executable = join(bin, 'cloudflared-2023.7.3');
    linkSync(process.execPath, executable);
    symlinkSync(executable, join(dir, 'worker'));
    disguised = startStandIn(dir, ['serve'], { PATH: '/usr/bin:/bin', HOME: dir }, dir, 'worker');
  });
  after(async () => {
    await versioned.stop();
    await disguised.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('finds a cloudflared named cloudflared-2023.7.3 (comm cloudflared-202)', async () => {
    assert.equal(readFileSync(`/proc/${versioned.pid}/comm`, 'utf8').trim(), 'cloudflared-202');
    const found = (await connectors()).find((connector) => connector.pid === versioned.pid);
    assert.ok(found, `pid ${versioned.pid} (${join(dir, 'cloudflared-2023.7.3')}) was not found`);
    assert.equal(found.kind, 'cloudflared');
    assert.equal(found.command[0], join(dir, 'cloudflared-2023.7.3'));
  });

  it('finds a cloudflared by its executable when argv[0] and comm say "worker"', async () => {
    assert.equal(readFileSync(`/proc/${disguised.pid}/comm`, 'utf8').trim(), 'worker');
    assert.equal(readlinkSync(`/proc/${disguised.pid}/exe`), executable);
    const found = (await connectors()).find((connector) => connector.pid === disguised.pid);
    assert.ok(found, `pid ${disguised.pid} (exe ${executable}) was not found`);
    assert.equal(found.kind, 'cloudflared');
  });
});
