// What build/bundle.mjs builds, as esbuild options: the CLI and the Electron main process
// (CommonJS for Node), the preload (one CommonJS file for Electron's sandbox: its only
// require may be 'electron'), and the renderer (a browser bundle no Node builtin may reach).
// Kept apart from bundle.mjs so the tests build exactly these options into a scratch folder.

import { builtinModules } from 'node:module';
import { join } from 'node:path';

/** Node entry points: source file → output name under dist/. */
export const NODE_ENTRIES = [
  { in: 'electron/cli/main.ts', out: 'cli' },
  { in: 'electron/main/main.ts', out: 'main' },
];

export const PRELOAD_ENTRY = { in: 'electron/preload/preload.ts', out: 'preload' };

export const RENDERER_ENTRY = 'renderer/main.tsx';

/** The CLI and the main process. */
export function nodeBuild(root, outdir) {
  return {
    absWorkingDir: root,
    entryPoints: NODE_ENTRIES.map((entry) => ({ in: join(root, entry.in), out: entry.out })),
    outdir,
    outExtension: { '.js': '.cjs' },
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    sourcemap: true,
    // The addon is loaded at run time from native/ (or the app's resources), never bundled;
    // electron is provided by the Electron runtime.
    external: ['*.node', 'electron'],
    // import.meta.url does not exist in CommonJS; derive it from __filename.
    define: { 'import.meta.url': '__importMetaUrl' },
    banner: { js: "const __importMetaUrl = require('node:url').pathToFileURL(__filename).href;" },
    logLevel: 'warning',
  };
}

/**
 * The preload: a sandboxed preload cannot load modules, so everything it uses is inlined
 * and 'electron' is the one require left. No banner (it would require node:url), no
 * splitting, no source map file beside it (inline, so it stays one file).
 */
export function preloadBuild(root, outdir) {
  return {
    absWorkingDir: root,
    entryPoints: [{ in: join(root, PRELOAD_ENTRY.in), out: PRELOAD_ENTRY.out }],
    outdir,
    outExtension: { '.js': '.cjs' },
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'chrome120',
    sourcemap: 'inline',
    external: ['electron'],
    plugins: [onlyElectron],
    metafile: true,
    logLevel: 'warning',
  };
}

const NODE_BUILTINS = new Set([...builtinModules, ...builtinModules.map((name) => `node:${name}`)]);

/** Fails the build when renderer code reaches for a Node builtin: it runs sandboxed in a page. */
export const noNodeInRenderer = {
  name: 'no-node-in-renderer',
  setup(pluginBuild) {
    pluginBuild.onResolve({ filter: /.*/ }, (args) => {
      if (NODE_BUILTINS.has(args.path) || args.path === 'electron') {
        return { errors: [{ text: `the renderer must not import "${args.path}" (imported from ${args.importer})` }] };
      }
      return undefined;
    });
  },
};

/** Fails the preload build when it reaches for a Node builtin: the sandbox has none to give. */
export const onlyElectron = {
  name: 'preload-only-electron',
  setup(pluginBuild) {
    pluginBuild.onResolve({ filter: /.*/ }, (args) => {
      if (NODE_BUILTINS.has(args.path)) {
        return { errors: [{ text: `the sandboxed preload cannot require "${args.path}" (imported from ${args.importer}); only 'electron' is available` }] };
      }
      return undefined;
    });
  },
};

/**
 * The renderer: one classic script (IIFE), loaded with <script defer src="main.js">.
 * Classic rather than module script: a module script fetched from the app's custom scheme
 * would need that scheme to be CORS-enabled, a privilege the app does not grant.
 */
export function rendererBuild(root, outdir) {
  return {
    absWorkingDir: root,
    entryPoints: { main: join(root, RENDERER_ENTRY) },
    outdir,
    bundle: true,
    platform: 'browser',
    format: 'iife',
    target: ['chrome120'],
    jsx: 'automatic',
    sourcemap: true,
    minify: true,
    define: { 'process.env.NODE_ENV': '"production"' },
    loader: { '.css': 'css', '.svg': 'file', '.png': 'file', '.woff2': 'file' },
    plugins: [noNodeInRenderer],
    metafile: true,
    logLevel: 'warning',
  };
}
