// Worker: loads the native addon the way the packaged app does — with process.resourcesPath
// pointing at the packaged resources/ — and prints which .node file it loaded. Argument:
// the resources directory.

import { createRequire } from 'node:module';
import { loadAddon } from '../../../electron/native/addon';

const resources = process.argv[2];
if (!resources) throw new Error('usage: load-packaged-addon.ts RESOURCES_DIRECTORY');
Object.defineProperty(process, 'resourcesPath', { value: resources });
delete process.env.ICMP_DOCTOR_ADDON;
loadAddon();
// createRequire shares the one CommonJS module cache, where the dlopen()ed addon is recorded.
const loaded = Object.keys(createRequire(import.meta.url).cache).filter((path) => path.endsWith('.node'));
console.log(JSON.stringify({ loaded }));
