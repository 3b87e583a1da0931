// resolveTarget with the real system resolver (dns.lookup → glibc getaddrinfo), run by the
// unprivileged user in lab namespaces whose hosts / nsswitch.conf / resolv.conf the lab sets
// (Lab.setNameResolution → /etc/netns/<ns>/, bind-mounted by `ip netns exec`):
//
//   client  hosts: files   server.lab (v4 + v6), server4.lab (v4 only), sinkhole.lab (0.0.0.0)
//   server  hosts: dns     one nameserver, behind the router's blackhole: every query times out (1 s)
//   router  the host's own files (localhost)
//
// (e2e/lab/names.ts has those files.)
//
// The cases run in e2e/core/workers/resolve.ts; getent (glibc's own client) is the witness
// for what the resolver answers and in which order.

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { ResolvedTarget } from '../../electron/core/ping/resolve-target';
import { ADDRESSES, createLab, labUnavailableReason, type Lab, type NsRole } from '../lab/lab';
import { hostsFileOnly, unansweredDns } from '../lab/names';
import { runWorker, type WorkerRun } from '../support/worker';
import type { ResolveCase, ResolveOutcome, WorkerOutput } from './workers/resolve';

const WORKER = 'e2e/core/workers/resolve.ts';
const SERVER = ADDRESSES.server.main;
/** resolv.conf `timeout:1 attempts:1`: one query, one second, then getaddrinfo gives up. */
const RESOLVER_TIMEOUT_MS = 1000;
const ABORT_AFTER_MS = 200;

const FILES_CASES: Record<string, ResolveCase> = {
  'dual-4': { input: 'server.lab', family: 4 },
  'dual-6': { input: 'server.lab', family: 6 },
  'dual-any': { input: 'server.lab' },
  'dual-trailing-dot': { input: 'server.lab.', family: 4 },
  'v4only-any': { input: 'server4.lab' },
  'v4only-6': { input: 'server4.lab', family: 6 },
  unknown: { input: 'nosuch.lab' },
  'unknown-4': { input: 'nosuch.lab', family: 4 },
  sinkhole: { input: 'sinkhole.lab' },
};

const FAILING_CASES: Record<string, ResolveCase> = {
  fails: { input: 'slow.lab' },
  'fails-6': { input: 'slow.lab', family: 6 },
  aborted: { input: 'slow.lab', abortAfterMs: ABORT_AFTER_MS },
  'literal-4': { input: '192.0.2.1' },
  'literal-6': { input: '2001:db8::5' },
  'literal-wrong-family': { input: '192.0.2.1', family: 6 },
  'malformed-label': { input: 'bad_host!' },
  'malformed-short-ipv4': { input: '10.1' },
  'malformed-empty-label': { input: 'a..b' },
};

const DEFAULT_CASES: Record<string, ResolveCase> = {
  'localhost-any': { input: 'localhost' },
  'localhost-4': { input: 'localhost', family: 4 },
};

