// Launches the real app (dist/main.cjs under the installed Electron) with playwright-core's
// _electron, on a display (an Xvfb of its own when there is none), and watches the main
// process's log lines. When Electron's binary is absent, electronSkipReason() says so
// precisely, and the tests skip with that reason.

import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { _electron, type ElectronApplication, type Page } from 'playwright-core';
import { locateElectron } from '../../../build/electron-binary.mjs';
import { findTool } from '../../lab/availability';
import { REPO_ROOT } from '../../support/worker';

/** Long enough for a cold start on a slow CI machine; only a hang reaches it. */
const LAUNCH_TIMEOUT_MS = 60_000;

/** false when the app can be launched here; otherwise why not. */
export function electronSkipReason(): string | false {
  const electron = locateElectron(REPO_ROOT);
  if (!electron.ok) return electron.reason;
  if (process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY && findTool('Xvfb') === null) {
    return 'no display (DISPLAY is unset) and no Xvfb to start one: apt-get install xvfb';
  }
  return false;
}

/** The main process's `[icmp-doctor] …` lines, and a way to wait for one. */
export class MainLog {
  readonly lines: string[] = [];
  #waiters: Array<{ pattern: RegExp; resolve: (line: string) => void }> = [];

  add(line: string): void {
    const match = /\[icmp-doctor\] (.*)$/.exec(line);
    if (!match?.[1]) return;
    this.lines.push(match[1]);
    this.#waiters = this.#waiters.filter((waiter) => {
      if (!waiter.pattern.test(match[1] ?? '')) return true;
      waiter.resolve(match[1] ?? '');
      return false;
    });
  }

  /** Resolves with the first line (already logged or still to come) matching `pattern`. */
  waitFor(pattern: RegExp): Promise<string> {
    const seen = this.lines.find((line) => pattern.test(line));
    if (seen !== undefined) return Promise.resolve(seen);
    return new Promise((resolve) => this.#waiters.push({ pattern, resolve }));
  }
}

/** An X display for the app: $DISPLAY, or an Xvfb started for the tests. */
async function display(): Promise<{ name: string; stop(): void }> {
  if (process.platform !== 'linux' || process.env.DISPLAY || process.env.WAYLAND_DISPLAY) return { name: process.env.DISPLAY ?? '', stop() {} };
  // -displayfd: Xvfb picks a free display number and writes it once it accepts clients.
  const xvfb: ChildProcess = spawn('Xvfb', ['-displayfd', '1', '-screen', '0', '1280x900x24', '-nolisten', 'tcp'], { stdio: ['ignore', 'pipe', 'ignore'] });
  const number = await new Promise<string>((resolve, reject) => {
    xvfb.once('error', reject);
    xvfb.once('exit', (code) => reject(new Error(`Xvfb exited with ${code} before reporting its display`)));
    createInterface({ input: xvfb.stdout! }).once('line', (line) => resolve(line.trim()));
  });
  return { name: `:${number}`, stop: () => xvfb.kill() };
}

export interface RunningApp {
  app: ElectronApplication;
  page: Page;
  log: MainLog;
  close(): Promise<void>;
}

export async function launchApp(): Promise<RunningApp> {
  for (const bundle of ['dist/main.cjs', 'dist/preload.cjs', 'dist/renderer/index.html']) {
    if (!existsSync(join(REPO_ROOT, bundle))) throw new Error(`${bundle} is missing: run npm run build first`);
  }
  const electron = locateElectron(REPO_ROOT);
  if (!electron.ok) throw new Error(electron.reason);
  const screen = await display();
  const environment: Record<string, string> = {};
  for (const [key, value] of Object.entries(process.env)) if (value !== undefined && key !== 'ELECTRON_RUN_AS_NODE') environment[key] = value;
  if (screen.name) environment.DISPLAY = screen.name;
  // A profile of its own: a copy of the app the developer has open keeps its single-instance lock.
  const profile = mkdtempSync(join(tmpdir(), 'icmp-doctor-electron-profile-'));
  environment.ICMP_DOCTOR_USER_DATA = profile;
  // Chromium refuses to run as root with its OS sandbox; the renderer sandbox the app asks
  // for (webPreferences.sandbox) still applies.
  const args = [REPO_ROOT, ...(process.getuid?.() === 0 ? ['--no-sandbox'] : [])];
  let app: ElectronApplication;
  try {
    app = await _electron.launch({ executablePath: electron.path, args, cwd: REPO_ROOT, env: environment, timeout: LAUNCH_TIMEOUT_MS });
  } catch (error) {
    screen.stop();
    rmSync(profile, { recursive: true, force: true });
    throw error;
  }
  const log = new MainLog();
  const child = app.process();
  if (child.stderr) createInterface({ input: child.stderr }).on('line', (line) => log.add(line));
  const page = await app.firstWindow({ timeout: LAUNCH_TIMEOUT_MS });
  await page.waitForLoadState('domcontentloaded');
  return {
    app,
    page,
    log,
    async close() {
      await app.close().catch(() => {});
      screen.stop();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}
