// readCloudflaredLogFile on real files: both log formats, a 100 MB log, binary garbage, a file
// without line breaks, and things that are not files (a FIFO must not hang the read).

import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { after, before, describe, it } from 'node:test';
import { readCloudflaredLogFile, type LogReadOutcome } from './read-log-file';
import { consoleLine, consoleRun, jsonRun } from '../../../../test-support/cloudflared/cloudflared-lines';

type Read = Extract<LogReadOutcome, { ok: true }>;

function read(outcome: LogReadOutcome): Read {
  if (!outcome.ok) assert.fail(`expected a log, got ${outcome.code}: ${outcome.message}`);
  return outcome;
}

describe('readCloudflaredLogFile', () => {
  let dir: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'icd-cf-log-'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('reads a console log and a JSON log with file line numbers', async () => {
    const consoleLines = consoleRun({ gidOutside: { gid: 0, low: 1, high: 0 }, fallback: true, connections: 2 });
    const jsonLines = jsonRun({ fallback: true, connections: 2 });
    for (const [name, lines] of [['console.log', consoleLines], ['json.log', jsonLines]] as const) {
      const path = join(dir, name);
      writeFileSync(path, `${lines.join('\n')}\n`);
      const { scan, description } = read(await readCloudflaredLogFile(path));
      assert.equal(scan.fallbackToHttp2?.line, lines.findIndex((line) => line.includes('Switching to fallback')) + 1, name);
      assert.deepEqual(scan.registered.map((r) => [r.transport, r.evidence.line]), [['http2', lines.length - 1], ['http2', lines.length]], name);
      assert.deepEqual(description, {
        key: 'source.cloudflared.log-read',
        params: { name: path, lines: lines.length, firstLine: 1, tail: null, total: null, numbered: true, runs: 1, lastStart: 1 },
      });
    }
  });

  it('reads the last 50 MB of a 100 MB log, still finds the last registration, and counts the lines it skipped', async () => {
    const path = join(dir, 'big.log');
    const early = consoleRun({ gidOutside: { gid: 0, low: 1, high: 0 }, fallback: true, connections: 4, minute: 1 });
    const last = consoleRun({ connections: 4, minute: 59 });
    const filler = `${consoleLine('2024-10-13T09:40:00Z', 'debug', 'Serve tunnel error', { connIndex: 2, error: 'context canceled', event: 0, ip: '198.41.192.229' })}\n`;
    const fillerLines = Math.ceil((100 * 1024 * 1024) / filler.length);
    const handle = await open(path, 'w');
    await handle.write(`${early.join('\n')}\n`);
    const block = Buffer.from(filler.repeat(10_000));
    for (let written = 0; written < fillerLines; written += 10_000) await handle.write(block);
    const writtenFiller = Math.ceil(fillerLines / 10_000) * 10_000;
    await handle.write(`${last.join('\n')}\n`);
    await handle.close();
    const totalLines = early.length + writtenFiller + last.length;

    const { scan, description } = read(await readCloudflaredLogFile(path));
    // The early run (GID warning, fallback) is beyond the window; the last run is all that counts.
    assert.equal(scan.gidOutsideRange, null);
    assert.equal(scan.fallbackToHttp2, null);
    assert.deepEqual(scan.registered.map((r) => r.transport), ['quic', 'quic', 'quic', 'quic']);
    assert.equal(scan.registered.at(-1)?.evidence.line, totalLines);
    assert.equal(description.key, 'source.cloudflared.log-read');
    assert.equal(description.params?.['tail'], '50 MB');
    assert.equal(description.params?.['total'], '100 MB');
    assert.ok(Number(description.params?.['firstLine']) > early.length, JSON.stringify(description.params));
  });

  it('says random bytes are not a cloudflared log', async () => {
    const path = join(dir, 'garbage.bin');
    writeFileSync(path, randomBytes(2 * 1024 * 1024));
    const outcome = await readCloudflaredLogFile(path);
    assert.equal(outcome.ok, false);
    if (outcome.ok) return;
    assert.equal(outcome.code, 'UNPARSEABLE');
    assert.match(outcome.message, /garbage\.bin does not look like a cloudflared log: it looks like binary data/);
  });

  it('says a gzipped log must be decompressed first', async () => {
    const path = join(dir, 'cloudflared.log.1.gz');
    writeFileSync(path, gzipSync(Buffer.from(`${consoleRun().join('\n')}\n`)));
    const outcome = await readCloudflaredLogFile(path);
    assert.deepEqual(outcome.ok ? null : [outcome.code, outcome.message], ['UNPARSEABLE', `${path} is gzip-compressed: decompress it first (zcat ${path} > cloudflared.log).`]);
    assert.deepEqual(outcome.ok ? null : outcome.reason, { key: 'gather.log.gzip', params: { path } });
  });

  it('says a file whose window holds no line break is not a text log', async () => {
    const path = join(dir, 'one-line.bin');
    writeFileSync(path, Buffer.alloc(3 * 1024 * 1024, 0x41));
    const outcome = await readCloudflaredLogFile(path, { tailBytes: 1024 * 1024 });
    assert.deepEqual(outcome.ok ? null : [outcome.code, /hold no line break/.test(outcome.message)], ['UNPARSEABLE', true]);
  });

  it('refuses a named pipe instead of waiting on it forever', async () => {
    const path = join(dir, 'pipe');
    execFileSync('mkfifo', [path]);
    const outcome = await readCloudflaredLogFile(path);
    assert.deepEqual(outcome.ok ? null : [outcome.code, outcome.message], ['UNPARSEABLE', `${path} is a named pipe, not a log file; give the path of cloudflared's log file.`]);
  });

  it('says a missing file is not found and a directory is not a log', async () => {
    const missing = await readCloudflaredLogFile(join(dir, 'nope.log'));
    assert.deepEqual(missing.ok ? null : [missing.code, missing.message], ['NOT_FOUND', `cloudflared log ${join(dir, 'nope.log')} does not exist.`]);
    const directory = await readCloudflaredLogFile(dir);
    assert.equal(directory.ok ? null : directory.code, 'UNPARSEABLE');
  });

  it('stops when cancelled', async () => {
    const path = join(dir, 'cancel.log');
    writeFileSync(path, `${consoleRun().join('\n')}\n`);
    const controller = new AbortController();
    controller.abort();
    const outcome = await readCloudflaredLogFile(path, { signal: controller.signal });
    assert.equal(outcome.ok ? null : outcome.code, 'CANCELLED');
  });
});
