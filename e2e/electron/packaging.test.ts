// Packaging with electron-builder: the configuration passes electron-builder's own schema
// validation and says what we mean (only bundles shipped, the addon as an extra resource,
// the four installer formats); the icons are real, well-formed images that the generator
// reproduces byte for byte; and an unpacked Linux build (`--dir`) has exactly the intended
// layout, with the addon where electron/native/addon.ts finds it. Electron's runtime cannot
// be downloaded here, so that build copies the installed runtime when there is one and
// otherwise a stand-in directory — only the layout is under test, not Electron.

import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { inflateSync } from 'node:zlib';
import { parse } from 'yaml';
import { locateElectron } from '../../build/electron-binary.mjs';
import { REPO_ROOT } from '../support/worker';

const require = createRequire(join(REPO_ROOT, 'package.json'));
const CONFIG_PATH = join(REPO_ROOT, 'build', 'electron-builder.yml');
type Config = Record<string, unknown> & {
  files: string[];
  extraResources: Array<{ from: string; to: string; filter: string[] }>;
  linux: { target: string[]; icon: string; executableName: string };
  mac: { target: string; icon: string };
  win: { target: string; icon: string };
  directories: { output: string; buildResources: string };
  beforeBuild: string;
};
const config = (): Config => parse(readFileSync(CONFIG_PATH, 'utf8')) as Config;

async function validate(candidate: unknown): Promise<void> {
  const { validateConfiguration } = require('app-builder-lib/out/util/config/config') as {
    validateConfiguration(config: unknown, logger: unknown): Promise<void>;
  };
  const { DebugLogger } = require('builder-util') as { DebugLogger: new (enabled: boolean) => unknown };
  await validateConfiguration(candidate, new DebugLogger(false));
}

