// The preload: bundled with the real build options into ONE CommonJS file whose only
// require is 'electron' (a sandboxed preload can load nothing else), and exposing exactly
// the DoctorBridge — functions only — on window.icmpDoctor. Electron cannot run here, so the
// bundle is evaluated in a vm context whose `require` offers only a stand-in 'electron'
// module recording what the preload does with contextBridge and ipcRenderer.

import assert from 'node:assert/strict';
import { EventEmitter } from 'node:events';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { runInNewContext } from 'node:vm';
import { build } from 'esbuild';
import { preloadBuild, rendererBuild } from '../../build/bundle-config.mjs';
import { BRIDGE_GLOBAL, IPC, type DoctorBridge } from '../../contract/bridge';
import { createBridge } from '../../electron/preload/bridge';
import type { ProbeEvent } from '../../native/index';
import { REPO_ROOT } from '../support/worker';

const BRIDGE_MEMBERS = ['appInfo', 'call', 'cancel', 'onProbe', 'pickFile', 'saveReport'];

/** A stand-in ipcRenderer: an emitter that records what is invoked and sent. */
class RecordingIpc extends EventEmitter {
  readonly invoked: unknown[][] = [];
  readonly sent: unknown[][] = [];
  invoke(channel: string, ...args: unknown[]): Promise<unknown> {
    this.invoked.push([channel, ...args]);
    return Promise.resolve({ channel });
  }
  send(channel: string, ...args: unknown[]): void {
    this.sent.push([channel, ...args]);
  }
}

const probe = (seq: number): ProbeEvent => ({
  type: 'probe', job: 1, seq, wireSeq: seq, target: '10.0.0.5', address: '10.0.0.5', status: 'reply', rttMs: 0.2, ttl: 63, bytes: 64, sentAt: 0, error: null,
});

