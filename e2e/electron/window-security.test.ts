// The window's options and the pages' CSP against Electron's security checklist
// (docs/tutorial/security.md): every item is asserted on its own, so dropping or weakening
// one fails here. Runs without Electron: window-security.ts must not load it at run time.

import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { APP_SCHEME_PRIVILEGES } from '../../electron/main/app-origin';
import { appResponseHeaders, CONTENT_SECURITY_POLICY, permissionAllowed, secureWebPreferences, windowOptions } from '../../electron/main/window-security';
import { REPO_ROOT } from '../support/worker';

const PRELOAD = '/opt/ICMP Doctor/resources/app.asar/dist/preload.cjs';

/** Checklist item → the webPreferences key and the only acceptable value. */
const CHECKLIST: ReadonlyArray<readonly [item: string, key: string, value: unknown]> = [
  ['3. context isolation', 'contextIsolation', true],
  ['4. process sandboxing', 'sandbox', true],
  ['2. no Node.js integration (page)', 'nodeIntegration', false],
  ['2. no Node.js integration (workers)', 'nodeIntegrationInWorker', false],
  ['2. no Node.js integration (subframes)', 'nodeIntegrationInSubFrames', false],
  ['6. webSecurity stays on', 'webSecurity', true],
  ['8. no insecure content', 'allowRunningInsecureContent', false],
  ['9. no experimental features', 'experimentalFeatures', false],
  ['12. no <webview>', 'webviewTag', false],
  ['spellcheck off (no dictionary downloads)', 'spellcheck', false],
  ['the bundled preload', 'preload', PRELOAD],
];

describe('window options against the security checklist', () => {
  const preferences = secureWebPreferences(PRELOAD) as Record<string, unknown>;

  for (const [item, key, value] of CHECKLIST) {
    it(`${item}: ${key} is ${JSON.stringify(value)}`, () => {
      assert.ok(Object.hasOwn(preferences, key), `${key} must be set explicitly, not left to Electron's default`);
      assert.equal(preferences[key], value);
    });
  }

  it('sets nothing else that could widen what a page may do (10. no enableBlinkFeatures, no additional arguments)', () => {
    const allowed = new Set([...CHECKLIST.map(([, key]) => key), 'enableWebSQL', 'navigateOnDragDrop', 'safeDialogs']);
    const extra = Object.keys(preferences).filter((key) => !allowed.has(key));
    assert.deepEqual(extra, []);
    assert.equal(preferences['enableWebSQL'], false);
    assert.equal(preferences['navigateOnDragDrop'], false);
  });

  it('the window uses exactly these webPreferences and shows only when ready', () => {
    const options = windowOptions(PRELOAD);
    assert.deepEqual(options.webPreferences, secureWebPreferences(PRELOAD));
    assert.equal(options.show, false);
  });

  it('the app scheme is secure and standard but gains no CSP bypass, fetch, CORS or service workers', () => {
    assert.equal(APP_SCHEME_PRIVILEGES.standard, true);
    assert.equal(APP_SCHEME_PRIVILEGES.secure, true);
    for (const widening of ['bypassCSP', 'supportFetchAPI', 'corsEnabled', 'allowServiceWorkers', 'stream'] as const) {
      assert.equal(APP_SCHEME_PRIVILEGES[widening], false, widening);
    }
  });

  it('window-security.ts loads no Electron at run time (type imports only)', () => {
    const source = readFileSync(join(REPO_ROOT, 'electron/main/window-security.ts'), 'utf8');
    const electronImports = [...source.matchAll(/^import\s+(type\s+)?[^;]*from\s+'electron';/gm)];
    assert.ok(electronImports.length > 0, 'expected the type import of BrowserWindowConstructorOptions');
    for (const match of electronImports) assert.ok(match[1], `runtime import of electron: ${match[0]}`);
  });
});

describe('permissions (checklist item 5)', () => {
  it('denies every permission a page may ask for', () => {
    const permissions = ['media', 'geolocation', 'notifications', 'midiSysex', 'pointerLock', 'fullscreen', 'openExternal', 'clipboard-read', 'display-capture', 'hid', 'serial', 'usb', 'fileSystem', 'unknown'];
    for (const permission of permissions) assert.equal(permissionAllowed(permission, 'icmp-doctor://app/index.html'), false, permission);
  });

  it('lets only our own pages write the clipboard (the copy buttons)', () => {
    assert.equal(permissionAllowed('clipboard-sanitized-write', 'icmp-doctor://app/index.html'), true);
    assert.equal(permissionAllowed('clipboard-sanitized-write', 'icmp-doctor://app'), true);
    for (const origin of ['https://example.com/', 'file:///tmp/x.html', 'icmp-doctor://evil/', '', undefined]) {
      assert.equal(permissionAllowed('clipboard-sanitized-write', origin), false, String(origin));
    }
  });
});

/** The CSP as directive → sources. */
function directives(policy: string): Map<string, string[]> {
  const map = new Map<string, string[]>();
  for (const part of policy.split(';')) {
    const [name, ...sources] = part.trim().split(/\s+/);
    if (name) map.set(name, sources);
  }
  return map;
}

describe('content security policy (checklist item 7)', () => {
  const policy = directives(CONTENT_SECURITY_POLICY);
  const EXPECTED: ReadonlyArray<readonly [string, string[]]> = [
    ['default-src', ["'none'"]],
    ['script-src', ["'self'"]],
    ['style-src', ["'self'"]],
    ['img-src', ["'self'", 'data:']],
    ['font-src', ["'self'"]],
    ['connect-src', ["'none'"]],
    ['base-uri', ["'none'"]],
    ['form-action', ["'none'"]],
    ['frame-ancestors', ["'none'"]],
  ];

  for (const [name, sources] of EXPECTED) {
    it(`${name} ${sources.join(' ')}`, () => assert.deepEqual(policy.get(name), sources));
  }

  it('has no other directive and nothing unsafe', () => {
    assert.deepEqual([...policy.keys()].sort(), EXPECTED.map(([name]) => name).sort());
    assert.doesNotMatch(CONTENT_SECURITY_POLICY, /unsafe-|\*|https?:|blob:|filesystem:/);
  });

  it('is sent as a header with every app response, with nosniff', () => {
    const headers = appResponseHeaders('text/html; charset=utf-8');
    assert.equal(headers['Content-Security-Policy'], CONTENT_SECURITY_POLICY);
    assert.equal(headers['X-Content-Type-Options'], 'nosniff');
  });

  it('renderer/index.html repeats it in a <meta http-equiv> tag, word for word', () => {
    const path = join(REPO_ROOT, 'renderer', 'index.html');
    assert.ok(existsSync(path), 'renderer/index.html is missing');
    const html = readFileSync(path, 'utf8');
    const meta = /<meta\s+http-equiv=["']Content-Security-Policy["']\s+content=(["'])(.+?)\1\s*\/?>/i.exec(html);
    assert.ok(meta, 'no <meta http-equiv="Content-Security-Policy" content="…"> in renderer/index.html');
    assert.deepEqual(directives(meta[2] ?? ''), policy);
  });
});
