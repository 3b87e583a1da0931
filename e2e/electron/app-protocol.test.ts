// The icmp-doctor:// handler serves the renderer bundle and nothing else: files under its
// root only, known types only, every response with the CSP; traversal and foreign URLs are
// refused. Real files in a scratch directory, the real fetch Response.

import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { APP_ENTRY_URL, isAppUrl } from '../../electron/main/app-origin';
import { resolveAppFile, serveAppRequest } from '../../electron/main/app-protocol';
import { CONTENT_SECURITY_POLICY } from '../../electron/main/window-security';

describe('the app protocol', () => {
  let scratch: string;
  let root: string;

  before(() => {
    scratch = mkdtempSync(join(tmpdir(), 'icmp-doctor-protocol-'));
    root = join(scratch, 'renderer');
    mkdirSync(join(root, 'assets'), { recursive: true });
    writeFileSync(join(root, 'index.html'), '<!doctype html><title>ICMP Doctor</title>');
    writeFileSync(join(root, 'main.js'), 'console.log(1)');
    writeFileSync(join(root, 'main.css'), 'body{}');
    writeFileSync(join(root, 'assets', 'logo.svg'), '<svg/>');
    writeFileSync(join(root, 'notes.sh'), 'echo no');
    writeFileSync(join(scratch, 'secret.txt'), 'outside the root');
    writeFileSync(join(scratch, 'secret.js'), 'outside the root');
  });
  after(() => rmSync(scratch, { recursive: true, force: true }));

  const get = (url: string, method = 'GET') => serveAppRequest({ url, method }, root);

  it('serves the entry page with its type, the CSP and nosniff', async () => {
    const response = await get(APP_ENTRY_URL);
    assert.equal(response.status, 200);
    assert.equal(response.headers.get('content-type'), 'text/html; charset=utf-8');
    assert.equal(response.headers.get('content-security-policy'), CONTENT_SECURITY_POLICY);
    assert.equal(response.headers.get('x-content-type-options'), 'nosniff');
    assert.equal(await response.text(), '<!doctype html><title>ICMP Doctor</title>');
  });

  it('serves the bundle by type, and "/" as index.html', async () => {
    const script = await get('icmp-doctor://app/main.js');
    assert.equal(script.headers.get('content-type'), 'text/javascript; charset=utf-8');
    assert.equal(await script.text(), 'console.log(1)');
    assert.equal((await get('icmp-doctor://app/main.css')).headers.get('content-type'), 'text/css; charset=utf-8');
    assert.equal((await get('icmp-doctor://app/assets/logo.svg')).headers.get('content-type'), 'image/svg+xml');
    assert.equal(await (await get('icmp-doctor://app/')).text(), '<!doctype html><title>ICMP Doctor</title>');
    assert.equal(await (await get('icmp-doctor://app/main.js?v=1#x')).text(), 'console.log(1)');
  });

  it('HEAD answers without a body; other methods are refused', async () => {
    const head = await get(APP_ENTRY_URL, 'HEAD');
    assert.equal(head.status, 200);
    assert.equal(await head.text(), '');
    const post = await get(APP_ENTRY_URL, 'POST');
    assert.equal(post.status, 405);
    assert.equal(post.headers.get('content-security-policy'), CONTENT_SECURITY_POLICY);
  });

  it('never serves a file outside the root, however the path is spelled', async () => {
    const attempts = [
      'icmp-doctor://app/../secret.txt',
      'icmp-doctor://app/%2e%2e/secret.js',
      'icmp-doctor://app/..%2fsecret.js',
      'icmp-doctor://app/assets/..%2f..%2fsecret.js',
      'icmp-doctor://app/..%5csecret.js',
      'icmp-doctor://app/%2e%2e%2f%2e%2e%2fsecret.js',
      'icmp-doctor://app/assets%00/../../secret.js',
      `icmp-doctor://app/${encodeURIComponent(join(scratch, 'secret.js'))}`,
    ];
    for (const url of attempts) {
      const response = await get(url);
      assert.ok([400, 403, 404].includes(response.status), `${url} → ${response.status}`);
      assert.doesNotMatch(await response.text(), /outside the root/, url);
    }
    const malformed = resolveAppFile('icmp-doctor://app/..%2fsecret.js', root);
    assert.deepEqual(malformed.ok ? null : malformed.status, 400);
  });

  it('refuses other schemes and hosts, unknown file types and missing files', async () => {
    assert.equal((await get('icmp-doctor://evil/index.html')).status, 403);
    assert.equal((await get('icmp-doctor://app:8080/index.html')).status, 403);
    assert.equal((await get('icmp-doctor://user@app/index.html')).status, 403);
    assert.equal((await get('file:///etc/passwd')).status, 403);
    assert.equal((await get('https://app/index.html')).status, 403);
    assert.equal((await get('icmp-doctor://app/notes.sh')).status, 404);
    assert.equal((await get('icmp-doctor://app/missing.js')).status, 404);
    assert.equal((await get('icmp-doctor://app/assets.js')).status, 404);
  });

  it('isAppUrl accepts only our origin', () => {
    assert.equal(isAppUrl('icmp-doctor://app/index.html'), true);
    assert.equal(isAppUrl('icmp-doctor://APP/index.html'), true);
    for (const url of ['icmp-doctor://app.evil/index.html', 'icmp-doctor://evil/', 'file:///app/index.html', 'about:blank', 'not a url', '']) {
      assert.equal(isAppUrl(url), false, url);
    }
  });
});
