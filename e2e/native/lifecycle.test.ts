// How a Session lives and ends: keeping Node alive only while it has work, cancellation,
// close(), misuse from JS, per-probe TTL and DF on shared sockets.

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { JobDoneEvent, ProbeEvent } from '../../native/index';
import { ADDRESSES, createLab, labUnavailableReason, type Lab } from '../lab/lab';
import { runWorker, runWorkerOk } from '../support/worker';

const WORKER = 'e2e/native/workers/lifecycle.ts';
const SERVER = ADDRESSES.server.main.v4;
const ROUTER = ADDRESSES.router.client.v4;

type Err = { name: string; code: string | null; message: string } | null;

describe('session lifecycle', { skip: labUnavailableReason() ?? false }, () => {
  let lab: Lab;
  before(async () => {
    lab = await createLab();
  });
  after(() => lab?.destroy());

  const run = <T>(mode: string, ...targets: string[]) => runWorkerOk<T>(lab, 'client', WORKER, [mode, ...targets], { user: 'unprivileged', timeoutMs: 20_000 });

  it('an idle session does not keep the process alive', async () => {
    const result = await runWorker(lab, 'client', WORKER, ['idle-exit'], { user: 'unprivileged', timeoutMs: 10_000 });
    assert.equal(result.code, 0, result.stderr);
  });

  it('a finished job does not keep the process alive, even without close()', async () => {
    const result = await runWorker<JobDoneEvent>(lab, 'client', WORKER, ['done-exit', SERVER], { user: 'unprivileged', timeoutMs: 10_000 });
    assert.equal(result.code, 0, result.stderr);
    assert.equal(result.output?.received, 2);
  });

  it('an exception thrown by onEvents is an uncaught exception, not a crash', async () => {
    const result = await runWorker(lab, 'client', WORKER, ['callback-throws', SERVER], { user: 'unprivileged', timeoutMs: 10_000 });
    assert.equal(result.code, 1);
    assert.match(result.stderr, /boom from onEvents/);
    assert.doesNotMatch(result.stderr, /Segmentation|SIGSEGV|panicked|core dumped/);
  });

  it('cancel() ends an endless job with done.cancelled and the probes it sent', async () => {
    const { done, probes } = await run<{ done: JobDoneEvent; probes: number }>('cancel', SERVER);
    assert.equal(done.cancelled, true);
    assert.ok(done.sent >= 2 && done.sent === probes, JSON.stringify({ done, probes }));
    assert.equal(done.received, probes);
  });

  it('close() with running jobs still delivers their done events, cancelled', async () => {
    const { dones, info } = await run<{ dones: JobDoneEvent[]; info: { closed: boolean } }>('close-active', SERVER, ADDRESSES.routes.blackhole.v4);
    assert.equal(info.closed, true);
    assert.deepEqual(dones.map((d) => [d.target, d.cancelled]).sort(), [[SERVER, true], [ADDRESSES.routes.blackhole.v4, true]]);
  });

  it('after close(): ping() throws ERR_SESSION_CLOSED, close() and cancel() stay harmless', async () => {
    const result = await run<{ ping: Err; closeAgain: Err; cancel: Err; info: { closed: boolean } }>('after-close', SERVER);
    assert.equal(result.ping?.code, 'ERR_SESSION_CLOSED');
    assert.equal(result.closeAgain, null);
    assert.equal(result.cancel, null);
    assert.equal(result.info.closed, true);
  });

  it('methods on foreign objects throw a TypeError instead of touching memory; the class needs new', async () => {
    const result = await run<Record<string, Err>>('foreign-this', SERVER);
    for (const method of ['close', 'ping', 'info']) {
      // V8's own receiver check ("Illegal invocation") or, for objects that pass it, our type tag.
      assert.equal(result[method]?.name, 'TypeError', method);
      assert.ok(result[method]?.code === 'ERR_INVALID_THIS' || /Illegal invocation/.test(result[method]?.message ?? ''), method);
    }
    assert.equal(result.constructWithoutNew?.code, 'ERR_CONSTRUCT_CALL_REQUIRED');
  });

  it('per-probe TTL: interleaved TTL-1 and default-TTL probes to one host each get their own answer', async () => {
    const { probes, dones } = await run<{ probes: ProbeEvent[]; dones: JobDoneEvent[] }>('mixed-ttl', SERVER);
    const byJob = new Map<number, ProbeEvent[]>();
    for (const probe of probes) byJob.set(probe.job, [...(byJob.get(probe.job) ?? []), probe]);
    const [ttlOne, normal] = [...byJob.keys()].sort().map((job) => byJob.get(job)!);
    assert.equal(ttlOne!.length, 20);
    assert.equal(normal!.length, 20);
    assert.ok(ttlOne!.every((p) => p.status === 'icmp-error' && p.error?.name === 'ttl-exceeded' && p.address === ROUTER));
    assert.ok(normal!.every((p) => p.status === 'reply' && p.address === SERVER && p.ttl === 63));
    assert.deepEqual(new Set(probes.map((p) => p.wireSeq)).size, 40, 'wire seqs are unique per destination');
    assert.deepEqual(dones.map((d) => d.sent), [20, 20]);
  });

  it('DF probes ignore the cached path MTU: every one draws frag-needed; an oversize one fails locally with the MTU', async () => {
    const { probes } = await run<{ probes: ProbeEvent[] }>('df-repeat', ADDRESSES.server.mtu.v4);
    const big = probes.filter((p) => p.error?.origin !== 'local');
    assert.equal(big.length, 3);
    for (const probe of big) {
      assert.equal(probe.status, 'icmp-error');
      assert.equal(probe.error?.name, 'fragmentation-needed');
      assert.equal(probe.error?.mtu, 1280);
    }
    const local = probes.find((p) => p.error?.origin === 'local');
    assert.equal(local?.status, 'local-error');
    assert.equal(local?.error?.name, 'message-too-long');
    assert.equal(local?.error?.errno, 'EMSGSIZE');
    assert.equal(local?.error?.mtu, 1500);
    assert.equal(local?.error?.message, 'local error: Message too long, mtu=1500');
    assert.equal(local?.error?.original?.dst, ADDRESSES.server.mtu.v4);
  });
});
