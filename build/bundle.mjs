#!/usr/bin/env node
// Bundles the TypeScript entry points with esbuild into dist/ (CommonJS, for Node 20 and
// for Electron's main process). Type checking is `npm run typecheck`'s job, not this one's.

import { build } from 'esbuild';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

/** Entry points: source file → output name under dist/. */
const entries = [{ in: 'electron/cli/main.ts', out: 'cli' }];

await build({
  absWorkingDir: root,
  entryPoints: entries.map((entry) => ({ in: join(root, entry.in), out: entry.out })),
  outdir: join(root, 'dist'),
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
