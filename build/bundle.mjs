#!/usr/bin/env node
// Bundles the TypeScript entry points with esbuild into dist/ (options in bundle-config.mjs):
// the CLI and the Electron main process (CommonJS for Node), the preload (one sandbox-safe
// CommonJS file) and the renderer (a browser bundle, with index.html and styles.css beside
// it). Type checking is `npm run typecheck`'s job, not this one's.

import { build } from 'esbuild';
import { copyFileSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { nodeBuild, preloadBuild, RENDERER_ENTRY, rendererBuild } from './bundle-config.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const dist = join(root, 'dist');

/** Stops the build with a message instead of a stack trace. */
function fail(message) {
  console.error(`bundle: ${message}`);
  process.exit(1);
}

/**
 * Runs one esbuild build and refuses its warnings: esbuild prints them and carries on, and an
 * unbalanced brace in main.css once shipped a stylesheet whose later rules nested wrongly.
 */
async function buildStrict(options, what) {
  const result = await build(options);
  if (result.warnings.length > 0) fail(`${what}: ${result.warnings.length} warning(s) above; fix them (a warning here is a broken bundle).`);
}

await buildStrict(nodeBuild(root, dist), 'the CLI and main process');
await buildStrict(preloadBuild(root, dist), 'the preload');

/**
 * Checks the copied index.html against the bundle: every local src/href must exist, and the
 * script must be loaded as a classic script (the bundle is an IIFE; see bundle-config.mjs).
 */
function checkIndexHtml(outdir) {
  const html = readFileSync(join(outdir, 'index.html'), 'utf8');
  if (/<script\b[^>]*\btype\s*=\s*["']?module/i.test(html)) {
    fail('renderer/index.html loads a module script, but the renderer bundle is a classic script: use <script defer src="./main.js"></script>.');
  }
  const references = [...html.matchAll(/\b(?:src|href)\s*=\s*["']([^"']+)["']/gi)].map((match) => match[1]);
  for (const reference of references) {
    if (/^(?:[a-z][a-z0-9+.-]*:|#|\/\/)/i.test(reference)) continue; // data:, https:, anchors: not files of ours
    const file = join(outdir, reference.split(/[?#]/)[0]);
    if (!existsSync(file)) fail(`renderer/index.html refers to "${reference}", which the build did not produce (${file}).`);
  }
}

const rendererEntry = join(root, RENDERER_ENTRY);
if (existsSync(rendererEntry)) {
  const outdir = join(dist, 'renderer');
  mkdirSync(outdir, { recursive: true });
  await buildStrict(rendererBuild(root, outdir), 'the renderer');
  copyFileSync(join(root, 'renderer', 'index.html'), join(outdir, 'index.html'));
  // A stylesheet main.tsx does not import is shipped as it is (main.css holds what it imports).
  const styles = join(root, 'renderer', 'styles.css');
  if (existsSync(styles)) copyFileSync(styles, join(outdir, 'styles.css'));
  checkIndexHtml(outdir);
}
