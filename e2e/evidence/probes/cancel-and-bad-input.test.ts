// The evidence probes in the lab when things are not normal: a signal aborts them mid-way,
// the request is malformed or hostile, a name does not resolve (or the resolver does not
// answer), and ICMP sockets are refused. Each case must come back as a Gathered failure with
// a specific code and message — no exception, no hang (the worker reports a case that outlives
// its deadline), no stray socket or timer (the worker exits on its own).

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { IcmpEchoResult, TcpProbeResult } from '../../../contract/evidence';
import { ADDRESSES, createLab, labUnavailableReason, type Lab } from '../../lab/lab';
import { hostsFileOnly, NAMES, refusingDns, unansweredDns } from '../../lab/names';
import { failureOf, runProbes, valueOf, type CaseOutcome, type ProbeCase } from './run-probes';
import type { ProbeName } from './workers/probe';

const skip = labUnavailableReason() ?? false;
const A = ADDRESSES;
/** Far longer than any case may take: only cancellation can end these probes in time. */
const LONG_MS = 60_000;
const ABORT_AFTER_MS = 300;
/** The four probes of the wizard API. */
type EvidenceProbe = Extract<ProbeName, 'tcp' | 'icmp' | 'pathMtu' | 'transparency'>;
const PROBES: readonly EvidenceProbe[] = ['tcp', 'icmp', 'pathMtu', 'transparency'];
/**
 * A name server that never answers, with glibc giving up after this many seconds. getaddrinfo
 * cannot be cancelled and Node's exit waits for it, so the worker lives that long after a probe
 * abandoned the lookup: short, but far beyond the abort and the deadline the cases use.
 */
const SILENT_DNS_S = 2;
const SILENT_DNS_GRACE_MS = SILENT_DNS_S * 1000 + 3000;

/** A valid request for each probe toward `target`. */
function requestFor(probe: EvidenceProbe, target: string): Record<string, unknown> {
  switch (probe) {
    case 'tcp':
      return { target, port: 8080, timeoutMs: LONG_MS };
    case 'icmp':
      return { target, count: 100, intervalMs: 1000, timeoutMs: LONG_MS };
    case 'pathMtu':
      return { target, timeoutMs: LONG_MS };
    case 'transparency':
      return { target, unreachableTarget: null, timeoutMs: LONG_MS };
  }
}

function assertFailure(outcome: CaseOutcome | undefined, what: string, code: string, message: RegExp): void {
  const failure = failureOf(outcome, what);
  assert.equal(failure.code, code, `${what}: ${failure.message}`);
  assert.match(failure.message, message, what);
  assert.ok(failure.source.length > 0, `${what}: the failure says where it came from`);
}

