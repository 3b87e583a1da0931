// The wizard's steps speak in messages: titles, reasons, skip reasons and one-line results
// are keys with parameters, said in English exactly as the CLI's progress lines always read,
// and in Japanese with no English prose left (facts such as ICMPv4, pids, transports, sizes and
// gather failure codes stay as they are).

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ConnectorProcess, Gathered } from '../../contract/evidence';
import { defaultInputs } from '../../contract/inputs';
import type { Message } from '../../contract/message';
import { cloudflared } from '../../test-support/checks/evidence';
import { englishProse } from '../../test-support/i18n/english-prose';
import { REFUSED_TRACE } from '../../test-support/trace/sample-trace';
import { renderMessage } from '../i18n/messages/render';
import { STEP_DETAILS, STEPS } from './steps';

const AT = '2026-12-04T12:00:00.000Z';
const ok = <T>(value: T, source = 'test'): Gathered<T> => ({ ok: true, value, source, at: AT });

const connector = (kind: ConnectorProcess['kind'], pid: number): ConnectorProcess => ({
  kind,
  pid,
  command: [kind],
  uids: [65532, 65532, 65532, 65532],
  gids: [65532, 65532, 65532, 65532],
  groups: [],
  netns: null,
  sameNetnsAsUs: true,
  pingGroupRange: ok({ low: 1, high: 0 }),
  environment: ok({}),
  container: null,
});

/** Every result a step can report, with the English the CLI's progress line has always printed. */
const RESULTS: ReadonlyArray<{ what: string; detail: Message; english: string }> = [
  {
    what: 'sockets allowed and refused',
    detail: STEP_DETAILS.local(ok({ v4: { allowed: true, errno: null }, v6: { allowed: false, errno: 'EACCES' } })),
    english: 'ICMPv4 allowed, ICMPv6 refused (EACCES)',
  },
  {
    what: 'sockets, and the route to the target through a tunnel',
    detail: STEP_DETAILS.localWithRoute(
      ok({ v4: { allowed: true, errno: null }, v6: { allowed: true, errno: null } }),
      ok({ target: '10.9.1.5', address: '10.9.1.5', route: { kind: 'via', device: 'CloudflareWARP', source: '172.16.0.2', gateway: null, table: '65743' }, interfaces: [] }),
    ),
    english: 'ICMPv4 allowed, ICMPv6 allowed; 10.9.1.5 routed through CloudflareWARP (a tunnel)',
  },
  {
    what: 'sockets, and no route to the target',
    detail: STEP_DETAILS.localWithRoute(
      ok({ v4: { allowed: true, errno: null }, v6: { allowed: true, errno: null } }),
      ok({ target: '10.9.1.5', address: '10.9.1.5', route: { kind: 'unroutable', error: 'Network is unreachable' }, interfaces: [] }),
    ),
    english: 'ICMPv4 allowed, ICMPv6 allowed; no route to 10.9.1.5',
  },
  { what: 'no connector', detail: STEP_DETAILS.connectors(ok([])), english: 'none found' },
  {
    what: 'connectors',
    detail: STEP_DETAILS.connectors(ok([connector('cloudflared', 812), connector('twingate', 90)])),
    english: 'cloudflared (pid 812), twingate (pid 90)',
  },
  {
    what: 'registered transports',
    detail: STEP_DETAILS.cloudflared(
      cloudflared({
        registered: [
          { transport: 'quic', evidence: { text: 'Registered tunnel connection protocol=quic', line: 3 } },
          { transport: 'http2', evidence: { text: 'Registered tunnel connection protocol=http2', line: 9 } },
        ],
      }),
    ),
    english: 'registered over quic and http2',
  },
  {
    what: 'nothing registered, nowhere to look',
    detail: STEP_DETAILS.cloudflared(
      cloudflared({ sources: [] }),
    ),
    english: 'looked at nothing',
  },
  { what: 'ICMP proxy off', detail: STEP_DETAILS.cloudflareApi(ok({ accountId: '0123', icmpProxyEnabled: false })), english: 'ICMP proxy disabled' },
  {
    what: 'TCP through a middlebox',
    detail: STEP_DETAILS.tcp(ok({ target: '10.0.0.5', address: '10.0.0.5', port: 22, outcome: 'connected', ms: 0.42, errno: null, proxied: true })),
    english: 'connected in 0.4 ms, but so do ports that should be closed: a middlebox completes every handshake',
  },
  {
    what: 'TCP timeout',
    detail: STEP_DETAILS.tcp(ok({ target: '10.0.0.5', address: '10.0.0.5', port: 22, outcome: 'timeout', ms: null, errno: null })),
    english: 'timeout',
  },
  {
    what: 'echo answered',
    detail: STEP_DETAILS.icmp(
      ok({ target: '10.0.0.5', address: '10.0.0.5', probes: [], done: { type: 'done', job: 1, target: '10.0.0.5', sent: 4, received: 4, errors: 0, timeouts: 0, cancelled: false } }),
    ),
    english: '4 of 4 answered',
  },
  {
    what: 'path MTU black hole',
    detail: STEP_DETAILS.pathMtu(
      ok({ target: '10.0.0.5', address: '10.0.0.5', family: 4, steps: [], largestPassing: 1372, smallestFailing: 1400, reportedMtu: null, blackHole: true }),
    ),
    english: 'black hole: large packets vanish without an error',
  },
  {
    what: 'nothing passes',
    detail: STEP_DETAILS.pathMtu(
      ok({ target: '10.0.0.5', address: '10.0.0.5', family: 4, steps: [], largestPassing: null, smallestFailing: 56, reportedMtu: null, blackHole: false }),
    ),
    english: 'largest payload that passes: none',
  },
  {
    what: 'errors come back',
    detail: STEP_DETAILS.transparency(ok({ target: '10.0.0.5', address: '10.0.0.5', method: 'ttl', probes: [], errorReturned: true })),
    english: 'errors return and quote our probe',
  },
  {
    what: 'no error came back',
    detail: STEP_DETAILS.transparency(ok({ target: '10.0.0.5', address: '10.0.0.5', method: 'unreachable-address', probes: [], errorReturned: false })),
    english: 'no error came back',
  },
  {
    what: 'the path: a hop refused',
    detail: STEP_DETAILS.path(ok(REFUSED_TRACE)),
    english: '3 hop(s): hop 3 (10.210.2.2) refused the probes with "communication-administratively-prohibited".',
  },
  {
    what: 'the path: the target answered',
    detail: STEP_DETAILS.path(ok({ ...REFUSED_TRACE, reached: true, stoppedBy: 'target' as const })),
    english: '3 hop(s): 10.210.99.1 answered at hop 3.',
  },
];

