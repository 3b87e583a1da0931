// The preload of the app's window. It runs sandboxed (bundled to one CommonJS file whose
// only require is 'electron') and puts exactly one thing on the page: the DoctorBridge at
// window.icmpDoctor — functions only, no ipcRenderer, no Electron objects.

import { contextBridge, ipcRenderer } from 'electron';
import { BRIDGE_GLOBAL } from '../../contract/bridge';
import { createBridge } from './bridge';

contextBridge.exposeInMainWorld(BRIDGE_GLOBAL, createBridge(ipcRenderer));
