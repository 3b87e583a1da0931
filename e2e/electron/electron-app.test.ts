// The real desktop app under the real Electron, driven by playwright-core's _electron:
// the window's settings at run time, what the page can and cannot reach, blocked
// navigation and window.open, the bridge's exact shape, and calls that round-trip to the
// handler table. Runs wherever Electron's binary is installed; elsewhere every test skips
// with the reason (for example "Electron binary not installed: require('electron') failed: …").

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { BRIDGE_GLOBAL, type DoctorBridge } from '../../contract/bridge';
import { CONTENT_SECURITY_POLICY } from '../../electron/main/window-security';
import { REPO_ROOT } from '../support/worker';
import { electronSkipReason, launchApp, type RunningApp } from './support/electron-app';

const skip = electronSkipReason();
/** Guards the tests that wait for a log line against a hang; no test measures time. */
const HANG_GUARD = { timeout: 30_000 };

/**
 * What the page functions below use of the page's globals. The Node project has no DOM
 * types; page functions reach the page through globalThis cast to this (the cast is erased
 * before Playwright serialises the function).
 */
interface PageGlobals {
  [name: string]: unknown;
  location: { href: string };
  open(url: string): unknown;
  document: { createElement(tag: 'script'): { textContent: string | null }; head: { append(node: unknown): void } };
  Notification: { requestPermission(): Promise<string> };
  fetch(url: string): Promise<unknown>;
  icmpDoctor: DoctorBridge;
}

