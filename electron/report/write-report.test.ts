// writeReport against the real file system: formats, atomic replacement, and real failures —
// a missing directory, a directory as the target, a directory the user may not write to, a
// read-only mount and a file-size limit hit mid-write — each leaving the old file intact and
// no temp file behind.

import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { chmod, chown, mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import type { Report } from '../../contract/report';
import { renderMessage } from '../../renderer/i18n/messages/render';
import { englishProse } from '../../test-support/i18n/english-prose';
import { buildReport } from './build-report';
import { escapeHtml } from './html-text';
import { renderHtml } from './render-html';
import { renderJson } from './render-json';
import { renderMarkdown } from './render-markdown';
import { mixedProbes } from '../../test-support/report/sample-probes';
import { makeApiToken, makeTunnelToken, sampleReportInput } from '../../test-support/report/sample-report';
import { writeReport, type WriteReportResult } from './write-report';

const REPO_ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const WORKER = join(REPO_ROOT, 'test-support', 'report', 'write-report-worker.ts');
const IS_ROOT = process.getuid?.() === 0;
const OLD_CONTENT = 'the previous report, which must survive a failed write\n';

/** Runs the worker under `prefix` (setpriv, prlimit, unshare …) and returns its Result. */
function runWorker(prefix: readonly string[], target: string, report: Report): Promise<WriteReportResult> {
  return new Promise((resolve, reject) => {
    const argv = [...prefix, process.execPath, '--import', 'tsx', WORKER, target];
    const child = execFile(argv[0]!, argv.slice(1), { cwd: REPO_ROOT, timeout: 60_000, env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: '/tmp' } }, (error, stdout, stderr) => {
      const line = stdout.trim().split('\n').at(-1) ?? '';
      try {
        resolve(JSON.parse(line) as WriteReportResult);
      } catch {
        reject(new Error(`worker printed no result (${error?.message ?? 'exit 0'}):\n${stderr}`));
      }
    });
    child.stdin?.end(JSON.stringify(report));
  });
}

