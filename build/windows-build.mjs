#!/usr/bin/env node
// Cross-builds the addon for Windows x64 on Linux: native/icmp-doctor.win32-x64-gnu.node, the
// name electron/native/addon.ts loads on win32 (and build/electron-builder.yml ships in nsis).
//
// The toolchain is Debian's, not rustup's: rustc 1.63 + libstd-rust-dev-windows (the standard
// library for x86_64-pc-windows-gnu) + gcc-mingw-w64-x86-64 (the linker). It is called by
// absolute path (/usr/bin/cargo with RUSTC=/usr/bin/rustc) so it never shadows the rustup
// toolchain that builds the Linux addon, and the crates come from Debian's registry through a
// private CARGO_HOME (as build/native-build.mjs does offline). The crate stays within Rust
// 1.63 for this (native/Cargo.toml's rust-version).
//
// The Node-API functions are looked up in the host executable at run time (ffi/napi/sys.rs),
// so the DLL imports only system DLLs. Release profile without LTO: a build takes seconds,
// not minutes, and the code is the same.

import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const nativeDir = join(root, 'native');
const TARGET = 'x86_64-pc-windows-gnu';
const CARGO = '/usr/bin/cargo';
const RUSTC = '/usr/bin/rustc';
const LINKER = 'x86_64-w64-mingw32-gcc';
const DEBIAN_REGISTRY = '/usr/share/cargo/registry';
export const WINDOWS_ADDON = join(nativeDir, 'icmp-doctor.win32-x64-gnu.node');

function fail(message) {
  console.error(`windows build: ${message}`);
  process.exit(1);
}

/** What is missing from the Debian toolchain, as the packages that provide it. */
function missingPackages() {
  const missing = [];
  if (!existsSync(CARGO)) missing.push('cargo');
  if (!existsSync(RUSTC)) missing.push('rustc');
  if (!existsSync(`/usr/lib/rustlib/${TARGET}/lib`)) missing.push('libstd-rust-dev-windows');
  if (spawnSync(LINKER, ['--version']).status !== 0) missing.push('gcc-mingw-w64-x86-64');
  if (!existsSync(DEBIAN_REGISTRY) || spawnSync('sh', ['-c', `ls -d ${DEBIAN_REGISTRY}/libc-*`]).status !== 0) {
    missing.push('librust-libc-dev');
  }
  return missing;
}

function cargoHome() {
  const home = join(nativeDir, 'target', 'cargo-home-windows');
  mkdirSync(home, { recursive: true });
  writeFileSync(
    join(home, 'config.toml'),
    [
      '# Written by build/windows-build.mjs: Debian-packaged crates, the MinGW linker, no network.',
      '[source.crates-io]',
      'replace-with = "debian"',
      '[source.debian]',
      `directory = "${DEBIAN_REGISTRY}"`,
      '[net]',
      'offline = true',
      `[target.${TARGET}]`,
      `linker = "${LINKER}"`,
      '',
    ].join('\n'),
  );
  return home;
}

const missing = missingPackages();
if (missing.length > 0) {
  fail(`Debian's Windows cross toolchain is incomplete. Install it: sudo apt-get install -y ${missing.join(' ')}`);
}
const started = Date.now();
const env = {
  ...process.env,
  CARGO_HOME: cargoHome(),
  RUSTC,
  CARGO_PROFILE_RELEASE_LTO: 'false',
  CARGO_PROFILE_RELEASE_CODEGEN_UNITS: '16',
  CARGO_PROFILE_RELEASE_STRIP: 'true',
};
const targetDir = join(nativeDir, 'target', 'windows');
// Each cargo writes Cargo.lock in its own format: rustup's (lock version 4, from the Linux
// build) is one Debian's 1.63 cannot parse. The lock is not committed (libc is the only
// crate), so each toolchain keeps its own: rustup's is set aside during this build and put back.
const lock = join(nativeDir, 'Cargo.lock');
const rustupLock = join(nativeDir, 'target', 'Cargo.lock.rustup');
const debianLock = join(nativeDir, 'target', 'Cargo.lock.debian');
mkdirSync(join(nativeDir, 'target'), { recursive: true });
if (existsSync(lock)) renameSync(lock, rustupLock);
if (existsSync(debianLock)) renameSync(debianLock, lock);
let result;
try {
  result = spawnSync(CARGO, ['build', '--release', '--lib', '--quiet', '--target', TARGET, '--target-dir', targetDir], {
    cwd: nativeDir,
    env,
    stdio: 'inherit',
  });
} finally {
  if (existsSync(lock)) renameSync(lock, debianLock);
  if (existsSync(rustupLock)) renameSync(rustupLock, lock);
}
if (result.error) fail(`could not run ${CARGO}: ${result.error.message}`);
if (result.status !== 0) process.exit(result.status ?? 1);
const built = join(targetDir, TARGET, 'release', 'icmp_doctor_native.dll');
// Copy, then rename: a reader never sees half a file.
const staging = `${WINDOWS_ADDON}.tmp-${process.pid}`;
copyFileSync(built, staging);
renameSync(staging, WINDOWS_ADDON);
const size = (statSync(WINDOWS_ADDON).size / 1e6).toFixed(1);
console.log(`windows build: ${WINDOWS_ADDON} (${size} MB, ${((Date.now() - started) / 1000).toFixed(1)} s)`);
