// Finds the Electron binary the way the `electron` package does (require('electron') returns
// its path, or throws when the binary was never downloaded), and says precisely why not.
// Used by `npm start`, `npm run dist` and the Electron tests, which skip with this reason.

import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');

/** The Electron version package.json's dependency installed (what packaging targets). */
export function electronVersion(root = ROOT) {
  try {
    return JSON.parse(readFileSync(join(root, 'node_modules', 'electron', 'package.json'), 'utf8')).version;
  } catch {
    return null;
  }
}

/**
 * `{ ok: true, path }` with the binary's path, or `{ ok: false, reason }` where reason is one
 * sentence starting "Electron binary not installed: …".
 */
export function locateElectron(root = ROOT) {
  let path;
  try {
    // A fresh require each time: the package computes the path when it is loaded.
    const require = createRequire(join(root, 'package.json'));
    const resolved = require.resolve('electron');
    delete require.cache[resolved];
    path = require(resolved);
  } catch (error) {
    return { ok: false, reason: `Electron binary not installed: require('electron') failed: ${error.message}` };
  }
  if (typeof path !== 'string' || !existsSync(path)) {
    return { ok: false, reason: `Electron binary not installed: require('electron') names ${JSON.stringify(path)}, which does not exist` };
  }
  return { ok: true, path };
}
