// The main-process side of `call` and `cancel`: the registry of running calls (one
// AbortController per sender and call id) and the dispatcher that validates each call and
// runs it on the real handler table.

import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import type { ImportedItem } from '../../contract/api';
import type { CloudflaredEvidence, Gathered } from '../../contract/evidence';
import { createWizardApi } from '../../electron/handlers/wizard-api';
import { CallRefusedError, createCallDispatcher } from '../../electron/ipc/call-dispatcher';
import { CallRegistry } from '../../electron/ipc/call-registry';

describe('the call registry', () => {
  it('aborts exactly the cancelled call', () => {
    const registry = new CallRegistry();
    const first = registry.start(1, 'a');
    const second = registry.start(1, 'b');
    assert.ok(first.ok && second.ok);
    assert.equal(registry.cancel(1, 'a'), true);
    assert.equal(first.value.signal.aborted, true);
    assert.equal(second.value.signal.aborted, false);
    assert.equal(registry.running(1), 2, 'a cancelled call stays registered until it settles');
    registry.finish(1, 'a');
    assert.equal(registry.running(1), 1);
  });

  it('keeps senders apart: one window cannot cancel another window’s call', () => {
    const registry = new CallRegistry();
    const mine = registry.start(1, 'same-id');
    const theirs = registry.start(2, 'same-id');
    assert.ok(mine.ok && theirs.ok, 'the same id is fine for two senders');
    assert.equal(registry.cancel(2, 'same-id'), true);
    assert.equal(mine.value.signal.aborted, false);
    assert.equal(theirs.value.signal.aborted, true);
  });

  it('refuses a reused id while its call runs, and allows it once it settled', () => {
    const registry = new CallRegistry();
    assert.ok(registry.start(1, 'x').ok);
    const again = registry.start(1, 'x');
    assert.equal(again.ok ? 'started' : again.code, 'DUPLICATE_CALL_ID');
    registry.finish(1, 'x');
    assert.ok(registry.start(1, 'x').ok);
  });

  it('refuses malformed ids and ignores cancels of unknown ones', () => {
    const registry = new CallRegistry();
    for (const id of ['', 'x'.repeat(201), 5, null, undefined, { id: 'x' }]) {
      const started = registry.start(1, id);
      assert.equal(started.ok ? 'started' : started.code, 'BAD_CALL_ID', JSON.stringify(id));
    }
    assert.equal(registry.cancel(1, 'never-started'), false);
    assert.equal(registry.cancel(1, 42), false);
    assert.equal(registry.running(), 0);
  });

  it('cancelAll aborts every call of a closed window and forgets them', () => {
    const registry = new CallRegistry();
    const signals = ['a', 'b', 'c'].map((id) => registry.start(3, id)).map((started) => (started.ok ? started.value.signal : null));
    const other = registry.start(4, 'a');
    assert.equal(registry.cancelAll(3), 3);
    assert.deepEqual(signals.map((signal) => signal?.aborted), [true, true, true]);
    assert.equal(registry.running(3), 0);
    assert.equal(other.ok && other.value.signal.aborted, false);
  });
});

