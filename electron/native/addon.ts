// Finds and loads the native addon (Rust, Node-API). Only the Electron main process and
// the CLI load it; the renderer never does.

import { existsSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type * as NativeModule from '../../native/index';

export type NativeAddon = typeof NativeModule;

const BINARY_PREFIX = 'icmp-doctor.';

/** The command that builds the addon for this platform (Windows' is cross-built on Linux). */
const BUILD_COMMAND = process.platform === 'win32' ? 'npm run build:windows' : 'npm run build:native';

/** The addon is missing or failed to load; `message` says which files were tried and what to do. */
export class AddonUnavailableError extends Error {
  readonly code = 'ADDON_UNAVAILABLE';
}

/** Directories that may hold the `.node` file, most specific first. */
function candidateDirectories(): string[] {
  const here = dirname(fileURLToPath(import.meta.url));
  const directories: string[] = [];
  // A packaged Electron app ships the addon as an extra resource.
  const resources = (process as NodeJS.Process & { resourcesPath?: string }).resourcesPath;
  if (resources) directories.push(join(resources, 'native'));
  // From source (electron/native/) or from the bundle (dist/): the repo's native/ folder.
  let directory = here;
  for (let level = 0; level < 4; level += 1) {
    directories.push(join(directory, 'native'));
    directory = dirname(directory);
  }
  return directories;
}

/**
 * `icmp-doctor.<platform>-<arch>[-abi].node` for this machine, as build/native-build.mjs names
 * it; on win32 `icmp-doctor.win32-x64-gnu.node`, cross-built by build/windows-build.mjs.
 */
function binaryIn(directory: string): string | null {
  if (!existsSync(directory)) return null;
  const stem = `${BINARY_PREFIX}${process.platform}-${process.arch}`;
  const names = readdirSync(directory).filter((name) => name.startsWith(stem) && name.endsWith('.node'));
  const preferred = names.find((name) => name === `${stem}-gnu.node`) ?? names.sort()[0];
  return preferred ? join(directory, preferred) : null;
}

let cached: NativeAddon | null = null;

/**
 * Loads the addon once. `ICMP_DOCTOR_ADDON` may name the `.node` file explicitly.
 * @throws AddonUnavailableError
 */
export function loadAddon(): NativeAddon {
  if (cached) return cached;
  const explicit = process.env.ICMP_DOCTOR_ADDON;
  const tried: string[] = [];
  const paths = explicit ? [explicit] : candidateDirectories().map((directory) => binaryIn(directory) ?? directory);
  for (const path of paths) {
    tried.push(path);
    if (!path.endsWith('.node') || !existsSync(path)) continue;
    try {
      cached = createRequire(import.meta.url)(path) as NativeAddon;
      return cached;
    } catch (error) {
      throw new AddonUnavailableError(
        `the native addon at ${path} failed to load (${(error as Error).message}). ` +
          `Rebuild it with \`${BUILD_COMMAND}\`.`,
      );
    }
  }
  throw new AddonUnavailableError(
    `the native addon for ${process.platform}-${process.arch} was not found (looked in: ${tried.join(', ')}). ` +
      `Build it with \`${BUILD_COMMAND}\` (needs the Rust toolchain` +
        (process.platform === 'win32' ? "; on Linux, Debian's Windows cross toolchain)." : ').'),
  );
}
