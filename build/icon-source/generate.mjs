#!/usr/bin/env node
// Writes the app icons electron-builder packages, drawn by draw.mjs: build/icon.png (1024),
// build/icon.icns (macOS), build/icon.ico (Windows) and build/icons/NxN.png (Linux).
// The outputs are committed; run this again only when the drawing changes:
//   node build/icon-source/generate.mjs [OUTPUT_DIRECTORY]   (default: build/)

import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { drawIcon } from './draw.mjs';
import { encodeIcns, encodeIco, encodePng, ICNS_TYPES } from './formats.mjs';

const buildDirectory = process.argv[2] ? resolve(process.argv[2]) : join(dirname(fileURLToPath(import.meta.url)), '..');
const LINUX_SIZES = [16, 24, 32, 48, 64, 128, 256, 512, 1024];
const ICO_SIZES = [16, 24, 32, 48, 64, 128, 256];

const sizes = [...new Set([...LINUX_SIZES, ...ICO_SIZES, ...ICNS_TYPES.map(([, size]) => size)])].sort((a, b) => a - b);
const pixels = new Map(sizes.map((size) => [size, drawIcon(size)]));
const pngs = new Map(sizes.map((size) => [size, encodePng(size, pixels.get(size))]));

mkdirSync(join(buildDirectory, 'icons'), { recursive: true });
for (const size of LINUX_SIZES) writeFileSync(join(buildDirectory, 'icons', `${size}x${size}.png`), pngs.get(size));
writeFileSync(join(buildDirectory, 'icon.png'), pngs.get(1024));
writeFileSync(join(buildDirectory, 'icon.icns'), encodeIcns(pngs));
writeFileSync(join(buildDirectory, 'icon.ico'), encodeIco(ICO_SIZES.map((size) => ({ size, rgba: pixels.get(size) }))));
console.log(`icons written to ${buildDirectory}: icon.png, icon.icns, icon.ico, icons/{${LINUX_SIZES.map((s) => `${s}x${s}`).join(',')}}.png`);