describe('evidence probes: cancellation, bad input, refused sockets', { skip, concurrency: 1 }, () => {
  let lab: Lab;
  before(async () => {
    lab = await createLab();
    await lab.setNameResolution('client', hostsFileOnly());
  });
  after(() => lab.destroy());

  describe('cancellation through CallOptions.signal', () => {
    let results: Record<string, CaseOutcome>;
    before(async () => {
      const blackhole = A.routes.blackhole.v4;
      results = await runProbes(lab, [
        // Probes that would wait a minute for the blackhole route, aborted after 300 ms.
        { name: 'tcp', probe: 'tcp', request: requestFor('tcp', blackhole), abortAfterMs: ABORT_AFTER_MS },
        { name: 'icmp', probe: 'icmp', request: requestFor('icmp', blackhole), abortAfterMs: ABORT_AFTER_MS },
        { name: 'pathMtu', probe: 'pathMtu', request: requestFor('pathMtu', blackhole), abortAfterMs: ABORT_AFTER_MS },
        { name: 'transparency', probe: 'transparency', request: { target: blackhole, unreachableTarget: blackhole, timeoutMs: LONG_MS }, abortAfterMs: ABORT_AFTER_MS },
        // Echo that is being answered, aborted while it streams.
        { name: 'icmp-streaming', probe: 'icmp', request: { target: A.server.main.v4, count: 100, intervalMs: 50, timeoutMs: 1000 }, abortAfterMs: ABORT_AFTER_MS },
        // Signals aborted before the call.
        ...PROBES.map((probe): ProbeCase => ({ name: `${probe}-before`, probe, request: requestFor(probe, A.server.main.v4), abortBefore: true })),
      ]);
    });

    for (const probe of PROBES) {
      it(`${probe}: a probe waiting on a silent path ends with CANCELLED when the signal aborts`, () => {
        assertFailure(results[probe], probe, 'CANCELLED', /cancelled/);
      });
      it(`${probe}: an already aborted signal gives CANCELLED without probing`, () => {
        assertFailure(results[`${probe}-before`], `${probe}-before`, 'CANCELLED', /cancelled/);
        assert.deepEqual(results[`${probe}-before`]?.streamed, []);
      });
    }

    it('path MTU: the message says how far the search got (the ceiling probe ran)', () => {
      assertFailure(results['pathMtu'], 'pathMtu', 'CANCELLED', /path-MTU search at 1472 bytes, after 1 probe/);
      const reason = failureOf(results['pathMtu'], 'pathMtu').reason;
      assert.deepEqual([reason?.key, reason?.params?.['size'], reason?.params?.['probes']], ['gather.path-mtu.step-failed', 1472, 1]);
      assert.deepEqual(results['pathMtu']?.streamed.map((p) => p.status), ['local-error']);
    });

    it('ICMP echo cancelled while replies stream: the replies streamed so far were delivered', () => {
      assertFailure(results['icmp-streaming'], 'icmp-streaming', 'CANCELLED', /cancelled after \d+ of 100 probe/);
      assert.equal(failureOf(results['icmp-streaming'], 'icmp-streaming').reason?.key, 'gather.probe.cancelled-after');
      const streamed = results['icmp-streaming']?.streamed ?? [];
      assert.ok(streamed.length >= 1, 'at least the first reply streamed before the abort');
      assert.ok(streamed.every((p) => p.status === 'reply'));
    });

    it('a name lookup that hangs is abandoned when the signal aborts', async () => {
      await lab.setNameResolution('client', unansweredDns(SILENT_DNS_S));
      try {
        const r = await runProbes(lab, [
          { name: 'tcp', probe: 'tcp', request: requestFor('tcp', NAMES.dual), abortAfterMs: ABORT_AFTER_MS, exitGraceMs: SILENT_DNS_GRACE_MS },
        ]);
        assertFailure(r['tcp'], 'tcp during lookup', 'CANCELLED', /name resolution was cancelled/);
      } finally {
        await lab.setNameResolution('client', hostsFileOnly());
      }
    });
  });

  describe('names', () => {
    let results: Record<string, CaseOutcome>;
    before(async () => {
      results = await runProbes(lab, [
        ...PROBES.map((probe): ProbeCase => ({ name: `unknown-${probe}`, probe, request: requestFor(probe, NAMES.unknown) })),
        ...PROBES.map((probe): ProbeCase => ({ name: `sinkhole-${probe}`, probe, request: requestFor(probe, NAMES.sinkhole) })),
        { name: 'unknown-unreachable-target', probe: 'transparency', request: { target: A.server.main.v4, unreachableTarget: NAMES.unknown } },
        { name: 'resolves', probe: 'icmp', request: { target: NAMES.v4Only, count: 1, timeoutMs: 1000 } },
      ]);
    });

    for (const probe of PROBES) {
      it(`${probe}: an unknown host name is NOT_FOUND, naming it`, () => {
        assertFailure(results[`unknown-${probe}`], probe, 'NOT_FOUND', /nosuch\.lab: unknown host/);
      });
      it(`${probe}: a name that resolves to 0.0.0.0 (a DNS sinkhole) is refused as no host`, () => {
        assertFailure(results[`sinkhole-${probe}`], probe, 'UNPARSEABLE', /sinkhole\.lab: resolves to 0\.0\.0\.0, which is the unspecified address/);
      });
    }

    it('transparency: an unknown unreachableTarget is NOT_FOUND too', () => {
      assertFailure(results['unknown-unreachable-target'], 'unreachableTarget', 'NOT_FOUND', /nosuch\.lab/);
    });

    it('a known name resolves through the system resolver, and the source says both', () => {
      const icmp = valueOf<IcmpEchoResult>(results['resolves'], 'icmp to a name');
      assert.deepEqual([icmp.target, icmp.address, icmp.probes[0]?.status], [NAMES.v4Only, A.server.main.v4, 'reply']);
      assert.match(results['resolves']?.result?.source ?? '', /server4\.lab \(10\.200\.2\.2\)/);
    });

    it('a resolver that refuses is FAILED, one that never answers is TIMEOUT at the deadline', async () => {
      const ask = (name: string): ProbeCase => ({ name, probe: 'resolve', request: { target: NAMES.dual, deadlineMs: 500 }, exitGraceMs: SILENT_DNS_GRACE_MS });
      try {
        await lab.setNameResolution('client', refusingDns());
        const refused = await runProbes(lab, [ask('refused')]);
        assertFailure(refused['refused'], 'refusing resolver', 'FAILED', /name resolution failed \(EAI_AGAIN\)/);
        await lab.setNameResolution('client', unansweredDns(SILENT_DNS_S));
        const silent = await runProbes(lab, [ask('silent')]);
        assertFailure(silent['silent'], 'silent resolver', 'TIMEOUT', /gave no answer within 500 ms/);
      } finally {
        await lab.setNameResolution('client', hostsFileOnly());
      }
    });
  });

  describe('malformed and hostile requests', () => {
    const server = A.server.main.v4;
    const bad: Array<[string, ProbeName, unknown, RegExp]> = [
      ['TCP port 0', 'tcp', { target: server, port: 0 }, /port must be a whole number from 1 to 65535; got 0/],
      ['TCP port 70000', 'tcp', { target: server, port: 70_000 }, /got 70000/],
      ['TCP port -1', 'tcp', { target: server, port: -1 }, /got -1/],
      ['TCP port as text', 'tcp', { target: server, port: '8080' }, /got "8080"/],
      ['ICMP count 0 (would never end)', 'icmp', { target: server, count: 0 }, /count must be a whole number from 1 to 100/],
      ['ICMP count 1e6', 'icmp', { target: server, count: 1e6 }, /count must be/],
      ['ICMP negative interval', 'icmp', { target: server, intervalMs: -5 }, /intervalMs must be/],
      ['a fractional timeout', 'pathMtu', { target: server, timeoutMs: 0.5 }, /timeoutMs must be/],
      ['an IPv4 address out of range', 'icmp', { target: '10.200.2.256' }, /not a valid IPv4 address/],
      ['a short IPv4 address', 'tcp', { target: '10.1', port: 80 }, /not a valid IPv4 address/],
      ['a malformed IPv6 address', 'pathMtu', { target: 'fd00:200:2::2::1' }, /not a valid IPv6 address/],
      ['an IPv4-mapped IPv6 address', 'icmp', { target: '::ffff:10.200.2.2' }, /IPv4-mapped.*give the IPv4 address 10\.200\.2\.2/],
      ['a multicast address', 'transparency', { target: '224.0.0.1', unreachableTarget: null }, /multicast/],
      ['the broadcast address', 'icmp', { target: '255.255.255.255' }, /broadcast/],
      ['a scoped IPv6 address', 'icmp', { target: 'fe80::1%c-router' }, /zone ids/],
      ['a non-text unreachableTarget', 'transparency', { target: server, unreachableTarget: 42 }, /unreachableTarget must be an IP address or a host name; got 42/],
      ['no target beside an unreachableTarget', 'transparency', { unreachableTarget: A.routes.unreachable.v4 }, /target must be an IP address or a host name; got undefined/],
      ['a 10,000-character target', 'tcp', { target: 'a'.repeat(10_000), port: 80 }, /not an IP address or a valid host name/],
      ['a target with control characters', 'icmp', { target: 'server.lab\n; rm -rf /' }, /not an IP address or a valid host name/],
      ['a numeric target', 'icmp', { target: 1 }, /target must be an IP address or a host name; got 1/],
      ['a null request', 'pathMtu', null, /the probe request must be an object; got null/],
      ['an array request', 'tcp', [server, 80], /the probe request must be an object; got a value of type array/],
      ['a text request', 'transparency', server, /the probe request must be an object/],
    ];
    let results: Record<string, CaseOutcome>;
    before(async () => {
      results = await runProbes(lab, [
        ...bad.map(([what, probe, request]): ProbeCase => ({ name: what, probe, request })),
        ...PROBES.map((probe): ProbeCase => ({ name: `undefined-${probe}`, probe, request: null, requestIsUndefined: true })),
      ]);
    });

    for (const [what, probe, , message] of bad) {
      it(`${probe}: ${what} → UNPARSEABLE, saying why`, () => {
        assertFailure(results[what], what, 'UNPARSEABLE', message);
      });
    }
    for (const probe of PROBES) {
      it(`${probe}: no request at all → UNPARSEABLE`, () => {
        assertFailure(results[`undefined-${probe}`], probe, 'UNPARSEABLE', /the probe request must be an object; got undefined/);
      });
    }
  });

  describe('where ICMP sockets are refused (the denied namespace, ping_group_range "1 0")', () => {
    let results: Record<string, CaseOutcome>;
    before(async () => {
      results = await runProbes(
        lab,
        [
          { name: 'icmp', probe: 'icmp', request: { target: '127.0.0.1', count: 1 } },
          { name: 'pathMtu', probe: 'pathMtu', request: { target: '::1' } },
          { name: 'transparency', probe: 'transparency', request: { target: '127.0.0.1', unreachableTarget: null } },
          { name: 'tcp', probe: 'tcp', request: { target: '127.0.0.1', port: 9 } },
        ],
        { ns: 'denied' },
      );
    });

    for (const probe of ['icmp', 'pathMtu', 'transparency'] as const) {
      it(`${probe}: PERMISSION_DENIED with the explanation: the range, our groups and the fix`, () => {
        assertFailure(results[probe], probe, 'PERMISSION_DENIED', /net\.ipv4\.ping_group_range is "1 0"[\s\S]*egid 65534[\s\S]*sudo sysctl -w net\.ipv4\.ping_group_range="/);
      });
    }

    it('TCP still works there: a closed port is refused, as evidence', () => {
      const tcp = valueOf<TcpProbeResult>(results['tcp'], 'tcp in denied');
      assert.deepEqual([tcp.outcome, tcp.errno], ['refused', 'ECONNREFUSED']);
    });
  });

  describe('TCP outcomes on the path', () => {
    let results: Record<string, CaseOutcome>;
    before(async () => {
      const tcp = (name: string, target: string, timeoutMs = 3000): ProbeCase => ({ name, probe: 'tcp', request: { target, port: 8080, timeoutMs } });
      results = await runProbes(lab, [
        tcp('prohibit-v4', A.routes.prohibit.v4),
        tcp('prohibit-v6', A.routes.prohibit.v6),
        tcp('no-route-v4', A.noRoute.v4),
        tcp('no-route-v6', A.noRoute.v6),
        tcp('blackhole', A.routes.blackhole.v4, 500),
        tcp('closed', A.server.main.v6),
      ]);
    });

    const expected: Array<[string, TcpProbeResult['outcome'], string | null]> = [
      ['prohibit-v4', 'unreachable', 'EHOSTUNREACH'],
      ['prohibit-v6', 'unreachable', 'EACCES'],
      ['no-route-v4', 'unreachable', 'ENETUNREACH'],
      ['no-route-v6', 'unreachable', 'ENETUNREACH'],
      ['blackhole', 'timeout', null],
      ['closed', 'refused', 'ECONNREFUSED'],
    ];
    for (const [name, outcome, errno] of expected) {
      it(`${name}: ${outcome}${errno ? ` (${errno})` : ''}`, () => {
        const tcp = valueOf<TcpProbeResult>(results[name], name);
        assert.deepEqual([tcp.outcome, tcp.errno], [outcome, errno]);
        assert.ok(tcp.ms !== null && tcp.ms >= 0);
      });
    }
  });
});