describe('the electron-builder configuration', () => {
  it('passes electron-builder’s schema validation (which does reject a wrong key)', async () => {
    await validate(config());
    await assert.rejects(validate({ ...config(), asarUnpackk: ['x'] }), /unknown property 'asarUnpackk'/);
  });

  it('ships only the bundles and package.json: no sources, no source maps, no CLI bundle', () => {
    assert.deepEqual(config().files, ['package.json', 'dist/main.cjs', 'dist/preload.cjs', 'dist/renderer/**/*', '!**/*.map']);
    assert.equal(JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')).main, 'dist/main.cjs');
  });

  it('copies no node_modules: the beforeBuild hook resolves false', async () => {
    const hook = require(join(REPO_ROOT, config().beforeBuild)) as () => Promise<boolean>;
    assert.equal(await hook(), false);
  });

  it('ships the addon outside the asar, as resources/native/*.node', () => {
    assert.deepEqual(config().extraResources, [{ from: 'native', to: 'native', filter: ['*.node'] }]);
  });

  it('builds AppImage and deb, dmg, and nsis, into release/ (dist/ is the bundler’s)', () => {
    const c = config();
    assert.deepEqual(c.linux.target, ['AppImage', 'deb']);
    assert.equal(c.mac.target, 'dmg');
    assert.equal(c.win.target, 'nsis');
    assert.equal(c.directories.output, 'release');
    assert.notEqual(c.linux.executableName, 'icmp-doctor', 'that is the CLI’s name');
  });
});

// ─────────────────────────────── icons ───────────────────────────────

interface Png {
  width: number;
  height: number;
  colourType: number;
  alphaAt(x: number, y: number): number;
}

/** Decodes the PNGs the generator writes (8-bit RGBA, filter 0 on every row). */
function decodePng(bytes: Buffer): Png {
  assert.deepEqual([...bytes.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], 'PNG signature');
  let offset = 8;
  let width = 0;
  let height = 0;
  let colourType = -1;
  const idat: Buffer[] = [];
  while (offset < bytes.length) {
    const length = bytes.readUInt32BE(offset);
    const type = bytes.toString('ascii', offset + 4, offset + 8);
    const data = bytes.subarray(offset + 8, offset + 8 + length);
    if (type === 'IHDR') {
      width = data.readUInt32BE(0);
      height = data.readUInt32BE(4);
      colourType = data[9] ?? -1;
    }
    if (type === 'IDAT') idat.push(data);
    offset += 12 + length;
  }
  const raw = inflateSync(Buffer.concat(idat));
  const stride = width * 4 + 1;
  assert.equal(raw.length, stride * height, 'pixel data size');
  return { width, height, colourType, alphaAt: (x, y) => raw[y * stride + 1 + x * 4 + 3] ?? -1 };
}

describe('the icons', () => {
  const LINUX_SIZES = [16, 24, 32, 48, 64, 128, 256, 512, 1024];

  it('build/icons has an RGBA PNG of every Linux size, drawn (opaque centre, transparent corner)', () => {
    for (const size of LINUX_SIZES) {
      const png = decodePng(readFileSync(join(REPO_ROOT, 'build', 'icons', `${size}x${size}.png`)));
      assert.deepEqual([png.width, png.height, png.colourType], [size, size, 6], `${size}x${size}`);
      assert.equal(png.alphaAt(size >> 1, size >> 1), 255, `${size}: centre`);
      assert.equal(png.alphaAt(0, 0), 0, `${size}: corner`);
    }
    const main = decodePng(readFileSync(join(REPO_ROOT, 'build', 'icon.png')));
    assert.deepEqual([main.width, main.height], [1024, 1024]);
  });

  it('icon.ico holds 16–256 px images, each where its directory entry says', () => {
    const ico = readFileSync(join(REPO_ROOT, 'build', 'icon.ico'));
    assert.deepEqual([ico.readUInt16LE(0), ico.readUInt16LE(2)], [0, 1]);
    const count = ico.readUInt16LE(4);
    const sizes: number[] = [];
    for (let index = 0; index < count; index += 1) {
      const entry = 6 + index * 16;
      const size = ico[entry] === 0 ? 256 : (ico[entry] ?? -1);
      sizes.push(size);
      const length = ico.readUInt32LE(entry + 8);
      const at = ico.readUInt32LE(entry + 12);
      assert.ok(at + length <= ico.length, `entry ${size} lies inside the file`);
      const image = ico.subarray(at, at + length);
      if (size === 256) assert.equal(decodePng(image).width, 256);
      else {
        assert.equal(image.readUInt32LE(0), 40, 'BITMAPINFOHEADER');
        assert.deepEqual([image.readInt32LE(4), image.readInt32LE(8), image.readUInt16LE(14)], [size, size * 2, 32]);
      }
    }
    assert.deepEqual(sizes, [16, 24, 32, 48, 64, 128, 256]);
  });

  it('icon.icns is well-formed, with PNG elements up to 1024 px', () => {
    const icns = readFileSync(join(REPO_ROOT, 'build', 'icon.icns'));
    assert.equal(icns.toString('ascii', 0, 4), 'icns');
    assert.equal(icns.readUInt32BE(4), icns.length);
    const PIXELS: Record<string, number> = { icp4: 16, icp5: 32, ic07: 128, ic08: 256, ic09: 512, ic10: 1024, ic11: 32, ic12: 64, ic13: 256, ic14: 512 };
    const seen: string[] = [];
    for (let offset = 8; offset < icns.length; ) {
      const type = icns.toString('ascii', offset, offset + 4);
      const length = icns.readUInt32BE(offset + 4);
      assert.ok(length > 8 && offset + length <= icns.length, `${type} length`);
      assert.equal(decodePng(icns.subarray(offset + 8, offset + length)).width, PIXELS[type], type);
      seen.push(type);
      offset += length;
    }
    assert.deepEqual(seen.sort(), Object.keys(PIXELS).sort());
  });

  it('the generator reproduces the committed icons byte for byte', () => {
    const scratch = mkdtempSync(join(tmpdir(), 'icmp-doctor-icons-'));
    try {
      const run = spawnSync(process.execPath, [join(REPO_ROOT, 'build', 'icon-source', 'generate.mjs'), scratch], { encoding: 'utf8' });
      assert.equal(run.status, 0, run.stderr);
      const files = ['icon.png', 'icon.icns', 'icon.ico', ...LINUX_SIZES.map((size) => join('icons', `${size}x${size}.png`))];
      for (const file of files) assert.ok(readFileSync(join(scratch, file)).equals(readFileSync(join(REPO_ROOT, 'build', file))), file);
    } finally {
      rmSync(scratch, { recursive: true, force: true });
    }
  });
});

// ─────────────────────────────── layout ───────────────────────────────

/** The file paths inside an asar archive (its header is a JSON tree after two pickled lengths). */
function asarFiles(archive: string): string[] {
  const bytes = readFileSync(archive);
  const headerLength = bytes.readUInt32LE(12);
  const header = JSON.parse(bytes.toString('utf8', 16, 16 + headerLength)) as AsarNode;
  const files: string[] = [];
  const walk = (node: AsarNode, prefix: string): void => {
    for (const [name, child] of Object.entries(node.files ?? {})) {
      if (child.files) walk(child, `${prefix}${name}/`);
      else files.push(`${prefix}${name}`);
    }
  };
  walk(header, '');
  return files.sort();
}
interface AsarNode {
  files?: Record<string, AsarNode>;
}

const addonName = existsSync(join(REPO_ROOT, 'native'))
  ? readdirSync(join(REPO_ROOT, 'native')).find((name) => name.startsWith(`icmp-doctor.${process.platform}-${process.arch}`) && name.endsWith('.node'))
  : undefined;
const layoutSkip =
  process.platform !== 'linux'
    ? 'the unpacked-layout build runs on Linux'
    : addonName === undefined
      ? `the native addon is not built (native/icmp-doctor.${process.platform}-${process.arch}*.node): run npm run build:native`
      : false;

describe('an unpacked Linux build (electron-builder --dir)', { skip: layoutSkip }, () => {
  let scratch: string;
  let unpacked: string;
  let electronNote: string;

  before(() => {
    for (const bundle of ['dist/main.cjs', 'dist/preload.cjs', 'dist/renderer/index.html']) {
      assert.ok(existsSync(join(REPO_ROOT, bundle)), `${bundle} is missing: run npm run build first`);
    }
    scratch = mkdtempSync(join(tmpdir(), 'icmp-doctor-package-'));
    const installed = locateElectron(REPO_ROOT);
    let electronDist: string;
    const overrides: Record<string, unknown> = {};
    if (installed.ok) {
      electronDist = dirname(installed.path);
      electronNote = `the installed Electron (${electronDist})`;
    } else {
      // A stand-in runtime directory: electron-builder copies it and renames the binary.
      electronDist = join(scratch, 'electron-stand-in');
      mkdirSync(join(electronDist, 'resources'), { recursive: true });
      writeFileSync(join(electronDist, 'electron'), '#!/bin/sh\nexit 0\n');
      chmodSync(join(electronDist, 'electron'), 0o755);
      // Flipping fuses needs the real binary's fuse wire.
      overrides.electronFuses = null;
      electronNote = `a stand-in runtime (${installed.reason})`;
    }
    const c = config();
    const packConfig = { ...c, ...overrides, electronDist, directories: { ...c.directories, output: join(scratch, 'out') } };
    const configFile = join(scratch, 'electron-builder.json');
    writeFileSync(configFile, JSON.stringify(packConfig));
    const cli = require.resolve('electron-builder/cli.js');
    const run = spawnSync(process.execPath, [cli, '--linux', '--dir', '--config', configFile, '--publish', 'never'], {
      cwd: REPO_ROOT,
      encoding: 'utf8',
      env: { ...process.env, ELECTRON_BUILDER_CACHE: join(scratch, 'cache') },
    });
    assert.equal(run.status, 0, `electron-builder failed with ${electronNote}:\n${run.stdout}\n${run.stderr}`);
    unpacked = join(scratch, 'out', 'linux-unpacked');
  });
  after(() => rmSync(scratch, { recursive: true, force: true }));

  it('app.asar holds exactly package.json and the bundles (no node_modules, maps or sources)', () => {
    const files = asarFiles(join(unpacked, 'resources', 'app.asar'));
    const renderer = readdirSync(join(REPO_ROOT, 'dist', 'renderer'), { recursive: true, withFileTypes: true })
      .filter((entry) => entry.isFile() && !entry.name.endsWith('.map'))
      .map((entry) => join('dist', 'renderer', entry.parentPath.slice(join(REPO_ROOT, 'dist', 'renderer').length), entry.name).replace(/\/+/g, '/'));
    assert.deepEqual(files, ['dist/main.cjs', 'dist/preload.cjs', ...renderer, 'package.json'].sort());
    assert.ok(files.includes('dist/renderer/index.html'));
  });

  it('the addon sits in resources/native, identical to the one built', () => {
    assert.deepEqual(readdirSync(join(unpacked, 'resources', 'native')), [addonName]);
    const packaged = readFileSync(join(unpacked, 'resources', 'native', addonName ?? ''));
    assert.ok(packaged.equals(readFileSync(join(REPO_ROOT, 'native', addonName ?? ''))));
  });

  it('loadAddon finds it there, through process.resourcesPath', () => {
    const resources = join(unpacked, 'resources');
    const run = spawnSync(process.execPath, ['--import', 'tsx', join(REPO_ROOT, 'e2e/electron/workers/load-packaged-addon.ts'), resources], {
      cwd: REPO_ROOT,
      encoding: 'utf8',
    });
    assert.equal(run.status, 0, run.stderr);
    const { loaded } = JSON.parse(run.stdout.trim().split('\n').at(-1) ?? '{}') as { loaded: string[] };
    assert.deepEqual(loaded, [join(resources, 'native', addonName ?? '')]);
  });

  it('the executable is named for the desktop app', () => {
    assert.ok(existsSync(join(unpacked, 'icmp-doctor-desktop')));
  });
});
