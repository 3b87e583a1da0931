// What cloudflared's evidence was read from, as the checks and the step line say it: gathered
// by the real gatherer from real 2023.7.3 recordings, then said in Japanese with no English
// prose; an unknown summary counts the places looked in instead of listing them (the full
// list is in the evidence), and its advice follows what was actually read.

import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import type { CloudflaredEvidence, Evidence, Gathered } from '../../../contract/evidence';
import type { Message } from '../../../contract/message';
import { gatherCloudflared } from '../../../electron/core/evidence/cloudflared/gather-cloudflared';
import { localizeFinding, renderMessage } from '../../i18n/messages/render';
import { assertFindingHasNoEnglishProse, englishProse } from '../../../test-support/i18n/english-prose';
import { cloudflared, evidence as evidenceWith, inputs } from '../../../test-support/checks/evidence';
import { recording } from '../../../test-support/recordings/cloudflared-2023.7.3';
import { STEP_DETAILS } from '../steps';
import { checkTunnelTransport } from './tunnel-transport';

const dir = mkdtempSync(join(tmpdir(), 'icd-cf-sources-'));
after(() => rmSync(dir, { recursive: true, force: true }));
const cloudflare = inputs({ product: 'cloudflare' });
/** Ten config locations looked in, none there. */
const TEN_PATHS = Array.from({ length: 10 }, (_, i) => join(dir, `etc-${i}`, 'cloudflared', 'config.yml'));

async function gathered(logText: string, name: string): Promise<Gathered<CloudflaredEvidence>> {
  const log = join(dir, name);
  writeFileSync(log, logText);
  return gatherCloudflared(
    { logPath: log, configPath: null, metricsUrl: null, connectors: [] },
    { defaultConfigPaths: TEN_PATHS, journal: null, defaultLogPaths: [], metricsPorts: [], metricsTimeoutMs: 300 },
  );
}

function withCloudflared(found: Gathered<CloudflaredEvidence>): Evidence {
  return evidenceWith((e) => (e.cloudflared = found));
}

describe('cloudflared sources in checks and the step line', () => {
  it('counts the ten config paths in the unknown summary, cites them all, and says it in Japanese (quic-udp-blocked.log)', async () => {
    const found = await gathered(recording('quic-udp-blocked.log'), 'quic-udp-blocked.log');
    assert.ok(found.ok);
    // Ten config paths, the log, and the metrics address the log announced.
    assert.equal(found.value.places?.length, 12, JSON.stringify(found.value.places));
    const f = checkTunnelTransport(withCloudflared(found), cloudflare);
    assert.equal(f.status, 'unknown');
    const looked = f.reason?.params?.['looked'] as Message[];
    assert.deepEqual(looked.map((m) => m.key), ['source.cloudflared.places']);
    assert.equal(looked[0]?.params?.['count'], 12);
    assert.equal(looked[0]?.params?.['more'], 9);
    // No summary lists the ten paths; the evidence does.
    for (const lang of ['en', 'ja'] as const) {
      const summary = localizeFinding(f, lang).summary;
      assert.ok(summary.length < 900, `${lang}: ${summary.length} characters: ${summary}`);
      assert.ok(!summary.includes(TEN_PATHS[9]!), summary);
    }
    const cited = f.evidence.map((e) => e.detail).join('\n');
    for (const path of TEN_PATHS) assert.ok(cited.includes(path), path);
    assertFindingHasNoEnglishProse(localizeFinding(f, 'ja'));
  });

  it('says the step line in Japanese with no English prose, from the real gatherer (quic-udp-blocked.log)', async () => {
    const found = await gathered(recording('quic-udp-blocked.log'), 'step.log');
    const line = renderMessage(STEP_DETAILS.cloudflared(found), 'ja');
    assert.deepEqual(englishProse(line), [], line);
    assert.ok(!line.includes('[object Object]'), line);
    assert.match(line, /cloudflared のログ .*step\.log: 29 行/);
    // The ten config paths are counted, not listed.
    assert.match(line, /12 か所（.*ほか 9 か所）/);
    assert.ok(!line.includes(TEN_PATHS[9]!), line);
  });

  it('advises by what was read: a log given that has no answer in it is named as such, not "give --cloudflared-log"', async () => {
    // The run's first lines only: its start, nothing about the transport.
    const head = recording('icmp-proxy-working.log').split('\n').slice(0, 3).join('\n');
    const found = await gathered(`${head}\n`, 'head.log');
    const f = checkTunnelTransport(withCloudflared(found), cloudflare);
    assert.equal(f.status, 'unknown');
    assert.equal(f.reason?.key, 'cloudflared-start.transport.unknown-after');
    assert.equal(f.reason?.params?.['logRead'], true);
    assert.equal(f.reason?.params?.['onHost'], false);
    assert.doesNotMatch(localizeFinding(f, 'en').summary, /^.*Give --cloudflared-log/);
    assertFindingHasNoEnglishProse(localizeFinding(f, 'ja'));
  });

  it('advises by what was read: a log and this host\'s process both examined and silent say so, and ask for neither again', () => {
    const both = cloudflared({ runStartSeen: true, places: ['cloudflared pid 7', '/var/log/cloudflared.log', 'http://127.0.0.1:20241/metrics'] });
    const f = checkTunnelTransport(withCloudflared(both), cloudflare);
    assert.equal(f.status, 'unknown');
    assert.deepEqual([f.reason?.key, f.reason?.params?.['logRead'], f.reason?.params?.['onHost']], ['cloudflared-start.transport.unknown-after', true, true]);
    const en = localizeFinding(f, 'en').summary;
    assert.doesNotMatch(en, /give --cloudflared-log|run this check on the cloudflared host/i);
    assert.match(en, /Neither the log read nor the process and metrics server on this host show it/);
    assertFindingHasNoEnglishProse(localizeFinding(f, 'ja'));

    const processOnly = cloudflared({ runStartSeen: null, places: ['cloudflared pid 7', '/etc/cloudflared/config.yml'] });
    const g = checkTunnelTransport(withCloudflared(processOnly), cloudflare);
    assert.deepEqual([g.reason?.params?.['logRead'], g.reason?.params?.['onHost']], [false, true]);
    assert.match(localizeFinding(g, 'en').summary, /no log was read: give --cloudflared-log FILE/);
    assert.doesNotMatch(localizeFinding(g, 'en').summary, /run this check on the cloudflared host/);
    assertFindingHasNoEnglishProse(localizeFinding(g, 'ja'));
  });
});
