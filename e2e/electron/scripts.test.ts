// `npm start` and `npm run dist` where Electron's runtime is missing: each stops at once
// with one clear paragraph (what is missing, why, what to do, that the CLI works) and exit
// status 1 — no stack trace, no slow download attempt. The runtime is made "missing" the
// same way on every machine: ELECTRON_OVERRIDE_DIST_PATH points at an empty directory.

import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { REPO_ROOT } from '../support/worker';

describe('start and dist without an Electron runtime', () => {
  let empty: string;
  let environment: NodeJS.ProcessEnv;

  before(() => {
    empty = mkdtempSync(join(tmpdir(), 'icmp-doctor-no-electron-'));
    environment = { ...process.env, ELECTRON_OVERRIDE_DIST_PATH: empty, ELECTRON_CACHE: empty, ELECTRON_BUILDER_CACHE: empty };
    for (const name of ['ICMP_DOCTOR_ELECTRON_DIST', 'HTTPS_PROXY', 'https_proxy', 'ELECTRON_GET_USE_PROXY', 'ELECTRON_RUN_AS_NODE']) delete environment[name];
  });
  after(() => rmSync(empty, { recursive: true, force: true }));

  const run = (script: string, extraEnvironment: NodeJS.ProcessEnv = {}) =>
    spawnSync(process.execPath, [join(REPO_ROOT, 'build', script)], { cwd: REPO_ROOT, encoding: 'utf8', env: { ...environment, ...extraEnvironment } });

  it('locateElectron gives the reason the tests skip with', () => {
    const forced = spawnSync(
      process.execPath,
      ['--input-type=module', '-e', `import { locateElectron } from ${JSON.stringify(join(REPO_ROOT, 'build', 'electron-binary.mjs'))}; console.log(JSON.stringify(locateElectron()))`],
      { encoding: 'utf8', env: environment },
    );
    const result = JSON.parse(forced.stdout) as { ok: boolean; reason?: string };
    assert.equal(result.ok, false);
    assert.match(result.reason ?? '', /^Electron binary not installed: require\('electron'\) names ".*electron", which does not exist$/);
  });

  it('npm start explains in one paragraph and exits 1', () => {
    const result = run('start.mjs');
    assert.equal(result.status, 1);
    assert.equal(result.stdout, '');
    const lines = result.stderr.trimEnd().split('\n');
    assert.equal(lines.length, 1, result.stderr);
    assert.match(result.stderr, /^ICMP Doctor's desktop app cannot start here\. Electron binary not installed: /);
    assert.match(result.stderr, /allowScripts/);
    assert.match(result.stderr, /node node_modules\/electron\/install\.js/);
    assert.match(result.stderr, /npm run doctor -- check/);
    assert.doesNotMatch(result.stderr, /^\s+at /m, 'no stack trace');
  });

  it('npm run dist fails fast and says the runtime cannot be downloaded', () => {
    // A mirror under .invalid never resolves (RFC 6761), online or not.
    const result = run('dist.mjs', { ELECTRON_MIRROR: 'https://electron-mirror.invalid/electron/' });
    assert.equal(result.status, 1);
    assert.match(result.stderr, /^npm run dist: cannot package ICMP Doctor here: electron-builder needs the Electron [\d.]+ runtime \(electron-v[\d.]+-\w+-\w+\.zip\)/);
    assert.match(result.stderr, /electron-mirror\.invalid does not resolve/);
    assert.match(result.stderr, /ICMP_DOCTOR_ELECTRON_DIST/);
    assert.doesNotMatch(result.stderr, /^\s+at /m, 'no stack trace');
  });

  it('npm run dist refuses an ICMP_DOCTOR_ELECTRON_DIST that is not a directory', () => {
    const result = run('dist.mjs', { ICMP_DOCTOR_ELECTRON_DIST: join(empty, 'nope') });
    assert.equal(result.status, 1);
    assert.match(result.stderr, /ICMP_DOCTOR_ELECTRON_DIST=.*nope is not a directory/);
  });
});
