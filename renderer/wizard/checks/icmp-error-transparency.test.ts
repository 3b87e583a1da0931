import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { TransparencyResult } from '../../../contract/evidence';
import type { Finding } from '../../../contract/findings';
import type { Message, MessageParam } from '../../../contract/message';
import type { ProbeEvent } from '../../../native/index';
import { msg } from '../../i18n/messages/message';
import { assertSaidInJapanese } from '../../../test-support/i18n/english-prose';
import { argvOf, bashSyntax } from '../../../test-support/remediation/bash';
import { firezoneDnsResourceRange } from './firezone';
import { checkIcmpErrorTransparency } from './icmp-error-transparency';
import {
  ECHO_REPLY,
  TRANSPARENCY_TTL_OK,
  TRANSPARENCY_TTL_SWALLOWED,
  TRANSPARENCY_UNREACHABLE_OK,
  TRANSPARENCY_UNREACHABLE_SWALLOWED,
} from '../../../test-support/checks/lab-captures';
import { evidence, gathered, inputs, notGathered, remediationText, repeated } from '../../../test-support/checks/evidence';

const withTarget = inputs({ target: '10.200.2.2', unreachableTarget: '10.200.9.2' });

/** The parameters of a message that must be there. */
function params(message: MessageParam | undefined): Readonly<Record<string, MessageParam>> {
  assert.ok(message && typeof message === 'object' && !Array.isArray(message) && 'key' in message, `a message, got ${JSON.stringify(message)}`);
  return (message as Message).params ?? {};
}

function value(capture: typeof TRANSPARENCY_UNREACHABLE_OK): TransparencyResult {
  assert.ok(capture.ok);
  return capture.value;
}

/** Errors come back, but quote a packet to 172.16.5.9 with another id: a NAT left the quote untranslated. */
function untranslatedQuote(): Finding {
  const ok = value(TRANSPARENCY_UNREACHABLE_OK);
  const probes = ok.probes.map((p) => (p.error?.original ? { ...p, error: { ...p.error, original: { ...p.error.original, dst: '172.16.5.9', id: 9999 } } } : p));
  return checkIcmpErrorTransparency(evidence((e) => (e.probes.transparency = gathered({ ...ok, probes, errorReturned: false }, 'transparency'))), withTarget);
}

/** The "unreachable" address (or, with TTL-limited probes, the target) answers every probe. */
function everyProbeAnswered(method: TransparencyResult['method']): Finding {
  const e = evidence((e) => (e.probes.transparency = gathered({ target: '10.200.2.2', address: '10.200.2.2', method, probes: repeated(ECHO_REPLY, 3), errorReturned: false }, 'transparency')));
  return checkIcmpErrorTransparency(e, inputs({ target: '10.200.2.2', unreachableTarget: method === 'unreachable-address' ? '10.200.2.2' : null }));
}

/** This host refused every probe (EPERM from the ping socket): nothing reached the network. */
function refusedLocally(): Finding {
  const refused: ProbeEvent = {
    ...ECHO_REPLY,
    status: 'local-error',
    address: null,
    rttMs: null,
    ttl: null,
    bytes: 0,
    error: { family: 4, origin: 'local', icmpType: null, icmpCode: null, name: 'operation-not-permitted', message: 'Operation not permitted', from: null, mtu: null, pointer: null, errno: 'EPERM', original: null },
  };
  const e = evidence((e) => (e.probes.transparency = gathered({ target: '10.200.9.2', address: '10.200.9.2', method: 'unreachable-address' as const, probes: repeated(refused, 3), errorReturned: false }, 'transparency')));
  return checkIcmpErrorTransparency(e, withTarget);
}

/** Swallowed errors toward Firezone DNS-resource addresses (one v4, or a v4 and a v6 one). */
function firezoneSwallowed(addresses: readonly string[]): Finding {
  const swallowed = value(TRANSPARENCY_UNREACHABLE_SWALLOWED);
  const [target, unreachable] = [addresses[0] ?? '', addresses[1] ?? null];
  const probes = swallowed.probes.map((p) => ({ ...p, target }));
  const e = evidence((e) => (e.probes.transparency = gathered({ ...swallowed, target, address: target, probes }, 'ICMP error-transparency probe from this host')));
  return checkIcmpErrorTransparency(e, inputs({ target, unreachableTarget: unreachable, product: 'firezone' }));
}

