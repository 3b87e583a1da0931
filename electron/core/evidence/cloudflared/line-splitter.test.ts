import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { LineSplitter } from './line-splitter';

function split(chunks: Buffer[], maxLineChars = 1000): string[] {
  const lines: string[] = [];
  const splitter = new LineSplitter(maxLineChars, (line) => lines.push(line));
  for (const chunk of chunks) splitter.push(chunk);
  splitter.end();
  return lines;
}

/** `text` cut into chunks of `size` bytes (cutting UTF-8 characters apart). */
function chunksOf(text: string, size: number): Buffer[] {
  const bytes = Buffer.from(text, 'utf8');
  const chunks: Buffer[] = [];
  for (let start = 0; start < bytes.length; start += size) chunks.push(bytes.subarray(start, start + size));
  return chunks;
}

describe('LineSplitter', () => {
  it('gives the same lines whatever the chunk size, with characters cut across chunks intact', () => {
    const text = 'première ligne\r\nzweite Zeile — ✓\n\nlast line without newline ☃';
    const expected = ['première ligne', 'zweite Zeile — ✓', '', 'last line without newline ☃'];
    for (const size of [1, 2, 3, 5, 7, 64, 1024]) assert.deepEqual(split(chunksOf(text, size)), expected, `chunk size ${size}`);
  });

  it('cuts a line longer than the limit and keeps going with the next one', () => {
    const text = `${'a'.repeat(10_000)}\nnext\n`;
    for (const size of [3, 4096, 1 << 20]) {
      const lines = split(chunksOf(text, size), 100);
      assert.deepEqual(lines, ['a'.repeat(100), 'next'], `chunk size ${size}`);
    }
  });

  it('holds no more than the limit of an endless line', () => {
    const lines: string[] = [];
    const splitter = new LineSplitter(16, (line) => lines.push(line));
    const chunk = Buffer.alloc(1 << 20, 0x41);
    for (let i = 0; i < 64; i += 1) splitter.push(chunk); // 64 MB without a newline
    splitter.end();
    assert.deepEqual(lines, ['A'.repeat(16)]);
  });
});
