import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { reportPlaceProblem } from './report-path';

describe('reportPlaceProblem', () => {
  let dir: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'icd-report-path-'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('a writable directory: no problem, and the probe file it created is gone', async () => {
    writeFileSync(join(dir, 'old.json'), '{}');
    assert.equal(await reportPlaceProblem('--report r.json', join(dir, 'r.json')), null);
    assert.equal(await reportPlaceProblem('--report old.json', join(dir, 'old.json')), null);
    assert.deepEqual(readdirSync(dir), ['old.json']);
  });

  it('refuses what no file can be written to, whoever runs it (root included)', async () => {
    mkdirSync(join(dir, 'sub'));
    execFileSync('mkfifo', [join(dir, 'fifo.json')]);
    const cases: Array<[string, RegExp]> = [
      ['/sys/r.json', /^--report x: no permission to create files in \/sys|read-only/],
      ['/proc/r.json', /^--report x: /],
      [join(dir, 'sub'), /this is a directory/],
      [join(dir, 'fifo.json'), /not a regular file/],
      [join(dir, 'nope', 'r.json'), /does not exist/],
      [join(dir, 'old.json', 'r.json'), /is not a directory/],
    ];
    for (const [path, why] of cases) assert.match((await reportPlaceProblem('--report x', path)) ?? 'no problem', why, path);
  });
});
