#!/usr/bin/env node
// Bundles the TypeScript entry points with esbuild into dist/: the CLI (CommonJS for Node 20)
// and the renderer (for the browser: no Node builtins may reach it). Type checking is
// `npm run typecheck`'s job, not this one's.

import { build } from 'esbuild';
import { copyFileSync, existsSync, mkdirSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const dist = join(root, 'dist');

/** Node entry points: source file → output name under dist/. */
const nodeEntries = [{ in: 'electron/cli/main.ts', out: 'cli' }];

await build({
  absWorkingDir: root,
  entryPoints: nodeEntries.map((entry) => ({ in: join(root, entry.in), out: entry.out })),
  outdir: dist,
  outExtension: { '.js': '.cjs' },
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  sourcemap: true,
  // The addon is loaded at run time from native/ (or the app's resources), never bundled.
  external: ['*.node', 'electron'],
  // import.meta.url does not exist in CommonJS; derive it from __filename.
  define: { 'import.meta.url': '__importMetaUrl' },
  banner: { js: "const __importMetaUrl = require('node:url').pathToFileURL(__filename).href;" },
  logLevel: 'warning',
});

/** Fails the build when renderer code reaches for a Node builtin: it runs sandboxed in a page. */
const noNodeInRenderer = {
  name: 'no-node-in-renderer',
  setup(pluginBuild) {
    const builtins = new Set([...builtinModules, ...builtinModules.map((name) => `node:${name}`)]);
    pluginBuild.onResolve({ filter: /.*/ }, (args) => {
      if (builtins.has(args.path) || args.path === 'electron') {
        return { errors: [{ text: `the renderer must not import "${args.path}" (imported from ${args.importer})` }] };
      }
      return undefined;
    });
  },
};

const rendererEntry = join(root, 'renderer', 'main.tsx');
if (existsSync(rendererEntry)) {
  const outdir = join(dist, 'renderer');
  mkdirSync(outdir, { recursive: true });
  await build({
    absWorkingDir: root,
    entryPoints: { main: rendererEntry },
    outdir,
    bundle: true,
    platform: 'browser',
    format: 'esm',
    target: ['chrome120'],
    jsx: 'automatic',
    sourcemap: true,
    minify: true,
    define: { 'process.env.NODE_ENV': '"production"' },
    loader: { '.css': 'css' },
    plugins: [noNodeInRenderer],
    logLevel: 'warning',
  });
  copyFileSync(join(root, 'renderer', 'index.html'), join(outdir, 'index.html'));
}