describe('resolveTarget with the real resolver, unprivileged in the lab', { skip: labUnavailableReason() ?? false }, () => {
  let lab: Lab;
  const runs = new Map<NsRole, WorkerRun<WorkerOutput>>();

  function outcome(ns: NsRole, id: string): ResolveOutcome {
    const run = runs.get(ns);
    assert.ok(run?.output, `the ${ns} worker printed no result (exit ${run?.code}):\n${run?.stderr}`);
    const value = run.output.results[id];
    assert.ok(value, `no outcome for ${id}`);
    assert.ok(!('threw' in value), `${id} threw: ${'threw' in value ? value.threw : ''}`);
    return value;
  }

  function resolved(ns: NsRole, id: string): ResolvedTarget {
    const { result } = outcome(ns, id);
    assert.ok(result.ok, `${id}: ${JSON.stringify(result)}`);
    return result.value;
  }

  /** Addresses in the order glibc's getaddrinfo gives them, as `getent ahosts` (AF_UNSPEC) prints them. */
  async function getentOrder(ns: NsRole, name: string): Promise<string[]> {
    const r = await lab.exec(ns, ['getent', 'ahosts', name], { user: 'unprivileged', check: true });
    const addresses = r.stdout.split('\n').filter((line) => / STREAM/.test(line)).map((line) => line.split(/\s+/)[0] ?? '');
    return [...new Set(addresses)];
  }

  before(async () => {
    lab = await createLab();
    await Promise.all([
      lab.setNameResolution('client', hostsFileOnly()),
      lab.setNameResolution('server', unansweredDns(RESOLVER_TIMEOUT_MS / 1000)),
    ]);
    const work: Array<[NsRole, Record<string, ResolveCase>]> = [
      ['client', FILES_CASES],
      ['server', FAILING_CASES],
      ['router', DEFAULT_CASES],
    ];
    await Promise.all(
      work.map(async ([ns, cases]) => {
        runs.set(ns, await runWorker<WorkerOutput>(lab, ns, WORKER, [JSON.stringify(cases)], { user: 'unprivileged', timeoutMs: 30_000 }));
      }),
    );
  });
  after(() => lab?.destroy());

  it('the workers ran cleanly', () => {
    for (const [ns, run] of runs) {
      assert.equal(run.code, 0, `${ns}: ${run.stderr}`);
      assert.equal(run.stderr, '', ns);
    }
  });

  describe('hosts file (nsswitch "hosts: files")', () => {
    it('a dual-stack name resolves per family: -4 the A line, -6 the AAAA line', () => {
      assert.deepEqual(resolved('client', 'dual-4'), { input: 'server.lab', address: SERVER.v4, family: 4, isHostName: true });
      assert.deepEqual(resolved('client', 'dual-6'), { input: 'server.lab', address: SERVER.v6, family: 6, isHostName: true });
      assert.deepEqual(resolved('client', 'dual-trailing-dot'), { input: 'server.lab.', address: SERVER.v4, family: 4, isHostName: true });
    });

    it("no family: glibc's first answer, which is the IPv6 one (ULA before IPv4 in glibc's default precedence)", async () => {
      // glibc sorts by RFC 3484's default table (::/0 precedence 40, IPv4 as ::ffff:0:0/96 10),
      // not RFC 6724's (fc00::/7 3, below IPv4's 35); a `precedence` line in /etc/gai.conf changes it.
      const order = await getentOrder('client', 'server.lab');
      assert.deepEqual(order, [SERVER.v6, SERVER.v4], 'getent ahosts server.lab');
      assert.deepEqual(resolved('client', 'dual-any'), { input: 'server.lab', address: order[0], family: 6, isHostName: true });
      assert.deepEqual(resolved('client', 'v4only-any'), { input: 'server4.lab', address: SERVER.v4, family: 4, isHostName: true });
    });

    it('a v4-only name asked for IPv6 is an unknown host, and the message names the family', () => {
      assert.deepEqual(outcome('client', 'v4only-6').result, {
        ok: false,
        code: 'UNKNOWN_HOST',
        message: 'server4.lab: unknown host (no IPv6 address found, ENOTFOUND); check the name or give an IP address',
      });
    });

    it('a name in no file: UNKNOWN_HOST from EAI_NONAME (Node: ENOTFOUND), at once', () => {
      assert.deepEqual(outcome('client', 'unknown').result, {
        ok: false,
        code: 'UNKNOWN_HOST',
        message: 'nosuch.lab: unknown host (no address found, ENOTFOUND); check the name or give an IP address',
      });
      const four = outcome('client', 'unknown-4').result;
      assert.equal(!four.ok && four.message, 'nosuch.lab: unknown host (no IPv4 address found, ENOTFOUND); check the name or give an IP address');
    });

    it('a name the hosts file sinks to 0.0.0.0 is refused as NOT_UNICAST', () => {
      assert.deepEqual(outcome('client', 'sinkhole').result, {
        ok: false,
        code: 'NOT_UNICAST',
        message: 'sinkhole.lab: resolves to 0.0.0.0, which is the unspecified address, not a host; give a unicast host address',
      });
    });
  });

  describe('a resolver that never answers (nsswitch "hosts: dns", nameserver blackholed)', () => {
    it('RESOLVER_FAILED (glibc: EAI_AGAIN) after the resolv.conf timeout, not UNKNOWN_HOST', () => {
      for (const id of ['fails', 'fails-6']) {
        const { result, elapsedMs } = outcome('server', id);
        assert.deepEqual(result, {
          ok: false,
          code: 'RESOLVER_FAILED',
          message: 'slow.lab: name resolution failed (EAI_AGAIN); check the resolver (/etc/resolv.conf) or give an IP address',
        });
        assert.ok(elapsedMs >= RESOLVER_TIMEOUT_MS - 50, `${id}: gave up after ${elapsedMs} ms: the query really waited for the nameserver`);
      }
    });

    it('an abort while it waits ends the call at once with ABORTED', () => {
      const { result, elapsedMs } = outcome('server', 'aborted');
      assert.deepEqual(result, { ok: false, code: 'ABORTED', message: 'slow.lab: name resolution was cancelled' });
      assert.ok(elapsedMs >= ABORT_AFTER_MS - 5 && elapsedMs < RESOLVER_TIMEOUT_MS - 300, `ended ${elapsedMs} ms after the call`);
    });

    it('IP literals pass through without asking it', () => {
      for (const [id, address, family] of [['literal-4', '192.0.2.1', 4], ['literal-6', '2001:db8::5', 6]] as const) {
        const { result, elapsedMs } = outcome('server', id);
        assert.deepEqual(result, { ok: true, value: { input: address, address, family, isHostName: false } });
        assert.ok(elapsedMs < RESOLVER_TIMEOUT_MS / 2, `${id}: ${elapsedMs} ms`);
      }
      const wrong = outcome('server', 'literal-wrong-family').result;
      assert.equal(!wrong.ok && wrong.code, 'FAMILY_MISMATCH');
    });

    it('malformed names are refused before asking it', () => {
      for (const id of ['malformed-label', 'malformed-short-ipv4', 'malformed-empty-label']) {
        const { result, elapsedMs } = outcome('server', id);
        assert.equal(!result.ok && result.code, 'INVALID_TARGET', `${id}: ${JSON.stringify(result)}`);
        assert.ok(elapsedMs < RESOLVER_TIMEOUT_MS / 2, `${id}: ${elapsedMs} ms`);
      }
    });
  });

  describe("the host's own files (no /etc/netns directory for the namespace)", () => {
    it('localhost: glibc’s first answer with no family, 127.0.0.1 for IPv4', async () => {
      const order = await getentOrder('router', 'localhost');
      assert.ok(order.length > 0, 'getent ahosts localhost found it');
      const any = resolved('router', 'localhost-any');
      assert.deepEqual(any, { input: 'localhost', address: order[0], family: order[0]?.includes(':') ? 6 : 4, isHostName: true });
      assert.ok(any.address === '127.0.0.1' || any.address === '::1', any.address);
      assert.deepEqual(resolved('router', 'localhost-4'), { input: 'localhost', address: '127.0.0.1', family: 4, isHostName: true });
    });
  });
});