describe('the desktop app under Electron', { skip, concurrency: 1 }, () => {
  let running: RunningApp;
  before(async () => {
    running = await launchApp();
  });
  after(() => running?.close());

  it('opens one window, on the app scheme, with no preload error', async () => {
    assert.equal(running.app.windows().length, 1);
    assert.match(running.page.url(), /^icmp-doctor:\/\/app\//);
    const count = await running.app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows().length);
    assert.equal(count, 1);
    assert.equal(running.log.lines.filter((line) => /preload .* failed/.test(line)).length, 0, running.log.lines.join('\n'));
  });

  it('runs the page with the hardened webPreferences', async (t) => {
    const preferences = await running.app.evaluate(({ BrowserWindow }) => {
      const contents = BrowserWindow.getAllWindows()[0]?.webContents as unknown as { getLastWebPreferences?: () => Record<string, unknown> | null };
      return typeof contents.getLastWebPreferences === 'function' ? contents.getLastWebPreferences() : null;
    });
    if (preferences === null) {
      t.skip('this Electron has no webContents.getLastWebPreferences(); the page-side checks below and window-security.test.ts cover the options');
      return;
    }
    for (const [key, value] of Object.entries({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
    })) {
      assert.equal(preferences[key], value, key);
    }
  });

  it('gives the page no Node: no require, process, module or Buffer', async () => {
    const globals = await running.page.evaluate(() => {
      const page = globalThis as unknown as PageGlobals;
      return { require: typeof page['require'], process: typeof page['process'], module: typeof page['module'], Buffer: typeof page['Buffer'], ipcRenderer: typeof page['ipcRenderer'] };
    });
    assert.deepEqual(globals, { require: 'undefined', process: 'undefined', module: 'undefined', Buffer: 'undefined', ipcRenderer: 'undefined' });
  });

  it('enforces the CSP: no inline script, no network (eval is not testable from evaluate(): DevTools code is exempt)', async () => {
    const outcome = await running.page.evaluate(async () => {
      const page = globalThis as unknown as PageGlobals;
      const script = page.document.createElement('script');
      script.textContent = 'window.__inlineRan = true';
      page.document.head.append(script);
      let fetchBlocked = false;
      try {
        await page.fetch('https://example.com/');
      } catch {
        fetchBlocked = true;
      }
      return { inlineRan: page['__inlineRan'] === true, fetchBlocked };
    });
    assert.deepEqual(outcome, { inlineRan: false, fetchBlocked: true });
    const header = await running.app.evaluate(async ({ net }) => (await net.fetch('icmp-doctor://app/index.html')).headers.get('content-security-policy'));
    assert.equal(header, CONTENT_SECURITY_POLICY);
  });

  it('exposes exactly the DoctorBridge, functions only', async () => {
    const shape = await running.page.evaluate((name) => {
      const bridge = ((globalThis as unknown as PageGlobals)[name] ?? {}) as Record<string, unknown>;
      return Object.keys(bridge)
        .sort()
        .map((key) => [key, typeof bridge[key]]);
    }, BRIDGE_GLOBAL);
    assert.deepEqual(shape, [
      ['appInfo', 'function'],
      ['call', 'function'],
      ['cancel', 'function'],
      ['onProbe', 'function'],
      ['pickFile', 'function'],
      ['saveReport', 'function'],
    ]);
  });

  it('round-trips calls to the handler table, and appInfo', async () => {
    const item = await running.page.evaluate(() =>
      (globalThis as unknown as PageGlobals).icmpDoctor.call(
        'importEvidence',
        { kind: 'sysctl', text: 'net.ipv4.ping_group_range = 0\t2147483647\n', path: null, label: 'pasted in e2e' },
        'e2e-import-1',
      ),
    );
    assert.equal(item.kind, 'sysctl');
    assert.ok(item.kind === 'sysctl' && item.value.ok);
    assert.deepEqual(item.value.value, { low: 0, high: 2147483647 });
    const info = await running.page.evaluate(() => (globalThis as unknown as PageGlobals).icmpDoctor.appInfo());
    const version = (JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as { version: string }).version;
    assert.equal(info.version, version);
    assert.equal(info.platform, process.platform);
    assert.ok(info.locale.length > 0);
  });

  it('refuses calls the bridge does not allow, with a clear error', async () => {
    const errors = await running.page.evaluate(async () => {
      const bridge = (globalThis as unknown as { icmpDoctor: { call(method: string, request: unknown, callId: string): Promise<unknown> } }).icmpDoctor;
      const messages: string[] = [];
      for (const [method, request] of [
        ['constructor', undefined],
        ['writeReport', { report: {}, path: '/tmp/overwrite-me.json' }],
        ['probeTcp', { target: '10.0.0.5' }],
      ] as const) {
        try {
          await bridge.call(method, request, `refused-${method}`);
          messages.push('resolved');
        } catch (error) {
          messages.push(error instanceof Error ? error.message : String(error));
        }
      }
      return messages;
    });
    assert.match(errors[0] ?? '', /unknown method "constructor"/);
    assert.match(errors[1] ?? '', /use saveReport/);
    assert.match(errors[2] ?? '', /probeTcp: field "port"/);
  });

  it('blocks navigation away from the app', HANG_GUARD, async () => {
    const before = running.page.url();
    await running.page.evaluate(() => {
      (globalThis as unknown as PageGlobals).location.href = 'https://example.com/';
    });
    await running.log.waitFor(/^blocked navigation to https:\/\/example\.com\//);
    assert.equal(running.page.url(), before);
    assert.equal(await running.page.evaluate((name) => typeof (globalThis as unknown as PageGlobals)[name], BRIDGE_GLOBAL), 'object');
  });

  it('denies window.open', HANG_GUARD, async () => {
    const opened = await running.page.evaluate(() => (globalThis as unknown as PageGlobals).open('https://example.com/popup') === null);
    assert.equal(opened, true);
    await running.log.waitFor(/^denied window\.open of https:\/\/example\.com\/popup/);
    assert.equal(running.app.windows().length, 1);
  });

  it('denies permission requests', async () => {
    const answer = await running.page.evaluate(() => (globalThis as unknown as PageGlobals).Notification.requestPermission());
    assert.equal(answer, 'denied');
  });
});
