// The renderer's bridge adapter (renderer/bridge/wizard-api-from-bridge.ts) against the real
// core: the WizardApi running in the lab's client namespace as the unprivileged user, behind a
// DoctorBridge that speaks to it as the preload speaks to main. Probe events must reach the
// call that asked for them and no other; an aborted signal must cancel the call in the core.

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Gathered, IcmpEchoResult } from '../../contract/evidence';
import type { ProbeEvent } from '../../native/index';
import { wizardApiFromBridge } from '../../renderer/bridge/wizard-api-from-bridge';
import { createLab, labUnavailableReason, type Lab } from '../lab/lab';
import { startCoreBridge, type CoreBridge } from './support/core-bridge';

const SERVER = '10.200.2.2';
const MTU_SERVER = '10.200.3.2';

function probesOf(result: Gathered<IcmpEchoResult>): ProbeEvent[] {
  assert.ok(result.ok, JSON.stringify(result));
  return result.value.probes;
}

describe('wizardApiFromBridge over the real core', { skip: labUnavailableReason() ?? false }, () => {
  let lab: Lab;
  let bridge: CoreBridge;

  before(async () => {
    lab = await createLab();
    // A Cloudflare API base nobody serves: the call then fails fast, proving only whether a token got through.
    bridge = await startCoreBridge(lab, { env: { CLOUDFLARE_API_BASE: `http://${SERVER}:9/client/v4` } });
  });

  after(async () => {
    await bridge?.close();
    await lab?.destroy();
  });

  it('runs in the client namespace as the unprivileged user', () => {
    assert.equal(bridge.identity.uid, 65534);
    assert.equal(bridge.identity.gid, 65534);
  });

  it('routes each probe event to the call that asked for it, with unique call ids', async () => {
    const api = wizardApiFromBridge(bridge);
    const seen: Record<string, ProbeEvent[]> = { main: [], mtu: [] };
    const [main, mtu] = await Promise.all([
      api.probeIcmp({ target: SERVER, count: 3, intervalMs: 20 }, { onProbe: (event) => seen.main?.push(event) }),
      api.probeIcmp({ target: MTU_SERVER, count: 2, intervalMs: 20 }, { onProbe: (event) => seen.mtu?.push(event) }),
    ]);
    assert.deepEqual(seen.main?.map((event) => event.target), [SERVER, SERVER, SERVER]);
    assert.deepEqual(seen.mtu?.map((event) => event.target), [MTU_SERVER, MTU_SERVER]);
    // What streamed live is exactly what the result holds.
    assert.deepEqual(seen.main, probesOf(main));
    assert.deepEqual(seen.mtu, probesOf(mtu));
    const ids = bridge.events.flatMap((event) => (event.type === 'call' ? [event.callId] : []));
    assert.equal(new Set(ids).size, ids.length, `call ids are unique: ${ids.join(' ')}`);
  });

  it('an aborted signal cancels the call in the core, which settles it as CANCELLED', async () => {
    const api = wizardApiFromBridge(bridge);
    const controller = new AbortController();
    const events: ProbeEvent[] = [];
    // 100 probes 200 ms apart would take 20 s; the first reply cancels it.
    const result = await api.probeIcmp(
      { target: SERVER, count: 100, intervalMs: 200 },
      {
        signal: controller.signal,
        onProbe: (event) => {
          events.push(event);
          controller.abort();
        },
      },
    );
    assert.equal(result.ok, false, JSON.stringify(result).slice(0, 300));
    assert.equal(!result.ok && result.code, 'CANCELLED');
    assert.ok(events.length >= 1 && events.length < 100, `${events.length} probe events before the cancel took effect`);
    const callId = bridge.events.filter((event) => event.type === 'call').at(-1)?.callId;
    assert.ok(bridge.events.some((event) => event.type === 'cancel' && event.callId === callId), 'the bridge was told to cancel that call');
  });

  it('a signal aborted before the call cancels it at once', async () => {
    const api = wizardApiFromBridge(bridge);
    const result = await api.probeIcmp({ target: SERVER, count: 100, intervalMs: 200 }, { signal: AbortSignal.abort() });
    assert.equal(!result.ok && result.code, 'CANCELLED', JSON.stringify(result).slice(0, 300));
  });

  it('hands the API token to the core and takes it back', async () => {
    const api = wizardApiFromBridge(bridge);
    const accountId = '0123456789abcdef0123456789abcdef';
    const without = await api.gatherCloudflareApi({ accountId });
    assert.equal(!without.ok && without.code, 'NOT_APPLICABLE', 'no token yet');
    await api.setCloudflareApiToken('test-token-held-by-main');
    const withToken = await api.gatherCloudflareApi({ accountId });
    assert.equal(withToken.ok, false, 'nobody serves that API base');
    assert.notEqual(!withToken.ok && withToken.code, 'NOT_APPLICABLE', `the core used the token: ${JSON.stringify(withToken)}`);
    assert.ok(!JSON.stringify(withToken).includes('test-token-held-by-main'), 'the token never comes back out');
    await api.setCloudflareApiToken(null);
    const forgotten = await api.gatherCloudflareApi({ accountId });
    assert.equal(!forgotten.ok && forgotten.code, 'NOT_APPLICABLE', 'forgotten');
  });

  it('bad input comes back as the core’s typed failure, not an exception', async () => {
    const api = wizardApiFromBridge(bridge);
    const result = await api.probeIcmp({ target: SERVER, count: -1 });
    assert.equal(result.ok, false);
    assert.match(!result.ok ? result.message : '', /count must be a whole number/);
  });
});
