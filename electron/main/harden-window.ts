// One place that makes every window and page safe (Signal's idea): the window is built
// from the checked options of window-security.ts, and every webContents — ours or any
// created unexpectedly — refuses navigation, new windows and <webview>, and logs preload
// failures. Sessions deny every permission and download.

import { BrowserWindow, type Session, type WebContents } from 'electron';
import type { Log } from './log';
import { permissionAllowed, windowOptions } from './window-security';

/** The navigation, window-opening, webview and preload-error rules for one webContents. */
export function hardenWebContents(contents: WebContents, log: Log): void {
  // The app is one page; it never navigates. A link or a script that tries is refused.
  contents.on('will-navigate', (event) => {
    event.preventDefault();
    log(`blocked navigation to ${event.url}`);
  });
  contents.on('will-frame-navigate', (event) => {
    if (event.isMainFrame) return; // the main frame is 'will-navigate''s case
    event.preventDefault();
    log(`blocked frame navigation to ${event.url}`);
  });
  contents.on('will-redirect', (event) => {
    event.preventDefault();
    log(`blocked redirect to ${event.url}`);
  });
  // No new windows: report links are shown as text for the user to copy, never opened.
  contents.setWindowOpenHandler((details) => {
    log(`denied window.open of ${details.url}`);
    return { action: 'deny' };
  });
  contents.on('will-attach-webview', (event) => {
    event.preventDefault();
    log('prevented a <webview> from attaching');
  });
  contents.on('preload-error', (_event, preloadPath, error) => {
    log(`preload ${preloadPath} failed: ${error.stack ?? error.message}`);
  });
  contents.on('render-process-gone', (_event, details) => {
    log(`renderer process gone: ${details.reason} (exit code ${details.exitCode})`);
  });
}

/** Denies every permission (but permissionAllowed's one), every device, and every download. */
export function hardenSession(session: Session, log: Log): void {
  session.setPermissionRequestHandler((_contents, permission, callback, details) => {
    const allowed = permissionAllowed(permission, details.requestingUrl);
    if (!allowed) log(`denied permission request: ${permission} from ${details.requestingUrl}`);
    callback(allowed);
  });
  session.setPermissionCheckHandler((_contents, permission, requestingOrigin) => permissionAllowed(permission, requestingOrigin));
  session.setDevicePermissionHandler(() => false);
  session.on('will-download', (event, item) => {
    event.preventDefault();
    log(`blocked download of ${item.getURL()}`);
  });
}

/** The app's window, built from the checked options and shown once its page is ready. */
export function createHardenedWindow(preloadPath: string): BrowserWindow {
  const window = new BrowserWindow(windowOptions(preloadPath));
  window.once('ready-to-show', () => window.show());
  // The menu bar holds nothing the app needs (the wizard has its own controls).
  window.removeMenu();
  return window;
}