function japanese(message: Message): string {
  const text = renderMessage(message, 'ja');
  assert.ok(!text.includes('[object Object]'), `a message was pasted into a string: ${text}`);
  assert.match(text, /[\u3040-\u30ff\u3400-\u9fff]/, `not Japanese: ${text}`);
  return text;
}

describe('wizard steps in the user’s language', () => {
  it('titles and reasons are messages, said in Japanese with no English prose', () => {
    for (const step of STEPS) {
      assert.equal(step.title.key, `step.${step.id}.title`);
      assert.equal(step.why.key, `step.${step.id}.why`);
      for (const text of [japanese(step.title), japanese(step.why)]) assert.deepEqual(englishProse(text), [], `${step.id}: ${text}`);
    }
  });

  it('each result says in English what the CLI has always printed, and in Japanese no English prose', () => {
    for (const { what, detail, english } of RESULTS) {
      assert.ok(detail.key.startsWith('step.'), `${what}: ${detail.key}`);
      assert.equal(renderMessage(detail, 'en'), english, what);
      const text = japanese(detail);
      assert.deepEqual(englishProse(text), [], `${what}: ${text}`);
    }
    // The facts stay as they are in Japanese too.
    assert.equal(renderMessage(RESULTS[4]!.detail, 'ja'), 'cloudflared（プロセス ID 812）、twingate（プロセス ID 90） が見つかりました');
    assert.equal(renderMessage(RESULTS[10]!.detail, 'ja'), '4 回中 4 回応答がありました');
  });

  it('a step that could not gather says the failure’s code and what it means, as a message', () => {
    const failure: Gathered<never> = { ok: false, code: 'NOT_FOUND', message: 'no cloudflared process and no log given', source: 'ps', at: AT };
    const detail = STEP_DETAILS.connectors(failure);
    assert.equal(detail.key, 'failure.cited');
    assert.equal(detail.params?.code, 'NOT_FOUND');
    assert.deepEqual(detail.params?.meaning, { key: 'failure.code.NOT_FOUND' });
    assert.equal(renderMessage(detail, 'en'), 'NOT_FOUND (not found): no cloudflared process and no log given');
    assert.ok(renderMessage(detail, 'ja').startsWith('NOT_FOUND（見つかりません）: '));
    // A gatherer that gives its reason as a message is said in Japanese through and through.
    const keyed: Gathered<never> = { ...failure, reason: { key: 'step.skip.no-connector-report' } };
    assert.deepEqual(englishProse(japanese(STEP_DETAILS.imports([keyed]))), []);
  });

  it('skip reasons are messages, in Japanese with no English prose', () => {
    const reasons = STEPS.map((step) => step.skipReason(defaultInputs())).filter((reason): reason is Message => reason !== null);
    assert.deepEqual(
      reasons.map((reason) => reason.key),
      ['step.skip.not-cloudflare', 'step.skip.not-cloudflare', 'step.skip.no-connector-report', 'step.skip.no-target', 'step.skip.no-target', 'step.skip.no-target', 'step.skip.no-target', 'step.skip.no-target'],
    );
    const cloudflare = { ...defaultInputs(), product: 'cloudflare' as const, target: '10.0.0.5' };
    const api = STEPS.find((step) => step.id === 'cloudflare-api');
    assert.equal(api?.skipReason(cloudflare)?.key, 'step.skip.no-account');
    assert.equal(api?.skipReason({ ...cloudflare, cloudflareAccountId: '0123456789abcdef0123456789abcdef' })?.key, 'step.skip.no-token');
    assert.equal(STEPS.find((step) => step.id === 'tcp')?.skipReason(cloudflare)?.key, 'step.skip.no-tcp-port');
    for (const reason of reasons) assert.deepEqual(englishProse(japanese(reason)), [], reason.key);
  });
});
