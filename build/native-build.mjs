#!/usr/bin/env node
// Builds the Rust addon with cargo and installs it as native/icmp-doctor.<platform>-<arch>
// [-gnu].node, the name electron/native/addon.ts looks for (`--test` runs the crate's tests,
// rustfmt's check and clippy instead). Plain cargo: the addon's Node-API layer is our own,
// so nothing but a copy under the right name stands between cargo and Node.
//
// Normal machines fetch crates from crates.io. Where crates.io is unreachable (or
// ICMP_DOCTOR_CRATES=debian asks for it), cargo is pointed at Debian's packaged crates in
// /usr/share/cargo/registry through a private CARGO_HOME, so the user's own cargo
// configuration is never touched. ICMP_DOCTOR_CRATES=crates-io forces the normal path.
//
// `--fault-injection` builds the test-only variant (cargo feature `fault-injection`: system
// calls fail on request, `__testing` hooks) into native/target/fault-injection/, where the
// addon loader never looks; tests load it by path. Release builds never have the feature.

import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readdirSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const nativeDir = join(root, 'native');
const debianRegistry = '/usr/share/cargo/registry';
const testMode = process.argv.includes('--test');
const faultMode = process.argv.includes('--fault-injection');
/** Where the fault-injection build lands (e2e/native/faults.test.ts loads it from here). */
const FAULT_ADDON = join(nativeDir, 'target', 'fault-injection', 'icmp-doctor-fault-injection.node');

function fail(message) {
  console.error(`native build: ${message}`);
  process.exit(1);
}

function ensureCargo() {
  const probe = spawnSync('cargo', ['--version'], { encoding: 'utf8' });
  if (probe.error || probe.status !== 0) {
    fail(
      'the Rust toolchain (cargo) was not found on PATH. Install it from https://rustup.rs ' +
        "(or Debian's `apt-get install cargo`), then run `npm run build` again.",
    );
  }
}

async function cratesIoReachable() {
  try {
    const response = await fetch('https://index.crates.io/config.json', { signal: AbortSignal.timeout(4000) });
    return response.ok;
  } catch {
    return false;
  }
}

function debianCargoHome() {
  // The crate's only dependency, for the app and the tests alike (Cargo.toml says why).
  const available = existsSync(debianRegistry) ? readdirSync(debianRegistry) : [];
  if (!available.some((name) => name.startsWith('libc-'))) {
    fail(
      "crates.io is unreachable and Debian's crate registry lacks libc. " +
        'Install it: sudo apt-get install -y librust-libc-dev',
    );
  }
  const home = join(nativeDir, 'target', 'cargo-home-debian');
  mkdirSync(home, { recursive: true });
  writeFileSync(
    join(home, 'config.toml'),
    [
      '# Written by build/native-build.mjs: use Debian-packaged crates, never the network.',
      '[source.crates-io]',
      'replace-with = "debian"',
      '[source.debian]',
      `directory = "${debianRegistry}"`,
      '[net]',
      'offline = true',
      '',
    ].join('\n'),
  );
  return home;
}

async function cargoEnvironment() {
  const choice = process.env.ICMP_DOCTOR_CRATES ?? 'auto';
  if (!['auto', 'debian', 'crates-io'].includes(choice)) {
    fail(`ICMP_DOCTOR_CRATES must be auto, debian or crates-io, got ${JSON.stringify(choice)}`);
  }
  const useDebian = choice === 'debian' || (choice === 'auto' && !(await cratesIoReachable()));
  if (!useDebian) return { env: process.env, source: 'crates.io' };
  // Cargo's proxies from rustup find their toolchains through RUSTUP_HOME, which we keep.
  return { env: { ...process.env, CARGO_HOME: debianCargoHome() }, source: `Debian's registry (${debianRegistry})` };
}

function run(command, args, env) {
  const result = spawnSync(command, args, { cwd: nativeDir, env, stdio: 'inherit' });
  if (result.error) fail(`could not run ${command}: ${result.error.message}`);
  if (result.status !== 0) process.exit(result.status ?? 1);
}

/** The file name Node loads: `icmp-doctor.linux-x64-gnu.node` (`-musl` on musl libc). */
function addonFileName() {
  const platform = process.platform;
  const libc = platform === 'linux' ? (process.report?.getReport()?.header?.glibcVersionRuntime ? '-gnu' : '-musl') : '';
  return `icmp-doctor.${platform}-${process.arch}${libc}.node`;
}

/** What cargo calls the cdylib on this platform. */
function cargoLibraryName() {
  if (process.platform === 'win32') return 'icmp_doctor_native.dll';
  if (process.platform === 'darwin') return 'libicmp_doctor_native.dylib';
  return 'libicmp_doctor_native.so';
}

ensureCargo();
const { env, source } = await cargoEnvironment();
console.log(`native build: crates from ${source}`);
if (testMode) {
  run('cargo', ['fmt', '--check'], env);
  run('cargo', ['clippy', '--release', '--all-targets', '--quiet', '--', '-D', 'warnings'], env);
  // The test-only code too, in its own target directory (shared with --fault-injection).
  run('cargo', ['clippy', '--release', '--lib', '--quiet', '--features', 'fault-injection', '--target-dir', 'target/fault-injection', '--', '-D', 'warnings'], env);
  run('cargo', ['test', '--release', '--quiet'], env);
} else if (faultMode) {
  run('cargo', ['build', '--release', '--lib', '--quiet', '--features', 'fault-injection', '--target-dir', 'target/fault-injection'], env);
  const staging = `${FAULT_ADDON}.tmp-${process.pid}`;
  copyFileSync(join(nativeDir, 'target', 'fault-injection', 'release', cargoLibraryName()), staging);
  renameSync(staging, FAULT_ADDON);
  console.log(`native build: ${FAULT_ADDON} (fault injection: tests only)`);
} else {
  run('cargo', ['build', '--release', '--lib', '--quiet'], env);
  // Copy, then rename: a process that has the old addon loaded keeps its mapping intact.
  const target = join(nativeDir, addonFileName());
  const staging = `${target}.tmp-${process.pid}`;
  copyFileSync(join(nativeDir, 'target', 'release', cargoLibraryName()), staging);
  renameSync(staging, target);
  console.log(`native build: ${target}`);
}
