// Wires contract/bridge.ts's channels to the main process: every message's sender is
// checked first, `call`/`cancel` go through the call dispatcher, and the dialogs are shown
// here (the only part of the bridge that needs Electron beyond ipcMain). The pure decisions
// live in trusted-sender, bridge-methods, call-dispatcher, report-save and file-pick.

import { app, BrowserWindow, dialog, ipcMain, type IpcMainEvent, type IpcMainInvokeEvent } from 'electron';
import { join } from 'node:path';
import type { WizardApi } from '../../contract/api';
import { IPC, type AppInfo, type PickedFile } from '../../contract/bridge';
import type { Report } from '../../contract/report';
import { fail } from '../../contract/result';
import type { Log } from '../main/log';
import { isImportKind } from './bridge-methods';
import type { CallDispatcher } from './call-dispatcher';
import { openDialogOptions, pickedFile } from './file-pick';
import { reportLang, reportProblem, saveDialogFilters, type SaveReportAnswer, suggestedReportName, writeChosenReport } from './report-save';
import { assertTrustedSender, type SenderFacts, UntrustedSenderError } from './trusted-sender';

export interface IpcDependencies {
  api: WizardApi;
  dispatcher: CallDispatcher;
  /** The webContents ids of our windows (kept by main.ts as windows open and close). */
  trustedWebContents: ReadonlySet<number>;
  log: Log;
}

function senderFacts(event: IpcMainEvent | IpcMainInvokeEvent): SenderFacts {
  let frame: SenderFacts['frame'] = null;
  try {
    const sender = event.senderFrame;
    if (sender !== null) frame = { url: sender.url, isMainFrame: sender.parent === null };
  } catch {
    // The frame was destroyed while the message was in flight: treated as gone.
  }
  return { webContentsId: event.sender.id, frame };
}

/** Registers every channel; returns a function that removes them again. */
export function registerIpc({ api, dispatcher, trustedWebContents, log }: IpcDependencies): () => void {
  const trusted = (channel: string, event: IpcMainEvent | IpcMainInvokeEvent): void => {
    try {
      assertTrustedSender(channel, senderFacts(event), trustedWebContents);
    } catch (error) {
      if (error instanceof UntrustedSenderError) log(error.message);
      throw error;
    }
  };

  ipcMain.handle(IPC.call, (event, method: unknown, request: unknown, callId: unknown) => {
    trusted(IPC.call, event);
    const sender = event.sender;
    return dispatcher.call(sender.id, method, request, callId, (id, probe) => {
      if (!sender.isDestroyed()) sender.send(IPC.probe, id, probe);
    });
  });

  ipcMain.on(IPC.cancel, (event, callId: unknown) => {
    try {
      trusted(IPC.cancel, event);
    } catch {
      return; // logged; a fire-and-forget message has no one to answer
    }
    dispatcher.cancel(event.sender.id, callId);
  });

  ipcMain.handle(IPC.saveReport, async (event, report: unknown, suggested: unknown, lang: unknown): Promise<SaveReportAnswer> => {
    trusted(IPC.saveReport, event);
    const problem = reportProblem(report);
    if (problem !== null) return fail('BAD_FORMAT', `cannot save: ${problem}`);
    const suggestedName = suggestedReportName(suggested);
    const options = { title: 'Save the ICMP Doctor report', defaultPath: join(app.getPath('documents'), suggestedName), filters: saveDialogFilters(suggestedName) };
    const window = BrowserWindow.fromWebContents(event.sender);
    const answer = window ? await dialog.showSaveDialog(window, options) : await dialog.showSaveDialog(options);
    if (answer.canceled || !answer.filePath) return fail('CANCELLED', 'the save dialog was cancelled');
    return writeChosenReport(api, report as Report, answer.filePath, suggestedName, reportLang(lang));
  });

  ipcMain.handle(IPC.pickFile, async (event, kind: unknown): Promise<PickedFile | null> => {
    trusted(IPC.pickFile, event);
    if (!isImportKind(kind)) throw new Error(`pickFile: unknown evidence kind ${JSON.stringify(kind)}`);
    const window = BrowserWindow.fromWebContents(event.sender);
    const options = openDialogOptions(kind);
    return pickedFile(window ? await dialog.showOpenDialog(window, options) : await dialog.showOpenDialog(options));
  });

  ipcMain.handle(IPC.appInfo, (event): AppInfo => {
    trusted(IPC.appInfo, event);
    return { version: app.getVersion(), platform: process.platform, locale: app.getLocale() };
  });

  return () => {
    for (const channel of [IPC.call, IPC.saveReport, IPC.pickFile, IPC.appInfo]) ipcMain.removeHandler(channel);
    ipcMain.removeAllListeners(IPC.cancel);
  };
}