describe('icmp-error-transparency', () => {
  it('passes when the unreachable address draws an error that quotes our probe (lab capture)', () => {
    const f = checkIcmpErrorTransparency(evidence((e) => (e.probes.transparency = TRANSPARENCY_UNREACHABLE_OK)), withTarget);
    assert.equal(f.status, 'pass');
    assert.equal(f.reason?.key, 'icmp-error-transparency.errors-return');
    assert.deepEqual(params(f.reason).error, msg('probe.error', { name: 'Destination Host Unreachable', kind: 'ICMP 3/1', from: '10.200.1.1' }));
    assert.equal(params(f.reason).firezone, null);
    assert.equal(f.evidence[0]?.source, 'ICMP error-transparency probe from this host: echo to the should-be-unreachable 10.200.9.2');
    assert.equal(f.evidence[0]?.message?.key, 'icmp-error-transparency.tally');
    assert.deepEqual(params(f.evidence[0]?.message).method, msg('icmp-error-transparency.method.unreachable-address', { address: '10.200.9.2' }));
    const error = f.evidence[1]?.message;
    assert.equal(error?.key, 'icmp-error-transparency.error');
    assert.equal(params(error).seq, 1);
    assert.equal(params(params(error).error).name, 'Destination Host Unreachable');
    assert.equal(params(params(error).quote).dst, '10.200.9.2');
    assert.equal(params(params(error).quote).seq, 1);
  });

  it('on time exceeded from TTL-limited probes (lab capture) without a trace: passes for the first hop only, and says so', () => {
    const f = checkIcmpErrorTransparency(evidence((e) => (e.probes.transparency = TRANSPARENCY_TTL_OK)), inputs({ target: '10.200.2.2' }));
    assert.equal(f.status, 'pass');
    // Not "errors come back from the path": one hop answered, the rest was never tested.
    assert.deepEqual(f.reason, msg('trace.transparency.first-hop-only', { address: '10.200.1.1', firezone: null }));
    assert.deepEqual(params(f.evidence[0]?.message).method, msg('icmp-error-transparency.method.ttl', { address: '10.200.2.2' }));
  });

  it('fails when a router swallows its errors: silence instead of "unreachable", with a fix', () => {
    const f = checkIcmpErrorTransparency(evidence((e) => (e.probes.transparency = TRANSPARENCY_UNREACHABLE_SWALLOWED)), withTarget);
    assert.equal(f.status, 'fail');
    assert.deepEqual(f.reason, msg('icmp-error-transparency.errors-swallowed', { method: msg('icmp-error-transparency.method.unreachable-address', { address: '10.200.9.2' }), firezone: null }));
    assert.deepEqual(params(f.evidence[0]?.message).tally, msg('probe.tally', { sent: 3, replies: 0, errors: 0, timeouts: 3, refused: 0 }));
    const fixes = f.remediation.filter((r) => r.kind === 'command');
    assert.ok(fixes.length > 0);
    for (const fix of fixes) assert.ok(bashSyntax(fix.text).ok);
  });

  it('fails when TTL-limited probes time out before a larger TTL reaches the target (lab capture)', () => {
    const f = checkIcmpErrorTransparency(evidence((e) => (e.probes.transparency = TRANSPARENCY_TTL_SWALLOWED)), inputs({ target: '10.200.2.2' }));
    assert.equal(f.status, 'fail');
    assert.deepEqual(f.reason, msg('icmp-error-transparency.ttl-swallowed', { address: '10.200.2.2', timeouts: 2, reachedTarget: true, firezone: null }));
  });

  it('names Firezone\'s DNS-resource ranges and the gateway fix when the target is in one', () => {
    const f = firezoneSwallowed(['100.96.0.12']);
    assert.equal(f.status, 'fail');
    assert.equal(f.reason?.key, 'icmp-error-transparency.errors-swallowed');
    assert.deepEqual(params(f.reason).firezone, msg('icmp-error-transparency.firezone-note', { addresses: ['100.96.0.12'], ranges: ['100.96.0.0/11'] }));
    const range = f.evidence.find((item) => item.source === 'Firezone DNS resource ranges');
    assert.deepEqual(range?.message, msg('icmp-error-transparency.firezone-range', { address: '100.96.0.12', range: '100.96.0.0/11' }));
    const upgrade = f.remediation.find((r) => r.title.startsWith('Firezone: upgrade the gateway'));
    assert.deepEqual(argvOf(upgrade?.text.split(' && ')[0] ?? ''), ['docker', 'compose', 'pull', 'firezone-gateway']);
    // Two addresses in two ranges: both named, each range once.
    const both = firezoneSwallowed(['100.96.0.12', 'fd00:2021:1111:8000::a']);
    assert.deepEqual(params(both.reason).firezone, msg('icmp-error-transparency.firezone-note', { addresses: ['100.96.0.12', 'fd00:2021:1111:8000::a'], ranges: ['100.96.0.0/11', 'fd00:2021:1111:8000::/107'] }));
    assert.equal(firezoneDnsResourceRange('fd00:2021:1111:8000::a'), 'fd00:2021:1111:8000::/107');
    assert.equal(firezoneDnsResourceRange('fd00:2021:1111:8020::a'), null);
    assert.equal(firezoneDnsResourceRange('100.128.0.1'), null);
    assert.equal(firezoneDnsResourceRange('db.internal'), null);
  });

  it('fails when errors come back quoting some other packet (a NAT that did not translate the quote)', () => {
    const f = untranslatedQuote();
    assert.equal(f.status, 'fail');
    assert.equal(f.reason?.key, 'icmp-error-transparency.quote-untranslated');
    assert.equal(params(f.reason).address, '10.200.9.2');
    assert.equal(params(params(f.reason).error).name, 'Destination Host Unreachable');
    assert.deepEqual(params(f.reason).quote, msg('probe.quote', { dst: '172.16.5.9', id: 9999, seq: 1 }));
  });

  it('is unknown when the "unreachable" address answers, asking for a better one; likewise when TTL-limited probes reach the target', () => {
    const answered = everyProbeAnswered('unreachable-address');
    assert.equal(answered.status, 'unknown');
    assert.deepEqual(answered.reason, msg('icmp-error-transparency.unreachable-answered', { address: '10.200.2.2', firezone: null }));
    const reached = everyProbeAnswered('ttl');
    assert.equal(reached.status, 'unknown');
    assert.deepEqual(reached.reason, msg('icmp-error-transparency.ttl-reached-target', { address: '10.200.2.2', firezone: null }));
  });

  it('is unknown when this host refused every probe, pointing at local-icmp-socket', () => {
    const f = refusedLocally();
    assert.equal(f.status, 'unknown');
    assert.deepEqual(f.reason, msg('icmp-error-transparency.refused-locally', { tally: msg('probe.tally', { sent: 3, replies: 0, errors: 0, timeouts: 0, refused: 3 }), firezone: null }));
    assert.equal(remediationText(f), '');
  });

  it('is skipped without a target and unknown before the probe ran or when it failed', () => {
    const skipped = checkIcmpErrorTransparency(evidence(), inputs());
    assert.equal(skipped.status, 'skip');
    assert.equal(skipped.reason?.key, 'icmp-error-transparency.no-target');
    const notRun = checkIcmpErrorTransparency(evidence(), withTarget);
    assert.equal(notRun.status, 'unknown');
    assert.deepEqual(notRun.reason, msg('icmp-error-transparency.not-run', { firezone: null }));
    const failed = checkIcmpErrorTransparency(evidence((e) => (e.probes.transparency = notGathered('PERMISSION_DENIED', 'ICMP socket refused', 'transparency'))), withTarget);
    assert.equal(failed.status, 'unknown');
    assert.deepEqual(failed.reason, msg('icmp-error-transparency.probe-failed', { code: 'PERMISSION_DENIED', firezone: null }));
    assert.equal(failed.evidence[0]?.message?.key, 'failure.cited');
    assert.equal(params(failed.evidence[0]?.message).code, 'PERMISSION_DENIED');
    assert.equal(remediationText(failed), '');
  });

  it('says every branch in Japanese, with no English prose and no message pasted into a string', () => {
    const findings = [
      checkIcmpErrorTransparency(evidence(), inputs()),
      checkIcmpErrorTransparency(evidence(), inputs({ target: '100.96.0.12' })),
      // A failure's own words are its gatherer's (parts/gather.ts), not this check's: a bare errno here.
      checkIcmpErrorTransparency(evidence((e) => (e.probes.transparency = notGathered('PERMISSION_DENIED', 'EPERM', 'transparency'))), withTarget),
      checkIcmpErrorTransparency(evidence((e) => (e.probes.transparency = TRANSPARENCY_UNREACHABLE_OK)), withTarget),
      checkIcmpErrorTransparency(evidence((e) => (e.probes.transparency = TRANSPARENCY_TTL_OK)), inputs({ target: '10.200.2.2' })),
      checkIcmpErrorTransparency(evidence((e) => (e.probes.transparency = TRANSPARENCY_UNREACHABLE_SWALLOWED)), withTarget),
      checkIcmpErrorTransparency(evidence((e) => (e.probes.transparency = TRANSPARENCY_TTL_SWALLOWED)), inputs({ target: '10.200.2.2' })),
      firezoneSwallowed(['100.96.0.12']),
      firezoneSwallowed(['100.96.0.12', 'fd00:2021:1111:8000::a']),
      untranslatedQuote(),
      everyProbeAnswered('unreachable-address'),
      everyProbeAnswered('ttl'),
      refusedLocally(),
    ];
    const keys = new Set(findings.map((f) => f.reason?.key));
    assert.equal(keys.size, 11, `every summary of the check: ${[...keys].join(', ')}`);
    for (const f of findings) {
      for (const item of f.evidence) assert.ok(item.message, `evidence in our words is a message: ${item.detail}`);
      assertSaidInJapanese(f);
    }
  });

  describe('which socket the probes went through', () => {
    /** A raw socket saw errors that quote our probe but the rewritten destination 198.51.100.9. */
    function untranslatedViaRaw(): Finding {
      const ok = value(TRANSPARENCY_UNREACHABLE_OK);
      const probes: ProbeEvent[] = ok.probes.map((p) =>
        p.error?.original
          ? { ...p, socket: 'raw', error: { ...p.error, original: { ...p.error.original, dst: '198.51.100.9' }, untranslated: { quotedDestination: '198.51.100.9', from: p.error.from } } }
          : { ...p, socket: 'raw' },
      );
      return checkIcmpErrorTransparency(evidence((e) => (e.probes.transparency = gathered({ ...ok, probes, errorReturned: false }, 'transparency'))), withTarget);
    }

    /** Swallowed errors, seen through a ping socket. */
    function swallowedViaPing(): Finding {
      const swallowed = value(TRANSPARENCY_UNREACHABLE_SWALLOWED);
      const probes: ProbeEvent[] = swallowed.probes.map((p) => ({ ...p, socket: 'ping' }));
      return checkIcmpErrorTransparency(evidence((e) => (e.probes.transparency = gathered({ ...swallowed, probes }, 'transparency'))), withTarget);
    }

    it('names an untranslated error: who sent it, the destination it quotes, where the probe went', () => {
      const f = untranslatedViaRaw();
      assert.equal(f.status, 'fail');
      assert.equal(f.reason?.key, 'raw-socket.transparency.untranslated');
      assert.equal(params(f.reason)['quoted'], '198.51.100.9');
      assert.equal(params(f.reason)['target'], '10.200.9.2');
      assert.equal(params(f.reason)['from'], '10.200.1.1');
      assert.equal(f.evidence[0]?.message?.key, 'raw-socket.transparency.untranslated-error');
      assertSaidInJapanese(f);
    });

    it('through a ping socket, says untranslated and swallowed cannot be told apart and how to run with raw sockets', () => {
      const f = swallowedViaPing();
      assert.equal(f.status, 'fail');
      assert.equal(f.reason?.key, 'raw-socket.transparency.ping-socket');
      assert.equal((params(f.reason)['verdict'] as Message).key, 'icmp-error-transparency.errors-swallowed');
      assert.deepEqual(argvOf(String(params(f.reason)['command'])), ['sudo', 'icmp-doctor', 'check', '--socket', 'raw', '--target', '10.200.2.2', '--unreachable', '10.200.9.2']);
      assert.ok(f.remediation.some((r) => r.id === 'raw-socket.rerun-raw'));
      assertSaidInJapanese(f);
      // Through a raw socket, swallowed errors are called swallowed without the caveat.
      const swallowed = value(TRANSPARENCY_UNREACHABLE_SWALLOWED);
      const viaRaw: ProbeEvent[] = swallowed.probes.map((p) => ({ ...p, socket: 'raw' }));
      const raw = checkIcmpErrorTransparency(evidence((e) => (e.probes.transparency = gathered({ ...swallowed, probes: viaRaw }, 'transparency'))), withTarget);
      assert.equal(raw.reason?.key, 'icmp-error-transparency.errors-swallowed');
      assert.equal(raw.remediation.some((r) => r.id === 'raw-socket.rerun-raw'), false);
    });
  });
});