describe('writeReport', () => {
  let base: string;
  let dirCount = 0;
  const secrets = { apiToken: makeApiToken(), tunnelToken: makeTunnelToken() };
  const probes = mixedProbes();
  const report = buildReport(sampleReportInput({ secrets, target: '10.200.9.1', echo: probes.slice(0, 3), transparency: probes.slice(3) }));

  /** A fresh directory per test, so "nothing else is in it" is checkable. */
  async function freshDir(): Promise<string> {
    dirCount += 1;
    const dir = join(base, `t${dirCount}`);
    await mkdir(dir);
    return dir;
  }

  before(async () => {
    base = await mkdtemp(join(tmpdir(), 'icd-report-'));
  });
  after(async () => {
    await rm(base, { recursive: true, force: true });
  });

  it('picks the renderer from the extension and reports the absolute path and size', async () => {
    const dir = await freshDir();
    const cases: Array<[string, (r: Report) => string]> = [
      ['r.json', renderJson],
      ['r.html', renderHtml],
      ['R.HTM', renderHtml],
      ['r.md', renderMarkdown],
    ];
    for (const [name, render] of cases) {
      const result = await writeReport({ report, path: join(dir, name) });
      assert.ok(result.ok, result.ok ? '' : result.message);
      const written = await readFile(join(dir, name), 'utf8');
      assert.equal(written, render(report));
      assert.deepEqual(result.value, { path: join(dir, name), bytes: Buffer.byteLength(written) });
      assert.ok(!written.includes(secrets.apiToken) && !written.includes(secrets.tunnelToken), `${name} leaks a token`);
    }
    assert.deepEqual((await readdir(dir)).sort(), ['R.HTM', 'r.html', 'r.json', 'r.md']);
  });

  it('takes an explicit format over the extension', async () => {
    const dir = await freshDir();
    const result = await writeReport({ report, path: join(dir, 'report.txt'), format: 'md' });
    assert.ok(result.ok);
    assert.equal(await readFile(join(dir, 'report.txt'), 'utf8'), renderMarkdown(report));
  });

  it('refuses unknown formats with BAD_FORMAT naming the accepted ones, and writes nothing', async () => {
    const dir = await freshDir();
    const txt = await writeReport({ report, path: join(dir, 'report.txt') });
    assert.equal(txt.ok, false);
    assert.equal(!txt.ok && txt.code, 'BAD_FORMAT');
    assert.match(!txt.ok ? txt.message : '', /"\.txt".*\.json, \.html, \.htm, \.md/);
    const none = await writeReport({ report, path: join(dir, 'report') });
    assert.match(!none.ok ? `${none.code} ${none.message}` : '', /^BAD_FORMAT .*no extension.*\.json, \.html, \.htm, \.md/);
    const pdf = await writeReport({ report, path: join(dir, 'r.json'), format: 'pdf' as 'json' });
    assert.match(!pdf.ok ? `${pdf.code} ${pdf.message}` : '', /^BAD_FORMAT Unknown report format "pdf": use one of json, html, md/);
    assert.deepEqual(await readdir(dir), []);
  });

  it('fails with WRITE_FAILED when the directory does not exist, creating nothing', async () => {
    const dir = await freshDir();
    const target = join(dir, 'missing', 'report.html');
    const result = await writeReport({ report, path: target });
    assert.equal(result.ok, false);
    assert.equal(!result.ok && result.code, 'WRITE_FAILED');
    assert.ok(!result.ok && result.message.includes(`the directory ${join(dir, 'missing')} does not exist`));
    assert.match(!result.ok ? result.message : '', /ENOENT/);
    assert.deepEqual(await readdir(dir), []);
  });

  it('fails with WRITE_FAILED when the path is a directory, leaving it alone', async () => {
    const dir = await freshDir();
    await mkdir(join(dir, 'out.html'));
    await writeFile(join(dir, 'out.html', 'keep'), 'x');
    const result = await writeReport({ report, path: join(dir, 'out.html') });
    assert.match(!result.ok ? `${result.code} ${result.message}` : '', /^WRITE_FAILED .*out\.html: it is a directory/);
    assert.deepEqual(await readdir(dir), ['out.html']);
    assert.deepEqual(await readdir(join(dir, 'out.html')), ['keep']);
  });

  it('writes a legal name of many multi-byte characters (the temp name stays within NAME_MAX)', async () => {
    const dir = await freshDir();
    const name = `${'報'.repeat(80)}.json`; // 245 bytes: legal, but a 100-character cut of it as a temp name is not
    const result = await writeReport({ report, path: join(dir, name) });
    assert.ok(result.ok, result.ok ? '' : result.message);
    assert.deepEqual(await readdir(dir), [name]);
  });

  it('refuses a path ending in "/" (a directory is meant), creating nothing', async () => {
    const dir = await freshDir();
    const result = await writeReport({ report, path: `${join(dir, 'r.json')}/` });
    assert.ok(!result.ok);
    assert.match(result.message, /ends in "\/", so it names a directory/);
    assert.deepEqual(await readdir(dir), []);
  });

  it('rejects an empty path or one with a NUL byte with a clear message', async () => {
    assert.match(JSON.stringify(await writeReport({ report, path: '' })), /WRITE_FAILED.*no file path/);
    assert.match(JSON.stringify(await writeReport({ report, path: 'a\0b.json' })), /WRITE_FAILED.*NUL/);
  });

  it('a malformed report (from an untrusted caller) fails as WRITE_FAILED, not a throw', async () => {
    const dir = await freshDir();
    const result = await writeReport({ report: { schema: 'icmp-doctor/report@1' } as Report, path: join(dir, 'r.html') });
    assert.match(!result.ok ? `${result.code} ${result.message}` : '', /^WRITE_FAILED .*could not be rendered/);
    assert.deepEqual(await readdir(dir), []);
  });

  it('replaces an existing file whole, keeps its permissions, and leaves no temp file', async () => {
    const dir = await freshDir();
    const target = join(dir, 'report.md');
    await writeFile(target, OLD_CONTENT, { mode: 0o600 });
    await chmod(target, 0o600);
    const result = await writeReport({ report, path: target });
    assert.ok(result.ok);
    assert.equal(await readFile(target, 'utf8'), renderMarkdown(report));
    assert.equal((await stat(target)).mode & 0o777, 0o600);
    assert.deepEqual(await readdir(dir), ['report.md']);
  });

  it('keeps an existing mode exactly, whatever the umask (0666, 0664, 0640 under umask 022)', async () => {
    const dir = await freshDir();
    const previous = process.umask(0o022);
    try {
      for (const mode of [0o666, 0o664, 0o640]) {
        const target = join(dir, `mode-${mode.toString(8)}.json`);
        await writeFile(target, OLD_CONTENT);
        await chmod(target, mode);
        assert.ok((await writeReport({ report, path: target })).ok);
        assert.equal((await stat(target)).mode & 0o777, mode, mode.toString(8));
      }
    } finally {
      process.umask(previous);
    }
  });

  it('as root, keeps the owner of an existing report', { skip: !IS_ROOT && 'needs root to give files away' }, async () => {
    const dir = await freshDir();
    const target = join(dir, 'theirs.md');
    await writeFile(target, OLD_CONTENT);
    await chown(target, 65534, 65534);
    assert.ok((await writeReport({ report, path: target })).ok);
    const info = await stat(target);
    assert.deepEqual([info.uid, info.gid], [65534, 65534]);
    assert.equal(await readFile(target, 'utf8'), renderMarkdown(report));
  });

  it('two writers at once: the file ends up as one complete version, never a mix', async () => {
    const dir = await freshDir();
    const target = join(dir, 'report.json');
    const other = { ...report, createdAt: '2030-01-01T00:00:00.000Z' };
    const results = await Promise.all([writeReport({ report, path: target }), writeReport({ report: other, path: target })]);
    assert.ok(results.every((r) => r.ok));
    const final = await readFile(target, 'utf8');
    assert.ok(final === renderJson(report) || final === renderJson(other));
    assert.deepEqual(await readdir(dir), ['report.json']);
  });

  it('a write that fails midway (file-size limit, EFBIG) leaves the old file and no temp file', { skip: process.platform !== 'linux' && 'needs prlimit (Linux)' }, async () => {
    const dir = await freshDir();
    const target = join(dir, 'report.html');
    await writeFile(target, OLD_CONTENT);
    assert.ok(renderHtml(report).length > 4096, 'precondition: the report is larger than the limit');
    const result = await runWorker(['prlimit', '--fsize=4096', '--'], target, report);
    assert.equal(result.ok, false);
    assert.match(!result.ok ? `${result.code} ${result.message}` : '', /^WRITE_FAILED .*file size limit.*EFBIG/);
    assert.equal(await readFile(target, 'utf8'), OLD_CONTENT);
    assert.deepEqual(await readdir(dir), ['report.html']);
  });

  it('a directory the user may not write to: WRITE_FAILED (EACCES), old file intact', async () => {
    const dir = await freshDir();
    const target = join(dir, 'report.json');
    await writeFile(target, OLD_CONTENT, { mode: 0o644 });
    let result: WriteReportResult;
    if (IS_ROOT) {
      // Root ignores directory permissions; run the write as nobody (65534), with no capabilities.
      await chmod(base, 0o755);
      await chmod(dir, 0o755);
      result = await runWorker(['setpriv', '--reuid=65534', '--regid=65534', '--clear-groups', '--no-new-privs', '--', 'env', '--'], target, report);
    } else {
      await chmod(dir, 0o555);
      result = await writeReport({ report, path: target });
      await chmod(dir, 0o755);
    }
    assert.equal(result.ok, false);
    assert.match(!result.ok ? `${result.code} ${result.message}` : '', /^WRITE_FAILED .*no permission to create files in .*EACCES/);
    assert.equal(await readFile(target, 'utf8'), OLD_CONTENT);
    assert.deepEqual(await readdir(dir), ['report.json']);
  });

  it('a read-only file system: WRITE_FAILED (EROFS), old file intact', { skip: !IS_ROOT && 'needs root for a private read-only mount' }, async () => {
    const dir = await freshDir();
    const target = join(dir, 'report.md');
    await writeFile(target, OLD_CONTENT);
    // A read-only bind mount of `dir` in a private mount namespace: the host's mounts are untouched.
    const readOnly = ['unshare', '--mount', '--propagation', 'private', '--', 'sh', '-c', 'mount --bind "$0" "$0" && mount -o remount,ro,bind "$0" && exec "$@"', dir];
    const result = await runWorker(readOnly, target, report);
    assert.match(!result.ok ? `${result.code} ${result.message}` : '', /^WRITE_FAILED .*read-only file system.*EROFS/);
    assert.equal(await readFile(target, 'utf8'), OLD_CONTENT);
    assert.deepEqual(await readdir(dir), ['report.md']);
  });
  it('lang: the file is said in the requested language, and so is a failure', async () => {
    const dir = await freshDir();
    assert.equal(report.lang, 'en');
    const written = await writeReport({ report, path: join(dir, 'r.html'), lang: 'ja' });
    assert.ok(written.ok, written.ok ? '' : written.message);
    const html = await readFile(join(dir, 'r.html'), 'utf8');
    assert.match(html, /^<!doctype html>\n<html lang="ja">/);
    assert.ok(html.includes(escapeHtml(renderMessage({ key: 'finding.title.path-mtu' }, 'ja'))));
    // A language it does not speak (the request crossed IPC) falls back to the report's own.
    assert.ok((await writeReport({ report, path: join(dir, 'r.md'), lang: 'xx' as 'en' })).ok);
    assert.match(await readFile(join(dir, 'r.md'), 'utf8'), /^# ICMP Doctor report\n/);

    for (const path of [join(dir, 'missing', 'r.json'), '', `${join(dir, 'r.json')}/`, join(dir, 'r.txt')]) {
      const failed = await writeReport({ report, path, lang: 'ja' });
      assert.ok(!failed.ok, path);
      assert.match(failed.message, /[\u3040-\u30ff]/, failed.message);
      assert.deepEqual(englishProse(failed.message), [], failed.message);
    }
    const missing = await writeReport({ report, path: join(dir, 'missing', 'r.json'), lang: 'ja' });
    assert.ok(!missing.ok && missing.message.includes(`ディレクトリ ${join(dir, 'missing')} がありません`), JSON.stringify(missing));
    assert.ok(!missing.ok && /「ENOENT: /.test(missing.message), 'the system\'s own words, quoted');
  });
});