describe('the call dispatcher on the real handler table', () => {
  let hanging: Server;
  let metricsUrl: string;
  let onRequest: () => void = () => {};

  before(async () => {
    // A metrics server that accepts and never answers: the call waits until it is cancelled.
    hanging = createServer(() => onRequest());
    await new Promise<void>((resolve) => hanging.listen(0, '127.0.0.1', resolve));
    metricsUrl = `http://127.0.0.1:${(hanging.address() as AddressInfo).port}`;
  });
  after(async () => {
    hanging.closeAllConnections();
    await new Promise((resolve) => hanging.close(resolve));
  });

  it('runs a call and returns the handler’s value', async () => {
    const dispatcher = createCallDispatcher(createWizardApi());
    const request = { kind: 'sysctl', text: 'net.ipv4.ping_group_range = 0\t2147483647\n', path: null, label: 'pasted sysctl' };
    const item = (await dispatcher.call(1, 'importEvidence', request, 'c1', () => {})) as ImportedItem;
    assert.equal(item.kind, 'sysctl');
    assert.ok(item.kind === 'sysctl' && item.value.ok, JSON.stringify(item));
    assert.deepEqual(item.value.value, { low: 0, high: 2147483647 });
    assert.equal(dispatcher.registry.running(), 0, 'a settled call is forgotten');
  });

  it('cancel aborts a running call, which settles CANCELLED', async () => {
    const dispatcher = createCallDispatcher(createWizardApi());
    onRequest = () => dispatcher.cancel(1, 'slow');
    const request = { logPath: '/nonexistent/cloudflared.log', configPath: '/nonexistent/config.yml', metricsUrl, connectors: [] };
    const result = (await dispatcher.call(1, 'gatherCloudflared', request, 'slow', () => {})) as Gathered<CloudflaredEvidence>;
    assert.equal(result.ok, false);
    assert.equal(result.ok ? 'ok' : result.code, 'CANCELLED');
    assert.equal(dispatcher.registry.running(), 0);
  });

  it('a cancel from another sender does not touch the call', async () => {
    const dispatcher = createCallDispatcher(createWizardApi());
    let requests = 0;
    onRequest = () => {
      requests += 1;
      dispatcher.cancel(2, 'mine'); // someone else's window: ignored
      dispatcher.cancelAll(2);
      assert.equal(dispatcher.registry.running(1), 1);
      dispatcher.cancel(1, 'mine');
    };
    const request = { logPath: '/nonexistent/cloudflared.log', configPath: '/nonexistent/config.yml', metricsUrl, connectors: [] };
    const result = (await dispatcher.call(1, 'gatherCloudflared', request, 'mine', () => {})) as Gathered<CloudflaredEvidence>;
    assert.equal(requests, 1);
    assert.equal(result.ok ? 'ok' : result.code, 'CANCELLED');
  });

  it('rejects refused calls with a CallRefusedError and runs nothing', async () => {
    const dispatcher = createCallDispatcher(createWizardApi());
    const refusals: ReadonlyArray<readonly [unknown, unknown, unknown, string, RegExp]> = [
      ['constructor', undefined, 'c', 'UNKNOWN_METHOD', /unknown method "constructor"/],
      ['writeReport', { report: {}, path: '/tmp/x.json' }, 'c', 'NOT_CALLABLE', /use saveReport/],
      ['probeTcp', { target: '10.0.0.5' }, 'c', 'BAD_REQUEST', /probeTcp: field "port"/],
      ['gatherLocal', undefined, '', 'BAD_CALL_ID', /call id must be a non-empty string/],
    ];
    for (const [method, request, callId, code, message] of refusals) {
      await assert.rejects(dispatcher.call(1, method, request, callId, () => {}), (error: unknown) => {
        assert.ok(error instanceof CallRefusedError, String(error));
        assert.equal(error.code, code);
        assert.match(error.message, message);
        return true;
      });
    }
    assert.equal(dispatcher.registry.running(), 0);
  });

  it('refuses a second call with the id of one still running', async () => {
    const dispatcher = createCallDispatcher(createWizardApi());
    let second: Promise<unknown> | null = null;
    onRequest = () => {
      second = dispatcher.call(1, 'gatherLocal', undefined, 'dup', () => {});
      dispatcher.cancel(1, 'dup');
    };
    const request = { logPath: '/nonexistent/cloudflared.log', configPath: '/nonexistent/config.yml', metricsUrl, connectors: [] };
    await dispatcher.call(1, 'gatherCloudflared', request, 'dup', () => {});
    assert.ok(second);
    await assert.rejects(second, (error: unknown) => error instanceof CallRefusedError && error.code === 'DUPLICATE_CALL_ID');
  });
});
