// connector-gid-range from what a real cloudflared 2023.7.3 logs at start and what /proc showed
// of it (e2e/evidence/cloudflared/recordings/2023.7.3/: NAME.log, NAME.proc.json, manifest.json).

import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { describe, it } from 'node:test';
import type { CloudflaredEvidence, ConnectorProcess, Evidence } from '../../../contract/evidence';
import type { Finding } from '../../../contract/findings';
import type { Message } from '../../../contract/message';
import { parseCloudflaredLog } from '../../../electron/core/evidence/cloudflared/parse-log';
import { lineNumberOf, RECORDINGS_DIR, recording } from '../../../test-support/recordings/cloudflared-2023.7.3';
import { assertFindingHasNoEnglishProse } from '../../../test-support/i18n/english-prose';
import { localizeFinding } from '../../i18n/messages/render';
import { inJapaneseOwnWordsOnly } from '../../../test-support/i18n/finding-messages';
import { connector, connectors, evidence, gathered, inputs } from '../../../test-support/checks/evidence';
import { checkConnectorGidRange } from './connector-gid-range';

const cloudflare = inputs({ product: 'cloudflare' });
const produced: Finding[] = [];

interface Manifest {
  recordings: Array<{ name: string; ping_group_range: string }>;
}
const manifest = JSON.parse(recording('manifest.json')) as Manifest;

function logOf(file: string, text: string = recording(file)): CloudflaredEvidence {
  const parsed = parseCloudflaredLog(text, file);
  if (!parsed.ok) assert.fail(`${file}: ${parsed.message}`);
  return parsed.value;
}

/** The recorded /proc of the run, with the range the manifest says its namespace had. */
function processOf(name: string): ConnectorProcess {
  const proc = JSON.parse(recording(`${name}.proc.json`)) as { pid: number; cmdline: string[]; ruid: number; euid: number; suid: number; fsuid: number; rgid: number; egid: number; sgid: number; fsgid: number; groups: number[]; ns_net: string };
  const [low, high] = manifest.recordings.find((r) => r.name === name)!.ping_group_range.split('\t').map(Number);
  return connector({
    pid: proc.pid,
    command: proc.cmdline,
    uids: [proc.ruid, proc.euid, proc.suid, proc.fsuid],
    gids: [proc.rgid, proc.egid, proc.sgid, proc.fsgid],
    groups: proc.groups,
    netns: proc.ns_net,
    sameNetnsAsUs: false,
    pingGroupRange: gathered({ low: low!, high: high! }, `/proc/${proc.pid}/ns/net: net.ipv4.ping_group_range`),
  });
}

function check(logs: Array<[CloudflaredEvidence, string]>, process: ConnectorProcess | null = null): Finding {
  const e: Evidence = evidence((e) => {
    e.imported.cloudflaredLogs = logs.map(([value, source]) => ({ ok: true, value, source, at: '2026-12-04T16:00:00Z' }));
    if (process) e.connectors = connectors(process);
  });
  const f = checkConnectorGidRange(e, cloudflare);
  produced.push(f);
  return f;
}

function notes(f: Finding): Message[] {
  return (f.reason?.params?.['notes'] ?? []) as Message[];
}

