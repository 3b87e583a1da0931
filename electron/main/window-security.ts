// The security settings of the app's window and pages, in one place, so a test can hold
// them against Electron's security checklist. Imports electron for types only: this module
// loads (and is tested) without the Electron runtime.

import type { BrowserWindowConstructorOptions, WebPreferences } from 'electron';
import { isAppUrl } from './app-origin';

/**
 * The Content-Security-Policy of every app page: sent as a response header by the app
 * protocol and repeated as a <meta> tag in renderer/index.html (the header governs; the tag
 * keeps the page safe if it is ever opened some other way). Scripts, styles and fonts only
 * from our own bundle, images also as data: URLs (the RTT chart exports), no network at all:
 * the renderer reaches the main process through the preload bridge, never through fetch.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

/**
 * The webPreferences of every window (Electron's checklist items 2–4, 6, 8–10, and the
 * sandbox): the page is an ordinary sandboxed web page, and the only way out is the
 * bundled preload's bridge.
 */
export function secureWebPreferences(preloadPath: string): WebPreferences {
  return {
    preload: preloadPath,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    experimentalFeatures: false,
    webviewTag: false,
    spellcheck: false,
    // Beyond the checklist: a file dropped on the window must not replace our page, and a
    // page looping alert() can be silenced by the user.
    enableWebSQL: false,
    navigateOnDragDrop: false,
    safeDialogs: true,
  };
}

/** The options of the app's one window. */
export function windowOptions(preloadPath: string): BrowserWindowConstructorOptions {
  return {
    width: 1180,
    height: 820,
    minWidth: 760,
    minHeight: 560,
    title: 'ICMP Doctor',
    // Shown on 'ready-to-show', so the user never sees an empty white frame.
    show: false,
    webPreferences: secureWebPreferences(preloadPath),
  };
}

/** Headers sent with every response of the app protocol. */
export function appResponseHeaders(contentType: string): Record<string, string> {
  return {
    'Content-Type': contentType,
    'Content-Security-Policy': CONTENT_SECURITY_POLICY,
    'X-Content-Type-Options': 'nosniff',
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Referrer-Policy': 'no-referrer',
    'Cache-Control': 'no-store',
  };
}

/**
 * Whether a page may have `permission`. Everything is denied, with one exception: our own
 * pages may write (never read) the clipboard — the "copy the fix" buttons need
 * navigator.clipboard.writeText, and a sanitized write exposes nothing to the page.
 */
export function permissionAllowed(permission: string, requestingUrl: string | undefined): boolean {
  return permission === 'clipboard-sanitized-write' && requestingUrl !== undefined && isAppUrl(requestingUrl);
}
