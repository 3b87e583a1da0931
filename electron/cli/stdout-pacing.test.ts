// Pacing and batching against a real pipe whose reader does not read: a child process that
// sleeps with our pipe as its stdin. The pipe fills, stdout reports `full`, `flushed` gives up
// after its timeout, and the reader's end ending releases whoever waits.

import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import type { Writable } from 'node:stream';
import { describe, it } from 'node:test';
import { stdoutPace, type Output } from './output';
import { BatchedOutput } from './ping-output-batch';

/** A pipe nobody reads: the write end, and the sleeping child holding the read end. */
function stalledPipe(): { pipe: Writable & NodeJS.WriteStream; reader: ChildProcess } {
  const reader = spawn('sleep', ['30'], { stdio: ['pipe', 'ignore', 'ignore'] });
  const pipe = reader.stdin as unknown as Writable & NodeJS.WriteStream;
  pipe.on('error', () => undefined); // EPIPE once the reader is killed
  return { pipe, reader };
}

/** Writes until the stream says stop; returns how much it took. */
function fill(pipe: Writable): number {
  const chunk = 'x'.repeat(16 * 1024);
  let written = 0;
  for (let i = 0; i < 1000; i += 1) {
    written += chunk.length;
    if (!pipe.write(chunk)) return written;
  }
  assert.fail('a pipe nobody reads took 16 MB without asking us to wait');
}

describe('stdoutPace', () => {
  it('is not full and is flushed when nothing waits', async () => {
    const { pipe, reader } = stalledPipe();
    const pace = stdoutPace(pipe);
    assert.equal(pace.full, false);
    assert.equal(await pace.flushed(0), true);
    await pace.drained();
    reader.kill();
  });

  it('a reader that stops reading: full, not flushed within the grace, released when the reader goes', async () => {
    const { pipe, reader } = stalledPipe();
    const pace = stdoutPace(pipe);
    fill(pipe);
    assert.equal(pace.full, true);
    assert.equal(await pace.flushed(50), false);
    let drained = false;
    const waiting = pace.drained().then(() => (drained = true));
    await new Promise((resolve) => setTimeout(resolve, 50));
    assert.equal(drained, false, 'drained() resolved while the pipe was still full');
    reader.kill();
    await waiting;
    assert.equal(pace.full, false);
  });
});

describe('BatchedOutput', () => {
  function recording(): Output & { writes: Array<['out' | 'error', string]> } {
    const writes: Array<['out' | 'error', string]> = [];
    return {
      writes,
      out: (text) => writes.push(['out', text]),
      error: (text) => writes.push(['error', text]),
      stdoutClosed: false,
      onStdoutClosed: () => undefined,
    };
  }

  it('writes many lines as one write, on the next turn of the event loop', async () => {
    const output = recording();
    const batched = new BatchedOutput(output);
    for (let i = 1; i <= 100; i += 1) batched.out(`line ${i}\n`);
    assert.deepEqual(output.writes, [], 'nothing written before the turn ends');
    await new Promise((resolve) => setImmediate(resolve));
    assert.equal(output.writes.length, 1);
    assert.equal(output.writes[0]?.[1], Array.from({ length: 100 }, (_, i) => `line ${i + 1}\n`).join(''));
  });

  it('keeps order across stdout and stderr, and writes a full batch at once', () => {
    const output = recording();
    const batched = new BatchedOutput(output);
    batched.out('a\n');
    batched.error('oops\n');
    batched.out('b\n');
    batched.out('x'.repeat(70 * 1024));
    assert.deepEqual(
      output.writes.map(([stream, text]) => [stream, text.length > 10 ? `${text.length} chars` : text]),
      [
        ['out', 'a\n'],
        ['error', 'oops\n'],
        ['out', `${2 + 70 * 1024} chars`],
      ],
    );
  });

  it('divertToStderr sends later stdout text to stderr, after what was batched', () => {
    const output = recording();
    const batched = new BatchedOutput(output);
    batched.out('probe line\n');
    batched.divertToStderr();
    batched.out('statistics\n');
    assert.deepEqual(output.writes, [
      ['out', 'probe line\n'],
      ['error', 'statistics\n'],
    ]);
  });
});
