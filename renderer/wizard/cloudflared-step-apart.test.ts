// The cloudflared step with two cloudflared processes: each one's evidence is gathered apart by
// the real gatherer (real config and log files; the recorded log of a real cloudflared 2023.7.3
// for B), and the files the user named go only to the process they belong to.

import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { CloudflaredRequest, WizardApi } from '../../contract/api';
import type { CloudflaredEvidence, ConnectorProcess, Evidence, Gathered } from '../../contract/evidence';
import type { Message } from '../../contract/message';
import { gatherCloudflared } from '../../electron/core/evidence/cloudflared/index';
import { closedPort } from '../../test-support/cloudflared/loopback-server';
import { connector, connectors, evidence as evidenceWith, inputs } from '../../test-support/checks/evidence';
import { englishProse } from '../../test-support/i18n/english-prose';
import { recording } from '../../test-support/recordings/cloudflared-2023.7.3';
import { renderMessage } from '../i18n/messages/render';
import { STEPS } from './steps';

const TOKEN = 'eyJhIjoiZjE0OWUxNTU5YmYxZjE3ZmNjYTVkMjI2NmQwZTNiM2MiLCJ0IjoiNjMwYjZlNGMifQ';
const step = STEPS.find((s) => s.id === 'cloudflared')!;

function valueOf(gathered: Gathered<CloudflaredEvidence> | undefined | null): CloudflaredEvidence {
  if (!gathered?.ok) assert.fail(`expected cloudflared evidence, got ${JSON.stringify(gathered)}`);
  return gathered.value;
}

