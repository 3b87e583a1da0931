// Where the bundled app's parts are. main.ts is bundled to dist/main.cjs, beside the
// preload (dist/preload.cjs) and the renderer (dist/renderer/); in a packaged app all three
// sit inside resources/app.asar, which Electron's fs reads transparently.

import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export interface AppPaths {
  /** The directory holding main.cjs and preload.cjs. */
  bundle: string;
  preload: string;
  /** The root the app:// scheme serves. */
  renderer: string;
}

/** Paths relative to the running bundle (the bundler defines import.meta.url from __filename). */
export function appPaths(bundleDirectory: string = dirname(fileURLToPath(import.meta.url))): AppPaths {
  return {
    bundle: bundleDirectory,
    preload: join(bundleDirectory, 'preload.cjs'),
    renderer: join(bundleDirectory, 'renderer'),
  };
}
