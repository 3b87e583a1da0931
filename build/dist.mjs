#!/usr/bin/env node
// `npm run dist`: packages the app with electron-builder (build/electron-builder.yml) —
// AppImage and deb on Linux, dmg on macOS, nsis on Windows; arguments after `--` go to
// electron-builder (`npm run dist -- --dir` for an unpacked app only). Before handing over,
// it checks what electron-builder would otherwise find out slowly: that the bundles and the
// addon exist, and that an Electron runtime to package is at hand or downloadable.

import { spawnSync } from 'node:child_process';
import { lookup } from 'node:dns/promises';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { electronVersion, locateElectron, ROOT } from './electron-binary.mjs';

const DNS_TIMEOUT_MS = 5000;

function stop(message) {
  process.stderr.write(`npm run dist: ${message}\n`);
  process.exit(1);
}

/** Where the Electron runtime comes from: a directory (electronDist), or null to download. */
async function electronSource(version) {
  const explicit = process.env.ICMP_DOCTOR_ELECTRON_DIST;
  if (explicit) {
    if (!existsSync(explicit) || !statSync(explicit).isDirectory()) stop(`ICMP_DOCTOR_ELECTRON_DIST=${explicit} is not a directory.`);
    return { electronDist: explicit, note: `using the Electron runtime in ${explicit}` };
  }
  const installed = locateElectron();
  const platformFlags = process.argv.slice(2).filter((arg) => /^(-m|-w|-l|--mac|--macos|--win|--windows|--linux)$/.test(arg));
  if (installed.ok && platformFlags.length === 0) {
    const electronDist = join(ROOT, 'node_modules', 'electron', 'dist');
    return { electronDist, note: `using the installed Electron runtime (${electronDist})` };
  }
  // electron-builder will download electron-v<version>-<platform>-<arch>.zip (and its
  // packaging tools). Behind a proxy we cannot judge reachability: let it try.
  if (process.env.HTTPS_PROXY || process.env.https_proxy || process.env.ELECTRON_GET_USE_PROXY) return { electronDist: null, note: null };
  const mirror = process.env.ELECTRON_MIRROR || 'https://github.com/electron/electron/releases/download/';
  let host;
  try {
    host = new URL(mirror).hostname;
  } catch {
    stop(`ELECTRON_MIRROR=${mirror} is not a URL.`);
  }
  try {
    await Promise.race([
      lookup(host),
      new Promise((_, reject) => setTimeout(() => reject(new Error(`no answer within ${DNS_TIMEOUT_MS} ms`)), DNS_TIMEOUT_MS).unref()),
    ]);
    return { electronDist: null, note: null };
  } catch (error) {
    const zip = `electron-v${version}-${process.platform}-${process.arch}.zip`;
    stop(
      `cannot package ICMP Doctor here: electron-builder needs the Electron ${version} runtime (${zip}), ` +
        `which is not installed (${installed.ok ? 'installed, but only usable for this platform' : installed.reason}) ` +
        `and cannot be downloaded: ${host} does not resolve (${error.code ?? error.message}), so the download from ${mirror} would fail. ` +
        `Packaging also downloads electron-builder's tools (fpm for deb, the AppImage runtime). ` +
        `Run \`npm run dist\` where downloads work, or set ICMP_DOCTOR_ELECTRON_DIST to an unpacked Electron ${version} ` +
        `for this platform and run \`npm run dist -- --dir\` for an unpacked app. ` +
        `The app's bundles in dist/ do not need Electron to be built, and \`npm run doctor -- check\` works without it.`,
    );
  }
}

const version = electronVersion();
if (version === null) stop('node_modules/electron is missing: run `npm install` first.');
const source = await electronSource(version);

for (const bundle of ['dist/main.cjs', 'dist/preload.cjs', 'dist/renderer/index.html']) {
  if (!existsSync(join(ROOT, bundle))) stop(`${bundle} is missing: run \`npm run build\` first.`);
}
const addonStem = `icmp-doctor.${process.platform}-${process.arch}`;
const addons = existsSync(join(ROOT, 'native')) ? readdirSync(join(ROOT, 'native')).filter((name) => name.startsWith(addonStem) && name.endsWith('.node')) : [];
if (addons.length === 0) stop(`the native addon (native/${addonStem}*.node) is missing: run \`npm run build:native\` first.`);

if (source.note) console.log(`npm run dist: ${source.note}`);
const cli = createRequire(join(ROOT, 'package.json')).resolve('electron-builder/cli.js');
const args = [cli, '--config', 'build/electron-builder.yml', '--publish', 'never'];
if (source.electronDist) args.push(`-c.electronDist=${source.electronDist}`);
args.push(...process.argv.slice(2));
const result = spawnSync(process.execPath, args, { cwd: ROOT, stdio: 'inherit' });
if (result.status !== 0) {
  process.stderr.write('npm run dist: electron-builder failed (its messages are above); packages, if any, are in release/.\n');
}
process.exit(result.status ?? 1);