describe('the preload bundle', () => {
  let scratch: string;
  let code: string;
  let outputs: string[];
  let externals: string[];

  before(async () => {
    scratch = mkdtempSync(join(tmpdir(), 'icmp-doctor-preload-'));
    const result = await build(preloadBuild(REPO_ROOT, scratch));
    outputs = readdirSync(scratch);
    code = readFileSync(join(scratch, 'preload.cjs'), 'utf8');
    externals = Object.values(result.metafile.outputs).flatMap((output) => output.imports.filter((entry) => entry.external).map((entry) => entry.path));
  });
  after(() => rmSync(scratch, { recursive: true, force: true }));

  it('is one file', () => assert.deepEqual(outputs, ['preload.cjs']));

  it('is CommonJS whose only require is electron', () => {
    assert.deepEqual([...new Set(externals)], ['electron']);
    const requires = [...code.matchAll(/\brequire\s*\(\s*(['"`])([^'"`]*)\1\s*\)/g)].map((match) => match[2]);
    assert.deepEqual([...new Set(requires)], ['electron']);
    assert.doesNotMatch(code, /^\s*(import|export)\s/m, 'no ES module syntax');
    assert.doesNotMatch(code, /\bimport\s*\(/, 'no dynamic import');
  });

  it('exposes exactly the DoctorBridge, functions only, under BRIDGE_GLOBAL', async () => {
    const exposed = new Map<string, unknown>();
    const ipc = new RecordingIpc();
    const required: string[] = [];
    const electron = { contextBridge: { exposeInMainWorld: (key: string, api: unknown) => exposed.set(key, api) }, ipcRenderer: ipc };
    const sandboxRequire = (name: string): unknown => {
      required.push(name);
      if (name !== 'electron') throw new Error(`a sandboxed preload cannot require ${name}`);
      return electron;
    };
    runInNewContext(code, { require: sandboxRequire, module: { exports: {} }, exports: {}, console });
    assert.deepEqual(required, ['electron']);
    assert.deepEqual([...exposed.keys()], [BRIDGE_GLOBAL]);
    const bridge = exposed.get(BRIDGE_GLOBAL) as Record<string, unknown>;
    assert.deepEqual(Object.keys(bridge).sort(), BRIDGE_MEMBERS);
    for (const member of BRIDGE_MEMBERS) assert.equal(typeof bridge[member], 'function', member);

    // Each member reaches its own channel.
    const typed = bridge as unknown as DoctorBridge;
    await typed.call('gatherLocal', undefined, 'id-1');
    typed.cancel('id-1');
    await typed.appInfo();
    await typed.pickFile('sysctl');
    assert.deepEqual(ipc.invoked.map(([channel]) => channel), [IPC.call, IPC.appInfo, IPC.pickFile]);
    assert.deepEqual(ipc.invoked[0], [IPC.call, 'gatherLocal', undefined, 'id-1']);
    assert.deepEqual(ipc.sent, [[IPC.cancel, 'id-1']]);
  });
});

describe('the bridge over ipcRenderer', () => {
  it('hands probe listeners (callId, event) only — never the IPC event', () => {
    const ipc = new RecordingIpc();
    const bridge = createBridge(ipc);
    const calls: unknown[][] = [];
    bridge.onProbe((...args: unknown[]) => calls.push(args));
    const ipcEvent = { sender: { send() {} }, senderId: 0 };
    ipc.emit(IPC.probe, ipcEvent, 'call-7', probe(1));
    assert.deepEqual(calls, [['call-7', probe(1)]]);
  });

  it('drops malformed probe messages', () => {
    const ipc = new RecordingIpc();
    const bridge = createBridge(ipc);
    const calls: unknown[][] = [];
    bridge.onProbe((...args: unknown[]) => calls.push(args));
    ipc.emit(IPC.probe, {}, 7, probe(1));
    ipc.emit(IPC.probe, {}, 'call-7', null);
    ipc.emit(IPC.probe, {}, 'call-7');
    assert.deepEqual(calls, []);
  });

  it('unsubscribes (once, idempotently) and leaves other listeners alone', () => {
    const ipc = new RecordingIpc();
    const bridge = createBridge(ipc);
    const first: string[] = [];
    const second: string[] = [];
    const unsubscribe = bridge.onProbe((callId) => first.push(callId));
    bridge.onProbe((callId) => second.push(callId));
    ipc.emit(IPC.probe, {}, 'a', probe(1));
    unsubscribe();
    unsubscribe();
    ipc.emit(IPC.probe, {}, 'b', probe(2));
    assert.deepEqual(first, ['a']);
    assert.deepEqual(second, ['a', 'b']);
    assert.equal(ipc.listenerCount(IPC.probe), 1);
  });

  it('a listener that throws does not stop the others', () => {
    const ipc = new RecordingIpc();
    const bridge = createBridge(ipc);
    const seen: string[] = [];
    const originalError = console.error;
    console.error = () => {};
    try {
      bridge.onProbe(() => {
        throw new Error('renderer bug');
      });
      bridge.onProbe((callId) => seen.push(callId));
      ipc.emit(IPC.probe, {}, 'a', probe(1));
    } finally {
      console.error = originalError;
    }
    assert.deepEqual(seen, ['a']);
  });

  it('saveReport passes the report, the suggested name and the window language to its channel', async () => {
    const ipc = new RecordingIpc();
    const bridge = createBridge(ipc);
    const report = { schema: 'icmp-doctor/report@1' } as unknown as Parameters<DoctorBridge['saveReport']>[0];
    await bridge.saveReport(report, 'report.html');
    await bridge.saveReport(report, 'report.md', 'ja');
    // The window's language goes along when it is given; main checks it (register-ipc).
    assert.deepEqual(ipc.invoked, [
      [IPC.saveReport, report, 'report.html', undefined],
      [IPC.saveReport, report, 'report.md', 'ja'],
    ]);
  });
});

describe('bundle guards', () => {
  let scratch: string;
  before(() => {
    scratch = mkdtempSync(join(tmpdir(), 'icmp-doctor-guards-'));
  });
  after(() => rmSync(scratch, { recursive: true, force: true }));

  it('the preload build fails when the preload reaches for a Node builtin', async () => {
    const entry = join(scratch, 'bad-preload.ts');
    writeFileSync(entry, "import { readFileSync } from 'node:fs';\nimport { ipcRenderer } from 'electron';\nconsole.log(readFileSync, ipcRenderer);\n");
    const options = preloadBuild(REPO_ROOT, join(scratch, 'out'));
    await assert.rejects(build({ ...options, entryPoints: [entry], logLevel: 'silent' }), /the sandboxed preload cannot require "node:fs"/);
  });

  it('the renderer build fails when the renderer imports a Node builtin or electron', async () => {
    for (const [name, source] of [
      ['fs', "import { readFileSync } from 'fs';\nconsole.log(readFileSync);\n"],
      ['electron', "import { ipcRenderer } from 'electron';\nconsole.log(ipcRenderer);\n"],
    ] as const) {
      const entry = join(scratch, `bad-renderer-${name}.tsx`);
      writeFileSync(entry, source);
      const options = rendererBuild(REPO_ROOT, join(scratch, 'renderer-out'));
      await assert.rejects(
        build({ ...options, entryPoints: { main: entry }, logLevel: 'silent' }),
        new RegExp(`the renderer must not import "${name}"`),
      );
    }
  });
});
