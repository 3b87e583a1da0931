// The route gatherer against this host's real kernel and iproute2 (read-only lookups), and
// its refusals: each failure carries a message said in Japanese too.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Gathered, RouteFacts } from '../../../../contract/evidence';
import { renderMessage } from '../../../../renderer/i18n/messages/render';
import { englishProse } from '../../../../test-support/i18n/english-prose';
import { gatherRoute } from './route-lookup';

function failure(g: Gathered<RouteFacts>): Extract<Gathered<RouteFacts>, { ok: false }> {
  if (g.ok) assert.fail(`expected a failure, got ${JSON.stringify(g.value)}`);
  return g;
}

function saidInJapanese(g: Extract<Gathered<RouteFacts>, { ok: false }>): void {
  const reason = g.reason ?? assert.fail(`no reason message: ${g.message}`);
  const ja = renderMessage(reason, 'ja');
  assert.match(ja, /[\u3040-\u30ff\u3400-\u9fff]/, ja);
  assert.deepEqual(englishProse(ja), [], ja);
}

describe('gatherRoute', { skip: process.platform === 'linux' ? false : 'reads Linux routes' }, () => {
  it("reads the kernel's route to a local address and this machine's interfaces", async () => {
    const g = await gatherRoute({ target: '127.0.0.1' });
    assert.ok(g.ok, g.ok ? '' : g.message);
    assert.equal(g.value.address, '127.0.0.1');
    assert.deepEqual(g.value.route.kind === 'via' ? g.value.route.device : g.value.route, 'lo');
    assert.ok(g.value.interfaces.some((i) => i.name === 'lo' && i.addresses.includes('127.0.0.1')), JSON.stringify(g.value.interfaces));
    assert.equal(g.sourceMessage?.key, 'route.source.to');
  });

  it('refuses a request without a target before running anything', async () => {
    const g = failure(await gatherRoute({ target: '' }));
    assert.equal(g.code, 'UNPARSEABLE');
    saidInJapanese(g);
  });

  it('says iproute2 is missing when there is no ip command, naming the lookup to run elsewhere', async () => {
    const path = process.env['PATH'];
    process.env['PATH'] = '/nonexistent';
    try {
      const g = failure(await gatherRoute({ target: '127.0.0.1' }));
      assert.equal(g.code, 'NOT_FOUND');
      assert.equal(g.reason?.key, 'route.gather.no-ip');
      assert.equal(g.reason?.params?.['address'], '127.0.0.1');
      saidInJapanese(g);
    } finally {
      process.env['PATH'] = path;
    }
  });
});
