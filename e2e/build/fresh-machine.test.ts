// What a fresh machine needs to build and test ICMP Doctor, checked against what the project
// declares. The first round's CI passed only because its machine kept crates installed by
// hand: proptest's feature crates, which `.ci/run` never asked for. These tests hold the
// promise itself, whatever the machine they run on happens to have:
// - the addon's crate graph, tests included, resolves from a registry holding libc alone
//   (the one crate `.ci/run` installs and the README names);
// - every locked npm package supports every Node the project says it runs on, so the
//   documented Node installs without EBADENGINE warnings.

import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import semver from 'semver';
import { REPO_ROOT } from '../support/worker';

const DEBIAN_REGISTRY = '/usr/share/cargo/registry';

/** The Debian packages `.ci/run` installs (one `apt-get install` list, backslash-continued). */
function ciPackages(): string[] {
  const script = readFileSync(join(REPO_ROOT, '.ci', 'run'), 'utf8');
  const install = /apt-get install((?:[^\n]*\\\n)*[^\n]*)/.exec(script);
  assert.ok(install, '.ci/run has an apt-get install line');
  return install[1]!
    .replace(/\\\n/g, ' ')
    .split(/\s+/)
    .filter((word) => /^[a-z0-9][a-z0-9.+-]+$/.test(word));
}

describe('a fresh machine', () => {
  it('.ci/run installs libc and no other Rust crate, and the README names the same', () => {
    const crates = ciPackages().filter((name) => name.startsWith('librust-'));
    assert.deepEqual(crates, ['librust-libc-dev']);
    const readme = readFileSync(join(REPO_ROOT, 'README.md'), 'utf8');
    assert.match(readme, /apt-get install librust-libc-dev`/);
    assert.doesNotMatch(readme, /librust-(?!libc-dev)/);
  });

  it("the addon's crates, dev-dependencies included, resolve offline from a registry that holds libc alone", (t) => {
    const libc = existsSync(DEBIAN_REGISTRY) ? readdirSync(DEBIAN_REGISTRY).find((name) => name.startsWith('libc-')) : undefined;
    if (!libc) {
      t.skip(`no libc crate in ${DEBIAN_REGISTRY}: .ci/run installs it (librust-libc-dev)`);
      return;
    }
    const scratch = mkdtempSync(join(tmpdir(), 'icmp-doctor-crates-'));
    try {
      const registry = join(scratch, 'registry');
      mkdirSync(registry);
      symlinkSync(join(DEBIAN_REGISTRY, libc), join(registry, libc));
      const cargoHome = join(scratch, 'cargo-home');
      mkdirSync(cargoHome);
      writeFileSync(
        join(cargoHome, 'config.toml'),
        `[source.crates-io]\nreplace-with = "only-libc"\n[source.only-libc]\ndirectory = "${registry}"\n[net]\noffline = true\n`,
      );
      // The manifest alone, in a folder of its own: a Cargo.lock left by an earlier build in
      // native/ must not help, and the check must not write one there.
      const crate = join(scratch, 'crate');
      mkdirSync(join(crate, 'src'), { recursive: true });
      copyFileSync(join(REPO_ROOT, 'native', 'Cargo.toml'), join(crate, 'Cargo.toml'));
      writeFileSync(join(crate, 'src', 'lib.rs'), '');
      // `cargo metadata` resolves the whole graph, dev-dependencies too, as `cargo test` and
      // the app's `cargo build` both must.
      const result = spawnSync('cargo', ['metadata', '--format-version', '1', '--offline'], {
        cwd: crate,
        encoding: 'utf8',
        env: { ...process.env, CARGO_HOME: cargoHome, CARGO_TARGET_DIR: join(scratch, 'target') },
      });
      assert.equal(result.status, 0, result.stderr);
      const metadata = JSON.parse(result.stdout) as { packages: Array<{ name: string }> };
      assert.deepEqual(metadata.packages.map((p) => p.name).sort(), ['icmp-doctor-native', 'libc']);
    } finally {
      rmSync(scratch, { recursive: true, force: true });
    }
  });

  it('every locked npm package supports the oldest Node the project declares, and this one', () => {
    const manifest = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as { engines: { node: string } };
    const oldest = semver.minVersion(manifest.engines.node);
    assert.ok(oldest, `package.json engines.node ${manifest.engines.node} has a lowest version`);
    const readme = readFileSync(join(REPO_ROOT, 'README.md'), 'utf8');
    assert.ok(readme.includes(`Node.js ${oldest.major}.${oldest.minor}+`), `the README states Node.js ${oldest.major}.${oldest.minor}+`);
    const lock = JSON.parse(readFileSync(join(REPO_ROOT, 'package-lock.json'), 'utf8')) as {
      packages: Record<string, { engines?: { node?: string } | string[] }>;
    };
    const refusing: string[] = [];
    for (const [path, entry] of Object.entries(lock.packages)) {
      const wanted = !Array.isArray(entry.engines) ? entry.engines?.node : undefined;
      if (!wanted || path === '') continue;
      for (const version of [oldest.version, process.versions.node]) {
        if (!semver.satisfies(version, wanted)) refusing.push(`${path} wants node ${wanted}, not ${version}`);
      }
    }
    assert.deepEqual(refusing, []);
  });

  it('the lock fetches nothing but registry tarballs (no git or GitHub dependency)', () => {
    const lock = JSON.parse(readFileSync(join(REPO_ROOT, 'package-lock.json'), 'utf8')) as {
      packages: Record<string, { resolved?: string }>;
    };
    const elsewhere = Object.entries(lock.packages)
      .filter(([, entry]) => entry.resolved && !entry.resolved.startsWith('https://registry.npmjs.org/'))
      .map(([path, entry]) => `${path}: ${entry.resolved}`);
    assert.deepEqual(elsewhere, []);
  });
});
