// tunnel-transport from what a real cloudflared 2023.7.3 start writes (issue 9 item 3/4/10),
// read from the recordings in e2e/evidence/cloudflared/recordings/2023.7.3/ through the same
// parser a pasted log goes through.

import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { describe, it } from 'node:test';
import type { CloudflaredEvidence, Evidence } from '../../../contract/evidence';
import type { Finding } from '../../../contract/findings';
import type { Message } from '../../../contract/message';
import { parseCloudflaredLog } from '../../../electron/core/evidence/cloudflared/parse-log';
import { RECORDINGS_DIR, recording } from '../../../test-support/recordings/cloudflared-2023.7.3';
import { renderMessage } from '../../i18n/messages/render';
import { assertFindingHasNoEnglishProse } from '../../../test-support/i18n/english-prose';
import { inJapaneseOwnWordsOnly } from '../../../test-support/i18n/finding-messages';
import { cloudflared, evidence, inputs } from '../../../test-support/checks/evidence';
import { checkTunnelTransport } from './tunnel-transport';

const cloudflare = inputs({ product: 'cloudflare' });
const produced: Finding[] = [];

function logOf(file: string, text: string = recording(file)): CloudflaredEvidence {
  const parsed = parseCloudflaredLog(text, file);
  if (!parsed.ok) assert.fail(`${file}: ${parsed.message}`);
  return parsed.value;
}

/** Log-only mode: the log pasted or imported, nothing else known. */
function checkLog(value: CloudflaredEvidence, source: string): Finding {
  const e: Evidence = evidence((e) => (e.imported.cloudflaredLogs = [{ ok: true, value, source, at: '2026-12-04T16:00:00Z' }]));
  const f = checkTunnelTransport(e, cloudflare);
  produced.push(f);
  return f;
}

function reasonKeys(f: Finding, param: 'reasons' | 'seen'): string[] {
  return ((f.reason?.params?.[param] ?? []) as readonly Message[]).map((r) => r.key);
}

describe('tunnel-transport on real cloudflared start lines', () => {
  it('fails a --protocol http2 log with no registration line, citing "Initial protocol http2" (http2-flag, http2-config)', () => {
    for (const file of ['http2-flag.log', 'http2-config.log']) {
      const f = checkLog(logOf(file), file);
      assert.equal(f.status, 'fail', file);
      assert.deepEqual(reasonKeys(f, 'reasons'), ['cloudflared-start.transport.started-http2'], file);
      assert.match(f.evidence[0]?.detail ?? '', /INF Initial protocol http2$/);
      assert.match(f.evidence[0]?.source ?? '', new RegExp(`^${file.replace('.', '\\.')}, line \\d+$`));
    }
  });

  it('aims the config fix at the config the start line names, without assuming it lacks protocol: (http2-config, log only)', () => {
    const f = checkLog(logOf('http2-config.log'), 'http2-config.log');
    const set = f.remediation.find((r) => r.id === 'transport.config-yml-set');
    assert.ok(set, f.remediation.map((r) => r.id).join(', '));
    assert.match(set.text, /'\/tmp\/cfdrec\/runs\/etc\/http2-config\/config\.yml'|\/tmp\/cfdrec\/runs\/etc\/http2-config\/config\.yml$/);
    assert.equal(f.remediation.find((r) => r.id === 'transport.config-yml')?.textMessage?.key, 'cloudflared-start.fix.config-set.text');
  });

  it('does not pass a QUIC start whose dials all fail (quic-udp-blocked): unknown, saying what was seen', () => {
    const f = checkLog(logOf('quic-udp-blocked.log'), 'quic-udp-blocked.log');
    assert.equal(f.status, 'unknown');
    assert.equal(f.reason?.key, 'cloudflared-start.transport.unknown');
    const [seen] = (f.reason?.params?.['seen'] ?? []) as readonly Message[];
    assert.deepEqual(seen, { key: 'cloudflared-start.transport.started-quic', params: { failures: 4 } });
    assert.ok(f.evidence.some((e) => /failed to dial to edge with quic/.test(e.detail)));
  });

  it('does not pass --protocol quic when its dials keep failing (quic-udp-blocked with its recorded flag)', () => {
    const value = logOf('quic-udp-blocked.log');
    value.requestedTransport = { value: 'quic', from: 'flag', detail: '--protocol quic on the command line of cloudflared pid 30876' };
    const f = checkLog(value, 'quic-udp-blocked.log');
    assert.equal(f.status, 'unknown');
    assert.deepEqual(reasonKeys(f, 'seen'), ['cloudflared-start.transport.told-quic-failing']);
  });

  it('passes a QUIC start once a registration shows QUIC working', () => {
    const text = recording('icmp-proxy-working.log');
    // The stand-in edge never answers, so no recording has the line; a real edge's follows the start.
    const registered = `${text.trimEnd()}\n2026-12-04T15:56:47Z INF Registered tunnel connection connIndex=0 connection=0b5e2a1c-6a5e-4a48-9a68-3b2f8c1d2e3f event=0 ip=198.41.192.7 location=nrt01 protocol=quic\n`;
    const f = checkLog(logOf('icmp-proxy-working.log', registered), 'icmp-proxy-working.log');
    assert.equal(f.status, 'pass');
    assert.deepEqual(reasonKeys(f, 'reasons'), ['tunnel-transport.registered-quic']);
  });

  it('still fails on the fallback after QUIC dials failed (auto-udp-blocked-3edges)', () => {
    const f = checkLog(logOf('auto-udp-blocked-3edges.log'), 'auto-udp-blocked-3edges.log');
    assert.equal(f.status, 'fail');
    assert.deepEqual(reasonKeys(f, 'reasons'), ['tunnel-transport.fell-back']);
  });

  it('says the start of the run is missing from rotated files, and what to do', () => {
    const rotated = readdirSync(RECORDINGS_DIR).filter((name) => name.startsWith('quic-udp-output-eperm-logdir.logdir.')).sort();
    const f = checkLog(logOf('rotated', rotated.map(recording).join('')), 'cloudflared.log (rotated)');
    assert.equal(f.status, 'unknown');
    assert.equal(f.reason?.params?.['startMissing'], true);
    assert.ok(f.evidence.some((e) => e.message?.key === 'cloudflared-start.run-start-missing'));
    assert.match(renderMessage(f.reason!, 'en'), /journalctl -u cloudflared/);
  });

  it('keeps an unknown summary short: at most three sources, then how many more', () => {
    // (The gatherer's own source lines are still English; paths alone keep the Japanese check about this check's words.)
    const sources = Array.from({ length: 10 }, (_, i) => `/etc/cloudflared/config-${i}.yml`);
    const gathered = cloudflared({ sources });
    if (!gathered.ok) assert.fail();
    const f = checkLog(gathered.value, 'cloudflared');
    assert.equal(f.status, 'unknown');
    const looked = f.reason?.params?.['looked'] as ReadonlyArray<string | Message>;
    assert.equal(looked.length, 4);
    assert.deepEqual(looked[3], { key: 'cloudflared-start.more', params: { count: 7 } });
    assert.ok(renderMessage(f.reason!, 'en').length < 800, renderMessage(f.reason!, 'en'));
  });

  it('says every finding above in Japanese with no English prose', () => {
    assert.ok(produced.length >= 8);
    for (const f of produced) assertFindingHasNoEnglishProse(inJapaneseOwnWordsOnly(f));
  });
});
