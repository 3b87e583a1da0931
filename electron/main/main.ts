// The Electron main process: one hardened window showing the bundled renderer from the
// icmp-doctor:// scheme, the bridge's IPC channels, and the same handler table the CLI uses
// (which loads the native addon — here, in main, and nowhere else).

import { app, BrowserWindow, protocol, session } from 'electron';
import { createWizardApi } from '../handlers/wizard-api';
import { createCallDispatcher } from '../ipc/call-dispatcher';
import { registerIpc } from '../ipc/register-ipc';
import { APP_ENTRY_URL, APP_SCHEME, APP_SCHEME_PRIVILEGES } from './app-origin';
import { appPaths } from './app-paths';
import { serveAppRequest } from './app-protocol';
import { createHardenedWindow, hardenSession, hardenWebContents } from './harden-window';
import { log } from './log';

// A profile of its own when asked (the Electron tests; two copies side by side): the
// single-instance lock below is per profile. Must happen before the lock and 'ready'.
const userData = process.env.ICMP_DOCTOR_USER_DATA;
if (userData) app.setPath('userData', userData);

// Both must happen before 'ready'.
protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: { ...APP_SCHEME_PRIVILEGES } }]);
app.enableSandbox();

const paths = appPaths();
const trustedWebContents = new Set<number>();
// One handler table: `call` and saveReport's writeReport share it, so the API token the
// user enters is the one writeReport redacts.
const api = createWizardApi({ environment: process.env });
const dispatcher = createCallDispatcher(api);
let mainWindow: BrowserWindow | null = null;

function openWindow(): BrowserWindow {
  const window = createHardenedWindow(paths.preload);
  const contents = window.webContents;
  const id = contents.id;
  trustedWebContents.add(id);
  contents.once('destroyed', () => {
    trustedWebContents.delete(id);
    dispatcher.cancelAll(id); // probes of a closed window stop with it
  });
  window.on('closed', () => {
    if (mainWindow === window) mainWindow = null;
  });
  window.loadURL(APP_ENTRY_URL).catch((error: unknown) => {
    log(`could not load ${APP_ENTRY_URL}: ${error instanceof Error ? error.message : String(error)}`);
  });
  return window;
}

function start(): void {
  protocol.handle(APP_SCHEME, (request) => serveAppRequest(request, paths.renderer));
  hardenSession(session.defaultSession, log);
  registerIpc({ api, dispatcher, trustedWebContents, log });
  mainWindow = openWindow();
}

if (!app.requestSingleInstanceLock()) {
  // Another instance runs: it gets focus (below) and this one leaves.
  app.quit();
} else {
  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents, log));
  app.on('second-instance', () => {
    if (mainWindow === null) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.focus();
  });
  app.on('activate', () => {
    // macOS: clicking the dock icon with no window open opens one again.
    if (app.isReady() && mainWindow === null) mainWindow = openWindow();
  });
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  app.whenReady().then(start).catch((error: unknown) => {
    log(`failed to start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    app.exit(1);
  });
}