describe('connector-gid-range on real cloudflared start lines', () => {
  it('passes on the ICMP proxy source lines when no GID warning and no "disabled" follow (icmp-proxy-working)', () => {
    const f = check([[logOf('icmp-proxy-working.log'), 'icmp-proxy-working.log']]);
    assert.equal(f.status, 'pass');
    assert.deepEqual(notes(f), [{ key: 'cloudflared-start.gid.proxy-working', params: { sources: ['10.77.0.1', 'fd77::1%v0'] } }]);
    const at = lineNumberOf(recording('icmp-proxy-working.log'), 'ICMP proxy will use 10.77.0.1');
    assert.deepEqual(f.evidence.map((e) => e.source), [`icmp-proxy-working.log, line ${at}`, `icmp-proxy-working.log, line ${at + 1}`]);
  });

  it('does not take the source lines as proof when the GID warning follows (gid-range-1-0-uid65532)', () => {
    const f = check([[logOf('gid-range-1-0-uid65532.log'), 'gid-range-1-0-uid65532.log']]);
    assert.equal(f.status, 'fail');
    assert.deepEqual(notes(f).map((n) => n.key), ['connector-gid.log.gid-outside']);
  });

  it('explains the signed parse of "0 4294967294" by version, not as a group outside the range (range-0-4294967294)', () => {
    const f = check([[logOf('range-0-4294967294.log'), 'range-0-4294967294.log']]);
    assert.equal(f.status, 'fail');
    assert.deepEqual(notes(f), [{ key: 'cloudflared-start.gid.signed-parse', params: { version: '2023.7.3' } }]);
    assert.match(f.evidence[0]?.detail ?? '', /failed to determine minimum ping group ID: strconv\.ParseInt: parsing \\"4294967294\\": value out of range/);
    // Every fix's range ends at 2147483647 at most.
    const ranges = f.remediation.flatMap((r) => [...(r.text ?? '').matchAll(/ping_group_range\s*=\s*"?(\d+)\s+(\d+)/g)].map((m) => Number(m[2])));
    assert.ok(ranges.length > 0, JSON.stringify(f.remediation.map((r) => r.text)));
    for (const high of ranges) assert.ok(high <= 2147483647, String(high));
  });

  it('judges real gid 65532 / effective gid 0 by the version\'s rule: 2023.7.3 checks the real gid (gid-real65532-egid0-range-0-0)', () => {
    const name = 'gid-real65532-egid0-range-0-0';
    const f = check([[logOf(`${name}.log`), `${name}.log`]], processOf(name));
    assert.equal(f.status, 'fail');
    const byVersion = notes(f).find((n) => n.key === 'cloudflared-start.gid.process-by-version');
    assert.deepEqual(byVersion?.params, { pid: 18262, version: '2023.7.3', checked: 'real', gid: 65532, other: 0, inside: false, quoted: { key: 'ping-range.quoted', params: { range: '0 0', empty: false } } });
    assert.ok(notes(f).every((n) => n.key !== 'cloudflared-start.gid.contradiction'), 'with the version known, /proc and the log agree');
  });

  it('shows /proc and the log side by side when they disagree, the log deciding (the same run, pasted without its Version line)', () => {
    const name = 'gid-real65532-egid0-range-0-0';
    const lines = recording(`${name}.log`).split('\n');
    const fromProxy = lines.slice(lines.findIndex((l) => l.includes('ICMP proxy will use'))).join('\n');
    const f = check([[logOf(`${name}.log`, fromProxy), `${name}.middle.log`]], processOf(name));
    assert.equal(f.status, 'fail');
    const [both] = notes(f);
    assert.equal(both?.key, 'cloudflared-start.gid.contradiction');
    assert.equal((both?.params?.['proc'] as Message).key, 'connector-gid.process.inside');
    assert.equal((both?.params?.['log'] as Message).key, 'connector-gid.log.gid-outside');
    assert.ok(f.evidence.some((e) => /Group ID 65532 is not between ping group 0 to 0/.test(e.detail)));
    assert.ok(f.remediation.length > 0);
    // Which one is believed and why: the log's gid is the process's real gid, the rule of versions up to 2024.3.x.
    assert.deepEqual([both?.params?.['rule'], both?.params?.['gid'], both?.params?.['other']], ['real', 65532, 0]);
    // Both sides are cited: /proc (the command line with its gids, the range the manifest set in its namespace) and the log line.
    const procCite = f.evidence.find((e) => e.message?.key === 'connector-gid.process.cited');
    assert.deepEqual(procCite?.message?.params?.['gids'], [65532, 0, 0, 0]);
    assert.deepEqual(f.evidence.find((e) => e.message?.key === 'connector-gid.process.range-cited')?.message?.params, { range: '0 0', ownNetns: true });
    assert.match(localizeFinding(f, 'en').summary, /It names gid 65532, the process's real gid: cloudflared up to 2024\.3\.x checks its real gid/);
    assert.match(localizeFinding(f, 'ja').summary, /ログが示す gid 65532 はプロセスの実 gid です/);
  });

  it('says the run\'s start is missing from rotated files (quic-udp-output-eperm-logdir)', () => {
    const rotated = readdirSync(RECORDINGS_DIR).filter((name) => name.startsWith('quic-udp-output-eperm-logdir.logdir.')).sort();
    const f = check([[logOf('rotated', rotated.map(recording).join('')), 'cloudflared.log (rotated)']]);
    assert.equal(f.status, 'unknown');
    assert.deepEqual(notes(f).map((n) => n.key), ['cloudflared-start.run-start-missing']);
  });

  it('says every finding above in Japanese with no English prose', () => {
    assert.ok(produced.length >= 6);
    for (const f of produced) assertFindingHasNoEnglishProse(inJapaneseOwnWordsOnly(f));
  });
});