describe('the cloudflared step with two cloudflared processes', () => {
  let dir: string;
  let api: WizardApi;
  const requests: CloudflaredRequest[] = [];
  let a: ConnectorProcess;
  let b: ConnectorProcess;

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'icd-step-apart-'));
    writeFileSync(join(dir, 'a.yml'), 'tunnel: 630b6e4c-845e-4e00-a741-ffa607a2cb33\n');
    writeFileSync(join(dir, 'b.yml'), 'tunnel: 630b6e4c-845e-4e00-a741-ffa607a2cb33\nprotocol: quic\n');
    // B's start as the real cloudflared wrote it, up to its GID warning.
    writeFileSync(join(dir, 'b.log'), `${recording('two-connectors-b.log').split('\n').slice(0, 12).join('\n')}\n`);
    const closed = await closedPort();
    // The real gatherer, kept from this host's own cloudflared (journal, service logs, ports).
    const options = { defaultConfigPaths: [join(dir, 'none.yml')], journal: null, defaultLogPaths: [], metricsPorts: [closed], metricsTimeoutMs: 1000 };
    api = {
      gatherCloudflared: (request) => {
        requests.push(request);
        return gatherCloudflared(request, options);
      },
    } as Partial<WizardApi> as WizardApi;
    // Not in our network namespace: their (made-up) pids' sockets are not read.
    a = connector({ pid: 100, sameNetnsAsUs: false, command: [join(dir, 'cloudflared'), 'tunnel', '--protocol', 'http2', '--config', join(dir, 'a.yml'), 'run', '--token', TOKEN] });
    b = connector({
      pid: 200,
      sameNetnsAsUs: false,
      command: [join(dir, 'cloudflared-2023.7.3'), 'tunnel', '--config', join(dir, 'b.yml'), '--logfile', join(dir, 'b.log'), 'run'],
      uids: [65532, 65532, 65532, 65532],
      gids: [65532, 65532, 65532, 65532],
    });
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  async function runStep(given: Parameters<typeof inputs>[0]): Promise<{ after: Evidence; detail: Message }> {
    const before = evidenceWith((e) => {
      e.connectors = connectors(a, b);
    });
    const outcome = await step.run({ api, inputs: inputs({ product: 'cloudflare', ...given }), evidence: () => before, options: {} });
    return { after: outcome.update(before), detail: outcome.detail };
  }

  it("gathers each process's flags, config and log apart, never the other's", async () => {
    requests.length = 0;
    const { after, detail } = await runStep({ cloudflaredLog: join(dir, 'b.log') });
    // One request per process, each naming that process alone, none looking in host-wide places.
    assert.deepEqual(
      requests.map((r) => [r.connectors.map((c) => c.pid), r.logPath, r.hostWideLeads]),
      [
        [[100], null, { journal: false, serviceLogs: false, portScan: false }],
        [[200], join(dir, 'b.log'), { journal: false, serviceLogs: false, portScan: false }],
      ],
    );
    assert.deepEqual(after.cloudflaredPerConnector?.map((entry) => entry.pid), [100, 200]);
    const ofA = valueOf(after.cloudflaredPerConnector?.[0]?.cloudflared);
    const ofB = valueOf(after.cloudflaredPerConnector?.[1]?.cloudflared);
    assert.deepEqual([ofA.requestedTransport?.value, ofA.requestedTransport?.from, ofA.configPath], ['http2', 'flag', join(dir, 'a.yml')]);
    assert.deepEqual([ofB.requestedTransport?.value, ofB.requestedTransport?.from, ofB.configPath], ['quic', 'config', join(dir, 'b.yml')]);
    // The GID warning is in B's log (named by B's --logfile, and the --cloudflared-log given is B's): B's alone.
    assert.equal(ofB.gidOutsideRange?.gid, 65532);
    assert.equal(ofA.gidOutsideRange, null);
    assert.doesNotMatch(JSON.stringify(ofA), /b\.log|b\.yml|pid 200/);
    assert.doesNotMatch(JSON.stringify(ofB), /a\.yml|pid 100/);
    // `cloudflared` keeps the first one's, for readers of one process.
    assert.deepEqual(after.cloudflared, after.cloudflaredPerConnector?.[0]?.cloudflared);
    assert.equal(detail.key, 'connector-verdicts.step.apart');
    assert.equal(detail.params?.['count'], 2);
    assert.deepEqual(detail.params?.['unused'], []);
    assert.deepEqual((detail.params?.['results'] as Message[]).map((m) => m.params?.['pid']), [100, 200]);
  });

  it('gives a file that names none of the processes to none of them, and says so', async () => {
    const elsewhere = join(dir, 'other.log');
    writeFileSync(elsewhere, `${recording('two-connectors-b.log').split('\n').slice(0, 12).join('\n')}\n`);
    const { after, detail } = await runStep({ cloudflaredLog: elsewhere });
    // The GID warning in that file is nobody's: A's evidence stays clean (B still reads its own --logfile).
    assert.equal(valueOf(after.cloudflaredPerConnector?.[0]?.cloudflared).gidOutsideRange, null);
    const unused = detail.params?.['unused'] as Message[];
    assert.deepEqual(unused, [{ key: 'connector-verdicts.step.input-unclaimed', params: { flag: '--cloudflared-log', value: elsewhere } }]);
    const japanese = renderMessage(unused[0]!, 'ja');
    assert.match(japanese, /--pid PID/);
    assert.deepEqual(englishProse(japanese), []);
  });

  it('gives a config both processes could own to neither, naming both', async () => {
    const shared = join(dir, 'shared.yml');
    writeFileSync(shared, 'protocol: http2\n');
    const twin = { ...b, command: [b.command[0]!, 'tunnel', '--config', shared, 'run'] };
    const aShared = { ...a, command: [a.command[0]!, 'tunnel', '--config', shared, 'run'] };
    const before = evidenceWith((e) => {
      e.connectors = connectors(aShared, twin);
    });
    const outcome = await step.run({ api, inputs: inputs({ product: 'cloudflare', cloudflaredConfig: shared }), evidence: () => before, options: {} });
    assert.deepEqual(outcome.detail.params?.['unused'], [
      { key: 'connector-verdicts.step.input-ambiguous', params: { flag: '--cloudflared-config', value: shared, pids: [100, 200] } },
    ]);
  });
});
