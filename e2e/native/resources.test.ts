// No descriptor or thread outlives its session: 10,000 probes, 1,000 sessions opened, used and
// closed, and 200 sessions dropped without close() and collected.

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ADDRESSES, createLab, labUnavailableReason, type Lab } from '../lab/lab';
import { runWorkerOk } from '../support/worker';
import type { ResourcesWorkerOutput } from './workers/resources';

describe('resources: fds and threads come back', { skip: labUnavailableReason() ?? false }, () => {
  let lab: Lab;
  let output: ResourcesWorkerOutput;
  before(async () => {
    lab = await createLab();
    output = await runWorkerOk<ResourcesWorkerOutput>(lab, 'client', 'e2e/native/workers/resources.ts', [ADDRESSES.server.main.v4], {
      user: 'unprivileged',
      nodeFlags: ['--expose-gc'],
      timeoutMs: 120_000,
    });
  });
  after(() => lab?.destroy());

  it('10,000 probes were all answered', () => {
    assert.deepEqual(output.probes, { sent: 10_000, received: 10_000 });
  });

  it('open sessions do hold descriptors and threads (the measurement can see a leak)', () => {
    // Each open session: a worker thread, epoll, timerfd, eventfd and one socket.
    assert.ok(output.whileOpen.fds >= output.baseline.fds + 50 * 4, JSON.stringify(output));
    assert.ok(output.whileOpen.threads >= output.baseline.threads + 50, JSON.stringify(output));
  });

  it('after 10,000 probes, 1,000 sessions and 200 collected sessions, counts are back to the baseline', () => {
    assert.deepEqual(output.afterProbes, output.baseline);
    assert.deepEqual(output.afterSessions, output.baseline);
    assert.deepEqual(output.afterCollected, output.baseline);
  });
});
